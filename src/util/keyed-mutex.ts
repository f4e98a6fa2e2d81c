/**
 * A per-key mutex: work for one key runs one at a time, in call order; work for different keys
 * runs concurrently. A key's entry is freed once its last queued work settles, so a long-lived
 * mutex over many short-lived keys (container ids, blob digests) does not grow.
 *
 * @module
 */

/** Serializes async work per key. */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<unknown>>();

  /**
   * Runs `fn` once every earlier call for `key` settled (whether it resolved or threw).
   *
   * @returns what `fn` returns; rejects with what `fn` throws.
   */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.#tails.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.#tails.set(key, tail);
    try {
      return await next;
    } finally {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }

  /** Keys with work queued or running. */
  get size(): number {
    return this.#tails.size;
  }
}
