import { describe, expect, it } from 'vitest';
import { reconcileReplicatedJob } from './replicated-job.js';
import { NOW_MS, node, options, service, summary, task } from './testing.js';
import type { Node, RestartPolicy, Task } from '../../store/index.js';

interface Case {
  name: string;
  total: number;
  maxConcurrent: number;
  tasks: Task[];
  nodes?: Node[];
  restart?: Partial<RestartPolicy>;
  expected: string[];
}

const cases: Case[] = [
  {
    name: 'starts at most maxConcurrent runs, lowest slots first',
    total: 5,
    maxConcurrent: 2,
    tasks: [],
    expected: ['create t1 slot=1 node=', 'create t2 slot=2 node='],
  },
  {
    name: 'runs every slot at once when maxConcurrent is 0',
    total: 2,
    maxConcurrent: 0,
    tasks: [],
    expected: ['create t1 slot=1 node=', 'create t2 slot=2 node='],
  },
  {
    name: 'starts the next run when one completes',
    total: 3,
    maxConcurrent: 2,
    tasks: [task('a', { slot: 1, state: 'COMPLETE' }), task('b', { slot: 2 })],
    expected: ['create t1 slot=3 node='],
  },
  {
    name: 'does nothing once every slot completed',
    total: 2,
    maxConcurrent: 1,
    tasks: [task('a', { slot: 1, state: 'COMPLETE' }), task('b', { slot: 2, state: 'COMPLETE' })],
    expected: [],
  },
  {
    name: 'never restarts a COMPLETE task, even under condition any',
    total: 1,
    maxConcurrent: 1,
    tasks: [task('a', { slot: 1, state: 'COMPLETE' })],
    expected: [],
  },
  {
    name: 'retries a failed run in its slot',
    total: 1,
    maxConcurrent: 1,
    tasks: [task('a', { slot: 1, state: 'FAILED' })],
    restart: { condition: 'on-failure' },
    expected: ['create t1 slot=1 node='],
  },
  {
    name: 'does not retry under condition none, and moves on to the next slot',
    total: 2,
    maxConcurrent: 1,
    tasks: [task('a', { slot: 1, state: 'FAILED' })],
    restart: { condition: 'none' },
    expected: ['create t1 slot=2 node='],
  },
  {
    name: 'a delayed retry holds its place in the concurrency',
    total: 3,
    maxConcurrent: 1,
    tasks: [task('a', { slot: 1, state: 'FAILED', endedAgoS: 1 })],
    restart: { delayMs: 3000 },
    expected: ['restart-at slot=1 node= +2s'],
  },
  {
    name: 'gives up a slot after max attempts and runs the next',
    total: 2,
    maxConcurrent: 1,
    tasks: [
      task('a', { slot: 1, state: 'FAILED', created: 1 }),
      task('b', { slot: 1, state: 'FAILED', created: 2 }),
    ],
    restart: { maxAttempts: 1 },
    expected: ['create t1 slot=2 node='],
  },
  {
    name: 'runs again a task lost with its node',
    total: 1,
    maxConcurrent: 1,
    tasks: [task('a', { slot: 1, node: 'n2' })],
    nodes: [node('n1'), node('n2', { state: 'down' })],
    expected: ['SHUTDOWN a', 'create t1 slot=1 node='],
  },
  {
    name: 'shuts down runs of slots beyond totalCompletions',
    total: 1,
    maxConcurrent: 2,
    tasks: [task('a', { slot: 1 }), task('b', { slot: 2 })],
    expected: ['SHUTDOWN b'],
  },
];

describe('reconcileReplicatedJob()', () => {
  it.each(cases)('$name', (c) => {
    const snapshot = {
      service: service(
        { kind: 'replicated-job', totalCompletions: c.total, maxConcurrent: c.maxConcurrent },
        c.restart,
      ),
      tasks: c.tasks,
      nodes: c.nodes ?? [node('n1')],
    };
    expect(summary(reconcileReplicatedJob(snapshot, NOW_MS, options()))).toEqual(c.expected);
  });
});
