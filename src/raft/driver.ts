/**
 * The Raft driver: the I/O around the pure core (src/raft/core). It owns the real timer, the
 * WAL, the snapshot store and the gRPC transport, and runs the Ready loop in the order the core
 * requires: persist (snapshot, entries, hard state; fsync) → send messages → install snapshot and
 * apply committed entries → advance. Proposals that arrive while a Ready is being persisted are
 * appended by the core meanwhile and all reach the disk in the next single write + fsync (group
 * commit).
 *
 * Public API for the store: {@link RaftDriver.propose} (resolves once the entry is applied, with
 * the state machine's result), {@link RaftDriver.readIndex} (resolves when a linearizable read
 * is safe), membership changes, leadership transfer and {@link RaftDriver.status}.
 *
 * The driver runs over {@link DriverIo} (src/raft/driver-io.ts): `RaftDriver.start` wires the
 * real WAL, snapshot store, gRPC transport and timers; `RaftDriver.create` takes others (the
 * simulation's in-memory ones on virtual time).
 *
 * Proposals are accepted on the leader only: a follower answers RAFT_NOT_LEADER with the
 * leader's id and address, so the caller (the store's API layer) can redirect.
 *
 * @module
 */
import { TsorchError } from '../util/errors.js';
import { raftEntryMaxBytes, raftPendingProposals } from '../util/limits.js';
import { decodeConfChange } from './core/confchange.js';
import type { RaftNode } from './core/node.js';
import { MemoryStorage } from './core/storage.js';
import type { ConfChange, Entry, Message, NodeId, Ready, Snapshot } from './core/types.js';
import {
  createRaftNode,
  nodeScheduler,
  openDiskLog,
  type DriverIo,
  type DriverScheduler,
  type DriverSnapshots,
  type DriverTrace,
  type DriverTransport,
  type DriverWal,
} from './driver-io.js';
import {
  decodeAddressBook,
  envelopeHeaderBytes,
  unwrapProposal,
  unwrapSnapshot,
  wrapProposal,
  wrapSnapshot,
} from './driver-envelope.js';
import { droppedError, notLeaderError, proposeError, stoppedError } from './driver-errors.js';
import { abortError, Waiters } from './driver-waiters.js';
import { RaftTransport, type TransportHandler } from './transport/transport.js';
import {
  withDefaults,
  type CompiledMemberOptions,
  type DriverOptions,
  type DriverStatus,
  type MemberOptions,
} from './driver-options.js';

export type {
  DriverOptions,
  DriverStatus,
  MemberOptions,
  RaftTuning,
  StateMachine,
} from './driver-options.js';

/** A running Raft member. Create with {@link RaftDriver.start}. */
export class RaftDriver<R = unknown> implements TransportHandler {
  /** Port the Raft gRPC server is bound to (0 over injected I/O). */
  port = 0;
  private readonly node: RaftNode;
  private readonly storage: MemoryStorage;
  private readonly transport: DriverTransport;
  private readonly wal: DriverWal;
  private readonly snaps: DriverSnapshots;
  private readonly scheduler: DriverScheduler;
  private readonly trace: DriverTrace;
  private readonly addresses: Map<NodeId, string>;
  private readonly waiters = new Waiters<R>();
  private seq = 0;
  private applied: number;
  private snapshotIndex: number;
  /** The background write of the latest local snapshot, while it runs. */
  private snapshotting: Promise<void> | undefined;
  private cancelTicks: (() => void) | undefined;
  private running = false;
  private scheduled = false;
  private stopped = false;
  private snapshotsInstalled = 0;
  private fatal: Error | undefined;
  private loopDone: Promise<void> = Promise.resolve();

