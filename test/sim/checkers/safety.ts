/**
 * Raft safety properties (Raft paper Figure 3), checked incrementally as the simulation runs:
 * election safety, log matching, leader completeness and state machine safety.
 *
 * @module
 */
import type { Entry, NodeId } from '../../../src/raft/index.js';

/** Thrown when a safety property is violated. */
export class SafetyViolation extends Error {
  override name = 'SafetyViolation';
}

/** FNV-1a over the entry type and data: a cheap identity for comparing entries. */
export function entryHash(e: Entry): number {
  let h = e.type === 'normal' ? 0x811c9dc5 : 0x01000193;
  for (const b of e.data) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Tracks what every node did and fails on the first violation. */
export class SafetyChecker {
  /** term → the node that led it. */
  readonly #leaders = new Map<number, NodeId>();
  /** "index:term" → the entry's hash and the previous entry's term. */
  readonly #logEntries = new Map<string, { hash: number; prevTerm: number }>();
  /** index → the committed (applied somewhere) entry. */
  readonly #committed = new Map<number, { term: number; hash: number }>();
  /** node → last applied index. */
  readonly #lastApplied = new Map<NodeId, number>();
  checks = 0;

  /** Election safety (§5.2): at most one leader per term. */
  onLeader(id: NodeId, term: number): void {
    this.checks++;
    const prev = this.#leaders.get(term);
    if (prev !== undefined && prev !== id) {
      throw new SafetyViolation(`election safety: nodes ${prev} and ${id} both led term ${term}`);
    }
    this.#leaders.set(term, id);
  }

  /**
   * Log matching (§5.3): two entries with the same index and term hold the same data and follow
   * the same previous term; by induction the logs agree on the whole prefix.
   */
  onAppend(id: NodeId, e: Entry, prevTerm: number | undefined): void {
    this.checks++;
    const key = `${e.index}:${e.term}`;
    const hash = entryHash(e);
    const seen = this.#logEntries.get(key);
    if (seen === undefined) {
      if (prevTerm !== undefined) this.#logEntries.set(key, { hash, prevTerm });
      return;
    }
    if (seen.hash !== hash || (prevTerm !== undefined && seen.prevTerm !== prevTerm)) {
      throw new SafetyViolation(`log matching: node ${id} holds a different entry at ${key}`);
    }
  }

  /**
   * State machine safety (§5.4.3): no two nodes apply different entries at one index, and each
   * node applies indexes in order without gaps (except across a snapshot).
   */
  onApply(id: NodeId, e: Entry): void {
    this.checks++;
    const last = this.#lastApplied.get(id) ?? 0;
    if (e.index !== last + 1) {
      throw new SafetyViolation(
        `state machine safety: node ${id} applied ${e.index} after ${last}`,
      );
    }
    this.#lastApplied.set(id, e.index);
    const hash = entryHash(e);
    const c = this.#committed.get(e.index);
    if (c === undefined) {
      this.#committed.set(e.index, { term: e.term, hash });
    } else if (c.term !== e.term || c.hash !== hash) {
      throw new SafetyViolation(
        `state machine safety: node ${id} applied term ${e.term} at index ${e.index}, another node applied term ${c.term}`,
      );
    }
  }

  /** A node installed a snapshot (or restarted from one): it has applied up to `index`. */
  onSnapshot(id: NodeId, index: number, term: number): void {
    const c = this.#committed.get(index);
    if (c !== undefined && c.term !== term) {
      throw new SafetyViolation(
        `state machine safety: node ${id} installed a snapshot at ${index} with term ${term}`,
      );
    }
    this.#lastApplied.set(id, index);
  }

  /** A node restarted: its state machine is rebuilt from `index`. */
  onRestart(id: NodeId, index: number): void {
    this.#lastApplied.set(id, index);
  }

  /**
   * Leader completeness (§5.4): a new leader's log holds every committed entry. `termAt` answers
   * a term, or 'compacted' for indexes inside the leader's snapshot at `snapIndex`.
   */
  onNewLeader(
    id: NodeId,
    term: number,
    snapIndex: number,
    termAt: (i: number) => number | undefined,
  ): void {
    this.checks++;
    for (const [i, c] of this.#committed) {
      if (i <= snapIndex) continue;
      const t = termAt(i);
      if (t !== c.term) {
        throw new SafetyViolation(
          `leader completeness: leader ${id} of term ${term} has term ${t} at committed index ${i} (term ${c.term})`,
        );
      }
    }
  }

  /**
   * Commit rule (§5.4.2): a leader moves its commit index only to an entry of its own term (an
   * earlier entry commits with it). `entryTerm` is the term of the entry at the new commit
   * index, undefined when compacted.
   */
  onLeaderCommit(id: NodeId, term: number, commit: number, entryTerm: number | undefined): void {
    this.checks++;
    if (entryTerm !== undefined && entryTerm !== term) {
      throw new SafetyViolation(
        `commit rule: leader ${id} of term ${term} committed index ${commit} of term ${entryTerm}`,
      );
    }
  }

  /** Highest index applied anywhere. */
  maxCommitted(): number {
    let m = 0;
    for (const i of this.#committed.keys()) m = Math.max(m, i);
    return m;
  }

  /** The committed entry at `index`, if any node applied it. */
  committedAt(index: number): { term: number; hash: number } | undefined {
    return this.#committed.get(index);
  }
}
