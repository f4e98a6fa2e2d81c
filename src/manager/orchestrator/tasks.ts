/**
 * Small pure helpers over tasks and nodes shared by the orchestrators: liveness, ordering, node
 * eligibility, and building a new task from a service's template.
 *
 * @module
 */

import { isTerminal } from '../../store/index.js';
import type { NewObject, Node, Service, Task } from '../../store/index.js';

/** A task the orchestrator still wants running and that has not stopped: it holds its slot. */
export function isLive(task: Task): boolean {
  return (
    (task.desiredState === 'RUNNING' || task.desiredState === 'READY') &&
    !isTerminal(task.status.state)
  );
}

/** A task that stopped while still desired RUNNING: a failure or completion, not our stop. */
export function endedOnItsOwn(task: Task): boolean {
  return task.desiredState === 'RUNNING' && isTerminal(task.status.state);
}

/** The time of the task's last status report, ms since the epoch; `fallbackMs` if unreadable. */
export function timestampMs(task: Task, fallbackMs: number): number {
  const ms = Date.parse(task.status.timestamp);
  return Number.isNaN(ms) ? fallbackMs : ms;
}

/**
 * Orders tasks newest first: by creation time, then a task still desired RUNNING before one
 * that is not, then store version, then id. Creation times can tie (one pass shuts a task down
 * and creates its replacement in the same millisecond), and the version is the last write, not
 * the creation: the shut-down task is written after its replacement is created, so the version
 * alone would make it look newer than the task that replaced it.
 */
export function newestFirst(tasks: readonly Task[]): Task[] {
  const wanted = (t: Task): number => (t.desiredState === 'RUNNING' ? 1 : 0);
  return [...tasks].sort(
    (a, b) =>
      b.meta.createdAt.localeCompare(a.meta.createdAt) ||
      wanted(b) - wanted(a) ||
      b.meta.version - a.meta.version ||
      b.id.localeCompare(a.id),
  );
}

/**
 * Why tasks must leave `node` (it is gone, down or drained), or `undefined` when they may stay.
 * A paused node keeps its tasks.
 */
export function nodeProblem(nodeId: string, node: Node | undefined): string | undefined {
  if (node === undefined) return `node "${nodeId}" left the cluster`;
  if (node.status.state === 'down') return `node "${nodeId}" is down`;
  if (node.spec.availability === 'drain') return `node "${nodeId}" is drained`;
  return undefined;
}

/** Whether a node may receive a new task: ready and active (not paused or drained). */
export function acceptsNewTasks(node: Node): boolean {
  return node.status.state === 'ready' && node.spec.availability === 'active';
}

/** Where a new task goes: a slot (replicated) or a node (global, slot 0). */
export type TaskPlace = { slot: number; nodeId: '' } | { slot: 0; nodeId: string };

/** A new task of `service` at `place`, desired RUNNING, observed NEW at `nowMs`. */
export function newTask(
  service: Service,
  place: TaskPlace,
  options: { id: string; nowMs: number; message: string },
): NewObject<Task> {
  const suffix = place.nodeId === '' ? String(place.slot) : place.nodeId;
  const task: NewObject<Task> = {
    id: options.id,
    serviceId: service.id,
    slot: place.slot,
    nodeId: place.nodeId,
    desiredState: 'RUNNING',
    status: {
      state: 'NEW',
      timestamp: new Date(options.nowMs).toISOString(),
      message: options.message,
    },
    spec: structuredClone(service.spec.task),
    specVersion: service.specVersion,
    serviceAnnotations: {
      name: `${service.spec.name}.${suffix}`,
      labels: { ...service.spec.labels },
    },
    networks: [],
  };
  if (service.endpoint !== undefined) task.endpoint = structuredClone(service.endpoint);
  return task;
}
