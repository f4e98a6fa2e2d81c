/**
 * The scheduler: a pure function that places pending tasks on nodes.
 *
 * Contract:
 * - `schedule(view, pending, rng)` reads a {@link ClusterView} (nodes, placed tasks, recent
 *   failures, read in one store transaction) and returns one {@link Decision} per pending task:
 *   `{taskId, nodeId, nodeVersion, viewVersion}` or `{taskId, unschedulable: Explanation}`.
 * - It performs no I/O and reads no clock: time comes in as `view.nowMs`, randomness as `rng`.
 *   The same inputs and seed give the same decisions.
 * - Decisions are proposals. The manager commits them through the store, and a version check
 *   rejects a placement whose node changed since `nodeVersion` (Nomad's plan/apply).
 * - Filters (ready, platform, constraints, memory, CPU, host ports, max replicas per node) run as
 *   a pipeline; the first one a node fails excluded it, and the counts per filter explain a task
 *   left PENDING. Scoring spreads tasks over placement preferences, then puts nodes where the
 *   service recently failed last, then spreads by tasks of the service and tasks overall.
 *
 * See docs/design/scheduler.md.
 *
 * @module
 */

export { schedule, type ScheduleOptions } from './schedule.js';
export {
  parseConstraint,
  parseConstraints,
  parsePreference,
  matchConstraint,
  type Attribute,
  type Constraint,
  type ConstraintIssue,
  type ParseResult,
} from './constraint.js';
export { formatExplanation, NO_SUITABLE_NODE, type FormatExplanationOptions } from './explain.js';
export { DEFAULT_FAILURE_WINDOW_MS } from './state.js';
export * from './types.js';
export {
  viewFromStore,
  pendingFromStore,
  requestFromTask,
  nodeInfoFromStore,
  type ViewFromStoreOptions,
} from './from-store.js';