  /** Recovers the state machine and the core from `io.recovered`; starts nothing. */
  private constructor(
    private readonly opts: CompiledMemberOptions<R>,
    io: DriverIo,
  ) {
    this.wal = io.wal;
    this.snaps = io.snapshots;
    this.scheduler = io.scheduler;
    this.trace = io.trace ?? {};
    const { snapshot, hardState, entries } = io.recovered;
    const storage = new MemoryStorage();
    this.storage = storage;
    this.addresses = new Map(opts.peers);
    let applied = 0;
    if (snapshot !== undefined) {
      storage.applySnapshot(snapshot);
      const inner = unwrapSnapshot(snapshot.data);
      for (const [id, addr] of inner.addresses)
        if (!this.addresses.has(id)) this.addresses.set(id, addr);
      opts.stateMachine.restore(inner.data);
      applied = snapshot.meta.index;
    }
    storage.setHardState(hardState);
    storage.append(entries);
    const fresh = snapshot === undefined && entries.length === 0 && hardState.term === 0;
    this.applied = applied;
    this.snapshotIndex = applied;
    this.node = (io.createNode ?? createRaftNode)({
      ...opts.raft,
      id: opts.id,
      storage,
      rng: opts.rng,
      electionTicks: opts.electionTicks,
      heartbeatTicks: opts.heartbeatTicks,
      compactionKeepEntries: opts.compactionKeepEntries,
      applied,
      ...(fresh && opts.bootstrap === true && { peers: [...opts.peers.keys()] }),
    });
    this.transport = io.transport(this);
  }

  /**
   * Recovers state from `dataDir` (snapshot, then WAL), restores the state machine, starts the
   * transport and the tick timer.
   *
   * @throws {TsorchError} RAFT_WAL_CORRUPT when the stored log cannot be trusted.
   */
  static async start<R>(options: DriverOptions<R>): Promise<RaftDriver<R>> {
    const disk = await openDiskLog(options.dataDir, options.cipher);
    let transport: RaftTransport | undefined;
    const driver = new RaftDriver(withDefaults(options), {
      ...disk,
      scheduler: nodeScheduler,
      transport: (handler) =>
        (transport = new RaftTransport(handler, {
          ...(options.serverCredentials && { serverCredentials: options.serverCredentials }),
          ...(options.channelCredentials && { channelCredentials: options.channelCredentials }),
          ...(options.channelOptions && { channelOptions: options.channelOptions }),
        })),
    });
    try {
      if (transport === undefined) throw new Error('unreachable: no transport');
      if (options.server === undefined) driver.port = await transport.listen(options.listenAddress);
      else transport.attach(options.server);
    } catch (err) {
      await disk.wal.close();
      throw err;
    }
    driver.begin();
    return driver;
  }

  /**
   * Starts a member over injected I/O (the simulation's entry; {@link RaftDriver.start} is the
   * production one): recovers from `io.recovered`, then ticks and runs its Ready loop on
   * `io.scheduler`.
   */
  static create<R>(options: MemberOptions<R>, io: DriverIo): RaftDriver<R> {
    const driver = new RaftDriver(withDefaults(options), io);
    driver.begin();
    return driver;
  }

  /** Addresses the peers, starts the tick and the first Ready. */
  private begin(): void {
    for (const [id, addr] of this.addresses)
      if (id !== this.opts.id) this.transport.setPeer(id, addr);
    this.cancelTicks = this.scheduler.every(this.opts.tickIntervalMs, () => {
      this.node.tick();
      this.kick();
    });
    this.kick();
  }

  /**
   * Replicates `data` and resolves once it is applied, with the state machine's result.
   *
   * @throws {TsorchError} RAFT_NOT_LEADER (details: leaderId, leaderAddress) on a follower;
   *   RAFT_PROPOSAL_DROPPED when the entry was not committed (leader change, overload);
   *   RAFT_MESSAGE_TOO_LARGE; RAFT_STOPPED; the signal's reason when aborted.
   */
  propose(
    data: Uint8Array,
    options: { signal?: AbortSignal } = {},
  ): Promise<{ index: number; result: R }> {
    const refused = this.refuse(options.signal);
    if (refused !== undefined) return Promise.reject(refused);
    if (data.length + envelopeHeaderBytes > raftEntryMaxBytes) {
      return Promise.reject(
        new TsorchError(
          'RAFT_MESSAGE_TOO_LARGE',
          `Cannot propose ${data.length} bytes: the limit is ${raftEntryMaxBytes - envelopeHeaderBytes} bytes`,
        ),
      );
    }
    if (this.waiters.proposalCount >= raftPendingProposals) {
      return Promise.reject(
        new TsorchError('RAFT_PROPOSAL_DROPPED', 'Cannot propose: too many proposals in flight', {
          hint: 'Retry after a short delay',
        }),
      );
    }
    // Checked first: the core would forward a follower's proposal to the leader, and a caller
    // told RAFT_NOT_LEADER that retries there would then write twice.
    if (this.node.status().role !== 'leader') return Promise.reject(this.notLeader());
    const seq = ++this.seq;
    const res = this.node.propose(wrapProposal({ proposer: this.opts.id, seq }, data));
    const err = proposeError(res, () => this.notLeader());
    if (err !== undefined || res.kind !== 'appended')
      return Promise.reject(err ?? this.notLeader());
    this.kick();
    return this.waiters.proposal(seq, res.index, options.signal);
  }

