/**
 * The steps the slot-bound orchestrators (replicated services and replicated jobs) share: move
 * tasks off lost nodes, settle and classify each slot, create a task in a slot, bound the
 * history. Pure.
 *
 * @module
 */

import type { RestartPolicy } from '../../store/index.js';
import { classify, groupBy, pruneHistory, settleLive } from './plan.js';
import type { GroupState, WorkTask, Plan } from './plan.js';
import { isLive, newTask, nodeProblem } from './tasks.js';
import type { Action, ReconcileOptions, Snapshot } from './types.js';

/** A pass over the slots of a service, after lost nodes and duplicates were handled. */
export interface SlotPass {
  plan: Plan;
  policy: RestartPolicy;
  /** Slots whose live task was shut down because its node was lost. */
  freed: Set<number>;
  groups: Map<number, WorkTask[]>;
  /** What each slot that has tasks needs. */
  states: Map<number, GroupState>;
}

/**
 * Shuts down the live tasks of `plan` whose node is gone, down or drained, and returns their
 * slots: those are replaced first, in the same slot.
 */
function leaveLostNodes(plan: Plan, snapshot: Snapshot): Set<number> {
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

/** Starts a pass: lost nodes, then per slot the duplicates and the classification. */
export function readSlots(plan: Plan, snapshot: Snapshot, nowMs: number, job: boolean): SlotPass {
  const policy = snapshot.service.spec.task.restartPolicy;
  const freed = leaveLostNodes(plan, snapshot);
  const groups = groupBy(plan.tasks, (t) => t.slot);
  const states = new Map<number, GroupState>();
  for (const [slot, group] of groups) {
    settleLive(group, plan, `slot ${String(slot)}`);
    states.set(slot, classify(group, { policy, nowMs, job }));
  }
  return { plan, policy, freed, groups, states };
}

/** Adds a new task in `slot`, or a `restart-at` when `atMs` is still ahead of `nowMs`. */
export function fillSlot(
  pass: SlotPass,
  snapshot: Snapshot,
  slot: number,
  context: { nowMs: number; ids: () => string; message: string; atMs?: number },
): void {
  const { nowMs, message, atMs } = context;
  if (atMs !== undefined && atMs > nowMs) {
    pass.plan.actions.push({ kind: 'restart-at', slot, nodeId: '', atMs, reason: message });
    return;
  }
  const task = newTask(
    snapshot.service,
    { slot, nodeId: '' },
    { id: context.ids(), nowMs, message },
  );
  pass.plan.actions.push({ kind: 'create', task, reason: message });
}

/** Ends a pass: bounds each slot's history and returns the actions. */
export function finishSlots(pass: SlotPass, options: ReconcileOptions): Action[] {
  for (const group of pass.groups.values()) {
    pruneHistory(group, pass.plan, { policy: pass.policy, historyLimit: options.historyLimit });
  }
  return pass.plan.actions;
}
