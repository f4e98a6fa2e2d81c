/**
 * The driver's book of callers waiting on Raft: proposals (until their entry is applied), reads
 * (until the ReadIndex point is applied) and membership changes. Each wait honours its
 * AbortSignal and is settled exactly once.
 *
 * @module
 */
import { TsorchError } from '../util/errors.js';

/** How a waiting caller is settled. */
interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (err: Error) => void;
}

/** The error a cancelled wait rejects with: the signal's reason when it is an Error. */
export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new TsorchError('CANCELLED', 'Cancelled');
}

/**
 * Returns a promise whose settle functions are handed to `register`; `unregister` runs if the
 * signal aborts first, and the abort listener is removed once settled.
 */
function wait<T>(
  signal: AbortSignal | undefined,
  register: (w: Waiter<T>) => void,
  unregister: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      unregister();
      if (signal) reject(abortError(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    register({
      resolve: (v) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(v);
      },
      reject: (e) => {
        signal?.removeEventListener('abort', onAbort);
        reject(e);
      },
    });
  });
}

interface PendingProposal<R> extends Waiter<{ index: number; result: R }> {
  index: number;
}

interface PendingRead extends Waiter<undefined> {
  index: number;
}

/** Everything the driver owes an answer to. */
export class Waiters<R> {
  private readonly proposals = new Map<number, PendingProposal<R>>();
  /** Log index → proposal seq, to fail a proposal whose index commits another entry. */
  private readonly byIndex = new Map<number, number>();
  private readonly reads = new Map<string, PendingRead>();
  private readonly readyReads: PendingRead[] = [];
  private readonly membership = new Map<string, Waiter<undefined>>();

  /** Proposals waiting to be applied. */
  get proposalCount(): number {
    return this.proposals.size;
  }

  /** Waits for proposal `seq`, appended at log `index`, to be applied. */
  proposal(
    seq: number,
    index: number,
    signal?: AbortSignal,
  ): Promise<{ index: number; result: R }> {
    return wait(
      signal,
      (w) => {
        this.byIndex.set(index, seq);
        this.proposals.set(seq, { ...w, index });
      },
      () => {
        this.proposals.delete(seq);
        this.byIndex.delete(index);
      },
    );
  }

  /**
   * Settles the proposal waiting on log `index`, if any, now that the entry there was applied:
   * resolved when the entry is that proposal's (`mine.seq` matches; a replayed entry from an
   * earlier run of this member never does, since only current proposals are indexed), otherwise
   * rejected with `lost()`.
   */
  applied(index: number, mine: { seq: number; result: R } | undefined, lost: () => Error): void {
    const waiting = this.byIndex.get(index);
    if (waiting === undefined) return;
    this.byIndex.delete(index);
    const p = this.proposals.get(waiting);
    this.proposals.delete(waiting);
    if (p === undefined) return;
    if (mine?.seq === waiting) p.resolve({ index, result: mine.result });
    else p.reject(lost());
  }

  /** Rejects every proposal at or below `index` (their entries were replaced by a snapshot). */
  failProposalsUpTo(index: number, err: Error): void {
    for (const [i, seq] of this.byIndex) {
      if (i > index) continue;
      this.byIndex.delete(i);
      const p = this.proposals.get(seq);
      this.proposals.delete(seq);
      p?.reject(err);
    }
  }

  /** Waits for the read with context `key` to be safe. */
  read(key: string, signal?: AbortSignal): Promise<undefined> {
    return wait(
      signal,
      (w) => this.reads.set(key, { ...w, index: 0 }),
      () => this.reads.delete(key),
    );
  }

  /** The leader confirmed read `key` at `index`; it resolves once that index is applied. */
  readState(key: string, index: number): void {
    const r = this.reads.get(key);
    if (r === undefined) return;
    this.reads.delete(key);
    r.index = index;
    this.readyReads.push(r);
  }

  /** Resolves the confirmed reads whose index is applied. */
  releaseReads(applied: number): void {
    for (let i = this.readyReads.length - 1; i >= 0; i--) {
      const r = this.readyReads[i];
      if (r === undefined || r.index > applied) continue;
      this.readyReads.splice(i, 1);
      r.resolve(undefined);
    }
  }

  /** Rejects reads not yet confirmed (after a leader change they may never be). */
  failUnconfirmedReads(err: Error): void {
    for (const r of this.reads.values()) r.reject(err);
    this.reads.clear();
  }

  /** Waits for membership change `key` to be applied. */
  membershipChange(key: string, signal?: AbortSignal): Promise<undefined> {
    return wait(
      signal,
      (w) => this.membership.set(key, w),
      () => this.membership.delete(key),
    );
  }

  /** Membership change `key` was applied. */
  membershipApplied(key: string): void {
    const w = this.membership.get(key);
    this.membership.delete(key);
    w?.resolve(undefined);
  }

  /** Rejects everything (the member stopped). */
  failAll(err: Error): void {
    for (const p of this.proposals.values()) p.reject(err);
    this.proposals.clear();
    this.byIndex.clear();
    for (const r of [...this.reads.values(), ...this.readyReads]) r.reject(err);
    this.reads.clear();
    this.readyReads.length = 0;
    for (const m of this.membership.values()) m.reject(err);
    this.membership.clear();
  }
}
