/**
 * Shapes shared by the orchestrators' reconcile cores: what they read (a {@link Snapshot}) and
 * what they return ({@link Action}s the caller commits in one store transaction).
 *
 * @module
 */

import type { NewObject, Node, Service, Task } from '../../store/index.js';

/** What one reconcile pass reads, taken from one store transaction. */
export interface Snapshot {
  service: Service;
  /** The tasks of `service` (tasks of other services are ignored). */
  tasks: readonly Task[];
  /** Every node of the cluster. */
  nodes: readonly Node[];
}

/** Desired states an orchestrator writes on an existing task. */
export type DesiredWrite = 'SHUTDOWN' | 'REMOVE' | 'RUNNING';

/** One change an orchestrator asks for; `reason` is a sentence a user can read. */
export type Action =
  | { kind: 'create'; task: NewObject<Task>; reason: string }
  | { kind: 'set-desired'; taskId: string; desired: DesiredWrite; reason: string }
  | {
      kind: 'restart-at';
      /** The slot to restart (replicated services); 0 for node-bound tasks. */
      slot: number;
      /** The node to restart on (global services); '' for slot-bound tasks. */
      nodeId: string;
      /** When the restart delay ends, milliseconds since the epoch: reconcile again then. */
      atMs: number;
      reason: string;
    };

/** What every reconcile needs besides the snapshot and the time. */
export interface ReconcileOptions {
  /** Returns a fresh task id on each call (a counter in tests). */
  ids: () => string;
  /** Terminal tasks kept per slot (or node) as history: `cluster.spec.taskDefaults.historyLimit`. */
  historyLimit: number;
}

/** A reconcile core: the same inputs give the same actions. */
export type Reconcile = (snapshot: Snapshot, nowMs: number, options: ReconcileOptions) => Action[];
