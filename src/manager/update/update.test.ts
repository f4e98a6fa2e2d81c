import { describe, expect, it } from 'vitest';
import type { Service, Task, UpdateConfig, UpdateStatus } from '../../store/index.js';
import { makeHealthCheck } from '../../store/testing.js';
import { NOW_MS, ago, node, service, task, taskSpec } from '../orchestrator/testing.js';
import { DEFAULT_UPDATE_CONFIG, deepEqual, isTaskReady } from './config.js';
import { planUpdate } from './update.js';
import type { UpdatePlan } from './types.js';

/** Spec version 2 runs image `v2`; tasks built by `task()` run the v1 template. */
function updated(
  replicas: number,
  update: Partial<UpdateConfig> = {},
  status?: UpdateStatus,
): Service {
  const s = service({ kind: 'replicated', replicas });
  const previous = structuredClone(s.spec);
  s.spec.task.container.image = 'busybox:v2';
  s.spec.update = { ...DEFAULT_UPDATE_CONFIG, ...update };
  s.previousSpec = previous;
  s.specVersion = 2;
  if (status !== undefined) s.updateStatus = status;
  return s;
}

/** A task on the service's current (v2) template, created `createdAgoS` seconds ago. */
function fresh(
  id: string,
  slot: number,
  o: Partial<Task['status']> & { createdAgoS?: number } = {},
): Task {
  const { createdAgoS = 30, ...status } = o;
  const t = task(id, { slot, state: 'RUNNING' });
  t.spec = taskSpec();
  t.spec.container.image = 'busybox:v2';
  t.specVersion = 2;
  t.meta = { ...t.meta, createdAt: ago(createdAgoS) };
  t.status = { ...t.status, timestamp: ago(createdAgoS - 1), ...status };
  return t;
}

const started = (secondsAgo: number): UpdateStatus => ({
  state: 'updating',
  startedAt: ago(secondsAgo),
  message: 'update in progress',
});

function ids(): () => string {
  let n = 0;
  return () => `u${String(++n)}`;
}

function plan(s: Service, tasks: Task[], readySince: [string, number][] = []): UpdatePlan {
  return planUpdate({ service: s, tasks, nodes: [node('n1'), node('n2')] }, NOW_MS, {
    ids: ids(),
    readySinceMs: new Map(readySince),
  });
}

function summary(p: UpdatePlan): string[] {
  return p.actions.map((a) =>
    a.kind === 'create'
      ? `create ${a.task.id} slot=${String(a.task.slot)} image=${a.task.spec.container.image}`
      : a.kind === 'set-desired'
        ? `${a.desired} ${a.taskId}`
        : 'restart-at',
  );
}

