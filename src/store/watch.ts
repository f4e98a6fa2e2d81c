/**
 * Watches: committed changes, in commit order, to any number of subscribers. A bounded history of
 * recent events lets a subscriber resume from a version it already saw; one that asks for events
 * older than the history is told to re-list. Each subscriber has a bounded queue; a subscriber
 * that falls behind is closed with an error rather than letting memory grow.
 *
 * @module
 */

import type { AnyObject, TableName } from './tables.js';
import { TsorchError } from '../util/errors.js';
import { storeWatchHistoryEvents, storeWatchQueueEvents } from '../util/limits.js';

/** What happened to an object. */
export type EventKind = 'create' | 'update' | 'delete';

/** A committed change. Events of one transaction share its `version`. */
export interface StoreEvent {
  kind: EventKind;
  table: TableName;
  id: string;
  /** The Raft index of the transaction. */
  version: number;
  /** The object after the change (for deletes: as it was when deleted). */
  object: AnyObject;
  /** The object before an update. */
  old?: AnyObject;
}

/** What a subscriber wants. */
export interface WatchOptions {
  /** Deliver only events after this version (replaying history); default: only new events. */
  fromVersion?: number;
  /** Only these tables; default all. */
  tables?: readonly TableName[];
  /** Only these kinds; default all. */
  kinds?: readonly EventKind[];
  /** Only events this returns true for; a throw closes the watch with that error. */
  filter?: (event: StoreEvent) => boolean;
  /** Ends the watch (iteration finishes normally). */
  signal?: AbortSignal;
  /** Queue bound; default {@link storeWatchQueueEvents}. */
  queueEvents?: number;
}

