/**
 * `schedule(view, pending, rng) → Decision[]`: places a batch of pending tasks on the nodes of a
 * cluster snapshot, in one pass. Pure: the same view, tasks and seed give the same decisions.
 *
 * Tasks of one service with one spec version form a group, placed together: the filters run
 * once per node for the group, the eligible nodes go into a {@link Ranker}, and each task then
 * takes the best node that still fits, so a group of t tasks over n nodes costs
 * O(n log n + t log n). A small group without preferences skips the scan
 * (`small-group.ts`), so many small groups (a failed node's tasks of many services) do not cost
 * a scan each. A task bound to a node (global services) is checked against that node alone.
 * Tasks placed earlier in the call count against later ones (capacity, ports, spread).
 *
 * @module
 */

import { assert } from '../util/assert.js';
import type { Prng } from '../util/prng.js';
import { explainIssues, explainMissingNode, explainNodes } from './explain.js';
import { FILTERS } from './filters/builtin.js';
import type { Filter, TaskContext } from './filters/filter.js';
import { enabledFilters, firstFailure } from './filters/filter.js';
import type { Candidate } from './rank.js';
import { Ranker } from './rank.js';
import { isSmallGroup, placeSmallGroup } from './small-group.js';
import type { Indexed, Run } from './run.js';
import {
  buildServiceNodes,
  candidateOf,
  commitTask,
  place,
  refuse,
  shuffledRanks,
  staticPasses,
} from './run.js';
import { DEFAULT_FAILURE_WINDOW_MS, buildNodeStates, buildTaskContext } from './state.js';
import type { ClusterView, Decision, Explanation, TaskRequest } from './types.js';

/** Options of {@link schedule}. */
export interface ScheduleOptions {
  /** A failure counts as recent this long after it happened. Default 5 minutes. */
  failureWindowMs?: number;
}

/**
 * Decides a node for each of `pending`, or explains why none fits. Returns one decision per
 * task, in the order of `pending`; each task must appear once. `rng` breaks ties between
 * equally good nodes.
 */
export function schedule(
  view: ClusterView,
  pending: readonly TaskRequest[],
  rng: Prng,
  options: ScheduleOptions = {},
): Decision[] {
  const states = buildNodeStates(view, options.failureWindowMs ?? DEFAULT_FAILURE_WINDOW_MS);
  const run: Run = {
    view,
    states,
    ties: shuffledRanks(view.nodes.length, rng),
    decisions: new Array<Decision | undefined>(pending.length),
    staticPasses: new Map(),
    serviceNodes: buildServiceNodes(states),
  };
  const pinned: Indexed[] = [];
  const groups = new Map<string, Indexed[]>();
  pending.forEach((request, at) => {
    if (request.pinnedNodeId !== undefined) {
      pinned.push({ request, at });
      return;
    }
    const key = groupKey(request);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [{ request, at }]);
    else group.push({ request, at });
  });
  // Bound tasks go first: they have one node, the others can go elsewhere.
  schedulePinned(run, pinned);
  for (const group of groups.values()) scheduleGroup(run, group);
  return run.decisions.map((decision, at) => {
    assert(decision !== undefined, `No decision for pending task ${String(at)}`);
    return decision;
  });
}

function groupKey(request: TaskRequest): string {
  return `${request.serviceId}\u0000${String(request.specVersion)}`;
}

/** Places one group of equal tasks. */
function scheduleGroup(run: Run, tasks: readonly Indexed[]): void {
  const first = tasks[0];
  assert(first !== undefined, 'Empty task group');
  const context = buildTaskContext(first.request);
  if (!context.ok) {
    refuse(run, tasks, explainIssues(context.issues));
    return;
  }
  const task = context.value;
  const filters = enabledFilters(FILTERS, task);
  const done = isSmallGroup(run, task, filters, tasks.length)
    ? placeSmallGroup(run, tasks, task, filters)
    : 0;
  if (done < tasks.length) scanGroup(run, tasks.slice(done), task, filters);
}

/** Places `tasks` after one scan of the nodes: filters, then a {@link Ranker}. */
function scanGroup(
  run: Run,
  tasks: readonly Indexed[],
  task: TaskContext,
  filters: readonly Filter[],
): void {
  const dynamic = filters.filter((f) => f.dynamic);
  const candidates: Candidate[] = [];
  for (const node of staticPasses(run, filters, task)) {
    if (firstFailure(dynamic, node, task) !== undefined) continue;
    candidates.push(candidateOf(run, node, task.serviceId));
  }
  const ranker = new Ranker(candidates, task.preferences);
  const fits = (c: Candidate): boolean => firstFailure(dynamic, c.node, task) === undefined;
  const commit = (c: Candidate): void => {
    commitTask(run, c.node, task);
  };
  for (let i = 0; i < tasks.length; i++) {
    const chosen = ranker.take(fits, commit);
    if (chosen === undefined) {
      // Every node now fails a filter; one explanation serves the rest of the group.
      refuse(run, tasks.slice(i), explainNodes(filters, run.states, task));
      return;
    }
    place(run, tasks[i] as Indexed, chosen.node);
  }
}

/** Checks each bound task against its one node. */
function schedulePinned(run: Run, tasks: readonly Indexed[]): void {
  if (tasks.length === 0) return;
  const byId = new Map(run.states.map((s) => [s.info.id, s]));
  const contexts = new Map<string, { task: TaskContext; filters: Filter[] } | Explanation>();
  for (const indexed of tasks) {
    const { request } = indexed;
    const key = groupKey(request);
    let entry = contexts.get(key);
    if (entry === undefined) {
      const context = buildTaskContext(request);
      entry = context.ok
        ? { task: context.value, filters: enabledFilters(FILTERS, context.value) }
        : explainIssues(context.issues);
      contexts.set(key, entry);
    }
    const nodeId = request.pinnedNodeId ?? '';
    const node = byId.get(nodeId);
    if ('message' in entry) refuse(run, [indexed], entry);
    else if (node === undefined) refuse(run, [indexed], explainMissingNode(nodeId));
    else if (firstFailure(entry.filters, node, entry.task) !== undefined) {
      refuse(run, [indexed], explainNodes(entry.filters, [node], entry.task));
    } else {
      commitTask(run, node, entry.task);
      place(run, indexed, node);
    }
  }
}
