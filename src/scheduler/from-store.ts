/**
 * Pure adapters from store objects to the scheduler's view: the manager reads nodes and tasks
 * in one store transaction and passes them here. Besides types, only the pure task-state order
 * comes from the store, so the scheduler stays I/O-free.
 *
 * @module
 */

// task-state.ts is a pure leaf (no imports): using its order keeps one list of terminal states.
import { isTerminal, type Node, type Task, type TaskState } from '../store/index.js';
import type { ClusterView, HostPort, NodeInfo, TaskFailure, TaskRequest } from './types.js';

/** States that count as a failure of the task on its node. */
const FAILED: ReadonlySet<TaskState> = new Set<TaskState>(['FAILED', 'REJECTED']);

/** Options of {@link viewFromStore}. */
export interface ViewFromStoreOptions {
  /** Store version the objects were read at. */
  version: number;
  /** The manager's time when it read them, milliseconds since the epoch. */
  nowMs: number;
}

/** The scheduler's view of a stored node. */
export function nodeInfoFromStore(node: Node): NodeInfo {
  return {
    id: node.id,
    hostname: node.description.hostname,
    role: node.role,
    availability: node.spec.availability,
    state: node.status.state,
    labels: node.spec.labels,
    engineLabels: node.description.engine.labels,
    platform: node.description.platform,
    resources: node.description.resources,
    version: node.meta.version,
  };
}

/** Host-mode ports a task binds on its node (a published port of 0 binds nothing yet). */
export function hostPortsOf(task: Task): HostPort[] {
  return (task.endpoint?.ports ?? [])
    .filter((p) => p.publishMode === 'host' && p.publishedPort > 0)
    .map((p) => ({ protocol: p.protocol, port: p.publishedPort }));
}

const NO_RESERVATION = { nanoCpus: 0, memoryBytes: 0 };

/**
 * Builds a {@link ClusterView} from stored nodes and tasks. Tasks assigned to a node and not
 * terminal hold resources there; FAILED and REJECTED tasks with a node become failures dated by
 * their status timestamp.
 */
export function viewFromStore(
  objects: { nodes: readonly Node[]; tasks: readonly Task[] },
  options: ViewFromStoreOptions,
): ClusterView {
  const tasks: ClusterView['tasks'][number][] = [];
  const failures: TaskFailure[] = [];
  for (const task of objects.tasks) {
    if (task.nodeId === '') continue;
    const state = task.status.state;
    if (!isTerminal(state)) {
      tasks.push({
        id: task.id,
        serviceId: task.serviceId,
        nodeId: task.nodeId,
        reservations: task.spec.resources.reservations ?? NO_RESERVATION,
        hostPorts: hostPortsOf(task),
      });
    } else if (FAILED.has(state)) {
      const atMs = Date.parse(task.status.timestamp);
      if (!Number.isNaN(atMs))
        failures.push({ serviceId: task.serviceId, nodeId: task.nodeId, atMs });
    }
  }
  return {
    version: options.version,
    nowMs: options.nowMs,
    nodes: objects.nodes.map(nodeInfoFromStore),
    tasks,
    failures,
  };
}

/** What a stored task asks of its node. A task created with a node id is bound to it. */
export function requestFromTask(task: Task): TaskRequest {
  const { placement, resources } = task.spec;
  const request: TaskRequest = {
    id: task.id,
    serviceId: task.serviceId,
    specVersion: task.specVersion,
    requirements: {
      reservations: resources.reservations ?? NO_RESERVATION,
      constraints: placement.constraints,
      preferences: placement.preferences.map((p) => p.spread),
      maxReplicasPerNode: placement.maxReplicasPerNode,
      platforms: placement.platforms,
      hostPorts: hostPortsOf(task),
    },
  };
  if (task.nodeId !== '') request.pinnedNodeId = task.nodeId;
  return request;
}

/** The tasks waiting for the scheduler: observed PENDING and still desired to run. */
export function pendingFromStore(tasks: readonly Task[]): TaskRequest[] {
  return tasks
    .filter((t) => t.status.state === 'PENDING' && !isTerminal(t.desiredState))
    .map(requestFromTask);
}
