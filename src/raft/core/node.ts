/**
 * RaftNode: the I/O-free Raft state machine (etcd's shape). Inputs: `tick()`, `step(msg)`,
 * `propose(data)`, `proposeConfChange(cc)`, `transferLeadership(to)`, `readIndex(ctx)`,
 * `reportUnreachable(id)`, `reportSnapshot(id, ok)`, `compact(index, data)`. Output: `ready()`,
 * handled by the driver in this order, then `advance(ready)`:
 *
 * 1. persist `snapshot`, `hardState` and `entries` (fsync), then mirror them into MemoryStorage
 *    (`applySnapshot`, `setHardState`, `append`); `earlyMessages` may be sent before or during
 *    this step, since they promise nothing about what it writes;
 * 2. send `messages` (a 'snap' message: report the outcome with `reportSnapshot`);
 * 3. install `snapshot` and apply `committed` entries in order; serve `readStates` once applied;
 * 4. call `advance(ready)`: it reports the Ready durable (the persisted index moves to its last
 *    entry, so a leader's own copy starts counting towards a commit) and applied (the core
 *    applies committed conf changes to its own membership then).
 *
 * @module
 */
import { assert } from '../../util/assert.js';
import { InvalidArgumentError } from '../../util/errors.js';
import { decodeConfChange, encodeConfChange } from './confchange.js';
import { voteResult, type ProgressState } from './progress.js';
import { RaftLeader } from './leader.js';
import type { Role } from './raft-base.js';
import { newMessage } from './raft-base.js';
import { copyConf, entrySizeBytes } from './storage.js';
import type {
  ConfChange,
  ConfState,
  Entry,
  HardState,
  Message,
  MessageType,
  NodeId,
  ProposeResult,
  Ready,
  Snapshot,
} from './types.js';

/** A peer's replication state as reported by {@link RaftNode.status}. */
export interface PeerStatus {
  match: number;
  next: number;
  state: ProgressState;
  recentActive: boolean;
  isLearner: boolean;
}

/** A snapshot of a node's state for tests, metrics and the driver. */
export interface RaftStatus {
  id: NodeId;
  term: number;
  vote: NodeId;
  commit: number;
  applied: number;
  lastIndex: number;
  leader: NodeId;
  role: Role;
  conf: ConfState;
  leadTransferee: NodeId;
  /** Only on the leader. */
  progress?: Map<NodeId, PeerStatus>;
}

/** Result of {@link RaftNode.transferLeadership}. */
export type TransferResult =
  { ok: true } | { ok: false; reason: 'not-leader' | 'unknown-node' | 'is-self' | 'learner' };

/** Context marking a vote request that follows a leadership transfer (bypasses leases). */
const transferCtx = new Uint8Array([0x74, 0x72]);

function isTransferCtx(ctx: Uint8Array | undefined): boolean {
  return ctx !== undefined && ctx.length === 2 && ctx[0] === 0x74 && ctx[1] === 0x72;
}

export { newMessage } from './raft-base.js';
export type { Role } from './raft-base.js';

/** The Raft consensus state machine of one node. */
export class RaftNode extends RaftLeader {
  /** Advances logical time by one tick (election and heartbeat timers). */
  tick(): void {
    if (this.role === 'leader') this.tickHeartbeat();
    else this.tickElection();
  }

  /** Proposes `data` to be appended to the log. */
  propose(data: Uint8Array): ProposeResult {
    return this.proposeEntries([{ term: 0, index: 0, type: 'normal', data }]);
  }

  /** Proposes a single-server membership change (Raft §6); only one may be pending. */
  proposeConfChange(cc: ConfChange): ProposeResult {
    const data = encodeConfChange(cc);
    return this.proposeEntries([{ term: 0, index: 0, type: 'conf-change', data }]);
  }

  /** Asks the leader to hand leadership to `to` (Raft thesis §3.10). */
  transferLeadership(to: NodeId): TransferResult {
    if (this.role !== 'leader') return { ok: false, reason: 'not-leader' };
    const pr = this.prs.get(to);
    if (pr === undefined) return { ok: false, reason: 'unknown-node' };
    if (to === this.id) return { ok: false, reason: 'is-self' };
    if (pr.isLearner) return { ok: false, reason: 'learner' };
    if (this.leadTransferee === to) return { ok: true };
    this.leadTransferee = to;
    // The transfer must finish within an election timeout, or it is aborted.
    this.electionElapsed = 0;
    if (pr.match === this.raftLog.lastIndex()) this.sendTimeoutNow(to);
    else this.sendAppend(to);
    return { ok: true };
  }

