/**
 * Scoring: which eligible node gets a group's next task. Nodes sit in a tree of placement
 * preferences (one level per `spread` descriptor, one branch per label value, nodes without the
 * label in a branch of their own, as in swarmkit); each level hands the task to the branch
 * holding the fewest tasks of the service. In a leaf, nodes are ordered by recent failures of
 * the service (fewest first), then tasks of the service, then tasks of any service, then a
 * random tie-break drawn once per `schedule()` call.
 *
 * Every level is a heap, so a placement costs O(depth × log n): a batch of t tasks over n nodes
 * costs O(n log n + t log n), never a rescan per task.
 *
 * @module
 */

import { attributeValue } from './constraint.js';
import type { Attribute } from './constraint.js';
import type { NodeState } from './filters/filter.js';
import { Heap } from './heap.js';

/** An eligible node for one group, with the counts that order it. */
export interface Candidate {
  node: NodeState;
  /** Tasks of the group's service on the node, including those placed in this call. */
  serviceTasks: number;
  /** Recent failures of the group's service on the node. */
  recentFailures: number;
  /** Random tie-break, unique per node. */
  tie: number;
}

/** Returns true when `a` should take a task before `b`. */
export function candidateLess(a: Candidate, b: Candidate): boolean {
  if (a.recentFailures !== b.recentFailures) return a.recentFailures < b.recentFailures;
  if (a.serviceTasks !== b.serviceTasks) return a.serviceTasks < b.serviceTasks;
  if (a.node.totalTasks !== b.node.totalTasks) return a.node.totalTasks < b.node.totalTasks;
  return a.tie < b.tie;
}

interface Leaf {
  kind: 'leaf';
  /** Tasks of the service in the subtree. */
  tasks: number;
  /** Position of the branch's value among its siblings' (sorted; missing label last). */
  order: number;
  nodes: Heap<Candidate>;
}

interface Branch {
  kind: 'branch';
  tasks: number;
  order: number;
  children: Heap<Tree>;
}

type Tree = Leaf | Branch;

function treeLess(a: Tree, b: Tree): boolean {
  return a.tasks !== b.tasks ? a.tasks < b.tasks : a.order < b.order;
}

/** Builds the subtree of `candidates` for preference `level` onwards. */
function buildTree(
  candidates: Candidate[],
  preferences: readonly Attribute[],
  level: number,
  order: number,
): Tree {
  const tasks = candidates.reduce((sum, c) => sum + c.serviceTasks, 0);
  const preference = preferences[level];
  if (preference === undefined) {
    return { kind: 'leaf', tasks, order, nodes: new Heap(candidates, candidateLess) };
  }
  const groups = new Map<string | undefined, Candidate[]>();
  for (const c of candidates) {
    const value = attributeValue(c.node.info, preference);
    const group = groups.get(value);
    if (group === undefined) groups.set(value, [c]);
    else group.push(c);
  }
  // Sorted values give a stable branch order; nodes without the label come last.
  const values = [...groups.keys()].sort((a, b) =>
    a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const children = values.map((value, i) =>
    buildTree(groups.get(value) ?? [], preferences, level + 1, i),
  );
  return { kind: 'branch', tasks, order, children: new Heap(children, treeLess) };
}

/** Hands out the nodes of one group in placement order. */
export class Ranker {
  readonly #root: Tree;

  /** Ranks `candidates` (taken over) under `preferences`, outermost first. */
  constructor(candidates: Candidate[], preferences: readonly Attribute[]) {
    this.#root = buildTree(candidates, preferences, 0, 0);
  }

  /**
   * Finds the best candidate that still `fits`, calls `commit` on it and counts the task there.
   * Candidates that no longer fit are dropped for the rest of the group (capacity only shrinks
   * within a call). Returns `undefined` when no candidate is left.
   */
  take(fits: (c: Candidate) => boolean, commit: (c: Candidate) => void): Candidate | undefined {
    return takeFrom(this.#root, fits, commit);
  }
}

function takeFrom(
  tree: Tree,
  fits: (c: Candidate) => boolean,
  commit: (c: Candidate) => void,
): Candidate | undefined {
  if (tree.kind === 'leaf') {
    for (let c = tree.nodes.pop(); c !== undefined; c = tree.nodes.pop()) {
      if (!fits(c)) continue;
      commit(c);
      c.serviceTasks++;
      tree.tasks++;
      tree.nodes.push(c);
      return c;
    }
    return undefined;
  }
  for (let child = tree.children.pop(); child !== undefined; child = tree.children.pop()) {
    const taken = takeFrom(child, fits, commit);
    if (taken === undefined) continue;
    tree.tasks++;
    tree.children.push(child);
    return taken;
  }
  return undefined;
}
