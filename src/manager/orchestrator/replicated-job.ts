/**
 * The replicated job's reconcile core (swarmkit `orchestrator/jobs/replicated`): slots
 * 1..totalCompletions, each run until one of its tasks completes, at most maxConcurrent at once.
 * Pure.
 *
 * @module
 */

import { assert } from '../../util/assert.js';
import { Plan } from './plan.js';
import { fillSlot, finishSlots, readSlots } from './slots.js';
import type { Action, ReconcileOptions, Snapshot } from './types.js';

/**
 * Reconciles a replicated job: runs slots 1..totalCompletions to completion, at most
 * `maxConcurrent` at once (0: all at once), lowest slots first. A failed run is retried per the
 * restart policy (a pending delay reserves its place in the concurrency); a COMPLETE task is
 * never restarted; tasks on lost nodes are shut down and run again; live tasks of slots beyond
 * totalCompletions are shut down.
 */
export function reconcileReplicatedJob(
  snapshot: Snapshot,
  nowMs: number,
  options: ReconcileOptions,
): Action[] {
  const mode = snapshot.service.spec.mode;
  assert(mode.kind === 'replicated-job', `reconcileReplicatedJob() got a ${mode.kind} service`);
  const plan = new Plan(snapshot);
  if (snapshot.service.pendingDelete) return plan.removeAll();
  const total = mode.totalCompletions;
  const maxConcurrent = mode.maxConcurrent > 0 ? mode.maxConcurrent : total;
  const pass = readSlots(plan, snapshot, nowMs, true);
  let running = 0;
  for (const [slot, state] of pass.states) {
    if (state.kind !== 'live') continue;
    if (slot <= total) running += 1;
    else plan.setDesired(state.task, 'SHUTDOWN', `job needs only ${String(total)} completions`);
  }
  for (let slot = 1; slot <= total && running < maxConcurrent; slot += 1) {
    const state = pass.states.get(slot) ?? { kind: 'free' };
    if (state.kind === 'restart') {
      fillSlot(pass, snapshot, slot, {
        ...options,
        nowMs,
        message: state.reason,
        atMs: state.atMs,
      });
    } else if (state.kind === 'free') {
      const message = `job run ${String(slot)} of ${String(total)}`;
      fillSlot(pass, snapshot, slot, { ...options, nowMs, message });
    } else continue;
    running += 1;
  }
  return finishSlots(pass, options);
}
