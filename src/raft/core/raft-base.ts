/**
 * RaftBase: the state every Raft role shares (term, vote, log, membership, progress), the role
 * transitions, and what a follower does with the leader's messages. {@link RaftLeader} adds
 * the leader's side and {@link RaftNode} the public API, elections and step dispatch.
 *
 * @module
 */
import { assert } from '../../util/assert.js';
import { InvalidArgumentError } from '../../util/errors.js';
import { compileRaftConfig, type RaftConfig, type RaftOptions } from './config.js';
import { applyToConf, decodeConfChange, encodeConfChange } from './confchange.js';
import { RaftLog } from './log.js';
import { Progress } from './progress.js';
import { ReadOnly } from './read-only.js';
import { copyConf } from './storage.js';
import type {
  ConfChange,
  ConfState,
  Entry,
  HardState,
  Message,
  MessageType,
  NodeId,
  ReadState,
  Snapshot,
  SoftState,
} from './types.js';

/** Role of a node. */
export type Role = SoftState['role'];

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

/** Shared state and transitions of a Raft node. */
export abstract class RaftBase {
  readonly id: NodeId;
  protected readonly cfg: RaftConfig;
  protected readonly raftLog: RaftLog;
  protected term = 0;
  protected vote: NodeId = 0;
  protected lead: NodeId = 0;
  protected role: Role = 'follower';
  protected conf: ConfState = { voters: [], learners: [] };
  /** Membership after each applied conf change (for snapshots taken at older indexes). */
  protected confHistory: { index: number; conf: ConfState }[] = [];
  protected prs = new Map<NodeId, Progress>();
  protected votes = new Map<NodeId, boolean>();
  protected msgs: Message[] = [];
  protected readStates: ReadState[] = [];
  protected electionElapsed = 0;
  protected heartbeatElapsed = 0;
  protected randomizedElectionTimeout = 0;
  protected leadTransferee: NodeId = 0;
  protected pendingConfIndex = 0;
  protected uncommittedBytes = 0;
  protected readOnly = new ReadOnly();
  /** ReadIndex requests that wait for the first commit in this leader's term. */
  protected pendingReadIndex: Message[] = [];
  protected prevSoft: SoftState;
  protected prevHard: HardState;
  protected readyOut = false;

  /**
   * Creates a node from its options and storage.
   *
   * @throws {InvalidArgumentError} on invalid options, or `peers` given with non-empty storage.
   */
  constructor(options: RaftOptions) {
    this.cfg = compileRaftConfig(options);
    this.id = this.cfg.id;
    const storage = this.cfg.storage;
    this.raftLog = new RaftLog(storage);
    const { hardState, confState } = storage.initialState();
    this.setConf(copyConf(confState));
    this.confHistory.push({ index: storage.snapshot().meta.index, conf: copyConf(confState) });
    const fresh = storage.lastIndex() === 0 && hardState.term === 0;
    if (this.cfg.peers !== undefined && this.cfg.peers.length > 0) {
      if (!fresh) {
        throw new InvalidArgumentError('Cannot bootstrap raft node: storage is not empty', {
          hint: 'Pass "peers" only when creating a new cluster',
        });
      }
      this.bootstrap(this.cfg.peers, this.cfg.learners ?? []);
    } else {
      this.term = hardState.term;
      this.vote = hardState.vote;
      if (hardState.commit > 0) this.raftLog.commitTo(hardState.commit);
    }
    if (this.cfg.applied !== undefined && this.cfg.applied > this.raftLog.applied) {
      // Entries up to `applied` will not be handed out again, so the membership changes among
      // them take effect here.
      const upTo = Math.min(this.cfg.applied, this.raftLog.committed);
      for (const e of this.raftLog.slice(this.raftLog.applied + 1, upTo + 1, Infinity) ?? []) {
        if (e.type === 'conf-change') this.applyConfChange(decodeConfChange(e.data), e.index);
      }
      this.raftLog.appliedTo(upTo);
    }
    this.becomeFollower(this.term, 0);
    this.prevSoft = this.softState();
    this.prevHard = { term: hardState.term, vote: hardState.vote, commit: hardState.commit };
  }

  /** Writes one add conf-change entry per member at term 1 and applies them (etcd Bootstrap). */
  protected bootstrap(peers: NodeId[], learners: NodeId[]): void {
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
    this.raftLog.append(ents);
    this.raftLog.commitTo(ents.length);
    this.term = 1;
    for (const [i, cc] of ccs.entries()) this.applyConfChange(cc, i + 1);
  }

  protected softState(): SoftState {
    return { leader: this.lead, role: this.role };
  }

