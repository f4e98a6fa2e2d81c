import { describe, expect, it } from 'vitest';
import { reconcileGlobal, reconcileGlobalJob } from './global.js';
import { NOW_MS, node, options, service, summary, task } from './testing.js';
import type { Node, RestartPolicy, Task } from '../../store/index.js';

interface Case {
  name: string;
  tasks: Task[];
  nodes: Node[];
  constraints?: string[];
  restart?: Partial<RestartPolicy>;
  expected: string[];
}

const globalCases: Case[] = [
  {
    name: 'creates one task per ready, active node',
    tasks: [],
    nodes: [node('n1'), node('n2')],
    expected: ['create t1 slot=0 node=n1', 'create t2 slot=0 node=n2'],
  },
  {
    name: 'follows a node that joins',
    tasks: [task('a', { node: 'n1' })],
    nodes: [node('n1'), node('n2')],
    expected: ['create t1 slot=0 node=n2'],
  },
  {
    name: 'gives no task to a paused, drained, down or not-ready node',
    tasks: [],
    nodes: [
      node('p', { availability: 'pause' }),
      node('d', { availability: 'drain' }),
      node('x', { state: 'down' }),
      node('u', { state: 'unknown' }),
    ],
    expected: [],
  },
  {
    name: 'keeps the task of a paused node',
    tasks: [task('a', { node: 'p' })],
    nodes: [node('p', { availability: 'pause' })],
    expected: [],
  },
  {
    name: 'shuts down the task of a drained node and replaces it nowhere',
    tasks: [task('a', { node: 'd' })],
    nodes: [node('d', { availability: 'drain' })],
    expected: ['SHUTDOWN a'],
  },
  {
    name: 'shuts down the task of a down node',
    tasks: [task('a', { node: 'x' })],
    nodes: [node('x', { state: 'down' })],
    expected: ['SHUTDOWN a'],
  },
  {
    name: 'shuts down the task of a node that left',
    tasks: [task('a', { node: 'gone' })],
    nodes: [],
    expected: ['SHUTDOWN a'],
  },
  {
    name: 'places only on nodes satisfying the constraints',
    tasks: [],
    nodes: [node('n1', { labels: { zone: 'east' } }), node('n2', { labels: { zone: 'west' } })],
    constraints: ['node.labels.zone==east'],
    expected: ['create t1 slot=0 node=n1'],
  },
  {
    name: 'shuts down the task of a node whose labels no longer satisfy a constraint',
    tasks: [task('a', { node: 'n2' })],
    nodes: [node('n2', { labels: { zone: 'west' } })],
    constraints: ['node.labels.zone==east'],
    expected: ['SHUTDOWN a'],
  },
  {
    name: 'places nothing and moves nothing when the constraints do not parse',
    tasks: [task('a', { node: 'n1' })],
    nodes: [node('n1'), node('n2')],
    constraints: ['node.bogus==1'],
    expected: [],
  },
  {
    name: 'restarts an ended task on its node',
    tasks: [task('a', { node: 'n1', state: 'FAILED' })],
    nodes: [node('n1')],
    expected: ['create t1 slot=0 node=n1'],
  },
  {
    name: 'delays the restart on its node',
    tasks: [task('a', { node: 'n1', state: 'FAILED', endedAgoS: 1 })],
    nodes: [node('n1')],
    restart: { delayMs: 5000 },
    expected: ['restart-at slot=0 node=n1 +4s'],
  },
  {
    name: 'does not restart on a paused node',
    tasks: [task('a', { node: 'p', state: 'FAILED' })],
    nodes: [node('p', { availability: 'pause' })],
    expected: [],
  },
  {
    name: 'shuts down the older of two running tasks on a node',
    tasks: [task('old', { node: 'n1', created: 1 }), task('new', { node: 'n1', created: 2 })],
    nodes: [node('n1')],
    expected: ['SHUTDOWN old'],
  },
];

const jobCases: Case[] = [
  {
    name: 'runs one task per eligible node',
    tasks: [],
    nodes: [node('n1'), node('n2', { availability: 'pause' })],
    expected: ['create t1 slot=0 node=n1'],
  },
  {
    name: 'never restarts a COMPLETE task, even under condition any',
    tasks: [task('a', { node: 'n1', state: 'COMPLETE' })],
    nodes: [node('n1')],
    expected: [],
  },
  {
    name: 'retries a failed run',
    tasks: [task('a', { node: 'n1', state: 'FAILED' })],
    nodes: [node('n1')],
    restart: { condition: 'on-failure' },
    expected: ['create t1 slot=0 node=n1'],
  },
  {
    name: 'stops retrying after max attempts',
    tasks: [
      task('a', { node: 'n1', state: 'FAILED', created: 1 }),
      task('b', { node: 'n1', state: 'FAILED', created: 2 }),
    ],
    nodes: [node('n1')],
    restart: { maxAttempts: 1 },
    expected: [],
  },
  {
    name: 'gives a node that joins later its run',
    tasks: [task('a', { node: 'n1', state: 'COMPLETE' })],
    nodes: [node('n1'), node('n2')],
    expected: ['create t1 slot=0 node=n2'],
  },
];

function snapshotOf(c: Case, kind: 'global' | 'global-job') {
  const svc = service({ kind }, c.restart);
  svc.spec.task.placement.constraints = c.constraints ?? [];
  return { service: svc, tasks: c.tasks, nodes: c.nodes };
}

describe('reconcileGlobal()', () => {
  it.each(globalCases)('$name', (c) => {
    const actions = reconcileGlobal(snapshotOf(c, 'global'), NOW_MS, options());
    expect(summary(actions)).toEqual(c.expected);
  });

  it('says why a task leaves its node', () => {
    const c = globalCases.find((x) => x.name.includes('no longer satisfy'));
    const actions = reconcileGlobal(snapshotOf(c!, 'global'), NOW_MS, options());
    expect(actions[0]).toMatchObject({
      reason: 'node "n2" no longer satisfies constraint "node.labels.zone==east"',
    });
  });
});

describe('reconcileGlobalJob()', () => {
  it.each(jobCases)('$name', (c) => {
    const actions = reconcileGlobalJob(snapshotOf(c, 'global-job'), NOW_MS, options());
    expect(summary(actions)).toEqual(c.expected);
  });
});
