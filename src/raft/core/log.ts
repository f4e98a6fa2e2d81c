/**
 * RaftLog: the stable log (MemoryStorage) plus the unstable tail not yet persisted, with the
 * commit and applied indexes.
 *
 * @module
 */
import { assert } from '../../util/assert.js';
import { countWithin, entrySizeBytes, type MemoryStorage } from './storage.js';
import type { Entry, Snapshot } from './types.js';

/** The log of one node. */
export class RaftLog {
  readonly storage: MemoryStorage;
  /** Entries appended but not yet persisted, starting at `unstableOffset`. */
  unstable: Entry[] = [];
  unstableOffset: number;
  /** A received snapshot not yet persisted. */
  unstableSnapshot: Snapshot | undefined;
  /**
   * Highest index of this log the driver has reported durable (through `advance`): the entries
   * up to it are on stable storage with the terms this log holds. A leader counts its own copy
   * towards a commit only up to here (etcd's async storage writes keep the same index).
   */
  persisted: number;
  committed: number;
  applied: number;

  constructor(storage: MemoryStorage) {
    this.storage = storage;
    this.unstableOffset = storage.lastIndex() + 1;
    this.persisted = storage.lastIndex();
    this.committed = storage.firstIndex() - 1;
    this.applied = storage.firstIndex() - 1;
  }

  firstIndex(): number {
    if (this.unstableSnapshot) return this.unstableSnapshot.meta.index + 1;
    return this.storage.firstIndex();
  }

  lastIndex(): number {
    if (this.unstable.length > 0) return this.unstableOffset + this.unstable.length - 1;
    if (this.unstableSnapshot) return this.unstableSnapshot.meta.index;
    return this.storage.lastIndex();
  }

  /** Term at `index`; undefined when compacted or past the end. */
  term(index: number): number | undefined {
    if (index >= this.unstableOffset && index < this.unstableOffset + this.unstable.length) {
      return (this.unstable[index - this.unstableOffset] as Entry).term;
    }
    if (this.unstableSnapshot && index === this.unstableSnapshot.meta.index) {
      return this.unstableSnapshot.meta.term;
    }
    if (this.unstableSnapshot && index < this.unstableSnapshot.meta.index) return undefined;
    if (index > this.lastIndex()) return undefined;
    return this.storage.term(index);
  }

  lastTerm(): number {
    const t = this.term(this.lastIndex());
    assert(t !== undefined, 'RaftLog: last term unavailable');
    return t;
  }

  matchTerm(index: number, term: number): boolean {
    return this.term(index) === term;
  }

