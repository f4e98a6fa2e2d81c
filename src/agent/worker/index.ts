/**
 * The worker: the agent's session with the managers and the tasks it runs (docs/adr/020).
 *
 * @module
 */
export { startWorker, type Worker } from './worker.js';
export { decide, type Decision, type ObservedContainer, type WorkerAction } from './decide.js';
export { WorkerTasks, type EndpointsListener } from './tasks.js';
export {
  realTimers,
  type TaskEngine,
  type TaskNetworkPort,
  type WorkerConnection,
  type WorkerOptions,
  type WorkerTimers,
} from './ports.js';
export { openTaskFiles, withTaskFiles, type TaskFileStore } from './files.js';
