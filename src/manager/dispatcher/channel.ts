/**
 * A bounded single-consumer queue read with `for await`: the producer pushes, closes or fails it;
 * a push past the bound fails the channel (a consumer that falls behind is dropped, never
 * buffered without limit). Reading ends early when the reader's signal aborts.
 *
 * @module
 */
import { TsorchError } from '../../util/errors.js';

/** A bounded queue of `T`. */
export class Channel<T> {
  readonly #items: T[] = [];
  readonly #capacity: number;
  #done = false;
  #error: Error | undefined;
  #wake: (() => void) | undefined;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** True once closed or failed. */
  get closed(): boolean {
    return this.#done;
  }

  /** Queues `item`; returns false (and fails the channel) when it is full, false when closed. */
  push(item: T): boolean {
    if (this.#done) return false;
    if (this.#items.length >= this.#capacity) {
      this.fail(
        new TsorchError(
          'UNAVAILABLE',
          `Stream closed: the receiver fell ${this.#capacity} messages behind`,
        ),
      );
      return false;
    }
    this.#items.push(item);
    this.#notify();
    return true;
  }

  /** Ends the channel: the reader gets what is queued, then the end. */
  close(): void {
    this.#done = true;
    this.#notify();
  }

  /** Ends the channel with `error`: the reader gets what is queued, then the error. */
  fail(error: Error): void {
    if (this.#done) return;
    this.#error = error;
    this.close();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** Reads until the channel ends or `signal` aborts. */
  async *read(signal?: AbortSignal): AsyncGenerator<T, void, undefined> {
    const onAbort = (): void => {
      this.#notify();
    };
    signal?.addEventListener('abort', onAbort);
    try {
      for (;;) {
        if (signal?.aborted === true) return;
        const item = this.#items.shift();
        if (item !== undefined) {
          yield item;
          continue;
        }
        if (this.#done) {
          if (this.#error !== undefined) throw this.#error;
          return;
        }
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