/** A subscription: iterate it with `for await`; `close()` ends it. */
export class Watch implements AsyncIterableIterator<StoreEvent> {
  readonly #queue: StoreEvent[] = [];
  #head = 0;
  #done = false;
  #error: Error | undefined;
  #waiter:
    { resolve: (r: IteratorResult<StoreEvent>) => void; reject: (e: unknown) => void } | undefined;
  readonly #options: WatchOptions;
  readonly #capacity: number;
  readonly #onClose: (w: Watch) => void;
  readonly #abort = (): void => {
    this.close();
  };

  /** @internal Created by {@link WatchHub.watch}. */
  constructor(options: WatchOptions, onClose: (w: Watch) => void) {
    this.#options = options;
    this.#capacity = options.queueEvents ?? storeWatchQueueEvents;
    this.#onClose = onClose;
    options.signal?.addEventListener('abort', this.#abort, { once: true });
  }

  /** Events waiting to be read. */
  get pending(): number {
    return this.#queue.length - this.#head;
  }

  /** True once the watch has ended (closed, aborted or failed). */
  get closed(): boolean {
    return this.#done;
  }

  /** @internal Offers a committed event; returns false once the watch is closed. */
  offer(event: StoreEvent): boolean {
    if (this.#done) return false;
    try {
      if (!this.#matches(event)) return true;
    } catch (err) {
      this.fail(err);
      return false;
    }
    if (this.#waiter !== undefined) {
      const w = this.#waiter;
      this.#waiter = undefined;
      w.resolve({ done: false, value: event });
      return true;
    }
    if (this.pending >= this.#capacity) {
      this.fail(
        new TsorchError(
          'STORE_WATCH_OVERFLOW',
          `Watch closed: the subscriber fell ${this.#capacity} events behind`,
          {
            details: { queueEvents: this.#capacity, lastVersion: event.version },
            hint: 'Consume events faster, or re-list and watch again',
          },
        ),
      );
      return false;
    }
    this.#queue.push(event);
    return true;
  }

  #matches(event: StoreEvent): boolean {
    const o = this.#options;
    if (o.tables !== undefined && !o.tables.includes(event.table)) return false;
    if (o.kinds !== undefined && !o.kinds.includes(event.kind)) return false;
    return o.filter === undefined || o.filter(event);
  }

  /** Ends the watch with `error`: the reader gets the queued events, then the error. */
  fail(error: unknown): void {
    if (this.#done) return;
    this.#error = error instanceof Error ? error : new Error(String(error));
    this.#finish();
  }

  /** Ends the watch; the reader gets the queued events, then the end. */
  close(): void {
    if (this.#done) return;
    this.#finish();
  }

  #finish(): void {
    this.#done = true;
    this.#options.signal?.removeEventListener('abort', this.#abort);
    this.#onClose(this);
    if (this.#waiter !== undefined) {
      const w = this.#waiter;
      this.#waiter = undefined;
      if (this.#error === undefined) w.resolve({ done: true, value: undefined });
      else w.reject(this.#error);
    }
  }

  next(): Promise<IteratorResult<StoreEvent>> {
    if (this.pending > 0) {
      const value = this.#queue[this.#head] as StoreEvent;
      this.#head += 1;
      // Compact now and then so a long-lived watch does not keep every event it delivered.
      if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
        this.#queue.splice(0, this.#head);
        this.#head = 0;
      }
      return Promise.resolve({ done: false, value });
    }
    if (this.#done) {
      return this.#error === undefined
        ? Promise.resolve({ done: true, value: undefined })
        : Promise.reject(this.#error);
    }
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<StoreEvent>> {
    this.close();
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/** Fans committed events out to watches and keeps the resumable history. */
export class WatchHub {
  readonly #history: StoreEvent[] = [];
  #historyHead = 0;
  /** Events at or below this version may be missing from the history. */
  #floorVersion: number;
  readonly #capacity: number;
  readonly #watches = new Set<Watch>();

  constructor(options: { floorVersion?: number; historyEvents?: number } = {}) {
    this.#floorVersion = options.floorVersion ?? 0;
    this.#capacity = options.historyEvents ?? storeWatchHistoryEvents;
  }

  /** Open watches. */
  get size(): number {
    return this.#watches.size;
  }

  /**
   * Opens a watch. With `fromVersion`, first replays the kept events after it.
   *
   * @throws {TsorchError} STORE_WATCH_COMPACTED when events after `fromVersion` are no longer kept.
   */
  watch(options: WatchOptions = {}): Watch {
    const from = options.fromVersion;
    if (from !== undefined && from < this.#floorVersion)
      throw new TsorchError(
        'STORE_WATCH_COMPACTED',
        `Cannot resume watch from version ${from}: events up to version ${this.#floorVersion} are no longer kept`,
        {
          details: { fromVersion: from, oldestVersion: this.#floorVersion },
          hint: 'List the objects again, then watch from the version of that read',
        },
      );
    const w = new Watch(options, (closed) => this.#watches.delete(closed));
    if (options.signal?.aborted === true) {
      w.close();
      return w;
    }
    this.#watches.add(w);
    if (from !== undefined) {
      for (let i = this.#historyHead; i < this.#history.length; i++) {
        const e = this.#history[i] as StoreEvent;
        if (e.version > from && !w.offer(e)) break;
      }
    }
    return w;
  }

  /** Records and delivers the events of one committed transaction. */
  publish(events: readonly StoreEvent[]): void {
    for (const e of events) {
      this.#history.push(e);
      if (this.#history.length - this.#historyHead > this.#capacity) {
        const dropped = this.#history[this.#historyHead] as StoreEvent;
        this.#floorVersion = Math.max(this.#floorVersion, dropped.version);
        this.#historyHead += 1;
      }
    }
    if (this.#historyHead > 1024 && this.#historyHead * 2 > this.#history.length) {
      this.#history.splice(0, this.#historyHead);
      this.#historyHead = 0;
    }
    for (const w of [...this.#watches]) for (const e of events) if (!w.offer(e)) break;
  }

  /** Forgets the history and fails every watch with `error` (the state was replaced). */
  reset(floorVersion: number, error: TsorchError): void {
    this.#history.length = 0;
    this.#historyHead = 0;
    this.#floorVersion = floorVersion;
    for (const w of [...this.#watches]) w.fail(error);
  }

  /** Closes every watch normally. */
  closeAll(): void {
    for (const w of [...this.#watches]) w.close();
  }
}
