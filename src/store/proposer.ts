/**
 * The seam between the store and consensus. The store hands each transaction to a
 * {@link Proposer} as one opaque entry; the proposer (the Raft driver on a manager, or
 * {@link LocalProposer} for a single node) commits it and feeds every committed entry back to the
 * store, which is its {@link StateMachine}.
 *
 * Contract for a proposer:
 * - `propose(data)` resolves after the entry is committed and applied locally (the Raft driver
 *   resolves with `{index, result}`, where `result` is what `stateMachine.apply()` returned on
 *   THIS node; the store does not rely on it: it recognises its own entries by request id). It rejects when the entry is not
 *   committed (not leader, dropped, aborted); then the transaction may or may not commit later.
 * - `apply(data, index)` is called once per committed entry that carries store data, in log
 *   order (indexes only grow; entries without store data may be skipped or passed empty).
 * - `readIndex()` resolves either with a Raft index that the store then waits to apply, or with
 *   nothing once the proposer has itself waited until the read point is applied locally (the
 *   Raft driver does the latter).
 * - `snapshot()` returns the state after the last applied index; `restore(data)` replaces the whole
 *   state with a snapshot (the store reads the applied index from it).
 *
 * @module
 */

import { TsorchError } from '../util/errors.js';

/** Options of a call that may wait on consensus. */
export interface ProposeOptions {
  /** Aborts the wait; the entry may still commit later. */
  signal?: AbortSignal;
}

/** Commits opaque entries; implemented by the Raft driver and by {@link LocalProposer}. */
export interface Proposer {
  /**
   * Commits `data` as one log entry; resolves once it is applied locally.
   *
   * @throws {TsorchError} RAFT_NOT_LEADER, RAFT_PROPOSAL_DROPPED, RAFT_STOPPED or CANCELLED.
   */
  propose(data: Uint8Array, options?: ProposeOptions): Promise<unknown>;
  /**
   * Returns an index such that every write committed before this call is at or below it (Raft
   * ReadIndex, §6.4): serve a linearizable read once the local applied index reaches it. Or
   * resolves with nothing when that point is already applied locally.
   */
  // `void`, not `undefined`: the Raft driver's readIndex() is typed Promise<void>.
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type
  readIndex(options?: ProposeOptions): Promise<number | void>;
}

/** What a proposer drives: the store. */
export interface StateMachine {
  /**
   * Applies the committed entry at `index` (empty `data`: nothing to apply but the index).
   * Returns a result for the proposer to hand back to `propose()`. Deterministic: the same
   * entries in the same order give the same state on every node.
   */
  apply(data: Uint8Array, index: number): unknown;
  /** Encodes the whole state (deterministic bytes for equal states). */
  snapshot(): Uint8Array;
  /** Replaces the whole state with a snapshot made by {@link StateMachine.snapshot}. */
  restore(data: Uint8Array): void;
}

/**
 * A single-node proposer: every proposal commits at once at the next index and is applied
 * synchronously. It is the embedded single-node cluster's consensus, and the one tests use.
 */
export class LocalProposer implements Proposer {
  #index: number;
  readonly #stateMachine: StateMachine;

  /** `lastIndex` is the index of the last entry already applied (after a restore). */
  constructor(stateMachine: StateMachine, options: { lastIndex?: number } = {}) {
    this.#stateMachine = stateMachine;
    this.#index = options.lastIndex ?? 0;
  }

  /** The index of the last committed entry. */
  get lastIndex(): number {
    return this.#index;
  }

  /** @throws {TsorchError} CANCELLED when the signal is already aborted. */
  propose(data: Uint8Array, options: ProposeOptions = {}): Promise<unknown> {
    if (options.signal?.aborted === true) return Promise.reject(cancelled(options.signal));
    this.#index += 1;
    const index = this.#index;
    // A throw inside the executor rejects the promise (a corrupt entry, a missing key).
    return new Promise((resolve) => {
      resolve(this.#stateMachine.apply(data, index));
    });
  }

  /** @throws {TsorchError} CANCELLED when the signal is already aborted. */
  readIndex(options: ProposeOptions = {}): Promise<number> {
    if (options.signal?.aborted === true) return Promise.reject(cancelled(options.signal));
    return Promise.resolve(this.#index);
  }
}

function cancelled(signal: AbortSignal): TsorchError {
  return new TsorchError('CANCELLED', 'Proposal cancelled', { cause: signal.reason });
}