  /**
   * Requests a linearizable read point (Raft §6.4). The answer arrives as a ReadState in a later
   * Ready; it is dropped (returns false) when no leader is known.
   */
  readIndex(ctx: Uint8Array): boolean {
    const m = newMessage('read-index', this.id, this.id, { context: ctx });
    if (this.role === 'leader') return this.leaderReadIndex(m);
    if (this.lead === 0) return false;
    this.send({ ...m, to: this.lead });
    return true;
  }

  /** The transport could not reach `id`: stop pipelining to it. */
  reportUnreachable(id: NodeId): void {
    const pr = this.prs.get(id);
    if (this.role !== 'leader' || pr === undefined) return;
    if (pr.state === 'replicate') pr.becomeProbe();
  }

  /** The transport finished (ok) or failed sending a snapshot to `id`. */
  reportSnapshot(id: NodeId, ok: boolean): void {
    const pr = this.prs.get(id);
    if (this.role !== 'leader' || pr === undefined || pr.state !== 'snapshot') return;
    if (!ok) pr.pendingSnapshot = 0;
    pr.becomeProbe();
    // Wait for the follower's answer (or a heartbeat) before probing again.
    pr.probeSent = true;
  }

  /**
   * Records a state-machine snapshot at `index` (<= applied) holding `data`, and compacts the
   * stable log, keeping `compactionKeepEntries` entries. Returns the snapshot, which the driver
   * must write durably (it is not part of a Ready).
   *
   * @throws {InvalidArgumentError} when `index` is past the applied index or not newer than the
   *   current snapshot.
   */
  compact(index: number, data: Uint8Array): Snapshot {
    if (index > this.raftLog.applied) {
      throw new InvalidArgumentError(
        `Cannot compact raft log: index "${index}" is past the applied index "${this.raftLog.applied}"`,
      );
    }
    const snap = this.raftLog.storage.createSnapshot(index, this.confAt(index), data);
    const keepFrom = index - this.cfg.compactionKeepEntries;
    if (keepFrom > this.raftLog.storage.firstIndex() - 1) this.raftLog.storage.compact(keepFrom);
    this.confHistory = this.confHistory.filter(
      (h, i, all) => i === all.length - 1 || (all[i + 1]?.index ?? 0) > index,
    );
    return snap;
  }

  /** Handles a message from a peer. Messages from unknown or stale terms are handled per §5.1. */
  step(m: Message): void {
    if (m.term === 0) {
      // Forwarded proposals and reads carry no term: they are like local requests.
    } else if (m.term > this.term) {
      if (m.type === 'vote' || m.type === 'pre-vote') {
        const force = isTransferCtx(m.context);
        const inLease =
          this.cfg.checkQuorum && this.lead !== 0 && this.electionElapsed < this.cfg.electionTicks;
        // Thesis §4.2.3: ignore disruptive candidates while we hear from a leader.
        if (!force && inLease) return;
      }
      if (m.type === 'pre-vote') {
        // A pre-vote never changes our term.
      } else if (m.type === 'pre-vote-resp' && !m.reject) {
        // A granted pre-vote carries the future term; the term moves when the real vote starts.
      } else if (m.type === 'app' || m.type === 'heartbeat' || m.type === 'snap') {
        this.becomeFollower(m.term, m.from);
      } else {
        this.becomeFollower(m.term, 0);
      }
    } else if (m.term < this.term) {
      if (
        (this.cfg.checkQuorum || this.cfg.preVote) &&
        (m.type === 'heartbeat' || m.type === 'app')
      ) {
        // A stale leader learns our term and steps down; without this a node whose term grew
        // while partitioned could never rejoin under CheckQuorum/PreVote.
        this.send(newMessage('app-resp', this.id, m.from, { term: this.term }));
      } else if (m.type === 'pre-vote') {
        this.send(newMessage('pre-vote-resp', this.id, m.from, { term: this.term, reject: true }));
      }
      return;
    }

    if (m.type === 'vote' || m.type === 'pre-vote') {
      this.handleVoteRequest(m);
      return;
    }
    switch (this.role) {
      case 'leader':
        this.stepLeader(m);
        break;
      case 'candidate':
      case 'pre-candidate':
        this.stepCandidate(m);
        break;
      case 'follower':
        this.stepFollower(m);
        break;
    }
  }

