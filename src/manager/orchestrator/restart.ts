/**
 * The restart policy (compose-spec: deploy.restart_policy): whether, and when, a task that ended
 * on its own gets a replacement in its slot. Pure.
 *
 * @module
 */

import type { RestartPolicy, Task } from '../../store/index.js';
import { endedOnItsOwn, timestampMs } from './tasks.js';

/** The outcome for a slot whose newest task ended on its own. */
export type RestartDecision =
  { kind: 'restart'; atMs: number; reason: string } | { kind: 'done'; reason: string };

/** What {@link decideRestart} needs besides the ended task. */
export interface RestartContext {
  policy: RestartPolicy;
  /** The other tasks of the same slot (or node), in any order. */
  history: readonly Task[];
  nowMs: number;
  /** Jobs run to completion: a COMPLETE task is never restarted, whatever the condition. */
  job: boolean;
}

/**
 * Decides the fate of `ended`, the newest task of its slot, which stopped while desired RUNNING.
 * Attempts are the slot's earlier tasks that also ended on their own: those within `windowMs`
 * before `nowMs`, or all of them when the window is 0. The restart is due `delayMs` after the
 * task ended (its status timestamp).
 */
export function decideRestart(ended: Task, context: RestartContext): RestartDecision {
  const { policy, history, nowMs, job } = context;
  const state = ended.status.state;
  if (state === 'COMPLETE' && (job || policy.condition !== 'any')) {
    return { kind: 'done', reason: `task "${ended.id}" completed` };
  }
  if (policy.condition === 'none') {
    return { kind: 'done', reason: `task "${ended.id}" ended and the restart condition is "none"` };
  }
  if (policy.maxAttempts > 0) {
    const sinceMs = policy.windowMs > 0 ? nowMs - policy.windowMs : -Infinity;
    const attempts = history.filter(
      (t) => t.id !== ended.id && endedOnItsOwn(t) && timestampMs(t, nowMs) >= sinceMs,
    ).length;
    if (attempts >= policy.maxAttempts) {
      const within = policy.windowMs > 0 ? ` within ${String(policy.windowMs)} ms` : '';
      return {
        kind: 'done',
        reason: `task "${ended.id}" ended (${state}) and the slot was restarted ${String(attempts)} times${within} (max attempts ${String(policy.maxAttempts)})`,
      };
    }
  }
  return {
    kind: 'restart',
    atMs: timestampMs(ended, nowMs) + policy.delayMs,
    reason: `task "${ended.id}" ended (${state}): restarted under condition "${policy.condition}"`,
  };
}
