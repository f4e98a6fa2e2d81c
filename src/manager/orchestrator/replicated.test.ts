import { describe, expect, it } from 'vitest';
import { reconcileReplicated } from './replicated.js';
import { NOW_MS, node, options, service, summary, task } from './testing.js';
import type { Node, RestartPolicy, Task } from '../../store/index.js';

interface Case {
  name: string;
  replicas: number;
  restart?: Partial<RestartPolicy>;
  tasks: Task[];
  nodes?: Node[];
  historyLimit?: number;
  expected: string[];
}

const cases: Case[] = [
  {
    name: 'creates slots 1..N for a new service',
    replicas: 3,
    tasks: [],
    expected: ['create t1 slot=1 node=', 'create t2 slot=2 node=', 'create t3 slot=3 node='],
  },
  {
    name: 'does nothing when every slot runs',
    replicas: 2,
    tasks: [task('a', { slot: 1 }), task('b', { slot: 2 })],
    expected: [],
  },
  {
    name: 'scales up into the lowest free slots',
    replicas: 3,
    tasks: [task('a', { slot: 2 })],
    expected: ['create t1 slot=1 node=', 'create t2 slot=3 node='],
  },
  {
    name: 'scales down the highest slots first',
    replicas: 1,
    tasks: [task('a', { slot: 1 }), task('b', { slot: 2 }), task('c', { slot: 3 })],
    expected: ['SHUTDOWN b', 'SHUTDOWN c'],
  },
  {
    name: 'scales down tasks not running before running ones',
    replicas: 2,
    tasks: [
      task('a', { slot: 1 }),
      task('b', { slot: 2, state: 'PENDING', node: '' }),
      task('c', { slot: 3 }),
    ],
    expected: ['SHUTDOWN b'],
  },
  {
    name: 'restarts a failed task in its slot (condition any, no delay)',
    replicas: 1,
    tasks: [task('a', { slot: 1, state: 'FAILED' })],
    expected: ['create t1 slot=1 node='],
  },
  {
    name: 'schedules a delayed restart while the delay runs',
    replicas: 1,
    restart: { delayMs: 10_000 },
    tasks: [task('a', { slot: 1, state: 'FAILED', endedAgoS: 3 })],
    expected: ['restart-at slot=1 node= +7s'],
  },
  {
    name: 'restarts once the delay has passed',
    replicas: 1,
    restart: { delayMs: 10_000 },
    tasks: [task('a', { slot: 1, state: 'FAILED', endedAgoS: 20 })],
    expected: ['create t1 slot=1 node='],
  },
  {
    name: 'never restarts under condition none',
    replicas: 1,
    restart: { condition: 'none' },
    tasks: [task('a', { slot: 1, state: 'FAILED' })],
    expected: [],
  },
  {
    name: 'does not restart a completed task under condition on-failure',
    replicas: 1,
    restart: { condition: 'on-failure' },
    tasks: [task('a', { slot: 1, state: 'COMPLETE' })],
    expected: [],
  },
  {
    name: 'restarts a failed task under condition on-failure',
    replicas: 1,
    restart: { condition: 'on-failure' },
    tasks: [task('a', { slot: 1, state: 'FAILED' })],
    expected: ['create t1 slot=1 node='],
  },
  {
    name: 'restarts a completed task under condition any',
    replicas: 1,
    tasks: [task('a', { slot: 1, state: 'COMPLETE' })],
    expected: ['create t1 slot=1 node='],
  },
  {
    name: 'gives up a slot after max attempts over its life (window 0)',
    replicas: 1,
    restart: { maxAttempts: 2 },
    tasks: [
      task('a', { slot: 1, state: 'FAILED', created: 1 }),
      task('b', { slot: 1, state: 'FAILED', created: 2 }),
      task('c', { slot: 1, state: 'FAILED', created: 3 }),
    ],
    expected: [],
  },
  {
    name: 'restarts while attempts remain',
    replicas: 1,
    restart: { maxAttempts: 2 },
    tasks: [
      task('a', { slot: 1, state: 'FAILED', created: 1 }),
      task('b', { slot: 1, state: 'FAILED', created: 2 }),
    ],
    expected: ['create t1 slot=1 node='],
  },
  {
    name: 'counts attempts only within the window',
    replicas: 1,
    restart: { maxAttempts: 2, windowMs: 60_000 },
    tasks: [
      task('a', { slot: 1, state: 'FAILED', created: 1, endedAgoS: 300 }),
      task('b', { slot: 1, state: 'FAILED', created: 2, endedAgoS: 200 }),
      task('c', { slot: 1, state: 'FAILED', created: 3, endedAgoS: 10 }),
    ],
    expected: ['create t1 slot=1 node='],
  },
  {
    name: 'does not count tasks the orchestrator stopped as attempts',
    replicas: 1,
    restart: { maxAttempts: 1 },
    tasks: [
      task('a', { slot: 1, state: 'SHUTDOWN', desired: 'SHUTDOWN', created: 1 }),
      task('b', { slot: 1, state: 'FAILED', created: 2 }),
    ],
    expected: ['create t1 slot=1 node='],
  },
  {
    name: 'replaces a task on a down node in the same slot',
    replicas: 2,
    tasks: [task('a', { slot: 1, node: 'n2' }), task('b', { slot: 2 })],
    nodes: [node('n1'), node('n2', { state: 'down' })],
    expected: ['SHUTDOWN a', 'create t1 slot=1 node='],
  },
  {
    name: 'replaces a task on a drained node',
    replicas: 1,
    tasks: [task('a', { slot: 1, node: 'n2' })],
    nodes: [node('n1'), node('n2', { availability: 'drain' })],
    expected: ['SHUTDOWN a', 'create t1 slot=1 node='],
  },
  {
    name: 'replaces a task whose node left the cluster',
    replicas: 1,
    tasks: [task('a', { slot: 1, node: 'gone' })],
    expected: ['SHUTDOWN a', 'create t1 slot=1 node='],
  },
  {
    name: 'keeps tasks on a paused node',
    replicas: 1,
    tasks: [task('a', { slot: 1, node: 'n2' })],
    nodes: [node('n1'), node('n2', { availability: 'pause' })],
    expected: [],
  },
  {
    name: 'shuts down the older of two running tasks in a slot (a lost node came back)',
    replicas: 1,
    tasks: [task('old', { slot: 1, created: 1 }), task('new', { slot: 1, created: 2 })],
    expected: ['SHUTDOWN old'],
  },
  {
    name: 'keeps the running task over a newer pending one in the same slot',
    replicas: 1,
    tasks: [
      task('old', { slot: 1, created: 1 }),
      task('new', { slot: 1, created: 2, state: 'PENDING', node: '' }),
    ],
    expected: ['SHUTDOWN new'],
  },
  {
    name: 'refills a slot whose task is shutting down',
    replicas: 1,
    tasks: [task('a', { slot: 1, desired: 'SHUTDOWN' })],
    expected: ['create t1 slot=1 node='],
  },
  {
    name: 'removes terminal tasks beyond the history limit, oldest first',
    replicas: 1,
    historyLimit: 2,
    tasks: [
      task('h1', { slot: 1, state: 'SHUTDOWN', desired: 'SHUTDOWN', created: 1 }),
      task('h2', { slot: 1, state: 'SHUTDOWN', desired: 'SHUTDOWN', created: 2 }),
      task('h3', { slot: 1, state: 'SHUTDOWN', desired: 'SHUTDOWN', created: 3 }),
      task('h4', { slot: 1, state: 'SHUTDOWN', desired: 'SHUTDOWN', created: 4 }),
      task('live', { slot: 1, created: 5 }),
    ],
    expected: ['REMOVE h2', 'REMOVE h1'],
  },
  {
    name: 'keeps the failures max attempts still counts beyond the history limit',
    replicas: 1,
    historyLimit: 1,
    restart: { maxAttempts: 2 },
    tasks: [
      task('a', { slot: 1, state: 'FAILED', created: 1 }),
      task('b', { slot: 1, state: 'FAILED', created: 2 }),
      task('c', { slot: 1, state: 'FAILED', created: 3 }),
    ],
    expected: [],
  },
  {
    name: 'ignores tasks already desired REMOVE',
    replicas: 1,
    tasks: [task('a', { slot: 1, state: 'FAILED', desired: 'REMOVE' })],
    expected: ['create t1 slot=1 node='],
  },
];

