/**
 * A binary min-heap over a comparator: the scheduler keeps its candidate nodes (and preference
 * branches) in one, so each placement costs O(log n) instead of a rescan.
 *
 * @module
 */

/** A min-heap: `pop()` returns the element `less` orders first. */
export class Heap<T> {
  readonly #items: T[];
  readonly #less: (a: T, b: T) => boolean;

  /** Builds a heap of `items` in O(n); the array is taken over, not copied. */
  constructor(items: T[], less: (a: T, b: T) => boolean) {
    this.#items = items;
    this.#less = less;
    for (let i = (items.length >> 1) - 1; i >= 0; i--) this.#down(i);
  }

  /** Number of elements. */
  get size(): number {
    return this.#items.length;
  }

  /** The first element without removing it, `undefined` when empty; O(1). */
  peek(): T | undefined {
    return this.#items[0];
  }

  /** Adds `item` in O(log n). */
  push(item: T): void {
    this.#items.push(item);
    this.#up(this.#items.length - 1);
  }

  /** Removes and returns the first element, `undefined` when empty; O(log n). */
  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.#down(0);
    }
    return top;
  }

  #up(i: number): void {
    const items = this.#items;
    const item = items[i] as T;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as T;
      if (!this.#less(item, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = item;
  }

  #down(i: number): void {
    const items = this.#items;
    const n = items.length;
    const item = items[i] as T;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.#less(items[right] as T, items[child] as T)) child = right;
      const c = items[child] as T;
      if (!this.#less(c, item)) break;
      items[i] = c;
      i = child;
    }
    items[i] = item;
  }
}
