import { afterEach, describe, expect, it } from 'vitest';
import { isTerminal } from '../../store/index.js';
import { makeHealthCheck } from '../../store/testing.js';
import { DEFAULT_UPDATE_CONFIG } from '../update/index.js';
import { images, perNode, simulations } from './testing.js';

const start = simulations(afterEach);

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
    expect(s.slotsRunningTwice('svc1')).toEqual([]);
    const stale = s.tasks('svc1').filter((t) => t.nodeId === 'n1');
    expect(stale.every((t) => t.desiredState === 'SHUTDOWN')).toBe(true);
    await s.nodeUp('n1');
    await s.run(2000);
    expect(
      s.tasks('svc1').filter((t) => t.nodeId === 'n1' && t.status.state === 'RUNNING'),
    ).toEqual([]);
    expect(s.running('svc1')).toHaveLength(6);
    expect(s.slotsRunningTwice('svc1')).toEqual([]);
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
    expect(s.slotsRunningTwice('svc1')).toEqual([]);
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
    await s.replicated(4, (svc) => {
      svc.spec.update = { ...DEFAULT_UPDATE_CONFIG, parallelism: 2, monitorMs: 5000 };
    });
    await s.run(2000);
    expect(s.running('svc1')).toHaveLength(4);
    s.always(() => {
      expect(s.downSlots('svc1', 4).length).toBeLessThanOrEqual(2);
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
    expect(s.slotsRunningTwice('svc1')).toEqual([]);
  });

  it('updates start-first, health-gated, without a slot going down', async () => {
    const s = await start(2);
    await s.replicated(3, (svc) => {
      svc.spec.task.container.healthcheck = makeHealthCheck();
      svc.spec.update = { ...DEFAULT_UPDATE_CONFIG, order: 'start-first', delayMs: 1000 };
    });
    await s.run(2000);
    expect(s.running('svc1')).toHaveLength(3);
    s.always(() => {
      expect(s.downSlots('svc1', 3)).toEqual([]);
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
    expect(s.slotsRunningTwice('svc1')).toEqual([]);
  });

  it('pauses a failing update when told to, saying why', async () => {
    const s = await start(2);
    await s.replicated(3, (svc) => {
      svc.spec.update = { ...DEFAULT_UPDATE_CONFIG, failureAction: 'pause' };
    });
    await s.run(2000);
    s.always(() => {
      expect(s.downSlots('svc1', 3).length).toBeLessThanOrEqual(1);
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
