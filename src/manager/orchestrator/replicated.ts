/**
 * The replicated orchestrator's reconcile core (swarmkit `orchestrator/replicated`): slots 1..N,
 * one live task per slot, restarts under the restart policy, tasks moved off lost nodes. Pure.
 *
 * @module
 */

import { assert } from '../../util/assert.js';
import { Plan } from './plan.js';
import type { GroupState } from './plan.js';
import { fillSlot, finishSlots, readSlots } from './slots.js';
import type { Action, ReconcileOptions, Snapshot } from './types.js';

/** Order of keeping when scaling down: running tasks first, then lower slots. */
function keepRank(state: GroupState): number {
  switch (state.kind) {
    case 'live':
      return state.task.status.state === 'RUNNING' ? 0 : 1;
    case 'restart':
      return 2;
    case 'done':
    case 'complete':
    case 'free':
      return 3;
  }
}

/** Lowest slot numbers to fill: the slots freed by lost nodes first, then 1, 2, … not held. */
function slotsToFill(count: number, freed: Set<number>, held: Set<number>): number[] {
  const chosen = [...freed]
    .filter((s) => !held.has(s))
    .sort((a, b) => a - b)
    .slice(0, count);
  for (let slot = 1; chosen.length < count; slot += 1) {
    if (!held.has(slot) && !chosen.includes(slot)) chosen.push(slot);
  }
  return chosen;
}

/**
 * Reconciles a replicated service: scale up creates slots; scale down shuts down the highest
 * slots, tasks not running first; a slot whose task ended gets a replacement per the restart
 * policy (now, or a `restart-at` when the delay has not passed); tasks on a node that is down,
 * drained or gone are shut down and replaced; of two live tasks in a slot the older is shut down;
 * terminal tasks beyond the history limit are removed.
 *
 * @example
 * const actions = reconcileReplicated({ service, tasks, nodes }, nowMs, { ids, historyLimit: 5 });
 */
export function reconcileReplicated(
  snapshot: Snapshot,
  nowMs: number,
  options: ReconcileOptions,
): Action[] {
  const mode = snapshot.service.spec.mode;
  assert(mode.kind === 'replicated', `reconcileReplicated() got a ${mode.kind} service`);
  const plan = new Plan(snapshot);
  if (snapshot.service.pendingDelete) return plan.removeAll();
  const pass = readSlots(plan, snapshot, nowMs, false);
  const held = [...pass.states].filter(([, state]) => state.kind !== 'free');
  held.sort(([sa, a], [sb, b]) => keepRank(a) - keepRank(b) || sa - sb);
  const kept = held.slice(0, mode.replicas);
  const scaleReason = `service scaled down to ${String(mode.replicas)} replicas`;
  for (const [, state] of held.slice(mode.replicas)) {
    if (state.kind === 'live') plan.setDesired(state.task, 'SHUTDOWN', scaleReason);
    else if (state.kind === 'restart' || state.kind === 'done') {
      plan.setDesired(state.ended, 'SHUTDOWN', scaleReason);
    }
  }
  for (const [slot, state] of kept) {
    if (state.kind !== 'restart') continue;
    fillSlot(pass, snapshot, slot, { ...options, nowMs, message: state.reason, atMs: state.atMs });
  }
  const fill = slotsToFill(mode.replicas - kept.length, pass.freed, new Set(kept.map(([s]) => s)));
  for (const slot of fill) {
    const message = pass.freed.has(slot)
      ? `slot ${String(slot)} lost its node`
      : `service needs ${String(mode.replicas)} replicas`;
    fillSlot(pass, snapshot, slot, { ...options, nowMs, message });
  }
  return finishSlots(pass, options);
}