  /** Whether a Ready with work is available. */
  hasReady(): boolean {
    if (this.readyOut) return false;
    const soft = this.softState();
    return (
      soft.leader !== this.prevSoft.leader ||
      soft.role !== this.prevSoft.role ||
      !hardStateEqual(this.hardState(), this.prevHard) ||
      this.raftLog.unstable.length > 0 ||
      this.raftLog.unstableSnapshot !== undefined ||
      this.msgs.length > 0 ||
      this.readStates.length > 0 ||
      this.raftLog.hasNextCommitted()
    );
  }

  /** Collects the pending work; the caller must call `advance(ready)` before the next one. */
  ready(): Ready {
    assert(!this.readyOut, 'RaftNode.ready called twice without advance');
    this.readyOut = true;
    const early: Message[] = [];
    const late: Message[] = [];
    for (const m of this.msgs) (this.mayPrecedePersist(m) ? early : late).push(m);
    const rd: Ready = {
      entries: [...this.raftLog.unstable],
      committed: this.raftLog.nextCommitted(this.cfg.maxCommittedSizePerReadyBytes),
      earlyMessages: early,
      messages: late,
      readStates: this.readStates,
    };
    this.msgs = [];
    this.readStates = [];
    const soft = this.softState();
    if (soft.leader !== this.prevSoft.leader || soft.role !== this.prevSoft.role)
      rd.softState = soft;
    const hard = this.hardState();
    if (!hardStateEqual(hard, this.prevHard)) rd.hardState = hard;
    if (this.raftLog.unstableSnapshot) rd.snapshot = this.raftLog.unstableSnapshot;
    return rd;
  }

  /** Acknowledges that `rd` was persisted, sent and applied. */
  advance(rd: Ready): void {
    assert(this.readyOut, 'RaftNode.advance without ready');
    this.readyOut = false;
    if (rd.softState) this.prevSoft = rd.softState;
    if (rd.hardState) this.prevHard = rd.hardState;
    const last = rd.entries[rd.entries.length - 1];
    if (last) this.raftLog.stableTo(last.index, last.term);
    if (rd.snapshot) {
      this.raftLog.stableSnapTo(rd.snapshot.meta.index);
      if (rd.snapshot.meta.index > this.raftLog.applied)
        this.raftLog.applied = rd.snapshot.meta.index;
    }
    for (const e of rd.committed) {
      if (e.index <= this.raftLog.applied) continue;
      this.raftLog.appliedTo(e.index);
      if (this.role === 'leader')
        this.uncommittedBytes = Math.max(0, this.uncommittedBytes - entrySizeBytes(e));
      if (e.type === 'conf-change') this.applyConfChange(decodeConfChange(e.data), e.index);
    }
    this.onPersisted();
  }

  /**
   * Whether `m` may leave before the Ready carrying it is durable (thesis §10.2.1: the leader
   * writes its disk in parallel with its followers'). Only a leader's appends and heartbeats
   * qualify, and only under a term already durable here: they ask followers to store entries
   * and acknowledge nothing, and the leader's own copy counts towards a commit only once
   * persisted. Votes and acknowledgements always wait for the fsync (§5.2, §5.3).
   */
  protected mayPrecedePersist(m: Message): boolean {
    return (m.type === 'app' || m.type === 'heartbeat') && m.term <= this.prevHard.term;
  }

  /** The node's current state. */
  status(): RaftStatus {
    const s: RaftStatus = {
      id: this.id,
      term: this.term,
      vote: this.vote,
      commit: this.raftLog.committed,
      applied: this.raftLog.applied,
      lastIndex: this.raftLog.lastIndex(),
      leader: this.lead,
      role: this.role,
      conf: copyConf(this.conf),
      leadTransferee: this.leadTransferee,
    };
    if (this.role === 'leader') {
      s.progress = new Map(
        [...this.prs].map(([id, p]) => [
          id,
          {
            match: p.match,
            next: p.next,
            state: p.state,
            recentActive: p.recentActive,
            isLearner: p.isLearner,
          },
        ]),
      );
    }
    return s;
  }

  /** Entries in [lo, hi) from the in-memory log (tests and debugging). */
  entries(lo: number, hi: number): Entry[] | undefined {
    return this.raftLog.slice(lo, hi, Number.POSITIVE_INFINITY);
  }

