import { afterEach, describe, expect, it } from 'vitest';
import { isTerminal, type Task } from '../../store/index.js';
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
