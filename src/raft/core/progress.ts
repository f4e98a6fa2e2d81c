/**
 * The leader's view of each follower (etcd's Progress): how far its log matches, what to send
 * next, and the flow-control state (probe, replicate with an inflight window, snapshot).
 *
 * @module
 */
import { assert } from '../../util/assert.js';

/** Flow-control state of a follower as seen by the leader. */
export type ProgressState = 'probe' | 'replicate' | 'snapshot';

/** A bounded window of in-flight append messages, identified by their last index. */
export class Inflights {
  readonly #capacity: number;
  #buf: number[] = [];

  constructor(capacity: number) {
    assert(capacity > 0, 'Inflights capacity must be > 0');
    this.#capacity = capacity;
  }

  add(lastIndex: number): void {
    assert(!this.full(), 'Inflights.add on a full window');
    this.#buf.push(lastIndex);
  }

  /** Frees every message whose last index is <= `index` (acknowledged). */
  freeLE(index: number): void {
    let n = 0;
    while (n < this.#buf.length && (this.#buf[n] as number) <= index) n++;
    if (n > 0) this.#buf = this.#buf.slice(n);
  }

  freeFirstOne(): void {
    this.#buf = this.#buf.slice(1);
  }

  full(): boolean {
    return this.#buf.length >= this.#capacity;
  }

  count(): number {
    return this.#buf.length;
  }

  reset(): void {
    this.#buf = [];
  }
}

/** Replication progress of one peer. */
export class Progress {
  match = 0;
  next: number;
  state: ProgressState = 'probe';
  /** In probe state: an append was sent and no answer came yet (one probe at a time). */
  probeSent = false;
  /** In snapshot state: the index of the snapshot being sent. */
  pendingSnapshot = 0;
  /** Heard from since the last CheckQuorum round. */
  recentActive = false;
  isLearner: boolean;
  readonly inflights: Inflights;

  constructor(next: number, maxInflight: number, isLearner: boolean) {
    this.next = next;
    this.inflights = new Inflights(maxInflight);
    this.isLearner = isLearner;
  }

  #reset(state: ProgressState): void {
    this.probeSent = false;
    this.pendingSnapshot = 0;
    this.state = state;
    this.inflights.reset();
  }

  becomeProbe(): void {
    if (this.state === 'snapshot') {
      const pending = this.pendingSnapshot;
      this.#reset('probe');
      this.next = Math.max(this.match + 1, pending + 1);
    } else {
      this.#reset('probe');
      this.next = this.match + 1;
    }
  }

  becomeReplicate(): void {
    this.#reset('replicate');
    this.next = this.match + 1;
  }

  becomeSnapshot(snapshotIndex: number): void {
    this.#reset('snapshot');
    this.pendingSnapshot = snapshotIndex;
  }

  /** Records an acknowledgement up to `n`; returns true when `match` moved. */
  maybeUpdate(n: number): boolean {
    let updated = false;
    if (this.match < n) {
      this.match = n;
      updated = true;
      this.probeSent = false;
    }
    this.next = Math.max(this.next, n + 1);
    return updated;
  }

  /** In replicate state, entries up to `n` are sent optimistically. */
  optimisticUpdate(n: number): void {
    this.next = n + 1;
  }

  /**
   * Handles a rejected append for `rejected` with the follower's hint (Raft §5.3 backtracking);
   * returns false when the rejection is stale.
   */
  maybeDecrTo(rejected: number, matchHint: number): boolean {
    if (this.state === 'replicate') {
      if (rejected <= this.match) return false;
      this.next = this.match + 1;
      return true;
    }
    if (this.next - 1 !== rejected) return false;
    this.next = Math.max(Math.min(rejected, matchHint + 1), this.match + 1);
    this.probeSent = false;
    return true;
  }

  /** Whether sending more appends must wait. */
  isPaused(): boolean {
    switch (this.state) {
      case 'probe':
        return this.probeSent;
      case 'replicate':
        return this.inflights.full();
      case 'snapshot':
        return true;
    }
  }
}

/** The quorum size of `n` voters. */
export function quorumOf(n: number): number {
  return Math.floor(n / 2) + 1;
}

/** The largest index acknowledged by a quorum of voters (their `match` values). */
export function committedIndex(matches: number[]): number {
  if (matches.length === 0) return 0;
  const sorted = [...matches].sort((a, b) => b - a);
  return sorted[quorumOf(matches.length) - 1] as number;
}

/** Outcome of an election so far. */
export type VoteResult = 'won' | 'lost' | 'pending';

/** Tallies votes among `voters`. */
export function voteResult(voters: number[], votes: ReadonlyMap<number, boolean>): VoteResult {
  let granted = 0;
  let rejected = 0;
  for (const v of voters) {
    const g = votes.get(v);
    if (g === true) granted++;
    else if (g === false) rejected++;
  }
  const q = quorumOf(voters.length);
  if (granted >= q) return 'won';
  if (voters.length - rejected < q) return 'lost';
  return 'pending';
}
