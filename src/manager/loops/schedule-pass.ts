/**
 * The scheduler's step of a pass: places the PENDING tasks with the pure `schedule` over a view
 * read from the store, and commits the decisions (Nomad's plan/apply). A placement is applied
 * only if its task is still the PENDING task that was read and its node still takes new tasks;
 * otherwise the task stays PENDING for the next pass. A task that fits nowhere keeps its
 * explanation in its status message ("no suitable node (insufficient memory on 3 nodes; ...)").
 *
 * @module
 */

import { isTerminal, type Store, type Task, type WriteTx } from '../../store/index.js';
import {
  isPlacement,
  pendingFromStore,
  schedule,
  viewFromStore,
  type Decision,
} from '../../scheduler/index.js';
import type { Prng } from '../../util/prng.js';
import { managerLoopScheduleBatchTasks, managerLoopTxMaxWrites } from '../../util/limits.js';

/** Message of a task the scheduler gave a node (swarmkit's wording). */
export const ASSIGNED_MESSAGE = 'scheduler assigned task to node';

/** What one scheduling step did. */
export interface ScheduleStepResult {
  assigned: number;
  unschedulable: number;
  /** Placements dropped because the task or node changed since the read. */
  stale: number;
}

/**
 * Places up to {@link managerLoopScheduleBatchTasks} pending tasks.
 *
 * @throws what the store's commit throws (the decisions are made again on the next pass).
 */
export async function scheduleStep(
  store: Store,
  nowMs: number,
  rng: Prng,
): Promise<ScheduleStepResult> {
  const result: ScheduleStepResult = { assigned: 0, unschedulable: 0, stale: 0 };
  const read = store.view((tx) => {
    const pendingTasks = tx.find('tasks', 'state', 'PENDING');
    if (pendingTasks.length === 0) return undefined;
    return { version: tx.version, pendingTasks, nodes: tx.all('nodes'), tasks: tx.all('tasks') };
  });
  if (read === undefined) return result;
  const pending = pendingFromStore(sortById(read.pendingTasks)).slice(
    0,
    managerLoopScheduleBatchTasks,
  );
  if (pending.length === 0) return result;
  const view = viewFromStore(read, { version: read.version, nowMs });
  const decisions = schedule(view, pending, rng);
  const tasks = new Map(read.pendingTasks.map((t) => [t.id, t]));
  const iso = new Date(nowMs).toISOString();
  for (let i = 0; i < decisions.length; i += managerLoopTxMaxWrites) {
    const chunk = decisions.slice(i, i + managerLoopTxMaxWrites);
    const counts = await store.update((tx) => applyDecisions(tx, chunk, tasks, iso));
    result.assigned += counts.assigned;
    result.unschedulable += counts.unschedulable;
    result.stale += counts.stale;
  }
  return result;
}

function sortById(tasks: readonly Task[]): Task[] {
  return [...tasks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Applies decisions whose task and node are as they were read; counts what happened. */
function applyDecisions(
  tx: WriteTx,
  decisions: readonly Decision[],
  read: ReadonlyMap<string, Task>,
  iso: string,
): ScheduleStepResult {
  const out: ScheduleStepResult = { assigned: 0, unschedulable: 0, stale: 0 };
  for (const decision of decisions) {
    const before = read.get(decision.taskId);
    const task = tx.get('tasks', decision.taskId);
    if (
      before === undefined ||
      task?.meta.version !== before.meta.version ||
      task.status.state !== 'PENDING' ||
      isTerminal(task.desiredState)
    ) {
      out.stale += 1;
      continue;
    }
    if (!isPlacement(decision)) {
      out.unschedulable += 1;
      const message = decision.unschedulable.message;
      if (task.status.message !== message)
        tx.update('tasks', { ...task, status: { ...task.status, message } });
      continue;
    }
    const node = tx.get('nodes', decision.nodeId);
    if (node?.status.state !== 'ready' || node.spec.availability !== 'active') {
      out.stale += 1;
      continue;
    }
    const { err: _err, ...status } = task.status;
    tx.update('tasks', {
      ...task,
      nodeId: decision.nodeId,
      status: { ...status, state: 'ASSIGNED', timestamp: iso, message: ASSIGNED_MESSAGE },
    });
    out.assigned += 1;
  }
  return out;
}