  private tickElection(): void {
    this.electionElapsed++;
    if (this.promotable() && this.electionElapsed >= this.randomizedElectionTimeout) {
      this.electionElapsed = 0;
      this.hup(false);
    }
  }

  private hup(transfer: boolean): void {
    if (this.role === 'leader' || !this.promotable()) return;
    // A conf change that is committed but not applied could change who may vote.
    for (const e of this.raftLog.nextCommitted(Number.POSITIVE_INFINITY)) {
      if (e.type === 'conf-change') return;
    }
    if (this.cfg.preVote && !transfer) this.campaign('pre', false);
    else this.campaign('real', transfer);
  }

  private campaign(kind: 'pre' | 'real', transfer: boolean): void {
    let term: number;
    let type: MessageType;
    if (kind === 'pre') {
      this.becomePreCandidate();
      term = this.term + 1;
      type = 'pre-vote';
    } else {
      this.becomeCandidate();
      term = this.term;
      type = 'vote';
    }
    this.votes.set(this.id, true);
    if (voteResult(this.conf.voters, this.votes) === 'won') {
      if (kind === 'pre') this.campaign('real', transfer);
      else this.becomeLeader();
      return;
    }
    for (const v of this.conf.voters) {
      if (v === this.id) continue;
      this.send(
        newMessage(type, this.id, v, {
          term,
          index: this.raftLog.lastIndex(),
          logTerm: this.raftLog.lastTerm(),
          ...(transfer ? { context: transferCtx } : {}),
        }),
      );
    }
  }

  private handleVoteRequest(m: Message): void {
    const canVote =
      this.vote === m.from ||
      (this.vote === 0 && this.lead === 0) ||
      (m.type === 'pre-vote' && m.term > this.term);
    const respType = m.type === 'vote' ? 'vote-resp' : 'pre-vote-resp';
    // §5.2 one vote per term; §5.4.1 only for a log at least as up to date as ours.
    if (canVote && this.raftLog.isUpToDate(m.index, m.logTerm)) {
      this.send(newMessage(respType, this.id, m.from, { term: m.term }));
      if (m.type === 'vote') {
        this.electionElapsed = 0;
        this.vote = m.from;
      }
    } else {
      this.send(newMessage(respType, this.id, m.from, { term: this.term, reject: true }));
    }
  }

  private stepCandidate(m: Message): void {
    const myResp = this.role === 'pre-candidate' ? 'pre-vote-resp' : 'vote-resp';
    switch (m.type) {
      case 'app':
        this.becomeFollower(m.term, m.from);
        this.handleAppend(m);
        return;
      case 'heartbeat':
        this.becomeFollower(m.term, m.from);
        this.handleHeartbeat(m);
        return;
      case 'snap':
        this.becomeFollower(m.term, m.from);
        this.handleSnapshot(m);
        return;
      case 'vote-resp':
      case 'pre-vote-resp': {
        if (m.type !== myResp) return;
        this.votes.set(m.from, !m.reject);
        const res = voteResult(this.conf.voters, this.votes);
        if (res === 'won') {
          if (this.role === 'pre-candidate') {
            this.campaign('real', false);
          } else {
            this.becomeLeader();
            this.bcastAppend();
          }
        } else if (res === 'lost') {
          this.becomeFollower(this.term, 0);
        }
        return;
      }
      case 'prop':
      case 'read-index':
      case 'app-resp':
      case 'heartbeat-resp':
      case 'vote':
      case 'pre-vote':
      case 'timeout-now':
      case 'read-index-resp':
        return;
    }
  }

  private stepFollower(m: Message): void {
    switch (m.type) {
      case 'prop':
        if (this.lead !== 0) this.send({ ...m, to: this.lead, from: this.id });
        return;
      case 'read-index':
        if (this.lead !== 0) this.send({ ...m, to: this.lead });
        return;
      case 'app':
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleAppend(m);
        return;
      case 'heartbeat':
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleHeartbeat(m);
        return;
      case 'snap':
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleSnapshot(m);
        return;
      case 'timeout-now':
        // Thesis §3.10: start an election at once, skipping PreVote and leases.
        this.hup(true);
        return;
      case 'read-index-resp':
        this.readStates.push({ index: m.index, requestCtx: m.context ?? new Uint8Array() });
        return;
      case 'app-resp':
      case 'heartbeat-resp':
      case 'vote':
      case 'vote-resp':
      case 'pre-vote':
      case 'pre-vote-resp':
        return;
    }
  }
}

function hardStateEqual(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}
