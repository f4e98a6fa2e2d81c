/**
 * One entry point over the four orchestrators: picks the reconcile core of the service's mode.
 * Pure.
 *
 * @module
 */

import { unreachable } from '../../util/assert.js';
import { reconcileGlobal, reconcileGlobalJob } from './global.js';
import { reconcileReplicatedJob } from './replicated-job.js';
import { reconcileReplicated } from './replicated.js';
import type { Action, ReconcileOptions, Snapshot } from './types.js';

/**
 * Reconciles `snapshot.service` with its tasks and the nodes at `nowMs` (ms since the epoch) and
 * returns the actions to commit, in one transaction, in order. The caller reconciles again on
 * every change of the service, its tasks or the nodes, and at each `restart-at` time.
 *
 * @example
 * const actions = reconcile({ service, tasks, nodes }, Date.now(), {
 *   ids: () => newObjectId(),
 *   historyLimit: cluster.spec.taskDefaults.historyLimit,
 * });
 */
export function reconcile(snapshot: Snapshot, nowMs: number, options: ReconcileOptions): Action[] {
  const mode = snapshot.service.spec.mode;
  switch (mode.kind) {
    case 'replicated':
      return reconcileReplicated(snapshot, nowMs, options);
    case 'global':
      return reconcileGlobal(snapshot, nowMs, options);
    case 'replicated-job':
      return reconcileReplicatedJob(snapshot, nowMs, options);
    case 'global-job':
      return reconcileGlobalJob(snapshot, nowMs, options);
    default:
      return unreachable(mode);
  }
}
