/**
 * The filter pipeline (swarmkit `manager/scheduler/pipeline.go`): a node is eligible for a task
 * when every enabled filter passes; otherwise the first filter it fails is the one that excluded
 * it, and counting those per filter explains an unschedulable task for free.
 *
 * @module
 */

import type { Attribute, Constraint } from '../constraint.js';
import type { NodeInfo, PlatformName, Requirements } from '../types.js';

/** A node during one `schedule()` call: its capacity left and its tasks, updated as tasks land. */
export interface NodeState {
  /** Position in the view's node list (the stable order of the explanation). */
  index: number;
  info: NodeInfo;
  /** Capacity left after the reservations of the tasks on the node. */
  freeNanoCpus: number;
  freeMemoryBytes: number;
  /** Tasks on the node, of any service. */
  totalTasks: number;
  /** Host-mode ports in use, as `protocol/port`. */
  ports: Set<string>;
  /** Tasks on the node per service id. */
  serviceTasks: Map<string, number>;
  /** Recent failures on the node per service id. */
  recentFailures: Map<string, number>;
}

/** A group of equal tasks of one service, with its requirements parsed once. */
export interface TaskContext {
  serviceId: string;
  requirements: Requirements;
  constraints: readonly Constraint[];
  preferences: readonly Attribute[];
  /** Platforms with architectures normalized (`x86_64` is `amd64`). */
  platforms: readonly PlatformName[];
  /** Host ports as `protocol/port`. */
  portKeys: readonly string[];
}

/** One reason a node cannot take a task. */
export interface Filter {
  /** Stable name, shown by `service ps --explain`. */
  readonly name: string;
  /** Whether the outcome can change as tasks land in one call (resources, ports, counts). */
  readonly dynamic: boolean;
  /** Whether the filter applies to tasks like this one (a task without ports skips `ports`). */
  enabled(task: TaskContext): boolean;
  /** Returns true when `node` passes for `task`. */
  check(node: NodeState, task: TaskContext): boolean;
  /** Why `node` fails for `task`, for humans (called only when {@link check} failed). */
  describe(node: NodeState, task: TaskContext): string;
  /** The summary phrase for `count` excluded nodes: `insufficient memory on 3 nodes`. */
  summary(count: number): string;
}

/** `1 node`, `3 nodes`. */
export function nodesText(count: number): string {
  return count === 1 ? '1 node' : `${count} nodes`;
}

/** The filters of `all` that apply to `task`, in pipeline order. */
export function enabledFilters(all: readonly Filter[], task: TaskContext): Filter[] {
  return all.filter((f) => f.enabled(task));
}

/** The first of `filters` that `node` fails for `task`, or `undefined` when it passes them all. */
export function firstFailure(
  filters: readonly Filter[],
  node: NodeState,
  task: TaskContext,
): Filter | undefined {
  for (const filter of filters) if (!filter.check(node, task)) return filter;
  return undefined;
}
