/**
 * MemoryStorage: the stable part of a node's log (what the driver has made durable), held in
 * memory. The driver fills it from the WAL at start, then after persisting each Ready it calls
 * {@link MemoryStorage.applySnapshot}, {@link MemoryStorage.setHardState} and
 * {@link MemoryStorage.append} before `advance(ready)`.
 *
 * @module
 */
import { assert } from '../../util/assert.js';
import { InvalidArgumentError } from '../../util/errors.js';
import type { ConfState, Entry, HardState, Snapshot } from './types.js';

/** An empty snapshot at index 0 (no snapshot yet). */
export function emptySnapshot(): Snapshot {
  return {
    meta: { index: 0, term: 0, conf: { voters: [], learners: [] } },
    data: new Uint8Array(),
  };
}

/** Approximate encoded size of an entry, used for batching limits. */
export function entrySizeBytes(e: Entry): number {
  return e.data.length + 24;
}

/**
 * Returns the prefix of `ents` whose total size stays within `maxBytes`; always at least one
 * entry so that a single large entry still makes progress.
 */
export function limitSize(ents: Entry[], maxBytes: number): Entry[] {
  const n = countWithin(ents, 0, ents.length, maxBytes);
  return n === ents.length ? ents : ents.slice(0, n);
}

/**
 * How many entries of `ents[start..end)` fit in `maxBytes` (at least one when the range is not
 * empty), without copying: callers slice once, so a long lagging tail costs only what is sent.
 */
export function countWithin(ents: Entry[], start: number, end: number, maxBytes: number): number {
  if (start >= end) return 0;
  let size = entrySizeBytes(ents[start] as Entry);
  let n = 1;
  for (; start + n < end; n++) {
    size += entrySizeBytes(ents[start + n] as Entry);
    if (size > maxBytes) break;
  }
  return n;
}

/** In-memory stable log: a snapshot, the entries after it, and the hard state. */
export class MemoryStorage {
  #hardState: HardState = { term: 0, vote: 0, commit: 0 };
  #snapshot: Snapshot = emptySnapshot();
  /** ents[0] is a dummy entry standing for the snapshot's (index, term). */
  #ents: Entry[] = [{ term: 0, index: 0, type: 'normal', data: new Uint8Array() }];

  /** The persisted hard state and the membership of the latest snapshot. */
  initialState(): { hardState: HardState; confState: ConfState } {
    return { hardState: { ...this.#hardState }, confState: this.#snapshot.meta.conf };
  }

  /** Records the hard state the driver has just persisted. */
  setHardState(hs: HardState): void {
    this.#hardState = { ...hs };
  }

  /** The persisted hard state. */
  hardState(): HardState {
    return { ...this.#hardState };
  }

  #offset(): number {
    return (this.#ents[0] as Entry).index;
  }

  /** Index of the first entry still available (snapshot index + 1). */
  firstIndex(): number {
    return this.#offset() + 1;
  }

  /** Index of the last entry (the snapshot index when the log is empty). */
  lastIndex(): number {
    return this.#offset() + this.#ents.length - 1;
  }

  /**
   * Term of the entry at `index`, or undefined when it was compacted away or is past the end.
   * The snapshot's own index answers with the snapshot's term.
   */
  term(index: number): number | undefined {
    const off = this.#offset();
    if (index < off || index > this.lastIndex()) return undefined;
    return (this.#ents[index - off] as Entry).term;
  }

  /**
   * Entries in [lo, hi), at most `maxBytes` of them (but at least one).
   *
   * @returns undefined when `lo` was compacted away.
   * @throws {InvalidArgumentError} when `hi` is past the last index.
   */
  entries(lo: number, hi: number, maxBytes = Number.POSITIVE_INFINITY): Entry[] | undefined {
    const off = this.#offset();
    if (lo <= off) return undefined;
    if (hi > this.lastIndex() + 1) {
      throw new InvalidArgumentError(`Cannot read entries: "${hi}" is past the last index`);
    }
    if (lo >= hi) return [];
    const n = countWithin(this.#ents, lo - off, hi - off, maxBytes);
    return this.#ents.slice(lo - off, lo - off + n);
  }

  /** The latest snapshot (index 0 when none). */
  snapshot(): Snapshot {
    return this.#snapshot;
  }

  /**
   * Replaces the whole log with a received snapshot (after the driver persisted it).
   *
   * @throws {InvalidArgumentError} when the snapshot is older than the current one.
   */
  applySnapshot(snap: Snapshot): void {
    if (snap.meta.index <= this.#snapshot.meta.index) {
      throw new InvalidArgumentError(
        `Cannot apply snapshot: index "${snap.meta.index}" is not newer than "${this.#snapshot.meta.index}"`,
      );
    }
    this.#snapshot = snap;
    this.#ents = [
      { term: snap.meta.term, index: snap.meta.index, type: 'normal', data: new Uint8Array() },
    ];
  }

  /**
   * Records a snapshot of the state machine at `index` (<= the applied index) without changing
   * the log; pair with {@link MemoryStorage.compact}.
   *
   * @throws {InvalidArgumentError} when `index` is not newer than the current snapshot or is
   *   past the last index.
   */
  createSnapshot(index: number, conf: ConfState, data: Uint8Array): Snapshot {
    if (index <= this.#snapshot.meta.index) {
      throw new InvalidArgumentError(
        `Cannot create snapshot: index "${index}" is not newer than "${this.#snapshot.meta.index}"`,
      );
    }
    const term = this.term(index);
    if (term === undefined) {
      throw new InvalidArgumentError(`Cannot create snapshot: index "${index}" is not in the log`);
    }
    this.#snapshot = { meta: { index, term, conf: copyConf(conf) }, data };
    return this.#snapshot;
  }

  /**
   * Discards entries up to and including `index`; the entry at `index` becomes the dummy.
   *
   * @throws {InvalidArgumentError} when `index` is past the last index.
   */
  compact(index: number): void {
    const off = this.#offset();
    if (index <= off) return;
    if (index > this.lastIndex()) {
      throw new InvalidArgumentError(`Cannot compact: index "${index}" is past the last index`);
    }
    const dummy = this.#ents[index - off] as Entry;
    this.#ents = [
      { term: dummy.term, index: dummy.index, type: 'normal', data: new Uint8Array() },
      ...this.#ents.slice(index - off + 1),
    ];
  }

  /**
   * Appends entries the driver has persisted, truncating any conflicting suffix. Entries before
   * the first index are ignored (already compacted).
   */
  append(entries: Entry[]): void {
    if (entries.length === 0) return;
    const first = this.firstIndex();
    const last = (entries[entries.length - 1] as Entry).index;
    if (last < first) return;
    const ents =
      (entries[0] as Entry).index < first
        ? entries.slice(first - (entries[0] as Entry).index)
        : entries;
    const off = this.#offset();
    const start = (ents[0] as Entry).index;
    assert(start <= this.lastIndex() + 1, `MemoryStorage.append: gap at ${start}`);
    // In place: the common case appends at the end, and copying the whole log on every append
    // costs O(log length) per call (no caller keeps a reference to #ents; entries() copies).
    this.#ents.length = start - off;
    for (const e of ents) this.#ents.push(e);
  }
}

/** A deep copy of a membership. */
export function copyConf(c: ConfState): ConfState {
  return { voters: [...c.voters], learners: [...c.learners] };
}