  /**
   * Resolves when a read of the state machine reflects every write committed before the call
   * (ReadIndex, Raft §6.4). Works on followers too (the leader confirms the read point).
   *
   * @throws {TsorchError} RAFT_PROPOSAL_DROPPED when no leader is known or leadership changed
   *   (safe to retry); RAFT_STOPPED; the signal's reason when aborted.
   */
  readIndex(options: { signal?: AbortSignal } = {}): Promise<void> {
    const refused = this.refuse(options.signal);
    if (refused !== undefined) return Promise.reject(refused);
    const ctx = wrapProposal({ proposer: this.opts.id, seq: ++this.seq }, new Uint8Array(0));
    if (!this.node.readIndex(ctx)) {
      return Promise.reject(
        new TsorchError('RAFT_PROPOSAL_DROPPED', 'Cannot read: no leader is known', {
          hint: 'Retry once a leader is elected',
        }),
      );
    }
    this.kick();
    return this.waiters
      .read(Buffer.from(ctx).toString('hex'), options.signal)
      .then(() => undefined);
  }

  /** Adds a voter (or a learner) reachable at `address`; resolves once the change is applied. */
  addMember(
    id: NodeId,
    address: string,
    options: { learner?: boolean; signal?: AbortSignal } = {},
  ): Promise<void> {
    const type = options.learner === true ? 'add-learner' : 'add-voter';
    // The change carries the whole address book: members bootstrapped together have no
    // addresses in the log, and the new member must be able to answer any future leader.
    const book = { ...Object.fromEntries(this.addresses), [id]: address };
    return this.changeMembership(
      { type, nodeId: id, context: new TextEncoder().encode(JSON.stringify(book)) },
      options.signal,
    );
  }

  /** Removes a member; resolves once the change is applied. */
  removeMember(id: NodeId, options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.changeMembership({ type: 'remove', nodeId: id }, options.signal);
  }

  /**
   * Asks the leader to hand over to `to` (Raft thesis §3.10).
   *
   * @throws {TsorchError} RAFT_NOT_LEADER on a follower; INVALID_ARGUMENT for an unknown node.
   */
  transferLeadership(to: NodeId): void {
    const refused = this.refuse(undefined);
    if (refused !== undefined) throw refused;
    const res = this.node.transferLeadership(to);
    if (!res.ok) {
      if (res.reason === 'not-leader') throw this.notLeader();
      throw new TsorchError(
        'INVALID_ARGUMENT',
        `Cannot transfer leadership to "${to}": ${res.reason}`,
      );
    }
    this.kick();
  }

  /** The member's current view. */
  status(): DriverStatus {
    const s = this.node.status();
    return {
      id: s.id,
      leader: s.leader,
      leaderAddress: this.addresses.get(s.leader),
      role: s.role,
      term: s.term,
      commit: s.commit,
      applied: this.applied,
      lastIndex: s.lastIndex,
      voters: s.conf.voters,
      learners: s.conf.learners,
      snapshotsInstalled: this.snapshotsInstalled,
      activePeers:
        s.progress === undefined
          ? undefined
          : [...s.progress].filter(([id, p]) => id !== s.id && p.recentActive).map(([id]) => id),
    };
  }

  /** Stops the timer, the Ready loop, the transport and the WAL; pending calls fail RAFT_STOPPED. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelTicks?.();
    await this.loopDone;
    await this.snapshotting;
    this.waiters.failAll(this.fatal ?? stoppedError());
    await this.transport.close();
    await this.wal.close();
  }

  // TransportHandler ----------------------------------------------------------------------------

  /** @internal Messages from peers. */
  receive(messages: Message[]): void {
    if (this.stopped) return;
    for (const m of messages) this.node.step(m);
    this.kick();
  }

