/**
 * RaftLeader: the leader's side of Raft: proposals, replication with flow control (Raft §5.3),
 * the current-term commit rule (§5.4.2), snapshots to lagging followers (§7), heartbeats,
 * CheckQuorum and ReadIndex (thesis §6.4).
 *
 * @module
 */
import { assert } from '../../util/assert.js';
import { checkConfChange, decodeConfChange } from './confchange.js';
import { committedIndex, type Progress } from './progress.js';
import { entrySizeBytes } from './storage.js';
import { newMessage, RaftBase } from './raft-base.js';
import type { ConfChange, Entry, Message, NodeId, ProposeResult } from './types.js';

/** Leader behaviour on top of {@link RaftBase}. */
export abstract class RaftLeader extends RaftBase {
  protected becomeLeader(): void {
    assert(this.role === 'candidate', 'only a candidate becomes leader');
    this.reset(this.term);
    this.lead = this.id;
    this.role = 'leader';
    this.prs.get(this.id)?.becomeReplicate();
    // §5.4.2 / §8: a no-op entry in the new term lets the leader commit earlier entries and know
    // its commit index. Conf changes wait for it (the single-server-change fix, thesis §4.1).
    this.appendEntries([{ term: 0, index: 0, type: 'normal', data: new Uint8Array() }]);
    this.pendingConfIndex = this.raftLog.lastIndex();
  }

  protected tickHeartbeat(): void {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    if (this.electionElapsed >= this.cfg.electionTicks) {
      this.electionElapsed = 0;
      if (this.cfg.checkQuorum && !this.checkQuorumActive()) {
        // CheckQuorum: a leader that has not heard from a quorum steps down.
        this.becomeFollower(this.term, 0);
        return;
      }
      if (this.leadTransferee !== 0) this.leadTransferee = 0;
    }
    if (this.heartbeatElapsed >= this.cfg.heartbeatTicks) {
      this.heartbeatElapsed = 0;
      this.bcastHeartbeat(this.readOnly.lastPendingCtx());
    }
  }

  /** Counts voters heard from since the last round and clears the marks. */
  protected checkQuorumActive(): boolean {
    let active = 0;
    for (const v of this.conf.voters) {
      const pr = this.prs.get(v);
      if (!pr) continue;
      if (v === this.id || pr.recentActive) active++;
    }
    for (const [id, pr] of this.prs) pr.recentActive = id === this.id;
    return active >= Math.floor(this.conf.voters.length / 2) + 1;
  }

