import { describe, expect, it } from 'vitest';
import type {
  AssignmentsMessage,
  DispatcherCalls,
  NodeDescription,
  SessionMessage,
  Store,
  TaskState,
} from '../../store/index.js';
import {
  makeNetwork,
  makeNode,
  makeSecret,
  makeService,
  makeTask,
  makeTaskSpec,
} from '../../store/testing.js';
import { hasCode, TsorchError, type ErrorCode } from '../../util/errors.js';
import type { Dispatcher } from './dispatcher.js';
import { FakeClock, localStore, next, testDispatcher } from './testing.js';

const description: NodeDescription = {
  hostname: 'h1',
  platform: { os: 'linux', architecture: 'amd64' },
  resources: { nanoCpus: 1e9, memoryBytes: 2 ** 30 },
  engine: { runtime: 'runc', version: '1.1.5', labels: {} },
};

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(TsorchError);
    return (err as TsorchError).code;
  }
}

interface Setup {
  store: Store;
  clock: FakeClock;
  d: Dispatcher;
}

async function setup(nodes = ['n1', 'n2']): Promise<Setup> {
  const clock = new FakeClock();
  const store = localStore(clock);
  await store.update((tx) => {
    for (const id of nodes) tx.create('nodes', makeNode(id, `host-${id}`));
  });
  return { store, clock, d: testDispatcher(store, clock) };
}

async function open(
  d: Dispatcher,
  nodeId: string,
): Promise<{ calls: DispatcherCalls; it: AsyncIterator<SessionMessage>; first: SessionMessage }> {
  const calls = d.forNode({ nodeId, addr: '10.0.0.9' });
  const it = calls.session({ description, advertiseAddr: '' })[Symbol.asyncIterator]();
  return { calls, it, first: await next(it) };
}

function nodeState(store: Store, id: string): string | undefined {
  return store.view((tx) => tx.get('nodes', id))?.status.state;
}

