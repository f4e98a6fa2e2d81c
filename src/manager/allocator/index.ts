/**
 * The allocator (issue 12): networks' subnets and VNIs, services' VIPs and published ports,
 * tasks' addresses. `allocate` is a pure reconcile pass whose result the manager commits in one
 * transaction; `portConflicts` lets `service create` and `service update` refuse a taken port
 * before anything changes. docs/design/networking.md ("The allocator") has the rules.
 *
 * @module
 */
export { allocate, pendingTaskMessage } from './allocate.js';
export { portConflicts, portKey } from './ports.js';
export {
  defaultPublishedPortRange,
  type AllocatorIssue,
  type AllocatorIssueCode,
  type AllocatorOptions,
  type AllocatorResult,
  type AllocatorSnapshot,
  type AllocatorUpdate,
} from './types.js';
