/**
 * The CLI's door to the stack planner and deploy engine (ADR 023): the client loads the compose
 * project, converts and plans it, and drives the engine over a {@link StackTarget}. The CLI may
 * not import `manager` (ADR 013); these are pure functions with no server parts behind them.
 *
 * @module
 */
export {
  deployStack,
  EMPTY_DEPLOYED_STACK,
  taskView,
  planHasChanges,
  planHasErrors,
  planStack,
  projectDependencies,
  removeStack,
  serviceProgress,
  stackSpecs,
  COMPOSE_SERVICE_LABEL,
  type DeployEvent,
  type DeployedStack,
  type EngineClock,
  type StackPlan,
  type StackReader,
  type StackTarget,
  type TaskView,
} from '../../manager/index.js';