  protected hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.raftLog.committed };
  }

  protected promotable(): boolean {
    return this.conf.voters.includes(this.id);
  }

  protected reset(term: number): void {
    if (term !== this.term) {
      this.term = term;
      this.vote = 0;
    }
    this.lead = 0;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    const et = this.cfg.electionTicks;
    this.randomizedElectionTimeout = et + Math.min(et - 1, Math.floor(this.cfg.rng() * et));
    this.leadTransferee = 0;
    this.votes.clear();
    const last = this.raftLog.lastIndex();
    for (const [id, old] of this.prs) {
      const pr = new Progress(last + 1, this.cfg.maxInflightMsgs, old.isLearner);
      if (id === this.id) pr.match = this.raftLog.persisted;
      this.prs.set(id, pr);
    }
    this.pendingConfIndex = 0;
    this.uncommittedBytes = 0;
    this.readOnly = new ReadOnly();
    this.pendingReadIndex = [];
  }

  protected becomeFollower(term: number, lead: NodeId): void {
    this.reset(term);
    this.lead = lead;
    this.role = 'follower';
  }

  protected becomePreCandidate(): void {
    assert(this.role !== 'leader', 'leader cannot become pre-candidate');
    // Thesis §9.6: the pre-vote round leaves term and vote untouched.
    this.votes.clear();
    this.lead = 0;
    this.role = 'pre-candidate';
  }

  protected becomeCandidate(): void {
    assert(this.role !== 'leader', 'leader cannot become candidate');
    this.reset(this.term + 1);
    this.vote = this.id;
    this.role = 'candidate';
  }

  protected send(m: Message): void {
    if (m.term === 0 && m.type !== 'prop' && m.type !== 'read-index') m.term = this.term;
    this.msgs.push(m);
  }

  protected handleAppend(m: Message): void {
    if (m.index < this.raftLog.committed) {
      this.send(newMessage('app-resp', this.id, m.from, { index: this.raftLog.committed }));
      return;
    }
    const lastNew = this.raftLog.maybeAppend(m.index, m.logTerm, m.commit, m.entries);
    if (lastNew !== undefined) {
      this.send(newMessage('app-resp', this.id, m.from, { index: lastNew }));
      return;
    }
    // §5.3: reject, with a hint so the leader can skip a whole conflicting term.
    const hint = this.raftLog.findConflictByTerm(
      Math.min(m.index, this.raftLog.lastIndex()),
      m.logTerm,
    );
    this.send(
      newMessage('app-resp', this.id, m.from, {
        index: m.index,
        reject: true,
        rejectHint: hint.index,
        logTerm: hint.term,
      }),
    );
  }

  protected handleHeartbeat(m: Message): void {
    this.raftLog.commitTo(Math.min(m.commit, this.raftLog.lastIndex()));
    this.send(
      newMessage('heartbeat-resp', this.id, m.from, m.context ? { context: m.context } : {}),
    );
  }

  protected handleSnapshot(m: Message): void {
    const s = m.snapshot;
    if (s && this.restore(s)) {
      this.send(newMessage('app-resp', this.id, m.from, { index: this.raftLog.lastIndex() }));
    } else {
      this.send(newMessage('app-resp', this.id, m.from, { index: this.raftLog.committed }));
    }
  }

  /** InstallSnapshot (§7): returns false when the snapshot is not newer than our commit. */
  protected restore(s: Snapshot): boolean {
    if (s.meta.index <= this.raftLog.committed) return false;
    if (this.raftLog.matchTerm(s.meta.index, s.meta.term)) {
      // We already hold the snapshot's last entry: only the commit index moves.
      this.raftLog.commitTo(s.meta.index);
      return false;
    }
    this.raftLog.restore(s);
    this.setConf(copyConf(s.meta.conf));
    this.confHistory = [{ index: s.meta.index, conf: copyConf(s.meta.conf) }];
    return true;
  }

  protected confAt(index: number): ConfState {
    let conf = this.confHistory[0]?.conf ?? this.conf;
    for (const h of this.confHistory) if (h.index <= index) conf = h.conf;
    return copyConf(conf);
  }

  /** Replaces the membership and the progress map to match it. */
  protected setConf(conf: ConfState): void {
    this.conf = conf;
    const last = this.raftLog.lastIndex();
    const members = new Set([...conf.voters, ...conf.learners]);
    for (const id of this.prs.keys()) if (!members.has(id)) this.prs.delete(id);
    for (const id of members) {
      const isLearner = conf.learners.includes(id);
      const pr = this.prs.get(id);
      if (pr) {
        pr.isLearner = isLearner;
      } else {
        const np = new Progress(last + 1, this.cfg.maxInflightMsgs, isLearner);
        if (id === this.id) np.match = this.raftLog.persisted;
        // A new member counts as active so CheckQuorum does not fire before it answers.
        np.recentActive = true;
        this.prs.set(id, np);
      }
    }
  }

  protected applyConfChange(cc: ConfChange, index: number): void {
    this.setConf(applyToConf(this.conf, cc));
    this.confHistory.push({ index, conf: copyConf(this.conf) });
    if (this.leadTransferee !== 0 && !this.conf.voters.includes(this.leadTransferee)) {
      this.leadTransferee = 0;
    }
    this.afterConfChange();
  }

  /** Lets the leader react to a membership change (replicate, commit, or step down). */
  protected abstract afterConfChange(): void;
}
