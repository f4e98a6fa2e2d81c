import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../../../test/sim/control/fake-engine.js';
import { VirtualTime, settle } from '../../../test/sim/control/virtual-time.js';
import type {
  AssignmentsMessage,
  Network,
  NetworkEndpoints,
  Task,
  TaskState,
} from '../../store/index.js';
import { makeNetwork, makeSecret, makeTask } from '../../store/testing.js';
import { createLogger } from '../../util/log.js';
import { localContainerSpec } from '../containers/testing.js';
import { TASK_ID_LABEL, taskContainerConfig } from '../task-config.js';
import type { TaskNetworkPort } from './ports.js';
import { WorkerTasks } from './tasks.js';

const log = createLogger({ level: 'error' });

function assigned(id: string, patch: Partial<Task> = {}): Task {
  return {
    ...makeTask(id, 'svc', 1, { nodeId: 'n1', state: 'ASSIGNED' }),
    meta: { version: 1, createdAt: '', updatedAt: '' },
    ...patch,
  };
}

/** Records the calls a worker makes on the node's cluster networks. */
class RecordingNetworks implements TaskNetworkPort {
  readonly calls: string[] = [];
  refuse: string | undefined;
  ensure(network: Network, endpoints: NetworkEndpoints | undefined, self: string): Promise<void> {
    this.calls.push(`ensure ${network.id} ${endpoints?.tasks.length ?? '-'} ${self}`);
    return this.refuse === undefined ? Promise.resolve() : Promise.reject(new Error(this.refuse));
  }
  setEndpoints(endpoints: NetworkEndpoints, self: string): Promise<void> {
    this.calls.push(`peers ${endpoints.id} ${endpoints.tasks.length} ${self}`);
    return Promise.resolve();
  }
  prune(keep: ReadonlySet<string>): Promise<void> {
    this.calls.push(`prune ${[...keep].join(',')}`);
    return Promise.resolve();
  }
  netnsPath(containerId: string): string {
    return `/run/netns/tsc${containerId.slice(0, 12)}`;
  }
}

function setUp(networks?: TaskNetworkPort): {
  engine: FakeEngine;
  tasks: WorkerTasks;
  pulls: string[];
} {
  const engine = new FakeEngine('n1');
  const pulls: string[] = [];
  const tasks = new WorkerTasks({
    engine,
    pullImage: (ref) => {
      pulls.push(ref);
      engine.images.add(ref);
      return Promise.resolve();
    },
    timers: new VirtualTime(),
    log,
    onReport: () => undefined,
    networks,
  });
  return { engine, tasks, pulls };
}

function complete(...tasks: Task[]): AssignmentsMessage {
  return {
    type: 'complete',
    version: 1,
    changes: tasks.map((object) => ({ action: 'update', kind: 'task', object })),
  };
}

function states(tasks: WorkerTasks): Record<string, TaskState> {
  return Object.fromEntries(tasks.pending(100).map((u) => [u.taskId, u.status.state]));
}

