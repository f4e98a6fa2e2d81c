/**
 * The control API's domain for services, tasks and events (issue 11): checked writes of
 * services to the store, the reads `service ls`/`ps`/`inspect` show, the per-node explanation
 * of pending tasks, and the event stream. Everything takes a `Store`; nothing here makes tasks
 * (the orchestrators do). docs/adr/025-service-control-api.md has the choices.
 *
 * @module
 */
export {
  createService,
  removeService,
  rollbackService,
  scaleService,
  updateService,
  withDefaults,
  type ControlOptions,
  type ServiceUpdateOptions,
} from './control.js';
export { findService } from './lookup.js';
export {
  listServices,
  listTasks,
  matchLabel,
  serviceCounts,
  taskName,
  type ServiceCounts,
  type ServiceFilters,
  type ServiceListing,
  type TaskFilters,
} from './queries.js';
export { explainPending, type PendingExplanation } from './explain.js';
export {
  EVENT_TYPES,
  clusterEvent,
  parseEventTypes,
  watchEvents,
  type ClusterEvent,
  type EventType,
  type WatchEventsOptions,
} from './events.js';
export { specIssues, validateServiceSpec, type SpecIssue } from './validate.js';
