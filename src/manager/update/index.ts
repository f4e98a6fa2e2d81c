/**
 * Rolling updates and rollbacks (issue 11): a pure core that, given a service, its tasks and the
 * nodes, says which old tasks to replace next, when an update is done, paused or rolled back, and
 * why. The manager's loops (src/manager/loops) run it and commit what it decides.
 *
 * @module
 */

export { planUpdate } from './update.js';
export {
  DEFAULT_ROLLBACK_CONFIG,
  DEFAULT_UPDATE_CONFIG,
  deepEqual,
  hasHealthcheck,
  isTaskReady,
  runsSpec,
  updateConfigOf,
} from './config.js';
export type { UpdateOptions, UpdatePlan, UpdateSnapshot } from './types.js';