describe('planUpdate()', () => {
  it('starts an update: status updating, one slot replaced stop-first', () => {
    const p = plan(updated(3), [
      task('a', { slot: 1 }),
      task('b', { slot: 2 }),
      task('c', { slot: 3 }),
    ]);
    expect(p.status?.state).toBe('updating');
    expect(summary(p)).toEqual(['SHUTDOWN a', 'create u1 slot=1 image=busybox:v2']);
    expect(p.held).toEqual([]);
  });

  it('replaces tasks that are not running first', () => {
    const p = plan(updated(2, { parallelism: 1 }, started(60)), [
      task('a', { slot: 1 }),
      task('b', { slot: 2, state: 'PENDING' }),
    ]);
    expect(summary(p)).toEqual(['SHUTDOWN b', 'create u1 slot=2 image=busybox:v2']);
  });

  it('waits while a replacement is not up (parallelism 1)', () => {
    const p = plan(updated(2, {}, started(60)), [
      task('a', { slot: 1, desired: 'SHUTDOWN', state: 'SHUTDOWN' }),
      fresh('n1', 1, { state: 'STARTING' }),
      task('b', { slot: 2 }),
    ]);
    expect(summary(p)).toEqual([]);
    expect(p.status).toBeUndefined();
  });

  it('counts a task with a healthcheck as updated only once healthy', () => {
    const s = updated(2, { monitorMs: 0 }, started(60));
    s.spec.task.container.healthcheck = makeHealthCheck();
    const starting = fresh('n1', 1, { health: 'starting' });
    starting.spec = structuredClone(s.spec.task);
    expect(isTaskReady(starting)).toBe(false);
    expect(summary(plan(s, [starting, task('b', { slot: 2 })]))).toEqual([]);
    const healthy = { ...starting, status: { ...starting.status, health: 'healthy' as const } };
    expect(summary(plan(s, [healthy, task('b', { slot: 2 })]))).toEqual([
      'SHUTDOWN b',
      'create u1 slot=2 image=busybox:v2',
    ]);
  });

  it('waits delayMs after a replacement came up before the next one', () => {
    const s = updated(2, { delayMs: 10_000, monitorMs: 0 }, started(60));
    const tasks = [fresh('n1', 1), task('b', { slot: 2 })];
    const early = plan(s, tasks, [['n1', NOW_MS - 4000]]);
    expect(summary(early)).toEqual([]);
    expect(early.wakeAtMs).toBe(NOW_MS + 6000);
    const late = plan(s, tasks, [['n1', NOW_MS - 10_000]]);
    expect(summary(late)).toEqual(['SHUTDOWN b', 'create u1 slot=2 image=busybox:v2']);
  });

  it('replaces parallelism slots at once, all with parallelism 0', () => {
    const tasks = [1, 2, 3, 4].map((slot) => task(`t${String(slot)}`, { slot }));
    expect(summary(plan(updated(4, { parallelism: 2 }), tasks))).toHaveLength(4);
    expect(summary(plan(updated(4, { parallelism: 0 }), tasks))).toHaveLength(8);
  });

  it('start-first: creates the replacement, holds the old task, shuts it down once up', () => {
    const s = updated(1, { order: 'start-first', monitorMs: 0 }, started(60));
    const first = plan(s, [task('a', { slot: 1 })]);
    expect(summary(first)).toEqual(['create u1 slot=1 image=busybox:v2']);
    expect(first.held).toEqual(['a']);
    const starting = plan(s, [task('a', { slot: 1 }), fresh('n1', 1, { state: 'STARTING' })]);
    expect(summary(starting)).toEqual([]);
    expect(starting.held).toEqual(['a']);
    const up = plan(s, [task('a', { slot: 1 }), fresh('n1', 1)]);
    expect(summary(up)).toEqual(['SHUTDOWN a']);
    expect(up.held).toEqual([]);
  });

  it('completes once every task runs the new template past the monitor period', () => {
    const s = updated(1, { monitorMs: 5000 }, started(60));
    const monitoring = plan(s, [fresh('n1', 1)], [['n1', NOW_MS - 2000]]);
    expect(monitoring.status).toBeUndefined();
    expect(monitoring.wakeAtMs).toBe(NOW_MS + 3000);
    const done = plan(s, [fresh('n1', 1)], [['n1', NOW_MS - 5000]]);
    expect(done.status).toMatchObject({ state: 'completed', message: 'update completed' });
  });

  it('rolls back when a replacement fails, saying why', () => {
    const s = updated(4, { parallelism: 2 }, started(60));
    const crashed = fresh('n3', 3, { state: 'FAILED', exitCode: 1 });
    crashed.serviceAnnotations = { name: 'web.3', labels: {} };
    const p = plan(s, [
      task('a', { slot: 1 }),
      task('b', { slot: 2 }),
      task('c', { slot: 3, desired: 'SHUTDOWN', state: 'SHUTDOWN' }),
      crashed,
      task('d', { slot: 4, desired: 'SHUTDOWN', state: 'SHUTDOWN' }),
      fresh('n4', 4, { state: 'STARTING' }),
    ]);
    expect(p.rollback).toBe(true);
    expect(p.status).toMatchObject({
      state: 'rollback-started',
      message: 'update rolled back: 1 of 4 updated tasks failed (task web.3: exit 1)',
    });
    expect(p.actions).toEqual([]);
  });

  it('does not count a failure after the monitor period', () => {
    const s = updated(2, { monitorMs: 5000 }, started(60));
    const ended = fresh('n1', 1, { state: 'FAILED', exitCode: 1 });
    const p = plan(s, [ended, task('b', { slot: 2 })], [['n1', NOW_MS - 40_000]]);
    expect(p.rollback).toBe(false);
    expect(summary(p)).toEqual(['SHUTDOWN b', 'create u1 slot=2 image=busybox:v2']);
  });

  it.each([
    ['pause', 'paused', 'update paused: 1 of 2 updated tasks failed (task web.1: exit 2)'],
    [
      'rollback',
      'paused',
      'update paused: 1 of 2 updated tasks failed (task web.1: exit 2) (no previous spec to roll back to)',
    ],
  ] as const)('failure action %s without a way back: %s', (action, state, message) => {
    const s = updated(2, { failureAction: action }, started(60));
    delete s.previousSpec;
    const p = plan(s, [fresh('n1', 1, { state: 'FAILED', exitCode: 2 }), task('b', { slot: 2 })]);
    expect(p.status).toMatchObject({ state, message });
    expect(p.actions).toEqual([]);
  });

  it('failure action continue goes on', () => {
    const s = updated(2, { failureAction: 'continue' }, started(60));
    const p = plan(s, [fresh('n1', 1, { state: 'FAILED', exitCode: 2 }), task('b', { slot: 2 })]);
    expect(p.status).toBeUndefined();
    expect(summary(p)).toEqual(['SHUTDOWN b', 'create u1 slot=2 image=busybox:v2']);
  });

  it('tolerates failures up to maxFailureRatio', () => {
    const s = updated(4, { maxFailureRatio: 0.25, parallelism: 2 }, started(60));
    const tasks = [
      fresh('n1', 1, { state: 'FAILED', exitCode: 2 }),
      task('b', { slot: 2 }),
      task('c', { slot: 3 }),
      task('d', { slot: 4 }),
    ];
    expect(plan(s, tasks).rollback).toBe(false);
    tasks.push(fresh('n2', 2, { state: 'REJECTED' }));
    expect(plan(s, tasks).status?.message).toMatch(
      /^update rolled back: 2 of 4 updated tasks failed/,
    );
  });

  it('a paused update does nothing but keeps start-first pairs held', () => {
    const s = updated(2, { order: 'start-first' }, { ...started(60), state: 'paused' });
    const p = plan(s, [
      task('a', { slot: 1 }),
      fresh('n1', 1, { state: 'STARTING' }),
      task('b', { slot: 2 }),
    ]);
    expect(p.actions).toEqual([]);
    expect(p.held).toEqual(['a']);
    expect(p.status).toBeUndefined();
  });

  it('a rollback runs with the rollback config and a failing rollback pauses', () => {
    const s = updated(
      2,
      { failureAction: 'rollback' },
      {
        state: 'rollback-started',
        startedAt: ago(60),
        message: 'update rolled back: x',
      },
    );
    const p = plan(s, [fresh('n1', 1, { state: 'FAILED', exitCode: 3 }), task('b', { slot: 2 })]);
    expect(p.rollback).toBe(false);
    expect(p.status?.state).toBe('rollback-paused');
    expect(p.status?.message).toMatch(/^rollback paused: 1 of 2 updated tasks failed/);
  });

  it('a finished rollback keeps the reason it rolled back', () => {
    const s = updated(
      1,
      { monitorMs: 0 },
      {
        state: 'rollback-started',
        startedAt: ago(60),
        message: 'update rolled back: 1 of 1 updated tasks failed (task web.1: exit 1)',
      },
    );
    s.spec.rollback = { ...DEFAULT_UPDATE_CONFIG, monitorMs: 0 };
    const p = plan(s, [fresh('n1', 1)]);
    expect(p.status).toMatchObject({
      state: 'rollback-completed',
      message: 'update rolled back: 1 of 1 updated tasks failed (task web.1: exit 1)',
    });
  });

  it('leaves tasks on lost nodes to the orchestrator and ignores jobs', () => {
    const s = updated(1);
    const p = planUpdate(
      { service: s, tasks: [task('a', { slot: 1 })], nodes: [node('n1', { state: 'down' })] },
      NOW_MS,
      { ids: ids(), readySinceMs: new Map() },
    );
    expect(p.actions).toEqual([]);
    const job = updated(1);
    job.spec.mode = { kind: 'replicated-job', maxConcurrent: 1, totalCompletions: 1 };
    expect(plan(job, [task('a', { slot: 1 })]).actions).toEqual([]);
  });

  it('updates a global service node by node', () => {
    const s = updated(1);
    s.spec.mode = { kind: 'global' };
    const p = plan(s, [task('a', { node: 'n2' }), task('b', { node: 'n1' })]);
    expect(
      p.actions.map((a) => (a.kind === 'create' ? `create node=${a.task.nodeId}` : a.kind)),
    ).toEqual(['set-desired', 'create node=n1']);
  });

  it('waits for a scale down before replacing anything', () => {
    const s = updated(1, { parallelism: 2 }, started(60));
    const p = plan(s, [task('a', { slot: 1 }), task('b', { slot: 2 })]);
    expect(summary(p)).toEqual([]);
  });

  it('leaves a global task on a node that no longer satisfies the constraints to the reconcile', () => {
    const s = updated(1);
    s.spec.mode = { kind: 'global' };
    s.spec.task.placement.constraints = ['node.labels.zone==a'];
    const p = planUpdate(
      {
        service: s,
        tasks: [task('a', { node: 'n1' }), task('b', { node: 'n2' })],
        nodes: [node('n1', { labels: { zone: 'b' } }), node('n2', { labels: { zone: 'a' } })],
      },
      NOW_MS,
      { ids: ids(), readySinceMs: new Map() },
    );
    expect(summary(p)).toEqual(['SHUTDOWN b', 'create u1 slot=0 image=busybox:v2']);
  });
});

describe('deepEqual()', () => {
  it.each([
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: [1, 2] }, { a: [1, 2] }, true],
    [{ a: [1, 2] }, { a: [2, 1] }, false],
    [new Uint8Array([1]), new Uint8Array([1]), true],
    [{ a: { b: 'x' } }, { a: { b: 'y' } }, false],
    [null, {}, false],
  ])('deepEqual(%j, %j) is %s', (a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
  });
});