  /** @internal */
  reportUnreachable(id: NodeId): void {
    if (!this.stopped) this.node.reportUnreachable(id);
  }

  /** @internal */
  reportSnapshot(id: NodeId, ok: boolean): void {
    if (this.stopped) return;
    this.node.reportSnapshot(id, ok);
    this.kick();
  }

  // Ready loop ----------------------------------------------------------------------------------

  private kick(): void {
    if (this.stopped) return;
    if (this.running || this.scheduled) return;
    // Let proposals and messages of this event-loop turn join the same Ready.
    this.scheduled = true;
    this.scheduler.defer(() => {
      this.scheduled = false;
      if (this.running || this.stopped) return;
      this.loopDone = this.loop();
    });
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      // Work added while a Ready is handled (proposals, messages) shows up in hasReady().
      while (!this.stopped && this.node.hasReady()) await this.handleReady(this.node.ready());
    } catch (err) {
      this.running = false;
      this.fail(err);
      return;
    }
    this.running = false;
  }

  private async handleReady(rd: Ready): Promise<void> {
    this.trace.ready?.(rd);
    const storage = this.storage;
    if (rd.snapshot !== undefined) {
      await this.snaps.save(rd.snapshot);
      await this.wal.saveSnapshotMarker({
        index: rd.snapshot.meta.index,
        term: rd.snapshot.meta.term,
      });
      storage.applySnapshot(rd.snapshot);
    }
    // A leader's appends leave before its own fsync, so both disks write in parallel (Raft
    // thesis §10.2.1); the core counts its own copy towards a commit only after `advance`.
    this.transport.send(rd.earlyMessages);
    // Committed entries already in this member's durable log are applied (and their proposers
    // answered) while this Ready's own entries are being fsynced: they are durable here and on a
    // quorum, so waiting for an unrelated fsync would only add latency.
    let applyNow = 0;
    if (rd.snapshot === undefined) {
      const durable = Math.min(storage.lastIndex(), (rd.entries[0]?.index ?? Infinity) - 1);
      while (applyNow < rd.committed.length && (rd.committed[applyNow]?.index ?? 0) <= durable) {
        applyNow++;
      }
      for (let i = 0; i < applyNow; i++) this.applyEntry(rd.committed[i] as Entry);
    }
    const hs = rd.hardState;
    const prev = storage.hardState();
    if (
      rd.entries.length === 0 &&
      hs !== undefined &&
      hs.term === prev.term &&
      hs.vote === prev.vote
    ) {
      // Only the commit index moved: it can be learned again after a crash, so it rides along
      // with the next fsync instead of costing one before the entries are applied.
      this.wal.deferHardState(hs);
    } else {
      await this.wal.append(rd.entries, hs);
    }
    if (hs !== undefined) storage.setHardState(hs);
    storage.append(rd.entries);
    this.transport.send(rd.messages);
    if (rd.snapshot !== undefined) this.installSnapshot(rd.snapshot);
    for (let i = applyNow; i < rd.committed.length; i++) this.applyEntry(rd.committed[i] as Entry);
    for (const rs of rd.readStates) {
      this.waiters.readState(Buffer.from(rs.requestCtx).toString('hex'), rs.index);
    }
    this.waiters.releaseReads(this.applied);
    if (rd.softState !== undefined && rd.softState.role !== 'leader') {
      this.waiters.failUnconfirmedReads(
        new TsorchError('RAFT_PROPOSAL_DROPPED', 'Cannot read: the leader changed', {
          hint: 'Retry the read',
        }),
      );
    }
    this.node.advance(rd);
    if (
      this.applied - this.snapshotIndex >= this.opts.snapshotEveryEntries &&
      this.snapshotting === undefined
    ) {
      this.takeSnapshot();
    }
  }

  private applyEntry(e: Entry): void {
    if (e.index <= this.applied) return;
    this.applied = e.index;
    this.trace.applied?.(e);
    // A proposal waiting on this index whose entry is not here was replaced by another
    // leader's entry, so it never committed (Raft §5.3).
    const lost = (): Error => droppedError('a new leader overwrote it');
    if (e.type === 'conf-change') {
      this.applyConfChange(decodeConfChange(e.data));
      this.waiters.applied(e.index, undefined, lost);
      return;
    }
    const env = unwrapProposal(e.data);
    if (env === undefined) {
      this.waiters.applied(e.index, undefined, lost); // the leader's empty entry of its term
      return;
    }
    const result = this.opts.stateMachine.apply(env.payload, e.index);
    const mine = env.tag.proposer === this.opts.id ? { seq: env.tag.seq, result } : undefined;
    this.waiters.applied(e.index, mine, lost);
  }

  private applyConfChange(cc: ConfChange): void {
    const key = `${cc.type}:${cc.nodeId}`;
    if (cc.type === 'remove') {
      this.addresses.delete(cc.nodeId);
      this.transport.removePeer(cc.nodeId);
    } else if (cc.context !== undefined && cc.context.length > 0) {
      for (const [id, address] of decodeAddressBook(cc.context)) {
        this.addresses.set(id, address);
        if (id !== this.opts.id) this.transport.setPeer(id, address);
      }
    }
    this.waiters.membershipApplied(key);
  }

  private notLeader(): TsorchError {
    const { leader } = this.node.status();
    return notLeaderError(leader, this.addresses.get(leader));
  }

  /** Why a new request cannot start, or undefined. */
  private refuse(signal: AbortSignal | undefined): Error | undefined {
    if (this.fatal !== undefined) return this.fatal;
    if (this.stopped) return stoppedError();
    if (signal?.aborted === true) return abortError(signal);
    return undefined;
  }

  private changeMembership(cc: ConfChange, signal: AbortSignal | undefined): Promise<void> {
    const refused = this.refuse(signal);
    if (refused !== undefined) return Promise.reject(refused);
    if (this.node.status().role !== 'leader') return Promise.reject(this.notLeader());
    const res = this.node.proposeConfChange(cc);
    const err = proposeError(res, () => this.notLeader());
    if (err !== undefined) return Promise.reject(err);
    this.kick();
    const key = `${cc.type}:${cc.nodeId}`;
    return this.waiters.membershipChange(key, signal).then(() => undefined);
  }

  private installSnapshot(snap: Snapshot): void {
    // Proposals inside the snapshot have an unknown outcome; fail them rather than hang.
    this.waiters.failProposalsUpTo(
      snap.meta.index,
      droppedError('a snapshot replaced the log, outcome unknown'),
    );
    const inner = unwrapSnapshot(snap.data);
    for (const [id, addr] of inner.addresses) {
      this.addresses.set(id, addr);
      if (id !== this.opts.id) this.transport.setPeer(id, addr);
    }
    this.opts.stateMachine.restore(inner.data);
    this.applied = snap.meta.index;
    this.snapshotIndex = snap.meta.index;
    this.snapshotsInstalled++;
    this.trace.snapshotInstalled?.(snap.meta);
  }

  /**
   * Captures the state machine at the applied index and compacts the in-memory log now, then
   * writes the snapshot in the background so commits do not stall on it. The WAL keeps every
   * segment until the snapshot and its marker are durable, so a crash meanwhile loses nothing.
   */
  private takeSnapshot(): void {
    const index = this.applied;
    const data = wrapSnapshot(this.addresses, this.opts.stateMachine.snapshot());
    const snap = this.node.compact(index, data);
    this.snapshotIndex = index;
    this.trace.snapshotTaken?.(snap.meta);
    this.snapshotting = (async () => {
      await this.snaps.save(snap);
      await this.wal.saveSnapshotMarker({ index: snap.meta.index, term: snap.meta.term });
      await this.wal.releaseTo(index);
    })()
      .catch((err: unknown) => {
        this.fail(err);
      })
      .finally(() => {
        this.snapshotting = undefined;
      });
  }

  /** A failed write leaves the log in an unknown state: stop rather than acknowledge anything. */
  private fail(err: unknown): void {
    if (this.fatal === undefined) {
      this.fatal = err instanceof Error ? err : new Error(String(err));
      this.trace.failed?.(this.fatal);
    }
    void this.stop();
  }
}
