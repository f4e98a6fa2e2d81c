/**
 * The state one `schedule()` call shares between its placement strategies: node states, the
 * random tie-breaks, the decisions so far, and indexes built once per call.
 *
 * @module
 */

import type { Prng } from '../util/prng.js';
import type { Filter, NodeState, TaskContext } from './filters/filter.js';
import { firstFailure } from './filters/filter.js';
import type { LeastLoaded } from './least-loaded.js';
import type { Candidate } from './rank.js';
import { commitToNode } from './state.js';
import type { ClusterView, Decision, Explanation, TaskRequest } from './types.js';

/** The call's shared state. */
export interface Run {
  view: ClusterView;
  states: NodeState[];
  /** A random rank per node index (a permutation): the last tie-break. */
  ties: Uint32Array;
  /** Decisions by position in the pending list. */
  decisions: (Decision | undefined)[];
  /**
   * Nodes passing the static filters, per set of constraints and platforms: those filters read
   * only the node's description, so groups that share them (most do) filter the nodes once.
   */
  staticPasses: Map<string, NodeState[]>;
  /** Per service id, the nodes where it has tasks or recent failures (kept up to date). */
  serviceNodes: Map<string, Set<NodeState>>;
  /** Ready nodes by task count, built on first use by a small group. */
  leastLoaded?: LeastLoaded;
}

/** A pending task and its position in the pending list. */
export interface Indexed {
  request: TaskRequest;
  at: number;
}

/** A random rank per node index (a permutation), drawn once per call. */
export function shuffledRanks(count: number, rng: Prng): Uint32Array {
  const ranks = new Uint32Array(count);
  for (let i = 0; i < count; i++) ranks[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = ranks[i] as number;
    ranks[i] = ranks[j] as number;
    ranks[j] = tmp;
  }
  return ranks;
}

/** Indexes, per service, the nodes where it has tasks or recent failures. */
export function buildServiceNodes(states: readonly NodeState[]): Map<string, Set<NodeState>> {
  const index = new Map<string, Set<NodeState>>();
  for (const node of states) {
    for (const serviceId of [...node.serviceTasks.keys(), ...node.recentFailures.keys()]) {
      const set = index.get(serviceId);
      if (set === undefined) index.set(serviceId, new Set([node]));
      else set.add(node);
    }
  }
  return index;
}

/** Records `task` on `node`: capacity, ports, counts and the service index. */
export function commitTask(run: Run, node: NodeState, task: TaskContext): void {
  commitToNode(node, task);
  const set = run.serviceNodes.get(task.serviceId);
  if (set === undefined) run.serviceNodes.set(task.serviceId, new Set([node]));
  else set.add(node);
}

/** `node` as a candidate for a task of `serviceId`, with the counts that rank it. */
export function candidateOf(run: Run, node: NodeState, serviceId: string): Candidate {
  return {
    node,
    serviceTasks: node.serviceTasks.get(serviceId) ?? 0,
    recentFailures: node.recentFailures.get(serviceId) ?? 0,
    tie: run.ties[node.index] ?? 0,
  };
}

/** Decides `task` onto `node`. */
export function place(run: Run, task: Indexed, node: NodeState): void {
  run.decisions[task.at] = {
    taskId: task.request.id,
    nodeId: node.info.id,
    nodeVersion: node.info.version,
    viewVersion: run.view.version,
  };
}

/** Leaves `tasks` pending with `explanation`. */
export function refuse(run: Run, tasks: readonly Indexed[], explanation: Explanation): void {
  for (const { request, at } of tasks) {
    run.decisions[at] = { taskId: request.id, unschedulable: explanation };
  }
}

/** The nodes that pass the filters that do not change within a call, computed once per kind. */
export function staticPasses(run: Run, filters: readonly Filter[], task: TaskContext): NodeState[] {
  const key = JSON.stringify([task.constraints.map((c) => c.expression), task.platforms]);
  let passes = run.staticPasses.get(key);
  if (passes === undefined) {
    const fixed = filters.filter((f) => !f.dynamic);
    passes = run.states.filter((node) => firstFailure(fixed, node, task) === undefined);
    run.staticPasses.set(key, passes);
  }
  return passes;
}
