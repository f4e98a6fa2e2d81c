/**
 * The replicated job's reconcile core (swarmkit `orchestrator/jobs/replicated`): slots
 * 1..totalCompletions, each run until one of its tasks completes, at most maxConcurrent at once.
 * Pure.
 *
 * @module
 */

import { assert } from '../../util/assert.js';
import { Plan, classify, groupBy, pruneHistory, settleLive } from './plan.js';
import type { GroupState } from './plan.js';
import { leaveLostNodes } from './replicated.js';
import { newTask } from './tasks.js';
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
  const { service } = snapshot;
  const mode = service.spec.mode;
  assert(mode.kind === 'replicated-job', `reconcileReplicatedJob() got a ${mode.kind} service`);
  const plan = new Plan(snapshot);
  if (service.pendingDelete) return plan.removeAll();
  const policy = service.spec.task.restartPolicy;
  const total = mode.totalCompletions;
  const maxConcurrent = mode.maxConcurrent > 0 ? mode.maxConcurrent : total;
  leaveLostNodes(plan, snapshot);
  const groups = groupBy(plan.tasks, (t) => t.slot);
  const states = new Map<number, GroupState>();
  for (const [slot, group] of groups) {
    settleLive(group, plan, `slot ${String(slot)}`);
    const state = classify(group, { policy, nowMs, job: true });
    if (slot <= total) states.set(slot, state);
    else if (state.kind === 'live') {
      plan.setDesired(state.task, 'SHUTDOWN', `job needs only ${String(total)} completions`);
    }
  }
  let running = [...states.values()].filter((s) => s.kind === 'live').length;
  for (let slot = 1; slot <= total && running < maxConcurrent; slot += 1) {
    const state = states.get(slot) ?? { kind: 'free' };
    if (state.kind === 'restart' && state.atMs > nowMs) {
      plan.actions.push({
        kind: 'restart-at',
        slot,
        nodeId: '',
        atMs: state.atMs,
        reason: state.reason,
      });
    } else if (state.kind === 'restart' || state.kind === 'free') {
      const message =
        state.kind === 'restart' ? state.reason : `job run ${String(slot)} of ${String(total)}`;
      const task = newTask(service, { slot, nodeId: '' }, { id: options.ids(), nowMs, message });
      plan.actions.push({ kind: 'create', task, reason: message });
    } else continue;
    running += 1;
  }
  for (const group of groups.values()) {
    pruneHistory(group, plan, { policy, historyLimit: options.historyLimit });
  }
  return plan.actions;
}
