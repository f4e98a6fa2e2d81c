/**
 * The replicated orchestrator's reconcile core (swarmkit `orchestrator/replicated`): slots 1..N,
 * one live task per slot, restarts under the restart policy, tasks moved off lost nodes. Pure.
 *
 * @module
 */

import { assert } from '../../util/assert.js';
import { Plan, classify, groupBy, pruneHistory, settleLive } from './plan.js';
import type { GroupState } from './plan.js';
import { isLive, newTask, nodeProblem } from './tasks.js';
import type { Action, ReconcileOptions, Snapshot } from './types.js';

/**
 * Shuts down the live tasks of `plan` whose node is gone, down or drained, and returns their
 * slots: those are replaced first, in the same slot.
 */
export function leaveLostNodes(plan: Plan, snapshot: Snapshot): Set<number> {
  const nodes = new Map(snapshot.nodes.map((n) => [n.id, n]));
  const freed = new Set<number>();
  for (const task of plan.tasks) {
    if (!isLive(task) || task.nodeId === '') continue;
    const problem = nodeProblem(task.nodeId, nodes.get(task.nodeId));
    if (problem === undefined) continue;
    plan.setDesired(task, 'SHUTDOWN', `${problem}: task shut down and replaced`);
    freed.add(task.slot);
  }
  return freed;
}

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
  const { service } = snapshot;
  const mode = service.spec.mode;
  assert(mode.kind === 'replicated', `reconcileReplicated() got a ${mode.kind} service`);
  const plan = new Plan(snapshot);
  if (service.pendingDelete) return plan.removeAll();
  const policy = service.spec.task.restartPolicy;
  const freed = leaveLostNodes(plan, snapshot);
  const groups = groupBy(plan.tasks, (t) => t.slot);
  const held: [number, GroupState][] = [];
  for (const [slot, group] of groups) {
    settleLive(group, plan, `slot ${String(slot)}`);
    const state = classify(group, { policy, nowMs, job: false });
    if (state.kind !== 'free') held.push([slot, state]);
  }
  held.sort(([sa, a], [sb, b]) => keepRank(a) - keepRank(b) || sa - sb);
  const kept = held.slice(0, mode.replicas);
  const scaleReason = `service scaled down to ${String(mode.replicas)} replicas`;
  for (const [, state] of held.slice(mode.replicas)) {
    if (state.kind === 'live') plan.setDesired(state.task, 'SHUTDOWN', scaleReason);
    else if (state.kind === 'restart' || state.kind === 'done') {
      plan.setDesired(state.ended, 'SHUTDOWN', scaleReason);
    }
  }
  const create = (slot: number, message: string): void => {
    const task = newTask(service, { slot, nodeId: '' }, { id: options.ids(), nowMs, message });
    plan.actions.push({ kind: 'create', task, reason: message });
  };
  for (const [slot, state] of kept) {
    if (state.kind !== 'restart') continue;
    if (state.atMs <= nowMs) create(slot, state.reason);
    else
      plan.actions.push({
        kind: 'restart-at',
        slot,
        nodeId: '',
        atMs: state.atMs,
        reason: state.reason,
      });
  }
  const fill = slotsToFill(mode.replicas - kept.length, freed, new Set(kept.map(([s]) => s)));
  for (const slot of fill) {
    create(
      slot,
      freed.has(slot)
        ? `slot ${String(slot)} lost its node`
        : `service needs ${String(mode.replicas)} replicas`,
    );
  }
  for (const group of groups.values()) {
    pruneHistory(group, plan, { policy, historyLimit: options.historyLimit });
  }
  return plan.actions;
}
