/**
 * The ready nodes of a call ordered by how many tasks they run (then the random tie-break),
 * shared by every group: a small group finds its best nodes by popping a few entries instead of
 * scanning the whole cluster.
 *
 * Entries are refreshed lazily: a node that took a task elsewhere keeps its old, smaller key
 * until it is popped, and is then pushed back with its current count. Keys only grow within a
 * call, so the first fresh entry popped is the least-loaded node.
 *
 * @module
 */

import { isAvailable } from './filters/builtin.js';
import type { NodeState } from './filters/filter.js';
import { Heap } from './heap.js';

interface Entry {
  node: NodeState;
  /** The node's task count when the entry was pushed. */
  total: number;
  tie: number;
}

function entryLess(a: Entry, b: Entry): boolean {
  return a.total !== b.total ? a.total < b.total : a.tie < b.tie;
}

/** Ready, active nodes by task count, for the groups of one call. */
export class LeastLoaded {
  readonly #heap: Heap<Entry>;
  /** Entries popped during the current group, pushed back by {@link restore}. */
  readonly #aside: Entry[] = [];
  #skipped = 0;
  #overBudget = false;

  /**
   * True when the last {@link take} gave up after skipping too many nodes: a better node may
   * remain, so `undefined` then does not mean that none is left.
   */
  get overBudget(): boolean {
    return this.#overBudget;
  }

  /** Orders the ready, active nodes of `states`; `ties` holds a random rank per node index. */
  constructor(states: readonly NodeState[], ties: Uint32Array) {
    const entries: Entry[] = [];
    for (const node of states) {
      if (!isAvailable(node)) continue;
      entries.push({ node, total: node.totalTasks, tie: ties[node.index] ?? 0 });
    }
    this.#heap = new Heap(entries, entryLess);
  }

  /**
   * The least-loaded node that `skip` does not reject, taken out until {@link restore}.
   * Returns `undefined` when none is left, or when more than `maxSkipped` nodes were skipped
   * since the last restore ({@link overBudget}; the caller then scans instead).
   */
  take(skip: (node: NodeState) => boolean, maxSkipped: number): NodeState | undefined {
    for (let entry = this.#heap.pop(); entry !== undefined; entry = this.#heap.pop()) {
      if (entry.total !== entry.node.totalTasks) {
        this.#heap.push({ ...entry, total: entry.node.totalTasks });
        continue;
      }
      this.#aside.push(entry);
      if (!skip(entry.node)) return entry.node;
      if (++this.#skipped > maxSkipped) {
        this.#overBudget = true;
        return undefined;
      }
    }
    return undefined;
  }

  /** Puts back every node taken since the last restore, with its current task count. */
  restore(): void {
    for (const entry of this.#aside) this.#heap.push({ ...entry, total: entry.node.totalTasks });
    this.#aside.length = 0;
    this.#skipped = 0;
    this.#overBudget = false;
  }
}
