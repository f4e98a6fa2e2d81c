import { afterEach, describe, expect, it } from 'vitest';
import { isTerminal, type NewObject, type Service, type Task } from '../../store/index.js';
import { makeHealthCheck, makeNetwork } from '../../store/testing.js';
import { DEFAULT_UPDATE_CONFIG } from '../update/index.js';
import { pendingTaskMessage } from '../allocator/index.js';
import { SimCluster } from './testing.js';

let sim: SimCluster | undefined;

afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function start(
  nodes: number,
  options: { leader?: boolean; seed?: number } = {},
): Promise<SimCluster> {
  sim = await SimCluster.create({ nodes, ...options });
  const s = sim;
  // Every pending task says why it waits once a pass is over.
  s.always(() => {
    for (const t of s.tasks()) {
      if (t.status.state !== 'PENDING' || isTerminal(t.desiredState)) continue;
      expect(t.status.message, `task ${t.id}`).not.toBe('');
      expect(t.status.message, `task ${t.id}`).not.toBe(pendingTaskMessage);
    }
  });
  return s;
}

/** Creates service `svc1` named `web` with `replicas` replicas of image `web:1`. */
async function replicated(
  s: SimCluster,
  replicas: number,
  change: (svc: NewObject<Service>) => void = () => undefined,
): Promise<void> {
  await s.createService('svc1', 'web', (svc) => {
    svc.spec.mode = { kind: 'replicated', replicas };
    svc.spec.task.container.image = 'web:1';
    change(svc);
  });
}

/** Slots 1..replicas of `svc1` without a running task. */
function downSlots(s: SimCluster, replicas: number): number[] {
  const up = new Set(s.running('svc1').map((t) => t.slot));
  return Array.from({ length: replicas }, (_, i) => i + 1).filter((slot) => !up.has(slot));
}

function images(tasks: readonly Task[]): string[] {
  return tasks.map((t) => t.spec.container.image).sort();
}

function perNode(tasks: readonly Task[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tasks) out[t.nodeId] = (out[t.nodeId] ?? 0) + 1;
  return out;
}

/** After convergence: no slot holds two running tasks. */
function expectOneRunningPerSlot(s: SimCluster, serviceId: string): void {
  const slots = new Map<number, number>();
  for (const t of s.running(serviceId)) slots.set(t.slot, (slots.get(t.slot) ?? 0) + 1);
  for (const [slot, n] of slots) expect(n, `slot ${String(slot)}`).toBe(1);
}

