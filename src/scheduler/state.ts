/**
 * Builds the scheduler's working state from a {@link ClusterView}: one {@link NodeState} per
 * node with its free capacity, ports and per-service task counts, and one {@link TaskContext}
 * per group of equal tasks with its constraints and preferences parsed once.
 *
 * @module
 */

import { parseConstraints, parsePreference } from './constraint.js';
import type { Attribute, ConstraintIssue } from './constraint.js';
import { normalizeArch } from './filters/builtin.js';
import type { NodeState, TaskContext } from './filters/filter.js';
import type { ClusterView, HostPort, TaskRequest } from './types.js';

/** Default window in which a failure of a service's task on a node counts as recent. */
export const DEFAULT_FAILURE_WINDOW_MS = 5 * 60_000;

/** The key a host port is tracked under: `tcp/80`. */
export function portKey(port: HostPort): string {
  return `${port.protocol}/${port.port}`;
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * One state per node of `view`, in the view's order, with the view's placed tasks and the
 * failures within `failureWindowMs` before `view.nowMs` applied. Tasks and failures on nodes
 * the view does not hold are ignored.
 */
export function buildNodeStates(view: ClusterView, failureWindowMs: number): NodeState[] {
  const byId = new Map<string, NodeState>();
  const states = view.nodes.map((info, index) => {
    const state: NodeState = {
      index,
      info,
      freeNanoCpus: info.resources.nanoCpus,
      freeMemoryBytes: info.resources.memoryBytes,
      totalTasks: 0,
      ports: new Set(),
      serviceTasks: new Map(),
      recentFailures: new Map(),
    };
    byId.set(info.id, state);
    return state;
  });
  for (const task of view.tasks) {
    const node = byId.get(task.nodeId);
    if (node === undefined) continue;
    node.freeNanoCpus -= task.reservations.nanoCpus;
    node.freeMemoryBytes -= task.reservations.memoryBytes;
    node.totalTasks++;
    for (const port of task.hostPorts) node.ports.add(portKey(port));
    increment(node.serviceTasks, task.serviceId);
  }
  const since = view.nowMs - failureWindowMs;
  for (const failure of view.failures) {
    const node = byId.get(failure.nodeId);
    if (node !== undefined && failure.atMs >= since && failure.atMs <= view.nowMs) {
      increment(node.recentFailures, failure.serviceId);
    }
  }
  return states;
}

/** Parses a task's constraints and preferences: its context, or the issues that stop it. */
export function buildTaskContext(
  request: TaskRequest,
): { ok: true; value: TaskContext } | { ok: false; issues: ConstraintIssue[] } {
  const { requirements } = request;
  const constraints = parseConstraints(requirements.constraints);
  const issues = constraints.ok ? [] : constraints.issues;
  const preferences: Attribute[] = [];
  for (const descriptor of requirements.preferences) {
    const parsed = parsePreference(descriptor);
    if (parsed.ok) preferences.push(parsed.value);
    else issues.push(parsed.issue);
  }
  if (!constraints.ok || issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      serviceId: request.serviceId,
      requirements,
      constraints: constraints.value,
      preferences,
      platforms: requirements.platforms.map((p) => ({
        os: p.os.toLowerCase(),
        architecture: normalizeArch(p.architecture),
      })),
      portKeys: requirements.hostPorts.filter((p) => p.port > 0).map(portKey),
    },
  };
}

/** Records `task` as placed on `node`: capacity, ports and counts. */
export function commitToNode(node: NodeState, task: TaskContext): void {
  node.freeNanoCpus -= task.requirements.reservations.nanoCpus;
  node.freeMemoryBytes -= task.requirements.reservations.memoryBytes;
  node.totalTasks++;
  for (const key of task.portKeys) node.ports.add(key);
  increment(node.serviceTasks, task.serviceId);
}