describe('WorkerTasks', () => {
  it('runs a task to RUNNING, pulling its image when the node lacks it', async () => {
    const { engine, tasks, pulls } = setUp();
    const t = assigned('t1');
    t.spec.container.image = 'registry.local/app:1';
    tasks.apply(complete(t));
    await settle();
    expect(states(tasks)).toEqual({ t1: 'RUNNING' });
    expect(pulls).toEqual(['registry.local/app:1']);
    expect(engine.list().map((r) => r.spec.labels[TASK_ID_LABEL])).toEqual(['t1']);
  });

  it('keeps one status per task, the newest, until sent', async () => {
    const { tasks } = setUp();
    tasks.apply(complete(assigned('t1'), assigned('t2')));
    await settle();
    const batch = tasks.pending(100);
    expect(batch.map((u) => u.status.state)).toEqual(['RUNNING', 'RUNNING']);
    tasks.sent(batch);
    expect(tasks.pending(100)).toEqual([]);
    // Nothing changed: a sweep reports nothing again.
    tasks.sweep();
    await settle();
    expect(tasks.pending(100)).toEqual([]);
  });

  it('adopts a running container of its task instead of creating another', async () => {
    const { engine, tasks } = setUp();
    const t = assigned('t1', { status: { state: 'RUNNING', timestamp: '', message: '' } });
    const rec = await engine.create(taskContainerConfig(t));
    await engine.start(rec.id);
    tasks.apply(complete(t));
    await settle();
    expect(engine.createsByTask.get('t1')).toBe(1);
    expect(engine.startsByContainer.get(rec.id)).toBe(1);
    expect(tasks.pending(10).map((u) => [u.status.state, u.status.containerId])).toEqual([
      ['RUNNING', rec.id],
    ]);
  });

  it('removes containers of tasks missing from a complete set, and only those', async () => {
    const { engine, tasks } = setUp();
    tasks.apply(complete(assigned('t1'), assigned('t2')));
    await settle();
    const plain = await engine.create(
      localContainerSpec({ name: 'not-a-task', cmd: ['true'], image: 'busybox:latest' }),
    );
    tasks.apply(complete(assigned('t2')));
    await settle();
    expect(
      engine
        .list()
        .map((r) => r.spec.labels[TASK_ID_LABEL] ?? r.name)
        .sort(),
    ).toEqual(['not-a-task', 't2']);
    expect(plain.id).toBeDefined();
    tasks.apply({
      type: 'incremental',
      version: 2,
      changes: [{ action: 'remove', kind: 'task', id: 't2' }],
    });
    await settle();
    expect(engine.list().map((r) => r.name)).toEqual(['not-a-task']);
    expect(tasks.taskIds()).toEqual([]);
  });

  it('stops a task desired SHUTDOWN and reports it shut down', async () => {
    const { engine, tasks } = setUp();
    tasks.apply(complete(assigned('t1')));
    await settle();
    tasks.apply({
      type: 'incremental',
      version: 2,
      changes: [
        { action: 'update', kind: 'task', object: assigned('t1', { desiredState: 'SHUTDOWN' }) },
      ],
    });
    await settle();
    expect(states(tasks)).toEqual({ t1: 'SHUTDOWN' });
    expect(engine.list()[0]?.state.status).toBe('exited');
  });

  it('rejects a task whose image cannot be pulled, and one that needs secrets, saying why', async () => {
    const { tasks } = setUp();
    const noImage = assigned('t1');
    noImage.spec.container.image = 'nosuch:1';
    const withSecret = assigned('t2');
    withSecret.spec.container.secrets = [
      { id: 's1', name: 'pw', target: 'pw', uid: '0', gid: '0', mode: 0o400 },
    ];
    const failing = new WorkerTasks({
      engine: new FakeEngine('n2'),
      pullImage: () => Promise.reject(new Error('manifest unknown')),
      timers: new VirtualTime(),
      log,
      onReport: () => undefined,
    });
    const secret = {
      ...makeSecret('s1', 'pw', 'x'),
      meta: { version: 1, createdAt: '', updatedAt: '' },
    };
    failing.apply({
      type: 'complete',
      version: 1,
      changes: [
        { action: 'update', kind: 'secret', object: secret },
        { action: 'update', kind: 'task', object: noImage },
        { action: 'update', kind: 'task', object: withSecret },
      ],
    });
    await settle();
    const byTask = Object.fromEntries(failing.pending(10).map((u) => [u.taskId, u.status]));
    expect(byTask['t1']).toMatchObject({
      state: 'REJECTED',
      err: 'Cannot pull image "nosuch:1": manifest unknown',
    });
    expect(byTask['t2']).toMatchObject({ state: 'REJECTED' });
    expect(byTask['t2']?.err).toMatch(/secrets and configs are not delivered/);
    expect(failing.dependency('secret', 's1')).toBe(secret);
    expect(tasks.taskIds()).toEqual([]);
  });

  it('fails a task when its container exits non-zero', async () => {
    const { engine, tasks } = setUp();
    tasks.apply(complete(assigned('t1')));
    await settle();
    engine.exit(engine.list()[0]?.id ?? '', 4);
    await settle();
    expect(tasks.pending(10).map((u) => [u.status.state, u.status.exitCode])).toEqual([
      ['FAILED', 4],
    ]);
  });

  it("makes the node's instance of a task's network, then creates its container on it", async () => {
    const nets = new RecordingNetworks();
    const { engine, tasks } = setUp(nets);
    tasks.nodeId = 'n1';
    const network: Network = {
      ...makeNetwork('net1', 'app'),
      meta: { version: 1, createdAt: '', updatedAt: '' },
    };
    const eps: NetworkEndpoints = { id: 'net1', tasks: [], services: [], nodes: [] };
    const t = assigned('t1', {
      networks: [{ networkId: 'net1', addresses: ['10.0.1.5/24'], aliases: ['db'] }],
    });
    const seen: string[] = [];
    tasks.onEndpoints((id, e) => seen.push(`${id}:${e === undefined ? 'gone' : 'set'}`));
    tasks.apply({
      type: 'complete',
      version: 1,
      changes: [
        { action: 'update', kind: 'network', object: network },
        { action: 'update', kind: 'endpoints', object: eps },
        { action: 'update', kind: 'task', object: t },
      ],
    });
    await settle();
    expect(states(tasks)).toEqual({ t1: 'RUNNING' });
    expect(nets.calls).toContain('ensure net1 0 n1');
    const spec = engine.list()[0]?.spec;
    expect(spec?.networkMode).toBe('net1');
    expect(spec?.networks).toEqual([{ network: 'net1', aliases: ['db'], ipv4Address: '10.0.1.5' }]);
    expect(tasks.endpoints().get('net1')).toBe(eps);
    expect(tasks.netnsPath('t1')).toBe(`/run/netns/tsc${engine.list()[0]?.id.slice(0, 12) ?? ''}`);

    // The task goes: its container is removed, then the network is pruned.
    tasks.apply({
      type: 'incremental',
      version: 2,
      changes: [
        { action: 'remove', kind: 'task', id: 't1' },
        { action: 'remove', kind: 'endpoints', id: 'net1' },
        { action: 'remove', kind: 'network', id: 'net1' },
      ],
    });
    await settle();
    expect(engine.list()).toEqual([]);
    expect(nets.calls.at(-1)).toBe('prune ');
    expect(seen).toEqual(['net1:set', 'net1:gone']);
  });

  it('rejects a task whose network was not sent or cannot be made, saying why', async () => {
    const nets = new RecordingNetworks();
    nets.refuse = 'Cannot create network "app" on this node: the node has no underlay address';
    const { tasks } = setUp(nets);
    const network: Network = {
      ...makeNetwork('net1', 'app'),
      meta: { version: 1, createdAt: '', updatedAt: '' },
    };
    const on = (id: string, net: string): Task =>
      assigned(id, { networks: [{ networkId: net, addresses: ['10.0.1.5/24'], aliases: [] }] });
    tasks.apply({
      type: 'complete',
      version: 1,
      changes: [
        { action: 'update', kind: 'network', object: network },
        { action: 'update', kind: 'task', object: on('t1', 'net1') },
        { action: 'update', kind: 'task', object: on('t2', 'net2') },
      ],
    });
    await settle();
    const errs = Object.fromEntries(tasks.pending(10).map((u) => [u.taskId, u.status.err]));
    expect(errs).toEqual({
      t1: 'Cannot create network "app" on this node: the node has no underlay address',
      t2: 'Cannot join network "net2": the manager did not send it with the task',
    });
  });

  it('runs a task on no network on the default bridge network', () => {
    expect(taskContainerConfig(assigned('t1')).networkMode).toBe('bridge');
  });
});
