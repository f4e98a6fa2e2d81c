/**
 * RaftNode: the I/O-free Raft state machine (etcd's shape). Inputs: `tick()`, `step(msg)`,
 * `propose(data)`, `proposeConfChange(cc)`, `transferLeadership(to)`, `readIndex(ctx)`,
 * `reportUnreachable(id)`, `reportSnapshot(id, ok)`, `compact(index, data)`. Output: `ready()`,
 * handled by the driver in this order, then `advance(ready)`:
 *
 * 1. persist `snapshot`, `hardState` and `entries` (fsync), then mirror them into MemoryStorage
 *    (`applySnapshot`, `setHardState`, `append`);
 * 2. send `messages` (a 'snap' message: report the outcome with `reportSnapshot`);
 * 3. install `snapshot` and apply `committed` entries in order; serve `readStates` once applied;
 * 4. call `advance(ready)`. The core applies committed conf changes to its own membership then.
 *
 * @module
 */
import { assert } from '../../util/assert.js';
import { InvalidArgumentError } from '../../util/errors.js';
import { compileRaftConfig, type RaftConfig, type RaftOptions } from './config.js';
import { applyToConf, checkConfChange, decodeConfChange, encodeConfChange } from './confchange.js';
import { RaftLog } from './log.js';
import { committedIndex, Progress, voteResult, type ProgressState } from './progress.js';
import { ReadOnly } from './read-only.js';
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
  ReadState,
  Snapshot,
  SoftState,
} from './types.js';

/** Role of a node. */
export type Role = SoftState['role'];

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

/** Builds a message with every unused field zeroed. */
export function newMessage(
  type: MessageType,
  from: NodeId,
  to: NodeId,
  fields: Partial<Message> = {},
): Message {
  return {
    type,
    from,
    to,
    term: 0,
    logTerm: 0,
    index: 0,
    entries: [],
    commit: 0,
    reject: false,
    rejectHint: 0,
    ...fields,
  };
}

/** The Raft consensus state machine of one node. */
export class RaftNode {
  readonly id: NodeId;
  readonly #cfg: RaftConfig;
  readonly #log: RaftLog;
  #term = 0;
  #vote: NodeId = 0;
  #lead: NodeId = 0;
  #role: Role = 'follower';
  #conf: ConfState = { voters: [], learners: [] };
  /** Membership after each applied conf change (for snapshots taken at older indexes). */
  #confHistory: { index: number; conf: ConfState }[] = [];
  #prs = new Map<NodeId, Progress>();
  #votes = new Map<NodeId, boolean>();
  #msgs: Message[] = [];
  #readStates: ReadState[] = [];
  #electionElapsed = 0;
  #heartbeatElapsed = 0;
  #randomizedElectionTimeout = 0;
  #leadTransferee: NodeId = 0;
  #pendingConfIndex = 0;
  #uncommittedBytes = 0;
  #readOnly = new ReadOnly();
  /** ReadIndex requests that wait for the first commit in this leader's term. */
  #pendingReadIndex: Message[] = [];
  #prevSoft: SoftState;
  #prevHard: HardState;
  #readyOut = false;

  /**
   * Creates a node from its options and storage.
   *
   * @throws {InvalidArgumentError} on invalid options, or `peers` given with non-empty storage.
   */
  constructor(options: RaftOptions) {
    this.#cfg = compileRaftConfig(options);
    this.id = this.#cfg.id;
    const storage = this.#cfg.storage;
    this.#log = new RaftLog(storage);
    const { hardState, confState } = storage.initialState();
    this.#setConf(copyConf(confState));
    this.#confHistory.push({ index: storage.snapshot().meta.index, conf: copyConf(confState) });
    const fresh = storage.lastIndex() === 0 && hardState.term === 0;
    if (this.#cfg.peers !== undefined && this.#cfg.peers.length > 0) {
      if (!fresh) {
        throw new InvalidArgumentError('Cannot bootstrap raft node: storage is not empty', {
          hint: 'Pass "peers" only when creating a new cluster',
        });
      }
      this.#bootstrap(this.#cfg.peers, this.#cfg.learners ?? []);
    } else {
      this.#term = hardState.term;
      this.#vote = hardState.vote;
      if (hardState.commit > 0) this.#log.commitTo(hardState.commit);
    }
    if (this.#cfg.applied !== undefined && this.#cfg.applied > this.#log.applied) {
      // Entries up to `applied` will not be handed out again, so the membership changes among
      // them take effect here.
      const upTo = Math.min(this.#cfg.applied, this.#log.committed);
      for (const e of this.#log.slice(this.#log.applied + 1, upTo + 1, Infinity) ?? []) {
        if (e.type === 'conf-change') this.#applyConfChange(decodeConfChange(e.data), e.index);
      }
      this.#log.appliedTo(upTo);
    }
    this.#becomeFollower(this.#term, 0);
    this.#prevSoft = this.#softState();
    this.#prevHard = { term: hardState.term, vote: hardState.vote, commit: hardState.commit };
  }

  /** Writes one add conf-change entry per member at term 1 and applies them (etcd Bootstrap). */
  #bootstrap(peers: NodeId[], learners: NodeId[]): void {
    const ccs: ConfChange[] = [
      ...peers.map((nodeId): ConfChange => ({ type: 'add-voter', nodeId })),
      ...learners.map((nodeId): ConfChange => ({ type: 'add-learner', nodeId })),
    ];
    const ents = ccs.map((cc, i): Entry => ({
      term: 1,
      index: i + 1,
      type: 'conf-change',
      data: encodeConfChange(cc),
    }));
    this.#log.append(ents);
    this.#log.commitTo(ents.length);
    this.#term = 1;
    for (const [i, cc] of ccs.entries()) this.#applyConfChange(cc, i + 1);
  }

