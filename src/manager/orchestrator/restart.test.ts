import { describe, expect, it } from 'vitest';
import { decideRestart } from './restart.js';
import type { RestartContext } from './restart.js';
import { NOW_MS, task } from './testing.js';
import type { RestartPolicy } from '../../store/index.js';

function policy(p: Partial<RestartPolicy> = {}): RestartPolicy {
  return { condition: 'any', delayMs: 0, maxAttempts: 0, windowMs: 0, ...p };
}

function context(p: Partial<RestartPolicy>, extra: Partial<RestartContext> = {}): RestartContext {
  return { policy: policy(p), history: [], nowMs: NOW_MS, job: false, ...extra };
}

describe('decideRestart()', () => {
  it('restarts delayMs after the task ended, naming the task, its state and the condition', () => {
    const ended = task('a', { state: 'FAILED', endedAgoS: 2 });
    expect(decideRestart(ended, context({ delayMs: 5000 }))).toEqual({
      kind: 'restart',
      atMs: NOW_MS + 3000,
      reason: 'task "a" ended (FAILED): restarted under condition "any"',
    });
  });

  it.each([
    ['none', 'FAILED', false, 'task "a" ended and the restart condition is "none"'],
    ['on-failure', 'COMPLETE', false, 'task "a" completed'],
    ['any', 'COMPLETE', true, 'task "a" completed'],
  ] as const)('condition %s, state %s, job %s: done', (condition, state, job, reason) => {
    const ended = task('a', { state });
    expect(decideRestart(ended, context({ condition }, { job }))).toEqual({ kind: 'done', reason });
  });

  it('gives up after max attempts, saying how many and within which window', () => {
    const history = [
      task('x', { state: 'FAILED', endedAgoS: 30, created: 1 }),
      task('y', { state: 'REJECTED', endedAgoS: 20, created: 2 }),
    ];
    const ended = task('a', { state: 'FAILED', endedAgoS: 10, created: 3 });
    const decision = decideRestart(
      ended,
      context({ maxAttempts: 2, windowMs: 60_000 }, { history: [...history, ended] }),
    );
    expect(decision).toEqual({
      kind: 'done',
      reason:
        'task "a" ended (FAILED) and the slot was restarted 2 times within 60000 ms (max attempts 2)',
    });
  });

  it('restarts a task whose status timestamp is unreadable as if it ended now', () => {
    const ended = task('a', { state: 'FAILED' });
    ended.status.timestamp = 'not a time';
    expect(decideRestart(ended, context({ delayMs: 1000 }))).toMatchObject({
      atMs: NOW_MS + 1000,
    });
  });
});
