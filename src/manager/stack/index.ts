/**
 * Stacks: a compose project turned into the specs the manager stores (`tsorch up`,
 * `tsorch stack deploy`). Pure; docs/design/spec-pipeline.md.
 *
 * @module
 */
export {
  stackSpecs,
  type StackSpecs,
  type StackSpecOptions,
  type FileObjectSpec,
  type PayloadSource,
  type StackResource,
} from './stack.js';
export {
  serviceSpec,
  type ServiceSpecOptions,
  type ServiceSpecResult,
  type SpecTarget,
} from './service-spec.js';
export {
  COMPOSE_PROJECT_LABEL,
  COMPOSE_SERVICE_LABEL,
  composeLabels,
  resourceName,
  serviceObjectName,
} from './names.js';
export {
  EMPTY_DEPLOYED_STACK,
  PAYLOAD_DIGEST_LABEL,
  planHasChanges,
  planHasErrors,
  planStack,
  type DeployedObject,
  type DeployedStack,
  type Dependency,
  type PlanIssue,
  type PlanOptions,
  type ResourceChange,
  type ServiceChange,
  type StackPlan,
  type UnplacedTask,
} from './plan.js';
export { projectDependencies } from './dependencies.js';
export { canonicalJson, diffFields, type FieldChange } from './diff.js';
export {
  deployStack,
  type DeployEvent,
  type DeployObject,
  type DeployOptions,
  type DeployResult,
} from './deploy.js';
export { removeStack, type RemoveOptions, type RemoveResult } from './remove.js';
export {
  conditionHolds,
  isReady,
  serviceProgress,
  type ConditionResult,
  type ServiceProgress,
} from './readiness.js';
export { taskView } from './target.js';
export type {
  EngineClock,
  LogLine,
  LogOptions,
  StackReader,
  StackTarget,
  TaskView,
} from './target.js';
export { COMPOSE_DEPENDS_ON_LABEL, formatDependsOn, parseDependsOn } from './names.js';
