/**
 * The orchestrators' reconcile cores: pure functions `(snapshot, nowMs, options) → Action[]` that
 * compare a service's spec with its tasks and the nodes and say which tasks to create, which to
 * shut down or remove, and when to come back for a delayed restart. No I/O, no clock, no
 * randomness: time and ids come in as parameters. See docs/design/orchestrators.md.
 *
 * @module
 */

export { reconcile } from './reconcile.js';
export { reconcileReplicated } from './replicated.js';
export { reconcileGlobal, reconcileGlobalJob } from './global.js';
export { reconcileReplicatedJob } from './replicated-job.js';
export { decideRestart, type RestartDecision, type RestartContext } from './restart.js';
export {
  endedOnItsOwn,
  isLive,
  newTask,
  newestFirst,
  nodeProblem,
  type TaskPlace,
} from './tasks.js';
export type { Action, DesiredWrite, Reconcile, ReconcileOptions, Snapshot } from './types.js';
