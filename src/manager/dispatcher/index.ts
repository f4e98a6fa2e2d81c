/**
 * The dispatcher: node sessions, heartbeats, assignments and task status (docs/adr/020).
 *
 * @module
 */
export {
  Dispatcher,
  checkUpdates,
  type Caller,
  type DispatcherOptions,
  type DispatcherLeadership,
} from './dispatcher.js';
export {
  newDispatcher,
  runDispatcher,
  startDispatcher,
  type RealDispatcherOptions,
  type RunningDispatcher,
} from './run.js';
export { NodeAssignments, isAssignedTo, taskDependencies } from './assignments.js';
export { statusRejection } from './status-batch.js';
