/**
 * `service ps --explain`: for each of a service's PENDING tasks, which filter excluded each
 * node. The scheduler's loop stores only the one-line reason in the task's status message;
 * the per-node list is computed here, on demand, by running the scheduler's pure pipeline over
 * the cluster as it is now (a read transaction), so it is never stale and costs nothing while
 * nobody asks.
 *
 * @module
 */
import {
  isPlacement,
  pendingFromStore,
  schedule,
  viewFromStore,
  type Explanation,
} from '../../scheduler/index.js';
import type { ReadTx, Task } from '../../store/index.js';
import { createPrng } from '../../util/prng.js';
import { findService } from './lookup.js';

/** Why one pending task has no node. */
export interface PendingExplanation {
  taskId: string;
  /** The message the scheduler stored on the task (its reason as last scheduled). */
  storedMessage: string;
  /**
   * The scheduler's explanation now; undefined when a node would take the task now (it waits
   * for the scheduler's next pass).
   */
  explanation: Explanation | undefined;
}

/**
 * Explains the PENDING tasks of service `ref` against the nodes and tasks of `tx`.
 *
 * @throws STORE_NOT_FOUND when the service does not exist.
 */
export function explainPending(tx: ReadTx, ref: string, nowMs: number): PendingExplanation[] {
  const service = findService(tx, ref);
  const tasks = tx.all('tasks');
  const mine = tasks.filter((t) => t.serviceId === service.id);
  const pending = pendingFromStore(mine);
  if (pending.length === 0) return [];
  const view = viewFromStore({ nodes: tx.all('nodes'), tasks }, { version: tx.version, nowMs });
  // The seed only breaks ties between nodes that fit; it does not change what is excluded.
  const decisions = schedule(view, pending, createPrng(tx.version));
  const byId = new Map<string, Task>(mine.map((t) => [t.id, t]));
  return decisions.map((d) => ({
    taskId: d.taskId,
    storedMessage: byId.get(d.taskId)?.status.message ?? '',
    explanation: isPlacement(d) ? undefined : d.unschedulable,
  }));
}
