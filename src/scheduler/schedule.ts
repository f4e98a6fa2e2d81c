/**
 * `schedule(view, pending, rng) → Decision[]`: places a batch of pending tasks on the nodes of a
 * cluster snapshot, in one pass. Pure: the same view, tasks and seed give the same decisions.
 *
 * Tasks of one service with one spec version form a group, placed together: the filters run
 * once per node for the group, the eligible nodes go into a {@link Ranker}, and each task then
 * takes the best node that still fits, so a group of t tasks over n nodes costs
 * O(n log n + t log n). A task bound to a node (global services) is checked against that node
 * alone. Tasks placed earlier in the call count against later ones (capacity, ports, spread).
 *
 * @module
 */

import { assert } from '../util/assert.js';
import type { Prng } from '../util/prng.js';
import { explainIssues, explainMissingNode, explainNodes } from './explain.js';
import { FILTERS } from './filters/builtin.js';
import type { Filter, NodeState, TaskContext } from './filters/filter.js';
import { enabledFilters, firstFailure } from './filters/filter.js';
import type { Candidate } from './rank.js';
import { Ranker } from './rank.js';
import {
  DEFAULT_FAILURE_WINDOW_MS,
  buildNodeStates,
  buildTaskContext,
  commitToNode,
} from './state.js';
import type { ClusterView, Decision, Explanation, TaskRequest } from './types.js';

/** Options of {@link schedule}. */
export interface ScheduleOptions {
  /** A failure counts as recent this long after it happened. Default 5 minutes. */
  failureWindowMs?: number;
}

/** The call's shared state: nodes, tie-breaks and the decisions made so far. */
interface Run {
  view: ClusterView;
  states: NodeState[];
  ties: Uint32Array;
  decisions: Map<string, Decision>;
}

/**
 * Decides a node for each of `pending`, or explains why none fits. Returns one decision per
 * task, in the order of `pending`. `rng` breaks ties between equally good nodes.
 *
 * @throws {AssertionError} when two pending tasks share an id.
 */
export function schedule(
  view: ClusterView,
  pending: readonly TaskRequest[],
  rng: Prng,
  options: ScheduleOptions = {},
): Decision[] {
  const run: Run = {
    view,
    states: buildNodeStates(view, options.failureWindowMs ?? DEFAULT_FAILURE_WINDOW_MS),
    ties: shuffledRanks(view.nodes.length, rng),
    decisions: new Map(),
  };
  const pinned: TaskRequest[] = [];
  const groups = new Map<string, TaskRequest[]>();
  for (const task of pending) {
    if (task.pinnedNodeId !== undefined) {
      pinned.push(task);
      continue;
    }
    const key = `${task.serviceId}\u0000${String(task.specVersion)}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [task]);
    else group.push(task);
  }
  // Bound tasks go first: they have one node, the others can go elsewhere.
  schedulePinned(run, pinned);
  for (const group of groups.values()) scheduleGroup(run, group);
  return pending.map((task) => {
    const decision = run.decisions.get(task.id);
    assert(decision !== undefined, `No decision for task "${task.id}"`);
    return decision;
  });
}

/** A random rank per node index (a permutation), drawn once per call. */
function shuffledRanks(count: number, rng: Prng): Uint32Array {
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

function decide(run: Run, taskId: string, decision: Decision): void {
  assert(!run.decisions.has(taskId), `Task "${taskId}" is pending twice`);
  run.decisions.set(taskId, decision);
}

function place(run: Run, taskId: string, node: NodeState): void {
  decide(run, taskId, {
    taskId,
    nodeId: node.info.id,
    nodeVersion: node.info.version,
    viewVersion: run.view.version,
  });
}

function refuse(run: Run, tasks: readonly TaskRequest[], explanation: Explanation): void {
  for (const task of tasks) decide(run, task.id, { taskId: task.id, unschedulable: explanation });
}

/** Places one group of equal tasks. */
function scheduleGroup(run: Run, tasks: readonly TaskRequest[]): void {
  const first = tasks[0];
  assert(first !== undefined, 'Empty task group');
  const context = buildTaskContext(first);
  if (!context.ok) {
    refuse(run, tasks, explainIssues(context.issues));
    return;
  }
  const task = context.value;
  const filters = enabledFilters(FILTERS, task);
  const candidates: Candidate[] = [];
  for (const node of run.states) {
    if (firstFailure(filters, node, task) !== undefined) continue;
    candidates.push({
      node,
      serviceTasks: node.serviceTasks.get(task.serviceId) ?? 0,
      recentFailures: node.recentFailures.get(task.serviceId) ?? 0,
      tie: run.ties[node.index] ?? 0,
    });
  }
  const ranker = new Ranker(candidates, task.preferences);
  const dynamic = filters.filter((f) => f.dynamic);
  const fits = (c: Candidate): boolean => firstFailure(dynamic, c.node, task) === undefined;
  const commit = (c: Candidate): void => {
    commitToNode(c.node, task);
  };
  for (let i = 0; i < tasks.length; i++) {
    const request = tasks[i] as TaskRequest;
    const chosen = ranker.take(fits, commit);
    if (chosen === undefined) {
      // Every node now fails a filter; one explanation serves the rest of the group.
      refuse(run, tasks.slice(i), explainNodes(filters, run.states, task));
      return;
    }
    place(run, request.id, chosen.node);
  }
}

/** Checks each bound task against its one node. */
function schedulePinned(run: Run, tasks: readonly TaskRequest[]): void {
  if (tasks.length === 0) return;
  const byId = new Map(run.states.map((s) => [s.info.id, s]));
  const contexts = new Map<string, { task: TaskContext; filters: Filter[] } | Explanation>();
  for (const request of tasks) {
    const key = `${request.serviceId}\u0000${String(request.specVersion)}`;
    let entry = contexts.get(key);
    if (entry === undefined) {
      const context = buildTaskContext(request);
      entry = context.ok
        ? { task: context.value, filters: enabledFilters(FILTERS, context.value) }
        : explainIssues(context.issues);
      contexts.set(key, entry);
    }
    const node = byId.get(request.pinnedNodeId ?? '');
    if ('message' in entry) refuse(run, [request], entry);
    else if (node === undefined)
      refuse(run, [request], explainMissingNode(request.pinnedNodeId ?? ''));
    else if (firstFailure(entry.filters, node, entry.task) !== undefined) {
      refuse(run, [request], explainNodes(entry.filters, [node], entry.task));
    } else {
      commitToNode(node, entry.task);
      place(run, request.id, node);
    }
  }
}
