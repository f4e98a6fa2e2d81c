import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DaemonClient } from '../../cli/client.js';
import { LocalProposer, Store, type ServiceSpec } from '../../store/index.js';
import {
  makeNetwork,
  makeNode,
  makeSecret,
  makeService,
  makeTask,
  testEncrypter,
} from '../../store/testing.js';
import type { EventsResponse__Output } from '../gen/tsorch/v1/EventsResponse.js';
import type { ExplainTasksResponse__Output } from '../gen/tsorch/v1/ExplainTasksResponse.js';
import type { ListServicesResponse__Output } from '../gen/tsorch/v1/ListServicesResponse.js';
import type { ListTasksResponse__Output } from '../gen/tsorch/v1/ListTasksResponse.js';
import type { ServiceInfo__Output } from '../gen/tsorch/v1/ServiceInfo.js';
import { specFromProto, specToProto } from './convert.js';
import { serviceServices } from './service.js';

let dir: string;
let server: grpc.Server;
let store: Store;
let daemon: DaemonClient;
let client: grpc.Client;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsorch-svcapi-'));
  store = new Store({
    encrypter: testEncrypter(),
    clockMs: () => Date.parse('2026-01-01T00:00:00Z'),
  });
  store.setProposer(new LocalProposer(store));
  server = new grpc.Server();
  for (const b of serviceServices({ store, clockMs: () => Date.parse('2026-01-01T00:00:00Z') }))
    server.addService(b.definition, b.implementation);
  const address = `unix:${join(dir, 'tsorch.sock')}`;
  await new Promise<void>((resolve, reject) => {
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err) => {
      if (err === null) resolve();
      else reject(err);
    });
  });
  daemon = new DaemonClient(address);
  client = daemon.service('services', 'Services');
});

afterEach(async () => {
  daemon.close();
  await new Promise<void>((resolve) => {
    server.tryShutdown(() => {
      resolve();
    });
  });
  rmSync(dir, { recursive: true, force: true });
});

const call = <R>(method: string, req: unknown): Promise<R> => daemon.unary<R>(client, method, req);

function webSpec(name = 'web', replicas = 2) {
  const spec = specToProto(makeService('x', name).spec);
  spec.mode = { kind: 'replicated', replicas };
  return spec;
}