describe('startManagerLoops()', () => {
  it('runs a replicated service spread over the nodes', async () => {
    const s = await start(3);
    await s.createService('svc1', 'web', (svc) => {
      svc.spec.mode = { kind: 'replicated', replicas: 6 };
    });
    await s.run(2000);
    const running = s.running('svc1');
    expect(running).toHaveLength(6);
    expect(perNode(running)).toEqual({ n1: 2, n2: 2, n3: 2 });
    expect(running.map((t) => t.slot).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('replaces the tasks of a lost node, and shuts down its stale copies when it returns', async () => {
    const s = await start(3);
    await s.createService('svc1', 'web', (svc) => {
      svc.spec.mode = { kind: 'replicated', replicas: 6 };
    });
    await s.run(2000);
    await s.nodeDown('n1');
    await s.run(2000);
    const moved = s.running('svc1');
    expect(moved).toHaveLength(6);
    expect(perNode(moved)).toEqual({ n2: 3, n3: 3 });
    expectOneRunningPerSlot(s, 'svc1');
    const stale = s.tasks('svc1').filter((t) => t.nodeId === 'n1');
    expect(stale.every((t) => t.desiredState === 'SHUTDOWN')).toBe(true);
    await s.nodeUp('n1');
    await s.run(2000);
    expect(
      s.tasks('svc1').filter((t) => t.nodeId === 'n1' && t.status.state === 'RUNNING'),
    ).toEqual([]);
    expect(s.running('svc1')).toHaveLength(6);
    expectOneRunningPerSlot(s, 'svc1');
  });

  it('keeps two copies of a slot from running when a node returns before its tasks were stopped', async () => {
    const s = await start(2);
    await s.createService('svc1', 'web', (svc) => {
      svc.spec.mode = { kind: 'replicated', replicas: 2 };
    });
    await s.run(2000);
    // The agent is unreachable but the node is not yet marked down: nothing moves.
    s.downAgents.add('n1');
    await s.run(1000);
    await s.nodeDown('n1');
    await s.run(1000);
    await s.nodeUp('n1');
    await s.run(2000);
    expectOneRunningPerSlot(s, 'svc1');
    expect(s.running('svc1')).toHaveLength(2);
  });

  it('moves tasks off a drained node and places nothing on a paused one', async () => {
    const s = await start(3);
    await s.createService('svc1', 'web', (svc) => {
      svc.spec.mode = { kind: 'replicated', replicas: 3 };
    });
    await s.run(2000);
    await s.updateNode('n2', (n) => {
      n.spec.availability = 'drain';
    });
    await s.updateNode('n3', (n) => {
      n.spec.availability = 'pause';
    });
    await s.run(2000);
    let running = s.running('svc1');
    expect(running).toHaveLength(3);
    expect(perNode(running)).toEqual({ n1: 2, n3: 1 });
    await s.updateService('svc1', (svc) => {
      svc.spec.mode = { kind: 'replicated', replicas: 5 };
    });
    await s.run(2000);
    running = s.running('svc1');
    expect(perNode(running)).toEqual({ n1: 4, n3: 1 });
  });

  it('leaves a task that fits nowhere pending with the reason', async () => {
    const s = await start(3);
    await s.updateNode('n3', (n) => {
      n.status.state = 'down';
    });
    await s.createService('svc1', 'big', (svc) => {
      svc.spec.task.resources = { reservations: { nanoCpus: 0, memoryBytes: 64 * 1024 ** 3 } };
    });
    await s.run(1000);
    const [task] = s.tasks('svc1');
    expect(task?.status.state).toBe('PENDING');
    expect(task?.status.message).toBe(
      'no suitable node (insufficient memory on 2 nodes; 1 node not available)',
    );
    // A bigger node joins: the task is placed there.
    await s.store.update((tx) => {
      const node = s.newNode('n4');
      node.description.resources.memoryBytes = 128 * 1024 ** 3;
      tx.create('nodes', node);
    });
    await s.run(1000);
    expect(s.running('svc1').map((t) => t.nodeId)).toEqual(['n4']);
  });

  it('restarts a failed task after the restart delay, on virtual time', async () => {
    const s = await start(1);
    await s.createService('svc1', 'web', (svc) => {
      svc.spec.task.container.image = 'crash:1';
      svc.spec.task.restartPolicy = {
        condition: 'on-failure',
        delayMs: 5000,
        maxAttempts: 3,
        windowMs: 0,
      };
    });
    await s.run(1000);
    expect(s.tasks('svc1').map((t) => t.status.state)).toEqual(['FAILED']);
    await s.run(3000);
    expect(s.tasks('svc1')).toHaveLength(1);
    await s.run(2500);
    expect(s.tasks('svc1')).toHaveLength(2);
    await s.run(60_000);
    // Three restarts, then the slot is given up.
    const states = s.tasks('svc1').map((t) => t.status.state);
    expect(states).toEqual(['FAILED', 'FAILED', 'FAILED', 'FAILED']);
  });

  it("bounds each slot's history with the cluster's task history limit", async () => {
    const s = await start(1);
    await s.createService('svc1', 'web', (svc) => {
      svc.spec.task.container.image = 'crash:1';
      svc.spec.task.restartPolicy = {
        condition: 'any',
        delayMs: 1000,
        maxAttempts: 0,
        windowMs: 0,
      };
    });
    await s.run(30_000);
    const tasks = s.tasks('svc1');
    // History limit 3 (SimCluster's cluster object), plus the live replacement at most.
    expect(tasks.length).toBeGreaterThan(1);
    expect(tasks.filter((t) => isTerminal(t.status.state)).length).toBeLessThanOrEqual(3);
    expect(tasks.length).toBeLessThanOrEqual(4);
  });

  it('removes a service: tasks shut down, then task and service objects deleted', async () => {
    const s = await start(2);
    await s.createService('svc1', 'web', (svc) => {
      svc.spec.mode = { kind: 'replicated', replicas: 4 };
    });
    await s.run(2000);
    await s.updateService('svc1', (svc) => {
      svc.pendingDelete = true;
    });
    await s.run(2000);
    expect(s.tasks('svc1')).toEqual([]);
    expect(s.service('svc1')).toBeUndefined();
  });

  it('does nothing while not the leader, and takes over when it becomes leader', async () => {
    const s = await start(2, { leader: false });
    await s.createService('svc1', 'web', (svc) => {
      svc.spec.mode = { kind: 'replicated', replicas: 2 };
    });
    await s.run(15_000);
    expect(s.tasks('svc1')).toEqual([]);
    s.leadership.set(true);
    await s.run(2000);
    expect(s.running('svc1')).toHaveLength(2);
  });
});

describe('rolling updates', () => {
  it('rolls back an update whose new tasks crash, ending on the old spec at full replicas', async () => {
    const s = await start(3);
    await replicated(s, 4, (svc) => {
      svc.spec.update = { ...DEFAULT_UPDATE_CONFIG, parallelism: 2, monitorMs: 5000 };
    });
    await s.run(2000);
    expect(s.running('svc1')).toHaveLength(4);
    s.always(() => {
      expect(downSlots(s, 4).length).toBeLessThanOrEqual(2);
    });
    await s.updateService('svc1', (svc) => {
      svc.spec.task.container.image = 'crash:2';
    });
    await s.run(30_000);
    const service = s.service('svc1');
    expect(service?.spec.task.container.image).toBe('web:1');
    expect(service?.updateStatus?.state).toBe('rollback-completed');
    expect(service?.updateStatus?.message).toMatch(
      /^update rolled back: 2 of 4 updated tasks failed \(task web\.[12]: exit 1\)$/,
    );
    expect(images(s.running('svc1'))).toEqual(['web:1', 'web:1', 'web:1', 'web:1']);
    expectOneRunningPerSlot(s, 'svc1');
  });

  it('updates start-first, health-gated, without a slot going down', async () => {
    const s = await start(2);
    await replicated(s, 3, (svc) => {
      svc.spec.task.container.healthcheck = makeHealthCheck();
      svc.spec.update = { ...DEFAULT_UPDATE_CONFIG, order: 'start-first', delayMs: 1000 };
    });
    await s.run(2000);
    expect(s.running('svc1')).toHaveLength(3);
    s.always(() => {
      expect(downSlots(s, 3)).toEqual([]);
    });
    await s.updateService('svc1', (svc) => {
      svc.spec.task.container.image = 'web:2';
    });
    await s.run(4000);
    // Parallelism 1 with a delay: the update is still under way.
    expect(s.service('svc1')?.updateStatus?.state).toBe('updating');
    await s.run(30_000);
    expect(s.service('svc1')?.updateStatus).toMatchObject({
      state: 'completed',
      message: 'update completed',
    });
    expect(images(s.running('svc1'))).toEqual(['web:2', 'web:2', 'web:2']);
    expect(s.running('svc1').every((t) => t.status.health === 'healthy')).toBe(true);
    expectOneRunningPerSlot(s, 'svc1');
  });

  it('pauses a failing update when told to, saying why', async () => {
    const s = await start(2);
    await replicated(s, 3, (svc) => {
      svc.spec.update = { ...DEFAULT_UPDATE_CONFIG, failureAction: 'pause' };
    });
    await s.run(2000);
    s.always(() => {
      expect(downSlots(s, 3).length).toBeLessThanOrEqual(1);
    });
    await s.updateService('svc1', (svc) => {
      svc.spec.task.container.image = 'sick:2';
      svc.spec.task.container.healthcheck = makeHealthCheck(['CMD', 'check']);
      svc.spec.task.restartPolicy.condition = 'none';
    });
    await s.run(20_000);
    expect(s.service('svc1')?.updateStatus).toMatchObject({
      state: 'paused',
      message: 'update paused: 1 of 3 updated tasks failed (task web.1: task is unhealthy)',
    });
    expect(images(s.running('svc1'))).toEqual(['web:1', 'web:1']);
  });
});

describe('global services and jobs', () => {
  it('follows nodes joining, leaving and changing labels', async () => {
    const s = await start(3);
    await s.updateNode('n1', (n) => {
      n.spec.labels = { zone: 'a' };
    });
    await s.updateNode('n2', (n) => {
      n.spec.labels = { zone: 'a' };
    });
    await s.createService('svc1', 'agent', (svc) => {
      svc.spec.mode = { kind: 'global' };
      svc.spec.task.placement.constraints = ['node.labels.zone==a'];
    });
    await s.run(2000);
    const nodesRunning = (): string[] =>
      s
        .running('svc1')
        .map((t) => t.nodeId)
        .sort();
    expect(nodesRunning()).toEqual(['n1', 'n2']);
    await s.store.update((tx) => tx.create('nodes', s.newNode('n4', { zone: 'a' })));
    await s.run(2000);
    expect(nodesRunning()).toEqual(['n1', 'n2', 'n4']);
    await s.updateNode('n2', (n) => {
      n.spec.labels = { zone: 'b' };
    });
    await s.updateNode('n3', (n) => {
      n.spec.labels = { zone: 'a' };
    });
    await s.run(2000);
    expect(nodesRunning()).toEqual(['n1', 'n3', 'n4']);
    // n1 leaves the cluster: its task is stopped and, with the node gone, deleted.
    s.downAgents.add('n1');
    await s.store.update((tx) => tx.delete('nodes', 'n1'));
    await s.run(2000);
    expect(nodesRunning()).toEqual(['n3', 'n4']);
    expect(s.tasks('svc1').some((t) => t.nodeId === 'n1')).toBe(false);
  });

  it('runs a replicated job to completion, at most maxConcurrent at once', async () => {
    const s = await start(3);
    s.always(() => {
      const live = s
        .tasks('svc1')
        .filter((t) => t.desiredState === 'RUNNING' && !isTerminal(t.status.state));
      expect(live.length).toBeLessThanOrEqual(2);
    });
    await s.createService('svc1', 'batch', (svc) => {
      svc.spec.mode = { kind: 'replicated-job', maxConcurrent: 2, totalCompletions: 5 };
      svc.spec.task.container.image = 'job:1';
      svc.spec.task.restartPolicy.condition = 'on-failure';
    });
    await s.run(10_000);
    const tasks = s.tasks('svc1');
    expect(tasks.map((t) => t.status.state)).toEqual(Array(5).fill('COMPLETE'));
    expect(tasks.map((t) => t.slot).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('runs a global job once per node', async () => {
    const s = await start(3);
    await s.createService('svc1', 'once', (svc) => {
      svc.spec.mode = { kind: 'global-job' };
      svc.spec.task.container.image = 'job:1';
    });
    await s.run(5000);
    expect(perNode(s.tasks('svc1').filter((t) => t.status.state === 'COMPLETE'))).toEqual({
      n1: 1,
      n2: 1,
      n3: 1,
    });
  });
});

describe('allocation', () => {
  it('gives networks a subnet, services a VIP and tasks an address before they are placed', async () => {
    const s = await start(2);
    await s.store.update((tx) => {
      const net = makeNetwork('net1', 'back');
      net.ipam = [];
      delete net.vni;
      net.spec.ipam = [];
      tx.create('networks', net);
    });
    await replicated(s, 2, (svc) => {
      svc.spec.task.networks = [{ target: 'net1', aliases: ['api'] }];
    });
    await s.run(2000);
    const net = s.store.view((tx) => tx.get('networks', 'net1'));
    expect(net?.ipam).toHaveLength(1);
    expect(net?.vni).toBeGreaterThan(0);
    expect(s.service('svc1')?.endpoint?.virtualIps).toHaveLength(1);
    const running = s.running('svc1');
    expect(running).toHaveLength(2);
    for (const t of running) {
      expect(t.networks[0]?.networkId).toBe('net1');
      expect(t.networks[0]?.aliases).toEqual(['api']);
      expect(t.networks[0]?.addresses).toHaveLength(1);
    }
    expect(new Set(running.map((t) => t.networks[0]?.addresses[0])).size).toBe(2);
  });

  it('leaves the tasks of a service whose port is taken waiting, with the reason on them', async () => {
    const s = await start(1);
    const port = {
      protocol: 'tcp',
      targetPort: 80,
      publishedPort: 8080,
      publishMode: 'ingress',
    } as const;
    await replicated(s, 1, (svc) => {
      svc.spec.endpoint = { mode: 'vip', ports: [port] };
    });
    await s.run(1000);
    await s.createService('svc2', 'other', (svc) => {
      svc.spec.endpoint = { mode: 'vip', ports: [port] };
    });
    await s.run(1000);
    expect(s.running('svc1')).toHaveLength(1);
    const [waiting] = s.tasks('svc2');
    expect(waiting?.status.state).toBe('NEW');
    expect(waiting?.status.err).toBe(
      'Cannot publish port 8080/tcp: service "web" already publishes it',
    );
    expect(
      s.logLines.some((l) => l.includes('allocation failed: Cannot publish port 8080/tcp')),
    ).toBe(true);
  });

  it('rebuilds its address book after a failed commit and allocates again', async () => {
    const s = await start(1);
    await s.store.update((tx) => tx.create('networks', makeNetwork('net1', 'back')));
    // A write that lands between the allocator's read and its commit makes the commit stale.
    const original = s.store.update.bind(s.store);
    let raced = false;
    s.store.update = async (fn, options) => {
      if (!raced && s.tasks('svc1').some((t) => t.status.state === 'NEW')) {
        raced = true;
        await original((tx) => {
          const t = tx.find('tasks', 'service', 'svc1')[0];
          if (t !== undefined)
            tx.update('tasks', { ...t, status: { ...t.status, message: 'touched' } });
        });
      }
      return original(fn, options);
    };
    await replicated(s, 1, (svc) => {
      svc.spec.task.networks = [{ target: 'net1', aliases: [] }];
    });
    await s.run(2000);
    expect(raced).toBe(true);
    expect(s.logLines.some((l) => l.includes('manager pass failed'))).toBe(true);
    const [t] = s.running('svc1');
    // The VIP took the first address; the task the next, once, after the retry.
    expect(s.service('svc1')?.endpoint?.virtualIps).toEqual([
      { networkId: 'net1', addr: '10.0.1.2/24' },
    ]);
    expect(t?.networks[0]?.addresses).toEqual(['10.0.1.3/24']);
  });
});