describe('Dispatcher sessions and heartbeats', () => {
  it('opens a session: the node is ready, the first message carries the session id', async () => {
    const { store, d } = await setup();
    await store.update((tx) => {
      tx.update('nodes', {
        ...(tx.get('nodes', 'n1') as ReturnType<typeof tx.get<'nodes'>> & object),
        status: { state: 'down', message: 'gone', addr: '' },
      });
    });
    const { first } = await open(d, 'n1');
    expect(first.nodeId).toBe('n1');
    expect(first.sessionId).toMatch(/^[0-9a-f]{32}$/);
    const node = store.view((tx) => tx.get('nodes', 'n1'));
    expect(node?.status).toEqual({ state: 'ready', message: '', addr: '10.0.0.9' });
    expect(node?.description.hostname).toBe('h1');
  });

  it('keeps the certificate details the CA recorded, whatever the node claims', async () => {
    const { store, d } = await setup();
    const tls = { certIssuerSubject: 'CN=ca', certIssuerPublicKey: 'k', notAfter: '2027-01-01' };
    await store.update((tx) => {
      const n = tx.get('nodes', 'n1');
      if (n !== undefined) tx.update('nodes', { ...n, description: { ...n.description, tls } });
    });
    const claimed = { ...tls, certIssuerSubject: 'CN=evil' };
    const it = d
      .forNode({ nodeId: 'n1', addr: '' })
      .session({ description: { ...description, tls: claimed }, advertiseAddr: '' });
    await next(it[Symbol.asyncIterator]());
    const node = store.view((tx) => tx.get('nodes', 'n1'));
    expect(node?.description.tls).toEqual(tls);
    expect(node?.description.hostname).toBe('h1');
  });

  it.each<[string, () => Promise<unknown>, ErrorCode]>([
    [
      'an unknown node',
      async () => {
        const { d } = await setup();
        return open(d, 'nx');
      },
      'NOT_FOUND',
    ],
    [
      'a description without hostname',
      async () => {
        const { d } = await setup();
        const it = d
          .forNode({ nodeId: 'n1', addr: '' })
          .session({ description: { ...description, hostname: '' }, advertiseAddr: '' });
        return next(it[Symbol.asyncIterator]());
      },
      'INVALID_ARGUMENT',
    ],
    [
      'a follower',
      async () => {
        const { store, clock } = await setup();
        const d = testDispatcher(store, clock, {
          leadership: () => ({ leader: false, leaderAddress: '10.0.0.1:4242' }),
        });
        return open(d, 'n1');
      },
      'RAFT_NOT_LEADER',
    ],
  ])('refuses a session of %s', async (_name, run, code) => {
    expect(await codeOf(run())).toBe(code);
  });

  it('names the bad field of a session request and the leader of a follower', async () => {
    const { store, clock, d } = await setup();
    const bad = d.forNode({ nodeId: 'n1', addr: '' }).session({
      description: { ...description, resources: { nanoCpus: 1, memoryBytes: 'x' as never } },
      advertiseAddr: '',
    });
    await expect(next(bad[Symbol.asyncIterator]())).rejects.toThrow(
      'Invalid session request: description.resources.memoryBytes must be a number',
    );
    const follower = testDispatcher(store, clock, {
      leadership: () => ({ leader: false, leaderAddress: '10.0.0.1:4242' }),
    });
    const err = await open(follower, 'n1').catch((e: unknown) => e);
    expect((err as TsorchError).details).toEqual({ leaderAddress: '10.0.0.1:4242' });
  });

  it('answers heartbeats with the period plus at most 10 % jitter', async () => {
    const { d } = await setup();
    const { calls, first } = await open(d, 'n1');
    for (let i = 0; i < 50; i++) {
      const { periodMs } = await calls.heartbeat(first.sessionId);
      expect(periodMs).toBeGreaterThanOrEqual(5000);
      expect(periodMs).toBeLessThan(5500);
    }
    expect(await codeOf(calls.heartbeat('nope'))).toBe('DISPATCHER_SESSION_INVALID');
  });

  it('marks a node down after 3 missed periods, not before, and ends its session', async () => {
    const { store, clock, d } = await setup();
    const { calls, it, first } = await open(d, 'n1');
    const { periodMs } = await calls.heartbeat(first.sessionId);
    clock.advance(3 * periodMs - 1);
    await d.tick();
    expect(nodeState(store, 'n1')).toBe('ready');
    clock.advance(1);
    await d.tick();
    expect(nodeState(store, 'n1')).toBe('down');
    expect(store.view((tx) => tx.get('nodes', 'n1'))?.status.message).toMatch(/heartbeat failure/);
    expect(await codeOf(next(it))).toBe('DISPATCHER_SESSION_INVALID');
    expect(await codeOf(calls.heartbeat(first.sessionId))).toBe('DISPATCHER_SESSION_INVALID');
    // The node comes back with a new session.
    await open(d, 'n1');
    expect(nodeState(store, 'n1')).toBe('ready');
  });

  it('keeps a node whose heartbeats come in time', async () => {
    const { store, clock, d } = await setup();
    const { calls, first } = await open(d, 'n1');
    for (let i = 0; i < 20; i++) {
      const { periodMs } = await calls.heartbeat(first.sessionId);
      clock.advance(periodMs);
      await d.tick();
    }
    expect(nodeState(store, 'n1')).toBe('ready');
  });

  it('marks a node whose stream broke disconnected, then down at its deadline', async () => {
    const { store, clock, d } = await setup();
    const { it } = await open(d, 'n1');
    await it.return?.();
    expect(nodeState(store, 'n1')).toBe('disconnected');
    clock.advance(15_000);
    await d.tick();
    expect(nodeState(store, 'n1')).toBe('down');
  });

  it('replaces an older session of the same node', async () => {
    const { store, d } = await setup();
    const a = await open(d, 'n1');
    const b = await open(d, 'n1');
    expect(b.first.sessionId).not.toBe(a.first.sessionId);
    expect(await codeOf(next(a.it))).toBe('DISPATCHER_SESSION_INVALID');
    expect(nodeState(store, 'n1')).toBe('ready');
    expect(d.sessionCount).toBe(1);
  });

  it('gives every node a grace on gaining leadership and ends sessions on losing it', async () => {
    const { store, clock } = await setup();
    let leader = true;
    const d = testDispatcher(store, clock, { leadership: () => ({ leader }) });
    await d.tick();
    const { it } = await open(d, 'n1');
    leader = false;
    await d.tick();
    expect(await codeOf(next(it))).toBe('RAFT_NOT_LEADER');
    clock.advance(60_000);
    await d.tick();
    expect(nodeState(store, 'n2')).toBe('ready');
    leader = true;
    await d.tick();
    clock.advance(14_999);
    await d.tick();
    expect(nodeState(store, 'n2')).toBe('ready');
    clock.advance(1);
    await d.tick();
    expect(nodeState(store, 'n2')).toBe('down');
  });

  it('sends the managers list again when it changes', async () => {
    const { store, d } = await setup();
    const { it, first } = await open(d, 'n1');
    expect(first.managers).toEqual([]);
    await store.update((tx) => {
      tx.create(
        'nodes',
        makeNode('m1', 'mgr', {
          spec: { labels: {}, role: 'manager', availability: 'active' },
          managerStatus: {
            raftId: 1,
            addr: '10.0.0.1:4242',
            reachability: 'reachable',
            leader: true,
          },
        }),
      );
    });
    await d.tick();
    expect((await next(it)).managers).toEqual(['10.0.0.1:4242']);
  });
});

