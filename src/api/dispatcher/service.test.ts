import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, localStore, next, testDispatcher } from '../../manager/dispatcher/testing.js';
import type { NodeDescription } from '../../store/index.js';
import { makeNode, makeSecret, makeTask } from '../../store/testing.js';
import { hasCode } from '../../util/errors.js';
import { connectDispatcher, type DispatcherConnection } from './client.js';
import { dispatcherServices } from './service.js';

const description: NodeDescription = {
  hostname: 'local',
  platform: { os: 'linux', architecture: 'amd64' },
  resources: { nanoCpus: 1e9, memoryBytes: 2 ** 30 },
  engine: { runtime: 'runc', version: '1.1.5', labels: {} },
};

const undo: (() => unknown)[] = [];
afterEach(async () => {
  for (const u of undo.splice(0).reverse()) await u();
});

async function serve(): Promise<{
  conn: DispatcherConnection;
  store: ReturnType<typeof localStore>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'tsorch-disp-'));
  undo.push(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const clock = new FakeClock();
  const store = localStore(clock);
  await store.update((tx) => {
    tx.create('nodes', makeNode('local1', 'local'));
    tx.create('secrets', makeSecret('s1', 'pw', 'hunter2'));
  });
  const dispatcher = testDispatcher(store, clock);
  const server = new grpc.Server();
  for (const b of dispatcherServices(dispatcher, { localNodeId: 'local1' }))
    server.addService(b.definition, b.implementation);
  const socket = join(dir, 'd.sock');
  await new Promise<void>((resolve, reject) => {
    server.bindAsync(`unix:${socket}`, grpc.ServerCredentials.createInsecure(), (err) => {
      if (err === null) resolve();
      else reject(err);
    });
  });
  undo.push(() => {
    dispatcher.close();
    server.forceShutdown();
  });
  const conn = connectDispatcher(`unix:${socket}`);
  undo.push(() => {
    conn.close();
  });
  return { conn, store };
}

describe('Dispatcher over gRPC on a unix socket', () => {
  it('identifies the caller as the local node and carries the whole protocol', async () => {
    const { conn, store } = await serve();
    const abort = new AbortController();
    undo.push(() => {
      abort.abort();
    });
    const session = conn.session({ description, advertiseAddr: '' }, { signal: abort.signal });
    const sit = session[Symbol.asyncIterator]();
    const first = await next(sit);
    expect(first.nodeId).toBe('local1');
    expect(store.view((tx) => tx.get('nodes', 'local1'))?.status.state).toBe('ready');
    const sessionId = first.sessionId;

    expect((await conn.heartbeat(sessionId)).periodMs).toBeGreaterThanOrEqual(5000);
    const spec = makeTask('t1', 'svc', 1).spec;
    const withSecret = {
      ...spec,
      container: {
        ...spec.container,
        secrets: [{ id: 's1', name: 'pw', target: 'pw', uid: '0', gid: '0', mode: 0o400 }],
      },
    };
    await store.update((tx) => {
      tx.create(
        'tasks',
        makeTask('t1', 'svc', 1, { nodeId: 'local1', state: 'ASSIGNED', spec: withSecret }),
      );
    });
    const ait = conn.assignments(sessionId, { signal: abort.signal })[Symbol.asyncIterator]();
    const complete = await next(ait);
    expect(complete.type).toBe('complete');
    const secret = complete.changes[0];
    expect(secret?.action === 'update' && secret.kind === 'secret' && secret.object).toMatchObject({
      id: 's1',
      spec: { data: new TextEncoder().encode('hunter2') },
    });
    const task = complete.changes[1];
    expect(task?.action === 'update' && task.object.id).toBe('t1');

    const res = await conn.updateTaskStatus(sessionId, [
      {
        taskId: 't1',
        status: {
          state: 'RUNNING',
          timestamp: '2026-12-01T00:00:01.000Z',
          message: 'started',
          containerId: 'c1',
          pid: 42,
        },
      },
    ]);
    expect(res.applied).toBe(1);
    expect(store.view((tx) => tx.get('tasks', 't1'))?.status).toEqual({
      state: 'RUNNING',
      timestamp: '2026-12-01T00:00:01.000Z',
      message: 'started',
      containerId: 'c1',
      pid: 42,
    });
    const inc = await next(ait);
    expect(inc.type).toBe('incremental');

    const err = await conn.heartbeat('nope').catch((e: unknown) => e);
    expect(hasCode(err, 'DISPATCHER_SESSION_INVALID')).toBe(true);
    abort.abort();
  });

  it('rebuilds the typed error of a refused session', async () => {
    const { conn, store } = await serve();
    await store.update((tx) => {
      tx.delete('nodes', 'local1');
    });
    const it = conn.session({ description, advertiseAddr: '' })[Symbol.asyncIterator]();
    const err = await it.next().catch((e: unknown) => e);
    expect(hasCode(err, 'NOT_FOUND')).toBe(true);
  });
});