  // ---------------------------------------------------------------------------------------------
  // Inputs

  /** Advances logical time by one tick (election and heartbeat timers). */
  tick(): void {
    if (this.#role === 'leader') this.#tickHeartbeat();
    else this.#tickElection();
  }

  /** Proposes `data` to be appended to the log. */
  propose(data: Uint8Array): ProposeResult {
    return this.#propose([{ term: 0, index: 0, type: 'normal', data }]);
  }

  /** Proposes a single-server membership change (Raft §6); only one may be pending. */
  proposeConfChange(cc: ConfChange): ProposeResult {
    const data = encodeConfChange(cc);
    return this.#propose([{ term: 0, index: 0, type: 'conf-change', data }]);
  }

  /** Asks the leader to hand leadership to `to` (Raft thesis §3.10). */
  transferLeadership(to: NodeId): TransferResult {
    if (this.#role !== 'leader') return { ok: false, reason: 'not-leader' };
    const pr = this.#prs.get(to);
    if (pr === undefined) return { ok: false, reason: 'unknown-node' };
    if (to === this.id) return { ok: false, reason: 'is-self' };
    if (pr.isLearner) return { ok: false, reason: 'learner' };
    if (this.#leadTransferee === to) return { ok: true };
    this.#leadTransferee = to;
    // The transfer must finish within an election timeout, or it is aborted.
    this.#electionElapsed = 0;
    if (pr.match === this.#log.lastIndex()) this.#sendTimeoutNow(to);
    else this.#sendAppend(to);
    return { ok: true };
  }

  /**
   * Requests a linearizable read point (Raft §6.4). The answer arrives as a ReadState in a later
   * Ready; it is dropped (returns false) when no leader is known.
   */
  readIndex(ctx: Uint8Array): boolean {
    const m = newMessage('read-index', this.id, this.id, { context: ctx });
    if (this.#role === 'leader') return this.#leaderReadIndex(m);
    if (this.#lead === 0) return false;
    this.#send({ ...m, to: this.#lead });
    return true;
  }

  /** The transport could not reach `id`: stop pipelining to it. */
  reportUnreachable(id: NodeId): void {
    const pr = this.#prs.get(id);
    if (this.#role !== 'leader' || pr === undefined) return;
    if (pr.state === 'replicate') pr.becomeProbe();
  }

  /** The transport finished (ok) or failed sending a snapshot to `id`. */
  reportSnapshot(id: NodeId, ok: boolean): void {
    const pr = this.#prs.get(id);
    if (this.#role !== 'leader' || pr === undefined || pr.state !== 'snapshot') return;
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
    if (index > this.#log.applied) {
      throw new InvalidArgumentError(
        `Cannot compact raft log: index "${index}" is past the applied index "${this.#log.applied}"`,
      );
    }
    const snap = this.#log.storage.createSnapshot(index, this.#confAt(index), data);
    const keepFrom = index - this.#cfg.compactionKeepEntries;
    if (keepFrom > this.#log.storage.firstIndex() - 1) this.#log.storage.compact(keepFrom);
    this.#confHistory = this.#confHistory.filter(
      (h, i, all) => i === all.length - 1 || (all[i + 1]?.index ?? 0) > index,
    );
    return snap;
  }

  /** Handles a message from a peer. Messages from unknown or stale terms are handled per §5.1. */
  step(m: Message): void {
    if (m.term === 0) {
      // Forwarded proposals and reads carry no term: they are like local requests.
    } else if (m.term > this.#term) {
      if (m.type === 'vote' || m.type === 'pre-vote') {
        const force = isTransferCtx(m.context);
        const inLease =
          this.#cfg.checkQuorum &&
          this.#lead !== 0 &&
          this.#electionElapsed < this.#cfg.electionTicks;
        // Thesis §4.2.3: ignore disruptive candidates while we hear from a leader.
        if (!force && inLease) return;
      }
      if (m.type === 'pre-vote') {
        // A pre-vote never changes our term.
      } else if (m.type === 'pre-vote-resp' && !m.reject) {
        // A granted pre-vote carries the future term; the term moves when the real vote starts.
      } else if (m.type === 'app' || m.type === 'heartbeat' || m.type === 'snap') {
        this.#becomeFollower(m.term, m.from);
      } else {
        this.#becomeFollower(m.term, 0);
      }
    } else if (m.term < this.#term) {
      if (
        (this.#cfg.checkQuorum || this.#cfg.preVote) &&
        (m.type === 'heartbeat' || m.type === 'app')
      ) {
        // A stale leader learns our term and steps down; without this a node whose term grew
        // while partitioned could never rejoin under CheckQuorum/PreVote.
        this.#send(newMessage('app-resp', this.id, m.from, { term: this.#term }));
      } else if (m.type === 'pre-vote') {
        this.#send(
          newMessage('pre-vote-resp', this.id, m.from, { term: this.#term, reject: true }),
        );
      }
      return;
    }

    if (m.type === 'vote' || m.type === 'pre-vote') {
      this.#handleVoteRequest(m);
      return;
    }
    switch (this.#role) {
      case 'leader':
        this.#stepLeader(m);
        break;
      case 'candidate':
      case 'pre-candidate':
        this.#stepCandidate(m);
        break;
      case 'follower':
        this.#stepFollower(m);
        break;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Output

  /** Whether a Ready with work is available. */
  hasReady(): boolean {
    if (this.#readyOut) return false;
    const soft = this.#softState();
    return (
      soft.leader !== this.#prevSoft.leader ||
      soft.role !== this.#prevSoft.role ||
      !hardStateEqual(this.#hardState(), this.#prevHard) ||
      this.#log.unstable.length > 0 ||
      this.#log.unstableSnapshot !== undefined ||
      this.#msgs.length > 0 ||
      this.#readStates.length > 0 ||
      this.#log.hasNextCommitted()
    );
  }

  /** Collects the pending work; the caller must call `advance(ready)` before the next one. */
  ready(): Ready {
    assert(!this.#readyOut, 'RaftNode.ready called twice without advance');
    this.#readyOut = true;
    const rd: Ready = {
      entries: [...this.#log.unstable],
      committed: this.#log.nextCommitted(this.#cfg.maxCommittedSizePerReadyBytes),
      messages: this.#msgs,
      readStates: this.#readStates,
    };
    this.#msgs = [];
    this.#readStates = [];
    const soft = this.#softState();
    if (soft.leader !== this.#prevSoft.leader || soft.role !== this.#prevSoft.role)
      rd.softState = soft;
    const hard = this.#hardState();
    if (!hardStateEqual(hard, this.#prevHard)) rd.hardState = hard;
    if (this.#log.unstableSnapshot) rd.snapshot = this.#log.unstableSnapshot;
    return rd;
  }

  /** Acknowledges that `rd` was persisted, sent and applied. */
  advance(rd: Ready): void {
    assert(this.#readyOut, 'RaftNode.advance without ready');
    this.#readyOut = false;
    if (rd.softState) this.#prevSoft = rd.softState;
    if (rd.hardState) this.#prevHard = rd.hardState;
    const last = rd.entries[rd.entries.length - 1];
    if (last) this.#log.stableTo(last.index, last.term);
    if (rd.snapshot) {
      this.#log.stableSnapTo(rd.snapshot.meta.index);
      if (rd.snapshot.meta.index > this.#log.applied) this.#log.applied = rd.snapshot.meta.index;
    }
    for (const e of rd.committed) {
      if (e.index <= this.#log.applied) continue;
      this.#log.appliedTo(e.index);
      if (this.#role === 'leader')
        this.#uncommittedBytes = Math.max(0, this.#uncommittedBytes - entrySizeBytes(e));
      if (e.type === 'conf-change') this.#applyConfChange(decodeConfChange(e.data), e.index);
    }
  }

  /** The node's current state. */
  status(): RaftStatus {
    const s: RaftStatus = {
      id: this.id,
      term: this.#term,
      vote: this.#vote,
      commit: this.#log.committed,
      applied: this.#log.applied,
      lastIndex: this.#log.lastIndex(),
      leader: this.#lead,
      role: this.#role,
      conf: copyConf(this.#conf),
      leadTransferee: this.#leadTransferee,
    };
    if (this.#role === 'leader') {
      s.progress = new Map(
        [...this.#prs].map(([id, p]) => [
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
    return this.#log.slice(lo, hi, Number.POSITIVE_INFINITY);
  }

  // ---------------------------------------------------------------------------------------------
  // State transitions

  #softState(): SoftState {
    return { leader: this.#lead, role: this.#role };
  }

  #hardState(): HardState {
    return { term: this.#term, vote: this.#vote, commit: this.#log.committed };
  }

  #promotable(): boolean {
    return this.#conf.voters.includes(this.id);
  }

  #reset(term: number): void {
    if (term !== this.#term) {
      this.#term = term;
      this.#vote = 0;
    }
    this.#lead = 0;
    this.#electionElapsed = 0;
    this.#heartbeatElapsed = 0;
    const et = this.#cfg.electionTicks;
    this.#randomizedElectionTimeout = et + Math.min(et - 1, Math.floor(this.#cfg.rng() * et));
    this.#leadTransferee = 0;
    this.#votes.clear();
    const last = this.#log.lastIndex();
    for (const [id, old] of this.#prs) {
      const pr = new Progress(last + 1, this.#cfg.maxInflightMsgs, old.isLearner);
      if (id === this.id) pr.match = last;
      this.#prs.set(id, pr);
    }
    this.#pendingConfIndex = 0;
    this.#uncommittedBytes = 0;
    this.#readOnly = new ReadOnly();
    this.#pendingReadIndex = [];
  }

  #becomeFollower(term: number, lead: NodeId): void {
    this.#reset(term);
    this.#lead = lead;
    this.#role = 'follower';
  }

  #becomePreCandidate(): void {
    assert(this.#role !== 'leader', 'leader cannot become pre-candidate');
    // Thesis §9.6: the pre-vote round leaves term and vote untouched.
    this.#votes.clear();
    this.#lead = 0;
    this.#role = 'pre-candidate';
  }

  #becomeCandidate(): void {
    assert(this.#role !== 'leader', 'leader cannot become candidate');
    this.#reset(this.#term + 1);
    this.#vote = this.id;
    this.#role = 'candidate';
  }

  #becomeLeader(): void {
    assert(this.#role === 'candidate', 'only a candidate becomes leader');
    this.#reset(this.#term);
    this.#lead = this.id;
    this.#role = 'leader';
    this.#prs.get(this.id)?.becomeReplicate();
    // §5.4.2 / §8: a no-op entry in the new term lets the leader commit earlier entries and know
    // its commit index. Conf changes wait for it (the single-server-change fix, thesis §4.1).
    this.#appendEntries([{ term: 0, index: 0, type: 'normal', data: new Uint8Array() }]);
    this.#pendingConfIndex = this.#log.lastIndex();
  }

  #tickElection(): void {
    this.#electionElapsed++;
    if (this.#promotable() && this.#electionElapsed >= this.#randomizedElectionTimeout) {
      this.#electionElapsed = 0;
      this.#hup(false);
    }
  }

  #tickHeartbeat(): void {
    this.#heartbeatElapsed++;
    this.#electionElapsed++;
    if (this.#electionElapsed >= this.#cfg.electionTicks) {
      this.#electionElapsed = 0;
      if (this.#cfg.checkQuorum && !this.#checkQuorumActive()) {
        // CheckQuorum: a leader that has not heard from a quorum steps down.
        this.#becomeFollower(this.#term, 0);
        return;
      }
      if (this.#leadTransferee !== 0) this.#leadTransferee = 0;
    }
    if (this.#heartbeatElapsed >= this.#cfg.heartbeatTicks) {
      this.#heartbeatElapsed = 0;
      this.#bcastHeartbeat(this.#readOnly.lastPendingCtx());
    }
  }

  /** Counts voters heard from since the last round and clears the marks. */
  #checkQuorumActive(): boolean {
    let active = 0;
    for (const v of this.#conf.voters) {
      const pr = this.#prs.get(v);
      if (!pr) continue;
      if (v === this.id || pr.recentActive) active++;
    }
    for (const [id, pr] of this.#prs) pr.recentActive = id === this.id;
    return active >= Math.floor(this.#conf.voters.length / 2) + 1;
  }

  #hup(transfer: boolean): void {
    if (this.#role === 'leader' || !this.#promotable()) return;
    // A conf change that is committed but not applied could change who may vote.
    for (const e of this.#log.nextCommitted(Number.POSITIVE_INFINITY)) {
      if (e.type === 'conf-change') return;
    }
    if (this.#cfg.preVote && !transfer) this.#campaign('pre', false);
    else this.#campaign('real', transfer);
  }

  #campaign(kind: 'pre' | 'real', transfer: boolean): void {
    let term: number;
    let type: MessageType;
    if (kind === 'pre') {
      this.#becomePreCandidate();
      term = this.#term + 1;
      type = 'pre-vote';
    } else {
      this.#becomeCandidate();
      term = this.#term;
      type = 'vote';
    }
    this.#votes.set(this.id, true);
    if (voteResult(this.#conf.voters, this.#votes) === 'won') {
      if (kind === 'pre') this.#campaign('real', transfer);
      else this.#becomeLeader();
      return;
    }
    for (const v of this.#conf.voters) {
      if (v === this.id) continue;
      this.#send(
        newMessage(type, this.id, v, {
          term,
          index: this.#log.lastIndex(),
          logTerm: this.#log.lastTerm(),
          ...(transfer ? { context: transferCtx } : {}),
        }),
      );
    }
  }

  #handleVoteRequest(m: Message): void {
    const canVote =
      this.#vote === m.from ||
      (this.#vote === 0 && this.#lead === 0) ||
      (m.type === 'pre-vote' && m.term > this.#term);
    const respType = m.type === 'vote' ? 'vote-resp' : 'pre-vote-resp';
    // §5.2 one vote per term; §5.4.1 only for a log at least as up to date as ours.
    if (canVote && this.#log.isUpToDate(m.index, m.logTerm)) {
      this.#send(newMessage(respType, this.id, m.from, { term: m.term }));
      if (m.type === 'vote') {
        this.#electionElapsed = 0;
        this.#vote = m.from;
      }
    } else {
      this.#send(newMessage(respType, this.id, m.from, { term: this.#term, reject: true }));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Role step functions

  #stepLeader(m: Message): void {
    switch (m.type) {
      case 'prop':
        this.#propose(m.entries);
        return;
      case 'read-index':
        this.#leaderReadIndex(m);
        return;
      case 'app-resp':
        this.#handleAppendResponse(m);
        return;
      case 'heartbeat-resp':
        this.#handleHeartbeatResponse(m);
        return;
      case 'app':
      case 'heartbeat':
      case 'snap':
      case 'vote':
      case 'vote-resp':
      case 'pre-vote':
      case 'pre-vote-resp':
      case 'timeout-now':
      case 'read-index-resp':
        // Same-term messages from another leader cannot exist (§5.2); stale responses are ignored.
        return;
    }
  }

  #stepCandidate(m: Message): void {
    const myResp = this.#role === 'pre-candidate' ? 'pre-vote-resp' : 'vote-resp';
    switch (m.type) {
      case 'app':
        this.#becomeFollower(m.term, m.from);
        this.#handleAppend(m);
        return;
      case 'heartbeat':
        this.#becomeFollower(m.term, m.from);
        this.#handleHeartbeat(m);
        return;
      case 'snap':
        this.#becomeFollower(m.term, m.from);
        this.#handleSnapshot(m);
        return;
      case 'vote-resp':
      case 'pre-vote-resp': {
        if (m.type !== myResp) return;
        this.#votes.set(m.from, !m.reject);
        const res = voteResult(this.#conf.voters, this.#votes);
        if (res === 'won') {
          if (this.#role === 'pre-candidate') {
            this.#campaign('real', false);
          } else {
            this.#becomeLeader();
            this.#bcastAppend();
          }
        } else if (res === 'lost') {
          this.#becomeFollower(this.#term, 0);
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

  #stepFollower(m: Message): void {
    switch (m.type) {
      case 'prop':
        if (this.#lead !== 0) this.#send({ ...m, to: this.#lead, from: this.id });
        return;
      case 'read-index':
        if (this.#lead !== 0) this.#send({ ...m, to: this.#lead });
        return;
      case 'app':
        this.#electionElapsed = 0;
        this.#lead = m.from;
        this.#handleAppend(m);
        return;
      case 'heartbeat':
        this.#electionElapsed = 0;
        this.#lead = m.from;
        this.#handleHeartbeat(m);
        return;
      case 'snap':
        this.#electionElapsed = 0;
        this.#lead = m.from;
        this.#handleSnapshot(m);
        return;
      case 'timeout-now':
        // Thesis §3.10: start an election at once, skipping PreVote and leases.
        this.#hup(true);
        return;
      case 'read-index-resp':
        this.#readStates.push({ index: m.index, requestCtx: m.context ?? new Uint8Array() });
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

  // ---------------------------------------------------------------------------------------------
  // Proposals

  #propose(ents: Entry[]): ProposeResult {
    if (this.#role !== 'leader') {
      if (this.#role === 'follower' && this.#lead !== 0) {
        this.#send(newMessage('prop', this.id, this.#lead, { entries: ents }));
        return { kind: 'forwarded', leader: this.#lead };
      }
      return { kind: 'dropped', reason: 'no-leader', leader: this.#lead };
    }
    if (!this.#prs.has(this.id)) return { kind: 'dropped', reason: 'no-leader', leader: 0 };
    if (this.#leadTransferee !== 0) {
      return { kind: 'dropped', reason: 'leadership-transfer', leader: this.#leadTransferee };
    }
    let size = 0;
    for (const e of ents) size += entrySizeBytes(e);
    if (
      this.#uncommittedBytes > 0 &&
      this.#uncommittedBytes + size > this.#cfg.maxUncommittedEntriesBytes
    ) {
      return { kind: 'dropped', reason: 'overloaded', leader: this.id };
    }
    for (const e of ents) {
      if (e.type !== 'conf-change') continue;
      const refused = this.#checkConfProposal(e.data);
      if (refused) return { kind: 'dropped', reason: refused, leader: this.id };
      this.#pendingConfIndex = this.#log.lastIndex() + 1;
    }
    this.#uncommittedBytes += size;
    this.#appendEntries(ents);
    this.#bcastAppend();
    return { kind: 'appended', index: this.#log.lastIndex(), term: this.#term };
  }

  #checkConfProposal(
    data: Uint8Array,
  ): 'conf-change-pending' | 'invalid-conf-change' | 'learner-lagging' | undefined {
    if (this.#pendingConfIndex > this.#log.applied) return 'conf-change-pending';
    let cc: ConfChange;
    try {
      cc = decodeConfChange(data);
    } catch {
      return 'invalid-conf-change';
    }
    if (checkConfChange(this.#conf, cc) !== undefined) return 'invalid-conf-change';
    if (cc.type === 'add-voter' && this.#conf.learners.includes(cc.nodeId)) {
      const pr = this.#prs.get(cc.nodeId);
      if (!pr || pr.match + this.#cfg.maxLearnerLagEntries < this.#log.committed)
        return 'learner-lagging';
    }
    return undefined;
  }

  #appendEntries(ents: Entry[]): void {
    let li = this.#log.lastIndex();
    const stamped = ents.map((e): Entry => ({ ...e, term: this.#term, index: ++li }));
    this.#log.append(stamped);
    this.#prs.get(this.id)?.maybeUpdate(this.#log.lastIndex());
    this.#maybeCommit();
  }

  /** §5.4.2: advance the commit index only to an entry of the current term held by a quorum. */
  #maybeCommit(): boolean {
    const matches: number[] = [];
    for (const v of this.#conf.voters) matches.push(this.#prs.get(v)?.match ?? 0);
    const mci = committedIndex(matches);
    const committed = this.#log.maybeCommit(mci, this.#term);
    if (committed) this.#releasePendingReadIndex();
    return committed;
  }

  // ---------------------------------------------------------------------------------------------
  // Replication (leader)

  #send(m: Message): void {
    if (m.term === 0 && m.type !== 'prop' && m.type !== 'read-index') m.term = this.#term;
    this.#msgs.push(m);
  }

  #bcastAppend(): void {
    for (const id of this.#prs.keys()) if (id !== this.id) this.#sendAppend(id);
  }

  #bcastHeartbeat(ctx: Uint8Array | undefined): void {
    for (const [id, pr] of this.#prs) {
      if (id === this.id) continue;
      // The commit sent is at most what the follower is known to hold (§5.3).
      const commit = Math.min(pr.match, this.#log.committed);
      this.#send(
        newMessage('heartbeat', this.id, id, { commit, ...(ctx ? { context: ctx } : {}) }),
      );
    }
  }

  /** Sends entries (or a snapshot) to `to`; with `sendIfEmpty` false, only when there is data. */
  #sendAppend(to: NodeId, sendIfEmpty = true): boolean {
    const pr = this.#prs.get(to);
    if (!pr || pr.isPaused()) return false;
    const prevIndex = pr.next - 1;
    const prevTerm = this.#log.term(prevIndex);
    const ents = this.#log.entriesFrom(pr.next, this.#cfg.maxSizePerMsgBytes);
    if (ents !== undefined && ents.length === 0 && !sendIfEmpty) return false;
    if (prevTerm === undefined || ents === undefined) return this.#sendSnapshot(to, pr);
    this.#send(
      newMessage('app', this.id, to, {
        index: prevIndex,
        logTerm: prevTerm,
        entries: ents,
        commit: this.#log.committed,
      }),
    );
    const last = ents[ents.length - 1];
    if (last) {
      if (pr.state === 'replicate') {
        // Pipelining: assume success and keep sending within the inflight window.
        pr.optimisticUpdate(last.index);
        pr.inflights.add(last.index);
      } else {
        pr.probeSent = true;
      }
    } else if (pr.state === 'probe') {
      pr.probeSent = true;
    }
    return true;
  }

  #sendSnapshot(to: NodeId, pr: Progress): boolean {
    // Only to a follower known to be alive: a snapshot is expensive (etcd does the same).
    if (!pr.recentActive) return false;
    const snap = this.#log.snapshot();
    assert(snap.meta.index > 0, 'RaftNode: log compacted without a snapshot');
    this.#send(newMessage('snap', this.id, to, { snapshot: snap }));
    pr.becomeSnapshot(snap.meta.index);
    return true;
  }

  #sendTimeoutNow(to: NodeId): void {
    this.#send(newMessage('timeout-now', this.id, to));
  }

  #handleAppendResponse(m: Message): void {
    const pr = this.#prs.get(m.from);
    if (!pr) return;
    pr.recentActive = true;
    if (m.reject) {
      let hint = m.rejectHint;
      if (m.logTerm > 0) {
        // §5.3 fast backtracking: skip every entry of the follower's conflicting term at once.
        hint = this.#log.findConflictByTerm(m.rejectHint, m.logTerm).index;
      }
      if (pr.maybeDecrTo(m.index, hint)) {
        if (pr.state === 'replicate') pr.becomeProbe();
        this.#sendAppend(m.from);
      }
      return;
    }
    const wasPaused = pr.isPaused();
    if (!pr.maybeUpdate(m.index)) return;
    if (pr.state === 'probe') {
      pr.becomeReplicate();
    } else if (pr.state === 'snapshot' && pr.match + 1 >= this.#log.firstIndex()) {
      pr.becomeProbe();
      pr.becomeReplicate();
    } else if (pr.state === 'replicate') {
      pr.inflights.freeLE(m.index);
    }
    if (this.#maybeCommit()) {
      this.#bcastAppend();
    } else if (wasPaused) {
      this.#sendAppend(m.from);
    }
    // Keep the pipe full: send every remaining batch the window allows.
    for (let i = 0; i < this.#cfg.maxInflightMsgs && this.#sendAppend(m.from, false); i++);
    if (m.from === this.#leadTransferee && pr.match === this.#log.lastIndex()) {
      this.#sendTimeoutNow(m.from);
    }
  }

  #handleHeartbeatResponse(m: Message): void {
    const pr = this.#prs.get(m.from);
    if (!pr) return;
    pr.recentActive = true;
    pr.probeSent = false;
    if (pr.state === 'replicate' && pr.inflights.full()) pr.inflights.freeFirstOne();
    if (pr.match < this.#log.lastIndex()) this.#sendAppend(m.from);
    if (m.context === undefined || m.context.length === 0) return;
    const acks = this.#readOnly.recvAck(m.from, m.context);
    if (!acks) return;
    let votes = 1; // the leader itself
    for (const v of this.#conf.voters) if (v !== this.id && acks.has(v)) votes++;
    if (votes < Math.floor(this.#conf.voters.length / 2) + 1) return;
    for (const req of this.#readOnly.advance(m.context))
      this.#answerRead(req.from, req.index, req.ctx);
  }

  #answerRead(from: NodeId, index: number, ctx: Uint8Array): void {
    if (from === this.id || from === 0) {
      this.#readStates.push({ index, requestCtx: ctx });
    } else {
      this.#send(newMessage('read-index-resp', this.id, from, { index, context: ctx }));
    }
  }

  /** §6.4: reads are served at the commit index once a heartbeat round confirms leadership. */
  #leaderReadIndex(m: Message): boolean {
    const ctx = m.context ?? new Uint8Array();
    if (this.#log.term(this.#log.committed) !== this.#term) {
      // Not before this leader committed an entry in its term (its commit index may be stale).
      if (this.#pendingReadIndex.length >= this.#cfg.maxPendingReadIndex) return false;
      this.#pendingReadIndex.push(m);
      return true;
    }
    if (this.#conf.voters.length === 1 && this.#conf.voters[0] === this.id) {
      this.#answerRead(m.from, this.#log.committed, ctx);
      return true;
    }
    if (this.#readOnly.size() >= this.#cfg.maxPendingReadIndex) return false;
    this.#readOnly.add(this.#log.committed, m.from, ctx);
    this.#bcastHeartbeat(ctx);
    return true;
  }

  #releasePendingReadIndex(): void {
    if (this.#pendingReadIndex.length === 0 || this.#log.term(this.#log.committed) !== this.#term)
      return;
    const pending = this.#pendingReadIndex;
    this.#pendingReadIndex = [];
    for (const m of pending) this.#leaderReadIndex(m);
  }

  // ---------------------------------------------------------------------------------------------
  // Follower handlers

  #handleAppend(m: Message): void {
    if (m.index < this.#log.committed) {
      this.#send(newMessage('app-resp', this.id, m.from, { index: this.#log.committed }));
      return;
    }
    const lastNew = this.#log.maybeAppend(m.index, m.logTerm, m.commit, m.entries);
    if (lastNew !== undefined) {
      this.#send(newMessage('app-resp', this.id, m.from, { index: lastNew }));
      return;
    }
    // §5.3: reject, with a hint so the leader can skip a whole conflicting term.
    const hint = this.#log.findConflictByTerm(Math.min(m.index, this.#log.lastIndex()), m.logTerm);
    this.#send(
      newMessage('app-resp', this.id, m.from, {
        index: m.index,
        reject: true,
        rejectHint: hint.index,
        logTerm: hint.term,
      }),
    );
  }

  #handleHeartbeat(m: Message): void {
    this.#log.commitTo(Math.min(m.commit, this.#log.lastIndex()));
    this.#send(
      newMessage('heartbeat-resp', this.id, m.from, m.context ? { context: m.context } : {}),
    );
  }

  #handleSnapshot(m: Message): void {
    const s = m.snapshot;
    if (s && this.#restore(s)) {
      this.#send(newMessage('app-resp', this.id, m.from, { index: this.#log.lastIndex() }));
    } else {
      this.#send(newMessage('app-resp', this.id, m.from, { index: this.#log.committed }));
    }
  }

  /** InstallSnapshot (§7): returns false when the snapshot is not newer than our commit. */
  #restore(s: Snapshot): boolean {
    if (s.meta.index <= this.#log.committed) return false;
    if (this.#log.matchTerm(s.meta.index, s.meta.term)) {
      // We already hold the snapshot's last entry: only the commit index moves.
      this.#log.commitTo(s.meta.index);
      return false;
    }
    this.#log.restore(s);
    this.#setConf(copyConf(s.meta.conf));
    this.#confHistory = [{ index: s.meta.index, conf: copyConf(s.meta.conf) }];
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Membership

  #confAt(index: number): ConfState {
    let conf = this.#confHistory[0]?.conf ?? this.#conf;
    for (const h of this.#confHistory) if (h.index <= index) conf = h.conf;
    return copyConf(conf);
  }

  /** Replaces the membership and the progress map to match it. */
  #setConf(conf: ConfState): void {
    this.#conf = conf;
    const last = this.#log.lastIndex();
    const members = new Set([...conf.voters, ...conf.learners]);
    for (const id of this.#prs.keys()) if (!members.has(id)) this.#prs.delete(id);
    for (const id of members) {
      const isLearner = conf.learners.includes(id);
      const pr = this.#prs.get(id);
      if (pr) {
        pr.isLearner = isLearner;
      } else {
        const np = new Progress(last + 1, this.#cfg.maxInflightMsgs, isLearner);
        if (id === this.id) np.match = last;
        // A new member counts as active so CheckQuorum does not fire before it answers.
        np.recentActive = true;
        this.#prs.set(id, np);
      }
    }
  }

  #applyConfChange(cc: ConfChange, index: number): void {
    this.#setConf(applyToConf(this.#conf, cc));
    this.#confHistory.push({ index, conf: copyConf(this.#conf) });
    if (this.#leadTransferee !== 0 && !this.#conf.voters.includes(this.#leadTransferee)) {
      this.#leadTransferee = 0;
    }
    if (this.#role !== 'leader') return;
    if (!this.#conf.voters.includes(this.id)) {
      // Removed (or demoted) leader: tell the others the commit index, then step down.
      this.#bcastAppend();
      this.#becomeFollower(this.#term, 0);
      return;
    }
    if (this.#maybeCommit()) this.#bcastAppend();
    else for (const id of this.#prs.keys()) if (id !== this.id) this.#sendAppend(id, false);
  }
}

function hardStateEqual(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}
