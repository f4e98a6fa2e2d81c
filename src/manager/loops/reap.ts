/**
 * The task reaper and service remover (swarmkit `taskreaper`): deletes task objects nothing
 * needs any more, and services being deleted once their last task is gone. Pure decision over a
 * read, so it is table-tested; the loops commit it.
 *
 * @module
 */

import {
  isTerminal,
  taskStateRank,
  type Network,
  type Node,
  type Service,
  type Task,
} from '../../store/index.js';

/** What the reaper deletes, and tasks it stops because their service is gone. */
export interface ReapPlan {
  /** Tasks to delete, with the version read. */
  deleteTasks: { id: string; version: number }[];
  /** Services (being deleted, without tasks) to delete, with the version read. */
  deleteServices: { id: string; version: number }[];
  /** Tasks of services that no longer exist, still to be stopped. */
  stopTasks: Task[];
  /** Networks being deleted that no running task holds any more, with the version read. */
  deleteNetworks: { id: string; version: number }[];
}

/** Whether an agent may hold the task (it was assigned a node). */
function reachedAgent(task: Task): boolean {
  return taskStateRank(task.status.state) >= taskStateRank('ASSIGNED');
}

/**
 * Decides what to delete:
 * - tasks desired REMOVE that stopped (the orchestrator's history bound, a removed service);
 * - tasks desired SHUTDOWN or REMOVE that never reached an agent (nothing will ever report them);
 * - tasks whose node left the cluster and that are not running there any more, or whose service
 *   is gone and that stopped (a live one is stopped first);
 * - services being deleted whose tasks are all gone;
 * - networks being deleted (`network rm` while tasks held them) that no unstopped task holds.
 */
export function planReap(read: {
  services: readonly Service[];
  tasks: readonly Task[];
  nodes: readonly Node[];
  networks?: readonly Network[];
}): ReapPlan {
  const plan: ReapPlan = { deleteTasks: [], deleteServices: [], stopTasks: [], deleteNetworks: [] };
  const services = new Map(read.services.map((s) => [s.id, s]));
  const nodes = new Set(read.nodes.map((n) => n.id));
  const withTasks = new Set<string>();
  for (const task of read.tasks) {
    const stopped = isTerminal(task.status.state);
    const serviceGone = !services.has(task.serviceId);
    const nodeGone = task.nodeId !== '' && !nodes.has(task.nodeId) && reachedAgent(task);
    const removable =
      (task.desiredState === 'REMOVE' && stopped) ||
      (isTerminal(task.desiredState) && !reachedAgent(task)) ||
      (nodeGone && (stopped || isTerminal(task.desiredState))) ||
      (serviceGone && (stopped || !reachedAgent(task)));
    if (removable) {
      plan.deleteTasks.push({ id: task.id, version: task.meta.version });
      continue;
    }
    withTasks.add(task.serviceId);
    if (serviceGone && !isTerminal(task.desiredState)) plan.stopTasks.push(task);
  }
  for (const service of read.services) {
    if (service.pendingDelete && !withTasks.has(service.id))
      plan.deleteServices.push({ id: service.id, version: service.meta.version });
  }
  const held = new Set<string>();
  for (const task of read.tasks)
    if (!isTerminal(task.status.state)) for (const n of task.networks) held.add(n.networkId);
  for (const network of read.networks ?? [])
    if (network.pendingDelete && !held.has(network.id))
      plan.deleteNetworks.push({ id: network.id, version: network.meta.version });
  return plan;
}
