import { describe, expect, it } from 'vitest';
import {
  TASK_STATES,
  canTransition,
  isTaskState,
  isTerminal,
  taskStateRank,
} from './task-state.js';

describe('task states', () => {
  it('are ordered NEW … REMOVE as in DESIGN.md §4', () => {
    expect(TASK_STATES.join(' ')).toBe(
      'NEW PENDING ASSIGNED ACCEPTED PREPARING READY STARTING RUNNING COMPLETE FAILED SHUTDOWN REJECTED ORPHANED REMOVE',
    );
    expect(taskStateRank('NEW')).toBe(0);
    expect(() => taskStateRank('NAPPING' as never)).toThrow('Unknown task state "NAPPING"');
  });

  it.each([
    ['NEW', 'PENDING', true],
    ['PENDING', 'RUNNING', true],
    ['ASSIGNED', 'REJECTED', true],
    ['RUNNING', 'RUNNING', true],
    ['RUNNING', 'COMPLETE', true],
    ['RUNNING', 'FAILED', true],
    ['RUNNING', 'PENDING', false],
    ['READY', 'NEW', false],
    ['FAILED', 'COMPLETE', false],
    ['COMPLETE', 'FAILED', false],
    ['SHUTDOWN', 'RUNNING', false],
    ['FAILED', 'REMOVE', true],
    ['SHUTDOWN', 'REMOVE', true],
    ['REMOVE', 'SHUTDOWN', false],
  ] as const)('canTransition(%s, %s) is %s', (from, to, ok) => {
    expect(canTransition(from, to)).toBe(ok);
  });

  it('canTransition() never allows moving backwards', () => {
    for (const from of TASK_STATES)
      for (const to of TASK_STATES)
        if (taskStateRank(to) < taskStateRank(from)) expect(canTransition(from, to)).toBe(false);
  });

  it('isTerminal() holds from COMPLETE on', () => {
    expect(TASK_STATES.filter(isTerminal)).toEqual([
      'COMPLETE',
      'FAILED',
      'SHUTDOWN',
      'REJECTED',
      'ORPHANED',
      'REMOVE',
    ]);
    expect(isTaskState('RUNNING')).toBe(true);
    expect(isTaskState('running')).toBe(false);
    expect(isTaskState(3)).toBe(false);
  });
});
