import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serviceServices } from '../../api/services/service.js';
import { LocalProposer, Store } from '../../store/index.js';
import { makeNode, makeTask } from '../../store/testing.js';
import type { CliIo } from '../io.js';
import { runCli } from '../run.js';
import { eventsCommand } from './actions.js';

let dir: string;
let server: grpc.Server;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsorch-svccli-'));
  store = new Store();
  store.setProposer(new LocalProposer(store));
  server = new grpc.Server();
  for (const b of serviceServices({ store })) server.addService(b.definition, b.implementation);
  await new Promise<void>((resolve, reject) => {
    server.bindAsync(
      `unix:${join(dir, 'tsorch.sock')}`,
      grpc.ServerCredentials.createInsecure(),
      (err) => {
        if (err === null) resolve();
        else reject(err);
      },
    );
  });
});

afterEach(async () => {
  await new Promise<void>((resolve) => {
    server.tryShutdown(() => {
      resolve();
    });
  });
  rmSync(dir, { recursive: true, force: true });
});

function capture(): { io: CliIo; out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    env: { TSORCH_RUN: dir },
    cwd: dir,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

async function tsorch(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture();
  const code = await runCli(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('tsorch service', () => {
  it('creates, lists, scales, updates, inspects, rolls back and removes services', async () => {
    writeFileSync(join(dir, 'web.env'), 'FROM_FILE=1\n');
    const created = await tsorch(
      'service',
      'create',
      '--name',
      'web',
      '--replicas',
      '6',
      '-p',
      '8080:80',
      '--replicas-max-per-node',
      '2',
      '--env-file',
      'web.env',
      '-e',
      'K=V',
      'nginx:1',
    );
    expect(created).toMatchObject({ code: 0, err: '' });
    expect(created.out).toMatch(/^[a-z0-9]{25}\n$/);
    await tsorch(
      'service',
      'create',
      '--name',
      'agent',
      '--mode',
      'global',
      'busybox:1',
      'sleep',
      '1d',
    );

    const ls = await tsorch('service', 'ls');
    const id = created.out.trim().slice(0, 12);
    expect(ls.out.split('\n')[0]).toMatch(/^ID\s+NAME\s+MODE\s+REPLICAS\s+IMAGE\s+PORTS$/);
    expect(ls.out).toMatch(
      new RegExp(
        `${id}\\s+web\\s+replicated\\s+0/6 \\(max 2 per node\\)\\s+nginx:1\\s+\\*:8080->80/tcp`,
      ),
    );
    expect(ls.out).toMatch(/\s+agent\s+global\s+0\/0\s+busybox:1/);
    expect((await tsorch('service', 'ls', '-q', '--filter', 'mode=global')).out).toMatch(
      /^[a-z0-9]{12}\n$/,
    );

    expect(await tsorch('service', 'scale', 'web=10')).toMatchObject({
      code: 0,
      out: 'web scaled to 10\n',
    });
    expect(
      await tsorch('service', 'update', '--image', 'nginx:2', '--env-add', 'X=1', 'web'),
    ).toMatchObject({
      code: 0,
      out: 'web\n',
    });
    const inspect = JSON.parse((await tsorch('service', 'inspect', 'web')).out) as {
      specVersion: string;
      spec: {
        mode: { replicas: string };
        task: { container: { image: string; env: string[] } };
        update: { failureAction: string };
      };
    }[];
    expect(inspect[0]).toMatchObject({
      specVersion: '3',
      spec: {
        mode: { replicas: '10' },
        task: { container: { image: 'nginx:2', env: ['FROM_FILE=1', 'K=V', 'X=1'] } },
        update: { failureAction: 'rollback' },
      },
    });
    const pretty = (await tsorch('service', 'inspect', '--pretty', 'web')).out;
    expect(pretty).toContain('Name:\t\tweb\n');
    expect(pretty).toContain('Service Mode:\tReplicated\n Replicas:\t10\n');
    expect(pretty).toContain(' On failure:\trollback\n');
    expect(pretty).toContain(' PublishedPort = 8080\n');

    expect(await tsorch('service', 'rollback', 'web')).toMatchObject({ code: 0, out: 'web\n' });
    const rolled = JSON.parse((await tsorch('service', 'inspect', 'web')).out) as {
      spec: { task: { container: { image: string } } };
    }[];
    expect(rolled[0]?.spec.task.container.image).toBe('nginx:1');

    expect(await tsorch('service', 'rm', 'web', 'agent')).toMatchObject({
      code: 0,
      out: 'web\nagent\n',
    });
    expect((await tsorch('service', 'ls')).out).toBe(
      'ID   NAME   MODE   REPLICAS   IMAGE   PORTS\n',
    );
  });

  it('lists tasks with history and explains pending ones', async () => {
    const created = await tsorch(
      'service',
      'create',
      '--name',
      'web',
      '--replicas',
      '2',
      'nginx:1',
    );
    const id = created.out.trim();
    await store.update((tx) => {
      tx.create('nodes', makeNode('n1aaaaaaaaaaaaaaaaaaaaaaa', 'node-a'));
      tx.create('tasks', {
        ...makeTask('t1bbbbbbbbbbbbbbbbbbbbbbb', id, 1, {
          state: 'RUNNING',
          nodeId: 'n1aaaaaaaaaaaaaaaaaaaaaaa',
        }),
        status: { state: 'RUNNING', timestamp: new Date().toISOString(), message: '' },
      });
      tx.create(
        'tasks',
        makeTask('t0bbbbbbbbbbbbbbbbbbbbbbb', id, 1, {
          state: 'FAILED',
          desiredState: 'SHUTDOWN',
          nodeId: 'n1aaaaaaaaaaaaaaaaaaaaaaa',
        }),
      );
      const pending = makeTask('t2bbbbbbbbbbbbbbbbbbbbbbb', id, 2, { state: 'PENDING' });
      pending.spec.placement.constraints = ['node.labels.zone==b'];
      pending.status.message = 'no suitable node (1 node excluded by constraints)';
      tx.create('tasks', pending);
    });
    const ps = await tsorch('service', 'ps', 'web');
    expect(ps.code).toBe(0);
    const lines = ps.out.split('\n');
    expect(lines[0]).toMatch(
      /^ID\s+NAME\s+IMAGE\s+NODE\s+DESIRED STATE\s+CURRENT STATE\s+ERROR\s+PORTS$/,
    );
    expect(lines[1]).toMatch(
      /^t1bbbbbbbbbb\s+web\.1\s+busybox:latest\s+node-a\s+Running\s+Running less than a second ago$/,
    );
    expect(lines[2]).toMatch(
      /^t0bbbbbbbbbb\s+ \\_ web\.1\s+busybox:latest\s+node-a\s+Shutdown\s+Failed \d+ \w+ ago$/,
    );
    expect(lines[3]).toMatch(
      /web\.2\s+busybox:latest\s+Running\s+Pending .* ago\s+"no suitable node \(1 node excl…"$/,
    );
    const noTrunc = await tsorch(
      'service',
      'ps',
      '--no-trunc',
      '--filter',
      'desired-state=running',
      'web',
    );
    expect(noTrunc.out).toContain('t1bbbbbbbbbbbbbbbbbbbbbbb');
    expect(noTrunc.out).toContain('"no suitable node (1 node excluded by constraints)"');
    expect(noTrunc.out).not.toContain('t0bbb');

    const explain = await tsorch('service', 'ps', '--explain', 'web');
    expect(explain.out).toMatch(
      /^web\.2 \(t2bbbbbbbbbb\): no suitable node \(.*\)\n {2}node-a \(n1a+\): constraints: /,
    );
  });

  it.each([
    [
      ['service', 'create', '--replicas', 'x', 'nginx'],
      2,
      'Error: Invalid value for --replicas: "x"',
    ],
    [
      ['service', 'create', '--name', 'a_', 'nginx'],
      1,
      'Error: Invalid service spec: spec.name: "a_" is not a valid service name',
    ],
    [
      ['service', 'create', '--name', 'w', '--constraint', 'node.zone==a', 'nginx'],
      1,
      'spec.task.placement.constraints[0]: Cannot parse constraint',
    ],
    [
      ['service', 'create', '--env-file', 'missing.env', 'nginx'],
      2,
      'Error: Invalid value for --env-file: "missing.env"',
    ],
    [
      ['service', 'ls', '--filter', 'color=red'],
      2,
      'Error: Invalid value for --filter: "color=red"',
    ],
    [['service', 'ls', '--filter', 'mode=sharded'], 1, 'Error: Invalid filter "mode=sharded"'],
    [['service', 'ps', 'nope'], 1, 'Error: Service "nope" not found'],
    [['service', 'ps', '--filter', 'desired-state=asleep', 'nope'], 1, 'desired-state=asleep'],
    [['service', 'ps', '--explain', 'nope'], 1, 'Error: Service "nope" not found'],
    [['service', 'inspect', 'nope'], 1, 'Error: Service "nope" not found'],
    [['service', 'scale', 'web'], 2, 'Error: Invalid argument "web": use SERVICE=REPLICAS'],
    [['service', 'scale', 'web=-1'], 2, 'Error: Invalid value for --replicas: "-1"'],
    [['service', 'scale', 'nope=2'], 1, 'Error: Service "nope" not found'],
    [['service', 'update', '--image', 'x', 'nope'], 1, 'Error: Service "nope" not found'],
    [['service', 'update', '--rollback', 'nope'], 1, 'Error: Service "nope" not found'],
    [['service', 'rollback', 'nope'], 1, 'Error: Service "nope" not found'],
    [['service', 'rm', 'nope'], 1, 'Error: Service "nope" not found'],
    [['service', 'logs', '--tail', 'x', 'web'], 2, 'Error: Invalid value for --tail: "x"'],
    [['service', 'logs', 'nope'], 1, 'Error: Service "nope" not found'],
    [['events', '--filter', 'type=container'], 1, 'Error: Invalid filter "type=container"'],
    [['events', '--format', 'yaml'], 2, 'Error: Invalid value for --format: "yaml"'],
    [['events', '--since', 'yesterday'], 2, 'Error: Invalid value for --since: "yesterday"'],
  ])('tsorch %j exits %i with a clear error', async (argv, code, message) => {
    const r = await tsorch(...argv);
    expect(r.code).toBe(code);
    expect(r.err).toContain(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('service logs names the tasks whose logs are on other nodes', async () => {
    const id = (await tsorch('service', 'create', '--name', 'web', 'nginx:1')).out.trim();
    await store.update((tx) => {
      tx.create('nodes', makeNode('n2', 'node-b'));
      tx.create('tasks', makeTask('t1', id, 1, { state: 'RUNNING', nodeId: 'n2' }));
    });
    const r = await tsorch('service', 'logs', 'web');
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(r.err).toBe(
      'Note: Task "web.1" runs on node "node-b": its logs are on that node (run `tsorch service logs` there)\n',
    );
  });

  it('passes the flags after the image to the command, and splits --args like a shell', async () => {
    const cmdOf = async (): Promise<unknown> => {
      const out = JSON.parse((await tsorch('service', 'inspect', 'hi')).out) as {
        spec: { task: { container: { cmd: string[] } } };
      }[];
      return out[0]?.spec.task.container.cmd;
    };
    const created = await tsorch(
      'service',
      'create',
      '--name',
      'hi',
      'busybox:1',
      'sh',
      '-c',
      'echo hi',
      '--name',
      'x',
    );
    expect(created).toMatchObject({ code: 0, err: '' });
    expect(await cmdOf()).toEqual(['sh', '-c', 'echo hi', '--name', 'x']);
    await tsorch('service', 'rm', 'hi');
    await tsorch('service', 'create', '--name', 'hi', 'busybox:1', '--', 'sh', '-c', 'echo --');
    expect(await cmdOf()).toEqual(['sh', '-c', 'echo --']);

    const updated = await tsorch('service', 'update', '--args', `sh -c 'echo "a b"'`, 'hi');
    expect(updated).toMatchObject({ code: 0, err: '' });
    expect(await cmdOf()).toEqual(['sh', '-c', 'echo "a b"']);

    const bad = await tsorch('service', 'update', '--args', `sh -c 'echo`, 'hi');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain(
      'Invalid --args: Cannot parse command "sh -c \'echo": unterminated quote',
    );
    expect(await cmdOf()).toEqual(['sh', '-c', 'echo "a b"']);
  });

  it('refuses a service update that would roll back a never-updated service', async () => {
    await tsorch('service', 'create', '--name', 'web', 'nginx:1');
    const r = await tsorch('service', 'rollback', 'web');
    expect(r).toMatchObject({ code: 1 });
    expect(r.err).toContain('Cannot roll back service "web": it has no previous spec');
  });

  it('names the daemon when none is there', async () => {
    const c = capture();
    c.io.env = { TSORCH_RUN: join(dir, 'none') };
    expect(await runCli(['service', 'ls'], c.io)).toBe(1);
    expect(c.err()).toContain('Cannot connect to the tsorch daemon');
  });
});

describe('tsorch events', () => {
  it.each([
    [undefined, /^\S+Z service create [a-z0-9]{25} \(name=web\)\n$/],
    [
      'json',
      /^\{"type":"service","action":"create","id":"[a-z0-9]{25}","version":"1",.*"attributes":\{"name":"web"\}\}\n$/,
    ],
    ['{{.type}} {{.action}} {{.attributes.name}}', /^service create web\n$/],
  ])('prints the replayed changes with --format %s, filtered by type', async (format, expected) => {
    await tsorch('service', 'create', '--name', 'web', 'nginx:1');
    await store.update((tx) => tx.create('nodes', makeNode('n1', 'node-a')));
    const c = capture();
    const abort = new AbortController();
    let text = '';
    c.io.stdout = {
      write: (s: string) => {
        text += s;
        abort.abort();
      },
    };
    await eventsCommand(
      c.io,
      { filter: ['type=service'], since: '0', ...(format === undefined ? {} : { format }) },
      abort.signal,
    );
    expect(text).toMatch(expected);
  });
});
