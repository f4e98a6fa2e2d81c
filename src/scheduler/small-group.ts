/**
 * Placement of a small group without scanning the cluster. Most nodes run no task of the
 * group's service and have no recent failure of it, so they differ only in their total task
 * count and tie-break: the call's {@link LeastLoaded} order ranks them for every group. Only the
 * few nodes where the service already has tasks or failures are ranked per group.
 *
 * Each task goes to the better of the best such node and the least-loaded other node that
 * passes the filters (constraints included), which is the node the scanning path would choose (a property test checks
 * both against a brute-force scan). A group with t tasks over a service present on k nodes costs
 * O((t + k + skipped) log n) instead of O(n).
 *
 * @module
 */

import type { Filter, TaskContext } from './filters/filter.js';
import { firstFailure } from './filters/filter.js';
import { Heap } from './heap.js';
import { LeastLoaded } from './least-loaded.js';
import type { Candidate } from './rank.js';
import { candidateLess } from './rank.js';
import type { Indexed, Run } from './run.js';
import { candidateOf, commitTask, place, staticPasses } from './run.js';

/** A group is small when it and its service's nodes are under this fraction of the cluster. */
const SMALL_GROUP_FRACTION = 1 / 8;

/**
 * Returns true when `task` may use {@link placeSmallGroup}: no preferences (they need the
 * per-group tree), few tasks and service nodes for the cluster, and constraints (if any) that
 * most nodes meet; a selective constraint is better served by scanning the few nodes it keeps.
 */
export function isSmallGroup(
  run: Run,
  task: TaskContext,
  filters: readonly Filter[],
  taskCount: number,
): boolean {
  const nodeCount = run.states.length;
  if (task.preferences.length > 0) return false;
  const present = run.serviceNodes.get(task.serviceId)?.size ?? 0;
  if (taskCount + present >= nodeCount * SMALL_GROUP_FRACTION) return false;
  const selective = task.constraints.length > 0 || task.platforms.length > 0;
  return !selective || staticPasses(run, filters, task).length * 2 >= nodeCount;
}

/**
 * Places `tasks` while it can do so without a scan. Returns how many it placed, from the first:
 * the caller places (or explains) the rest with the scanning path.
 */
export function placeSmallGroup(
  run: Run,
  tasks: readonly Indexed[],
  task: TaskContext,
  filters: readonly Filter[],
): number {
  const order = (run.leastLoaded ??= new LeastLoaded(run.states, run.ties));
  const dynamic = filters.filter((f) => f.dynamic);
  const fails = (c: Candidate): boolean => firstFailure(dynamic, c.node, task) !== undefined;
  const present = run.serviceNodes.get(task.serviceId) ?? new Set();
  const special: Candidate[] = [];
  for (const node of present) {
    if (firstFailure(filters, node, task) !== undefined) continue;
    special.push(candidateOf(run, node, task.serviceId));
  }
  const ranked = new Heap(special, candidateLess);
  const maxSkipped = Math.ceil(run.states.length * SMALL_GROUP_FRACTION);
  const skip = (node: Candidate['node']): boolean =>
    present.has(node) || firstFailure(filters, node, task) !== undefined;
  let plain: Candidate | undefined;
  let placed = 0;
  for (const indexed of tasks) {
    let best = ranked.peek();
    while (best !== undefined && fails(best)) {
      ranked.pop();
      best = ranked.peek();
    }
    if (plain === undefined) {
      const node = order.take(skip, maxSkipped);
      if (node !== undefined) {
        plain = { node, serviceTasks: 0, recentFailures: 0, tie: run.ties[node.index] ?? 0 };
      } else if (order.overBudget) {
        // A better node may be among those not yet looked at: scan for the rest.
        break;
      }
    }
    let chosen: Candidate;
    if (best !== undefined && (plain === undefined || candidateLess(best, plain))) {
      chosen = best;
      ranked.pop();
    } else if (plain !== undefined) {
      chosen = plain;
      plain = undefined;
    } else break;
    commitTask(run, chosen.node, task);
    chosen.serviceTasks++;
    ranked.push(chosen);
    place(run, indexed, chosen.node);
    placed++;
  }
  order.restore();
  return placed;
}