async function assignTask(
  store: Store,
  id: string,
  nodeId: string,
  state: TaskState = 'ASSIGNED',
  secrets: string[] = [],
): Promise<void> {
  const spec = makeTaskSpec();
  spec.container.secrets = secrets.map((s) => ({
    id: s,
    name: s,
    target: s,
    uid: '0',
    gid: '0',
    mode: 0o444,
  }));
  await store.update((tx) => {
    tx.create('tasks', makeTask(id, 'svc1', 1, { nodeId, state, spec }));
  });
}

function summary(m: AssignmentsMessage): string[] {
  return m.changes.map((c) =>
    c.action === 'remove' ? `-${c.kind}:${c.id}` : `+${c.kind}:${c.object.id}`,
  );
}

describe('Dispatcher assignments', () => {
  it('sends the complete set first, dependencies before tasks, then changes', async () => {
    const { store, d } = await setup();
    await store.update((tx) => {
      tx.create('secrets', makeSecret('s1', 'pw', 'hunter2'));
    });
    await assignTask(store, 't1', 'n1', 'ASSIGNED', ['s1']);
    await assignTask(store, 't2', 'n1', 'PENDING');
    await assignTask(store, 't3', 'n2', 'ASSIGNED');
    const { calls, first } = await open(d, 'n1');
    const it = calls.assignments(first.sessionId)[Symbol.asyncIterator]();
    const complete = await next(it);
    expect(complete.type).toBe('complete');
    expect(summary(complete)).toEqual(['+secret:s1', '+task:t1']);

    await store.update((tx) => {
      const t2 = tx.get('tasks', 't2');
      if (t2 !== undefined)
        tx.update('tasks', { ...t2, status: { ...t2.status, state: 'ASSIGNED' } });
    });
    const inc = await next(it);
    expect(inc.type).toBe('incremental');
    expect(summary(inc)).toEqual(['+task:t2']);
    expect(inc.version).toBe(store.version);

    // The task ends: the secret is no longer needed; then the task is deleted.
    await store.update((tx) => {
      const t1 = tx.get('tasks', 't1');
      if (t1 !== undefined)
        tx.update('tasks', { ...t1, status: { ...t1.status, state: 'FAILED' } });
    });
    expect(summary(await next(it))).toEqual(['+task:t1', '-secret:s1']);
    await store.update((tx) => {
      tx.delete('tasks', 't1');
    });
    expect(summary(await next(it))).toEqual(['-task:t1']);
  });

  it("sends a network's endpoint list after the network, again as tasks come, change and go, and removes it with the network", async () => {
    const { store, d } = await setup(['n1', 'n2']);
    const onNet = (id: string, nodeId: string, addr: string): ReturnType<typeof makeTask> =>
      makeTask(id, 'svc1', Number(id.slice(1)), {
        nodeId,
        state: 'RUNNING',
        networks: [{ networkId: 'net1', addresses: [`${addr}/24`], aliases: ['api'] }],
      });
    await store.update((tx) => {
      tx.create('networks', makeNetwork('net1', 'app'));
      const svc = makeService('svc1', 'web');
      svc.spec.task.networks = [{ target: 'net1', aliases: ['api'] }];
      svc.endpoint = {
        spec: svc.spec.endpoint,
        ports: [],
        virtualIps: [{ networkId: 'net1', addr: '10.0.1.2/24' }],
      };
      tx.create('services', svc);
      tx.create('tasks', onNet('t1', 'n1', '10.0.1.3'));
      tx.create('tasks', onNet('t2', 'n2', '10.0.1.4'));
    });
    const { calls, first } = await open(d, 'n1');
    const it = calls.assignments(first.sessionId)[Symbol.asyncIterator]();
    const complete = await next(it);
    expect(summary(complete)).toEqual(['+network:net1', '+endpoints:net1', '+task:t1']);
    const eps = complete.changes[1];
    expect(eps?.action === 'update' && eps.object).toEqual({
      id: 'net1',
      tasks: [
        {
          taskId: 't1',
          taskName: 'svc.1',
          serviceId: 'svc1',
          serviceName: 'web',
          nodeId: 'n1',
          addr: '10.0.1.3',
          aliases: ['api'],
          ready: true,
        },
        expect.objectContaining({ taskId: 't2', nodeId: 'n2', addr: '10.0.1.4' }),
      ],
      services: [
        { serviceId: 'svc1', serviceName: 'web', endpointMode: 'vip', vip: '10.0.1.2', ports: [] },
      ],
      nodes: [
        { nodeId: 'n1', addr: '10.0.0.2' },
        { nodeId: 'n2', addr: '10.0.0.2' },
      ],
    });
    const tasksOf = (m: AssignmentsMessage): string[] =>
      m.changes.flatMap((c) =>
        c.action === 'update' && c.kind === 'endpoints'
          ? c.object.tasks.map((t) => `${t.taskId}${t.ready ? '' : '?'}`)
          : [],
      );

    // Another node's task comes: only the list changes for n1.
    await store.update((tx) => {
      tx.create('tasks', onNet('t3', 'n2', '10.0.1.5'));
    });
    let inc = await next(it);
    expect(summary(inc)).toEqual(['+endpoints:net1']);
    expect(tasksOf(inc)).toEqual(['t1', 't2', 't3']);

    // Its health fails, then it ends.
    await store.update((tx) => {
      const t3 = tx.get('tasks', 't3');
      if (t3 !== undefined)
        tx.update('tasks', { ...t3, status: { ...t3.status, health: 'unhealthy' } });
    });
    expect(tasksOf(await next(it))).toEqual(['t1', 't2', 't3?']);
    await store.update((tx) => {
      const t3 = tx.get('tasks', 't3');
      if (t3 !== undefined)
        tx.update('tasks', { ...t3, status: { ...t3.status, state: 'FAILED' } });
    });
    expect(tasksOf(await next(it))).toEqual(['t1', 't2']);

    // A node's address moves.
    await store.update((tx) => {
      const n2 = tx.get('nodes', 'n2');
      if (n2 !== undefined) tx.update('nodes', { ...n2, advertiseAddr: '192.0.2.7:4242' });
    });
    inc = await next(it);
    const nodes = inc.changes.flatMap((c) =>
      c.action === 'update' && c.kind === 'endpoints' ? c.object.nodes : [],
    );
    expect(nodes).toContainEqual({ nodeId: 'n2', addr: '192.0.2.7' });

    // n1's own task ends: the network and its list go.
    await store.update((tx) => {
      const t1 = tx.get('tasks', 't1');
      if (t1 !== undefined)
        tx.update('tasks', { ...t1, status: { ...t1.status, state: 'COMPLETE' } });
    });
    inc = await next(it);
    expect(summary(inc)).toEqual(['+task:t1', '-endpoints:net1', '-network:net1']);

    // Later changes on the network send nothing to n1.
    await store.update((tx) => {
      tx.create('tasks', onNet('t4', 'n2', '10.0.1.6'));
    });
    await assignTask(store, 't5', 'n1');
    expect(summary(await next(it))).toEqual(['+task:t5']);
  });

  it('sends one message per transaction, and nothing for other nodes', async () => {
    const { store, d } = await setup();
    const { calls, first } = await open(d, 'n1');
    const it = calls.assignments(first.sessionId)[Symbol.asyncIterator]();
    expect(summary(await next(it))).toEqual([]);
    await assignTask(store, 'tx', 'n2');
    await store.update((tx) => {
      tx.create('tasks', makeTask('ta', 'svc1', 1, { nodeId: 'n1', state: 'ASSIGNED' }));
      tx.create('tasks', makeTask('tb', 'svc1', 2, { nodeId: 'n1', state: 'ASSIGNED' }));
    });
    expect(summary(await next(it)).sort()).toEqual(['+task:ta', '+task:tb']);
  });

  it('ends the assignments stream with the session', async () => {
    const { clock, d } = await setup();
    const { calls, first } = await open(d, 'n1');
    const it = calls.assignments(first.sessionId)[Symbol.asyncIterator]();
    await next(it);
    clock.advance(20_000);
    await d.tick();
    expect(await codeOf(next(it))).toBe('DISPATCHER_SESSION_INVALID');
  });
});