describe('Services over gRPC', () => {
  it('creates, gets, lists, scales, updates, rolls back and removes a service', async () => {
    const created = await call<{ service: ServiceInfo__Output }>('createService', {
      spec: webSpec(),
    });
    expect(created.service).toMatchObject({ specVersion: '1', desiredTasks: '2' });
    expect(created.service.spec?.update?.failureAction).toBe('rollback');

    const got = await call<{ service: ServiceInfo__Output }>('getService', { service: 'web' });
    expect(got.service.id).toBe(created.service.id);

    const listed = await call<ListServicesResponse__Output>('listServices', {
      modes: ['replicated'],
    });
    expect(listed.services.map((s) => s.spec?.name)).toEqual(['web']);

    const scaled = await call<{ service: ServiceInfo__Output }>('scaleService', {
      service: 'web',
      replicas: 5,
    });
    expect(scaled.service.spec?.mode).toMatchObject({ kind: 'replicated', replicas: '5' });

    const spec = scaled.service.spec;
    if (spec?.task?.container == null) throw new Error('no spec');
    spec.task.container.image = 'nginx:1';
    const updated = await call<{ service: ServiceInfo__Output }>('updateService', {
      service: 'web',
      version: scaled.service.version,
      spec,
      force: true,
    });
    expect(updated.service).toMatchObject({ specVersion: '3' });
    expect(updated.service.spec?.task?.forceUpdate).toBe('1');
    expect(updated.service.previousSpec?.task?.container?.image).toBe('busybox:latest');

    const rolled = await call<{ service: ServiceInfo__Output }>('rollbackService', {
      service: 'web',
    });
    expect(rolled.service.spec?.task?.container?.image).toBe('busybox:latest');
    expect(rolled.service.updateStatus?.state).toBe('rollback-started');

    await expect(call('removeService', { service: 'web' })).resolves.toEqual({
      id: created.service.id,
    });
    await expect(call('getService', { service: 'web' })).rejects.toMatchObject({
      code: 'STORE_NOT_FOUND',
      message: 'Service "web" not found',
    });
  });

  it('carries every field of a spec over the wire and back', async () => {
    await store.update((tx) => {
      tx.create('networks', makeNetwork('net1', 'backend'));
      tx.create('secrets', makeSecret('sec1', 'pw', 'x'));
    });
    const full: ServiceSpec = {
      ...makeService('x', 'full').spec,
      labels: { tier: 'front' },
      mode: { kind: 'replicated', replicas: 3 },
      update: {
        parallelism: 2,
        delayMs: 1000,
        failureAction: 'pause',
        monitorMs: 3000,
        maxFailureRatio: 0.5,
        order: 'start-first',
      },
      rollback: {
        parallelism: 1,
        delayMs: 0,
        failureAction: 'continue',
        monitorMs: 1000,
        maxFailureRatio: 0,
        order: 'stop-first',
      },
      endpoint: {
        mode: 'vip',
        ports: [
          {
            name: 'http',
            protocol: 'tcp',
            targetPort: 80,
            publishedPort: 8080,
            publishMode: 'ingress',
            hostIp: '127.0.0.1',
          },
          { protocol: 'udp', targetPort: 53, publishedPort: 0, publishMode: 'host' },
        ],
      },
    };
    full.task = {
      container: {
        image: 'nginx:1',
        cmd: ['-g', 'daemon off;'],
        entrypoint: [],
        env: ['A=1'],
        workingDir: '/srv',
        user: 'www',
        hostname: 'h',
        mounts: [
          { type: 'volume', name: 'data', target: '/data', readonly: true },
          { type: 'volume', name: undefined, target: '/anon', readonly: false },
          { type: 'bind', source: '/etc/x', target: '/x', readonly: false },
          { type: 'tmpfs', target: '/t', sizeBytes: 1024 },
        ],
        readOnly: true,
        capAdd: ['NET_ADMIN'],
        capDrop: ['ALL'],
        privileged: false,
        init: true,
        ulimits: [{ name: 'nofile', soft: 10, hard: 20 }],
        sysctls: { 'net.core.somaxconn': '1024' },
        labels: { c: 'd' },
        healthcheck: {
          test: ['CMD', 'true'],
          intervalMs: 1000,
          timeoutMs: 2000,
          retries: 3,
          startPeriodMs: 0,
          startIntervalMs: 0,
        },
        stopSignal: 'SIGQUIT',
        stopTimeoutS: 0,
        shmSizeBytes: 65536,
        dns: { nameservers: ['1.1.1.1'], search: ['x'], options: ['ndots:2'] },
        secrets: [
          { id: 'sec1', name: 'pw', target: '/run/secrets/pw', uid: '0', gid: '0', mode: 0o400 },
        ],
      },
      resources: {
        limits: { nanoCpus: 500_000_000, memoryBytes: 128 * 1024 ** 2, pids: 100 },
        reservations: { nanoCpus: 100_000_000, memoryBytes: 64 * 1024 ** 2 },
      },
      restartPolicy: { condition: 'on-failure', delayMs: 2000, maxAttempts: 3, windowMs: 60_000 },
      placement: {
        constraints: ['node.labels.zone==a'],
        preferences: [{ spread: 'node.labels.rack' }],
        maxReplicasPerNode: 2,
        platforms: [{ os: 'linux', architecture: 'amd64' }],
      },
      networks: [{ target: 'net1', aliases: ['www'] }],
      forceUpdate: 0,
    };
    const created = await call<{ service: ServiceInfo__Output }>('createService', {
      spec: specToProto(full),
    });
    expect(specFromProto(created.service.spec)).toEqual(full);
    expect(store.view((tx) => tx.getByName('services', 'full'))?.spec).toEqual(full);
  });

  it.each([
    ['a missing spec', 'createService', {}, 'INVALID_ARGUMENT', 'Missing spec'],
    [
      'a missing mode',
      'createService',
      { spec: { ...webSpec(), mode: null } },
      'INVALID_ARGUMENT',
      'Missing spec.mode',
    ],
    [
      'a missing task template',
      'createService',
      { spec: { ...webSpec(), task: null } },
      'INVALID_ARGUMENT',
      'Missing spec.task',
    ],
    [
      'a bad mode',
      'createService',
      { spec: { ...webSpec(), mode: { kind: 'sharded' } } },
      'INVALID_ARGUMENT',
      'spec.mode.kind: must be one of',
    ],
    [
      'negative replicas',
      'createService',
      { spec: webSpec('web', -1) },
      'INVALID_ARGUMENT',
      'spec.mode.replicas',
    ],
    [
      'an unknown service',
      'updateService',
      { service: 'nope', spec: webSpec('nope') },
      'STORE_NOT_FOUND',
      'Service "nope" not found',
    ],
    [
      'an unknown service to scale',
      'scaleService',
      { service: 'nope', replicas: 1 },
      'STORE_NOT_FOUND',
      'not found',
    ],
    [
      'an unknown service to roll back',
      'rollbackService',
      { service: 'nope' },
      'STORE_NOT_FOUND',
      'not found',
    ],
    [
      'an unknown service to remove',
      'removeService',
      { service: 'nope' },
      'STORE_NOT_FOUND',
      'not found',
    ],
    ['an empty service', 'getService', { service: '' }, 'INVALID_ARGUMENT', 'Missing service'],
    [
      'a bad mode filter',
      'listServices',
      { modes: ['x'] },
      'INVALID_ARGUMENT',
      'Invalid filter "mode=x"',
    ],
    [
      'a bad desired state',
      'listTasks',
      { desiredStates: ['x'] },
      'INVALID_ARGUMENT',
      'desired-state=x',
    ],
    [
      'an unknown service to explain',
      'explainTasks',
      { service: 'nope' },
      'STORE_NOT_FOUND',
      'not found',
    ],
  ])('refuses %s with its code and message', async (_, method, req, code, message) => {
    await expect(call(method, req)).rejects.toMatchObject({
      code,
      message: expect.stringContaining(message) as unknown,
    });
  });

  it('refuses a stale version and a taken name', async () => {
    const { service } = await call<{ service: ServiceInfo__Output }>('createService', {
      spec: webSpec(),
    });
    await call('scaleService', { service: 'web', replicas: 3 });
    await expect(
      call('updateService', { service: 'web', version: service.version, spec: service.spec }),
    ).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
    await expect(call('createService', { spec: webSpec() })).rejects.toMatchObject({
      code: 'STORE_EXISTS',
    });
  });

  it('lists tasks with their node hostnames and explains pending ones', async () => {
    const { service } = await call<{ service: ServiceInfo__Output }>('createService', {
      spec: webSpec(),
    });
    await store.update((tx) => {
      tx.create(
        'nodes',
        makeNode('n1', 'node-a', { spec: { labels: {}, role: 'worker', availability: 'drain' } }),
      );
      tx.create('tasks', makeTask('t1', service.id, 1, { state: 'RUNNING', nodeId: 'n1' }));
      tx.create('tasks', makeTask('t2', service.id, 2, { state: 'PENDING' }));
    });
    const { tasks } = await call<ListTasksResponse__Output>('listTasks', { services: ['web'] });
    expect(tasks.map((t) => [t.name, t.nodeHostname, t.state])).toEqual([
      ['web.1', 'node-a', 'RUNNING'],
      ['web.2', '', 'PENDING'],
    ]);
    const explained = await call<ExplainTasksResponse__Output>('explainTasks', { service: 'web' });
    expect(explained.tasks).toEqual([
      expect.objectContaining({
        taskName: 'web.2',
        fitsNow: false,
        nodes: [expect.objectContaining({ hostname: 'node-a', nodeId: 'n1' })],
        lines: [
          expect.stringMatching(/^no suitable node/),
          expect.stringMatching(/^ {2}node-a \(n1\): /),
        ],
      }),
    ]);
  });

  it('streams events filtered by type, replayed from a version, until the client cancels', async () => {
    await store.update((tx) => tx.create('nodes', makeNode('n1', 'node-a')));
    await call('createService', { spec: webSpec('a') });
    await call('createService', { spec: webSpec('b') });
    const abort = new AbortController();
    const received: EventsResponse__Output[] = [];
    for await (const e of daemon.stream<EventsResponse__Output>(
      client,
      'events',
      { types: ['service'], sinceVersion: 1, hasSince: true },
      { signal: abort.signal },
    )) {
      received.push(e);
      if (received.length === 2) abort.abort();
    }
    expect(received.map((e) => [e.type, e.action, e.attributes['name']])).toEqual([
      ['service', 'create', 'a'],
      ['service', 'create', 'b'],
    ]);
  });

  it('refuses an unknown event type', async () => {
    const events = daemon.stream(client, 'events', { types: ['container'] });
    await expect(events.next()).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('type=container') as unknown,
    });
  });
});