describe('reconcileReplicated()', () => {
  it.each(cases)('$name', (c) => {
    const snapshot = {
      service: service({ kind: 'replicated', replicas: c.replicas }, c.restart),
      tasks: c.tasks,
      nodes: c.nodes ?? [node('n1')],
    };
    const actions = reconcileReplicated(snapshot, NOW_MS, options(c.historyLimit));
    expect(summary(actions)).toEqual(c.expected);
  });

  it('shuts down live tasks and removes stopped ones of a service being deleted', () => {
    const snapshot = {
      service: service({ kind: 'replicated', replicas: 2 }, {}, { pendingDelete: true }),
      tasks: [task('a', { slot: 1 }), task('b', { slot: 2, state: 'FAILED' })],
      nodes: [node('n1')],
    };
    expect(summary(reconcileReplicated(snapshot, NOW_MS, options()))).toEqual([
      'SHUTDOWN a',
      'REMOVE b',
    ]);
  });

  it('gives new tasks the service template, version and a readable reason', () => {
    const snapshot = {
      service: service({ kind: 'replicated', replicas: 1 }),
      tasks: [task('a', { slot: 1, node: 'n2' })],
      nodes: [node('n2', { state: 'down' })],
    };
    const actions = reconcileReplicated(snapshot, NOW_MS, options());
    expect(actions[0]).toMatchObject({
      kind: 'set-desired',
      reason: 'node "n2" is down: task shut down and replaced',
    });
    expect(actions[1]).toMatchObject({
      kind: 'create',
      reason: 'slot 1 lost its node',
      task: {
        id: 't1',
        serviceId: 'svc',
        slot: 1,
        nodeId: '',
        desiredState: 'RUNNING',
        status: { state: 'NEW', timestamp: '2026-01-01T00:10:00.000Z' },
        specVersion: 1,
        serviceAnnotations: { name: 'web.1' },
      },
    });
  });
});