describe('Dispatcher task status', () => {
  it('commits concurrent reports of several nodes in one transaction', async () => {
    const { store, d } = await setup();
    await assignTask(store, 't1', 'n1');
    await assignTask(store, 't2', 'n2');
    const a = await open(d, 'n1');
    const b = await open(d, 'n2');
    const status = (state: TaskState) => ({
      state,
      timestamp: '2026-12-01T00:00:01.000Z',
      message: '',
    });
    const before = store.version;
    const [ra, rb] = await Promise.all([
      a.calls.updateTaskStatus(a.first.sessionId, [{ taskId: 't1', status: status('RUNNING') }]),
      b.calls.updateTaskStatus(b.first.sessionId, [{ taskId: 't2', status: status('STARTING') }]),
    ]);
    expect([ra.applied, rb.applied]).toEqual([1, 1]);
    expect(store.version).toBe(before + 1);
    expect(store.view((tx) => tx.get('tasks', 't1'))?.status.state).toBe('RUNNING');
  });

  it('never moves a task backwards, never takes another node’s task, never sets desired state', async () => {
    const { store, d } = await setup();
    await assignTask(store, 't1', 'n1', 'RUNNING');
    await assignTask(store, 't2', 'n2', 'ASSIGNED');
    await store.update((tx) => {
      const t1 = tx.get('tasks', 't1');
      if (t1 !== undefined) tx.update('tasks', { ...t1, desiredState: 'SHUTDOWN' });
    });
    const a = await open(d, 'n1');
    const ts = '2026-12-01T00:00:01.000Z';
    const res = await a.calls.updateTaskStatus(a.first.sessionId, [
      { taskId: 't1', status: { state: 'STARTING', timestamp: ts, message: 'late' } },
      { taskId: 't2', status: { state: 'RUNNING', timestamp: ts, message: 'not mine' } },
      { taskId: 'gone', status: { state: 'RUNNING', timestamp: ts, message: '' } },
    ]);
    expect(res.applied).toBe(0);
    const t1 = store.view((tx) => tx.get('tasks', 't1'));
    expect(t1?.status.state).toBe('RUNNING');
    expect(t1?.desiredState).toBe('SHUTDOWN');
    expect(store.view((tx) => tx.get('tasks', 't2'))?.status.state).toBe('ASSIGNED');
    const done = await a.calls.updateTaskStatus(a.first.sessionId, [
      {
        taskId: 't1',
        status: { state: 'SHUTDOWN', timestamp: ts, message: 'stopped', exitCode: 0 },
      },
    ]);
    expect(done.applied).toBe(1);
    expect(store.view((tx) => tx.get('tasks', 't1'))?.desiredState).toBe('SHUTDOWN');
  });

  it.each<[string, object, string]>([
    ['a state agents do not report', { state: 'PENDING' }, 'updates[0].status.state'],
    ['an unknown state', { state: 'FLYING' }, 'updates[0].status.state'],
    ['a bad timestamp', { state: 'RUNNING', timestamp: 'soon' }, 'updates[0].status.timestamp'],
  ])('refuses a report with %s, naming the field', async (_n, patch, field) => {
    const { d } = await setup();
    const a = await open(d, 'n1');
    const err = await a.calls
      .updateTaskStatus(a.first.sessionId, [
        {
          taskId: 't1',
          status: { state: 'RUNNING', timestamp: '2026-12-01T00:00:00Z', message: '', ...patch },
        },
      ] as never)
      .catch((e: unknown) => e);
    expect(hasCode(err, 'INVALID_ARGUMENT')).toBe(true);
    expect((err as TsorchError).message).toContain(field);
  });

  it('refuses a report on a session that is not open', async () => {
    const { d } = await setup();
    const calls = d.forNode({ nodeId: 'n1', addr: '' });
    expect(await codeOf(calls.updateTaskStatus('nope', []))).toBe('DISPATCHER_SESSION_INVALID');
  });
});