  protected stepLeader(m: Message): void {
    switch (m.type) {
      case 'prop':
        this.proposeEntries(m.entries);
        return;
      case 'read-index':
        this.leaderReadIndex(m);
        return;
      case 'app-resp':
        this.handleAppendResponse(m);
        return;
      case 'heartbeat-resp':
        this.handleHeartbeatResponse(m);
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

  protected proposeEntries(ents: Entry[]): ProposeResult {
    if (this.role !== 'leader') {
      if (this.role === 'follower' && this.lead !== 0) {
        this.send(newMessage('prop', this.id, this.lead, { entries: ents }));
        return { kind: 'forwarded', leader: this.lead };
      }
      return { kind: 'dropped', reason: 'no-leader', leader: this.lead };
    }
    if (!this.prs.has(this.id)) return { kind: 'dropped', reason: 'no-leader', leader: 0 };
    if (this.leadTransferee !== 0) {
      return { kind: 'dropped', reason: 'leadership-transfer', leader: this.leadTransferee };
    }
    let size = 0;
    for (const e of ents) size += entrySizeBytes(e);
    if (
      this.uncommittedBytes > 0 &&
      this.uncommittedBytes + size > this.cfg.maxUncommittedEntriesBytes
    ) {
      return { kind: 'dropped', reason: 'overloaded', leader: this.id };
    }
    for (const e of ents) {
      if (e.type !== 'conf-change') continue;
      const refused = this.checkConfProposal(e.data);
      if (refused) return { kind: 'dropped', reason: refused, leader: this.id };
      this.pendingConfIndex = this.raftLog.lastIndex() + 1;
    }
    this.uncommittedBytes += size;
    this.appendEntries(ents);
    this.bcastAppend();
    return { kind: 'appended', index: this.raftLog.lastIndex(), term: this.term };
  }

  protected checkConfProposal(
    data: Uint8Array,
  ): 'conf-change-pending' | 'invalid-conf-change' | 'learner-lagging' | undefined {
    if (this.pendingConfIndex > this.raftLog.applied) return 'conf-change-pending';
    let cc: ConfChange;
    try {
      cc = decodeConfChange(data);
    } catch {
      return 'invalid-conf-change';
    }
    if (checkConfChange(this.conf, cc) !== undefined) return 'invalid-conf-change';
    if (cc.type === 'add-voter' && this.conf.learners.includes(cc.nodeId)) {
      const pr = this.prs.get(cc.nodeId);
      if (!pr || pr.match + this.cfg.maxLearnerLagEntries < this.raftLog.committed)
        return 'learner-lagging';
    }
    return undefined;
  }

  protected appendEntries(ents: Entry[]): void {
    let li = this.raftLog.lastIndex();
    const stamped = ents.map((e): Entry => ({ ...e, term: this.term, index: ++li }));
    // The leader's own copy counts towards a commit once it is durable (onPersisted), not now:
    // its appends may leave before its fsync, and a quorum must hold the entry on disk.
    this.raftLog.append(stamped);
  }

  /**
   * The driver made the log durable up to `raftLog.persisted` (reported through `advance`):
   * the leader's own copy now counts towards a commit.
   */
  protected onPersisted(): void {
    if (this.role !== 'leader') return;
    const self = this.prs.get(this.id);
    if (self === undefined || !self.maybeUpdate(this.raftLog.persisted)) return;
    if (this.maybeCommit()) this.bcastAppend();
  }

  /** §5.4.2: advance the commit index only to an entry of the current term held by a quorum. */
  protected maybeCommit(): boolean {
    const matches: number[] = [];
    for (const v of this.conf.voters) matches.push(this.prs.get(v)?.match ?? 0);
    const mci = committedIndex(matches);
    const committed = this.raftLog.maybeCommit(mci, this.term);
    if (committed) this.releasePendingReadIndex();
    return committed;
  }

  protected bcastAppend(): void {
    for (const id of this.prs.keys()) if (id !== this.id) this.sendAppend(id);
  }

  protected bcastHeartbeat(ctx: Uint8Array | undefined): void {
    for (const [id, pr] of this.prs) {
      if (id === this.id) continue;
      // The commit sent is at most what the follower is known to hold (§5.3).
      const commit = Math.min(pr.match, this.raftLog.committed);
      this.send(newMessage('heartbeat', this.id, id, { commit, ...(ctx ? { context: ctx } : {}) }));
    }
  }

  /** Sends entries (or a snapshot) to `to`; with `sendIfEmpty` false, only when there is data. */
  protected sendAppend(to: NodeId, sendIfEmpty = true): boolean {
    const pr = this.prs.get(to);
    if (!pr || pr.isPaused()) return false;
    const prevIndex = pr.next - 1;
    const prevTerm = this.raftLog.term(prevIndex);
    const ents = this.raftLog.entriesFrom(pr.next, this.cfg.maxSizePerMsgBytes);
    if (ents !== undefined && ents.length === 0 && !sendIfEmpty) return false;
    if (prevTerm === undefined || ents === undefined) return this.sendSnapshot(to, pr);
    this.send(
      newMessage('app', this.id, to, {
        index: prevIndex,
        logTerm: prevTerm,
        entries: ents,
        commit: this.raftLog.committed,
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

  protected sendSnapshot(to: NodeId, pr: Progress): boolean {
    // Only to a follower known to be alive: a snapshot is expensive (etcd does the same).
    if (!pr.recentActive) return false;
    const snap = this.raftLog.snapshot();
    assert(snap.meta.index > 0, 'RaftNode: log compacted without a snapshot');
    this.send(newMessage('snap', this.id, to, { snapshot: snap }));
    pr.becomeSnapshot(snap.meta.index);
    return true;
  }

  protected sendTimeoutNow(to: NodeId): void {
    this.send(newMessage('timeout-now', this.id, to));
  }

  protected handleAppendResponse(m: Message): void {
    const pr = this.prs.get(m.from);
    if (!pr) return;
    pr.recentActive = true;
    if (m.reject) {
      let hint = m.rejectHint;
      if (m.logTerm > 0) {
        // §5.3 fast backtracking: skip every entry of the follower's conflicting term at once.
        hint = this.raftLog.findConflictByTerm(m.rejectHint, m.logTerm).index;
      }
      if (pr.maybeDecrTo(m.index, hint)) {
        if (pr.state === 'replicate') pr.becomeProbe();
        this.sendAppend(m.from);
      }
      return;
    }
    const wasPaused = pr.isPaused();
    // An answer to a probe that matched where we already were still ends the probing.
    const probeMatched = pr.state === 'probe' && pr.match === m.index;
    if (!pr.maybeUpdate(m.index) && !probeMatched) return;
    if (pr.state === 'probe') {
      pr.becomeReplicate();
    } else if (pr.state === 'snapshot' && pr.match + 1 >= this.raftLog.firstIndex()) {
      pr.becomeProbe();
      pr.becomeReplicate();
    } else if (pr.state === 'replicate') {
      pr.inflights.freeLE(m.index);
    }
    if (this.maybeCommit()) {
      this.bcastAppend();
    } else if (wasPaused) {
      this.sendAppend(m.from);
    }
    // Keep the pipe full: send every remaining batch the window allows.
    for (let i = 0; i < this.cfg.maxInflightMsgs && this.sendAppend(m.from, false); i++);
    if (m.from === this.leadTransferee && pr.match === this.raftLog.lastIndex()) {
      this.sendTimeoutNow(m.from);
    }
  }

  protected handleHeartbeatResponse(m: Message): void {
    const pr = this.prs.get(m.from);
    if (!pr) return;
    pr.recentActive = true;
    pr.probeSent = false;
    if (pr.state === 'replicate' && pr.inflights.full()) pr.inflights.freeFirstOne();
    if (pr.match < this.raftLog.lastIndex()) this.sendAppend(m.from);
    if (m.context === undefined || m.context.length === 0) return;
    const acks = this.readOnly.recvAck(m.from, m.context);
    if (!acks) return;
    let votes = this.conf.voters.includes(this.id) ? 1 : 0;
    for (const v of this.conf.voters) if (v !== this.id && acks.has(v)) votes++;
    if (votes < Math.floor(this.conf.voters.length / 2) + 1) return;
    for (const req of this.readOnly.advance(m.context))
      this.answerRead(req.from, req.index, req.ctx);
  }

  protected answerRead(from: NodeId, index: number, ctx: Uint8Array): void {
    if (from === this.id || from === 0) {
      this.readStates.push({ index, requestCtx: ctx });
    } else {
      this.send(newMessage('read-index-resp', this.id, from, { index, context: ctx }));
    }
  }

  /** §6.4: reads are served at the commit index once a heartbeat round confirms leadership. */
  protected leaderReadIndex(m: Message): boolean {
    const ctx = m.context ?? new Uint8Array();
    if (this.raftLog.term(this.raftLog.committed) !== this.term) {
      // Not before this leader committed an entry in its term (its commit index may be stale).
      if (this.pendingReadIndex.length >= this.cfg.maxPendingReadIndex) return false;
      this.pendingReadIndex.push(m);
      return true;
    }
    if (this.conf.voters.length === 1 && this.conf.voters[0] === this.id) {
      this.answerRead(m.from, this.raftLog.committed, ctx);
      return true;
    }
    if (this.readOnly.size() >= this.cfg.maxPendingReadIndex) return false;
    this.readOnly.add(this.raftLog.committed, m.from, ctx);
    this.bcastHeartbeat(ctx);
    return true;
  }

  protected releasePendingReadIndex(): void {
    if (
      this.pendingReadIndex.length === 0 ||
      this.raftLog.term(this.raftLog.committed) !== this.term
    )
      return;
    const pending = this.pendingReadIndex;
    this.pendingReadIndex = [];
    for (const m of pending) this.leaderReadIndex(m);
  }

  protected afterConfChange(): void {
    if (this.role !== 'leader') return;
    if (!this.conf.voters.includes(this.id)) {
      // Removed (or demoted) leader: tell the others the commit index, then step down.
      this.bcastAppend();
      this.becomeFollower(this.term, 0);
      return;
    }
    if (this.maybeCommit()) this.bcastAppend();
    else for (const id of this.prs.keys()) if (id !== this.id) this.sendAppend(id, false);
  }
}