  /** Raft §5.4.1: is a candidate's log (lastIndex, lastTerm) at least as up to date as ours? */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    const myTerm = this.lastTerm();
    return lastTerm > myTerm || (lastTerm === myTerm && lastIndex >= this.lastIndex());
  }

  /** Entries in [lo, hi) within `maxBytes`; undefined when `lo` is compacted. */
  slice(lo: number, hi: number, maxBytes: number): Entry[] | undefined {
    if (lo >= hi) return [];
    if (lo < this.firstIndex()) return undefined;
    assert(hi <= this.lastIndex() + 1, `RaftLog.slice: ${hi} past the end`);
    let out: Entry[] = [];
    let budget = maxBytes;
    if (lo < this.unstableOffset) {
      const stableHi = Math.min(hi, this.unstableOffset);
      const stored = this.storage.entries(lo, stableHi, maxBytes);
      if (stored === undefined) return undefined;
      if (stored.length < stableHi - lo) return stored;
      out = stored;
      for (const e of stored) budget -= entrySizeBytes(e);
    }
    if (hi > this.unstableOffset) {
      const from = Math.max(lo, this.unstableOffset) - this.unstableOffset;
      const to = hi - this.unstableOffset;
      // With stable entries already taken, an unstable one only joins if it fits.
      let n = countWithin(this.unstable, from, to, Math.max(budget, 0));
      if (out.length > 0 && n === 1 && entrySizeBytes(this.unstable[from] as Entry) > budget) n = 0;
      const tail = this.unstable.slice(from, from + n);
      out = out.length === 0 ? tail : out.concat(tail);
    }
    return out;
  }

  /** Entries from `lo` to the end within `maxBytes`; undefined when compacted. */
  entriesFrom(lo: number, maxBytes: number): Entry[] | undefined {
    if (lo > this.lastIndex()) return [];
    return this.slice(lo, this.lastIndex() + 1, maxBytes);
  }

  /** Appends entries (which may overwrite a conflicting unstable or stable suffix). */
  append(ents: Entry[]): number {
    if (ents.length === 0) return this.lastIndex();
    const after = (ents[0] as Entry).index - 1;
    assert(after >= this.committed, `RaftLog.append: ${after} below committed ${this.committed}`);
    if (after + 1 === this.unstableOffset + this.unstable.length) {
      for (const e of ents) this.unstable.push(e);
    } else if (after + 1 <= this.unstableOffset) {
      // Replaces part of the stable log: the unstable tail restarts here, and the durable copy
      // past `after` no longer matches this log.
      this.persisted = Math.min(this.persisted, after);
      this.unstableOffset = after + 1;
      this.unstable = [...ents];
    } else {
      this.unstable = this.unstable.slice(0, after + 1 - this.unstableOffset).concat(ents);
    }
    return this.lastIndex();
  }

  /** First index whose term differs from ours (or that we lack); 0 when all match. */
  findConflict(ents: Entry[]): number {
    for (const e of ents) {
      if (!this.matchTerm(e.index, e.term)) return e.index;
    }
    return 0;
  }

  /**
   * Fast backtracking (Raft §5.3, etcd's findConflictByTerm): the largest index <= `index` whose
   * term is <= `term`, with that term (0 when unknown).
   */
  findConflictByTerm(index: number, term: number): { index: number; term: number } {
    let i = Math.min(index, this.lastIndex());
    for (; i >= 0; i--) {
      const t = this.term(i);
      if (t === undefined) return { index: i, term: 0 };
      if (t <= term) return { index: i, term: t };
    }
    return { index: 0, term: 0 };
  }

  /**
   * Follower-side append (Raft §5.3): when our entry at `index` has `logTerm`, merges `ents` and
   * advances the commit index; returns the last new index or undefined on mismatch.
   */
  maybeAppend(index: number, logTerm: number, commit: number, ents: Entry[]): number | undefined {
    if (!this.matchTerm(index, logTerm)) return undefined;
    const lastNew = index + ents.length;
    const ci = this.findConflict(ents);
    if (ci !== 0) {
      assert(ci > this.committed, `RaftLog: conflict ${ci} with committed ${this.committed}`);
      this.append(ents.slice(ci - index - 1));
    }
    this.commitTo(Math.min(commit, lastNew));
    return lastNew;
  }

  commitTo(index: number): void {
    if (index <= this.committed) return;
    assert(index <= this.lastIndex(), `RaftLog.commitTo ${index} past last ${this.lastIndex()}`);
    this.committed = index;
  }

  /** Commits `index` only when it is in `term` (Raft §5.4.2). */
  maybeCommit(index: number, term: number): boolean {
    if (index > this.committed && this.term(index) === term) {
      this.commitTo(index);
      return true;
    }
    return false;
  }

  appliedTo(index: number): void {
    if (index === 0) return;
    assert(index <= this.committed && index >= this.applied, `RaftLog.appliedTo ${index}`);
    this.applied = index;
  }

  /** Committed entries not yet applied, within `maxBytes`; none while a snapshot is pending. */
  nextCommitted(maxBytes: number): Entry[] {
    if (this.unstableSnapshot) return [];
    const lo = Math.max(this.applied + 1, this.firstIndex());
    if (this.committed + 1 <= lo) return [];
    return this.slice(lo, this.committed + 1, maxBytes) ?? [];
  }

  hasNextCommitted(): boolean {
    if (this.unstableSnapshot) return false;
    return this.committed > Math.max(this.applied, this.firstIndex() - 1);
  }

  /** Marks unstable entries up to `index` as persisted, if `term` still matches. */
  stableTo(index: number, term: number): void {
    if (index < this.unstableOffset) return;
    const t = this.term(index);
    if (t !== term) return;
    const n = index + 1 - this.unstableOffset;
    if (n > this.unstable.length) return;
    this.unstable = this.unstable.slice(n);
    this.unstableOffset = index + 1;
    this.persisted = Math.max(this.persisted, index);
  }

  /** Marks the pending snapshot at `index` as persisted. */
  stableSnapTo(index: number): void {
    if (this.unstableSnapshot && this.unstableSnapshot.meta.index === index) {
      this.unstableSnapshot = undefined;
      this.persisted = Math.max(this.persisted, index);
    }
  }

  /** Replaces the log with a snapshot (InstallSnapshot, Raft §7). */
  restore(s: Snapshot): void {
    // Of the old log only what the stored snapshot covers stays durable and matching.
    this.persisted = Math.min(this.persisted, this.storage.snapshot().meta.index);
    this.committed = s.meta.index;
    this.unstableOffset = s.meta.index + 1;
    this.unstable = [];
    this.unstableSnapshot = s;
  }

  /** The newest snapshot: the pending one, or the stored one. */
  snapshot(): Snapshot {
    return this.unstableSnapshot ?? this.storage.snapshot();
  }
}
