/**
 * In-memory I/O for the real {@link RaftDriver} on virtual time: a disk (WAL records and a
 * snapshot) that survives crashes, and per incarnation of a node the WAL, snapshot store,
 * transport and scheduler the driver runs on. Writes complete ("fsync") when the simulation
 * says so, in order; a crash keeps a random prefix of the writes not yet acknowledged (bytes
 * written but not synced may or may not survive) and loses a deferred hard state. Once a node
 * crashed, every call from its driver is ignored and every promise it waits on stays pending,
 * as if the process were gone.
 *
 * @module
 */
import type {
  DriverScheduler,
  DriverSnapshots,
  DriverTransport,
  DriverWal,
  RecoveredLog,
} from '../../src/raft/io.js';
import type { Entry, HardState, Message, NodeId, Snapshot } from '../../src/raft/index.js';
import type { SnapshotMarker, WalRecord } from '../../src/raft/wal/record.js';
import { Replayer } from '../../src/raft/wal/replay.js';
import type { Prng } from '../../src/util/prng.js';

/** What survives a crash: durable WAL records and the newest durable snapshot. */
export class SimDisk {
  records: WalRecord[] = [];
  snapshot: Snapshot | undefined;

  /** Replays the records the way the real WAL does at start (the real Replayer). */
  recover(): RecoveredLog {
    const replayer = new Replayer();
    for (const r of this.records) replayer.apply(r, 'sim.wal');
    const snap = this.snapshot;
    if (snap) replayer.applySnapshot({ index: snap.meta.index, term: snap.meta.term });
    const { hardState, entries } = replayer.state();
    return { snapshot: snap, hardState, entries };
  }

  /**
   * Drops the oldest records whose entries a durable snapshot at `index` covers, and starts
   * what is left with a header (hard state, snapshot marker), as the real WAL does when it
   * deletes old segments.
   */
  release(index: number): void {
    let marker: SnapshotMarker = { index: 0, term: 0 };
    for (const r of this.records)
      if (r.type === 'snapshot' && r.marker.index > marker.index) marker = r.marker;
    if (marker.index < index) return; // the snapshot's marker is not durable yet
    let hs: HardState = { term: 0, vote: 0, commit: 0 };
    let cut = 0;
    for (const r of this.records) {
      if (r.type === 'entry' && r.entry.index > index) break;
      if (r.type === 'hard-state') hs = r.hardState;
      cut++;
    }
    if (cut === 0) return;
    this.records = [
      { type: 'hard-state', hardState: hs },
      { type: 'snapshot', marker },
      ...this.records.slice(cut),
    ];
  }
}

/** A write in flight: it becomes durable at tick `at` (or in a crash, maybe). */
interface PendingWrite {
  at: number;
  commit: () => void;
  resolve: () => void;
}

/** How the simulation reaches the rest of the cluster from one node's I/O. */
export interface SimWorld {
  readonly now: number;
  readonly rng: Prng;
  /** Probability that the node crashes at a disk write. */
  readonly crashAtWriteRate: number;
  /** Largest fsync duration in ticks. */
  readonly fsyncMaxTicks: number;
  send(from: NodeId, messages: readonly Message[]): void;
  /**
   * The address of a member this node was never told about, found out of band (as a daemon
   * could from the store's node list): a member that lags behind the entry adding a new
   * leader has no other way to answer that leader. Undefined when unknown.
   */
  discover(id: NodeId): string | undefined;
  crash(id: NodeId): void;
  /** Reports a dropped message to `from` later. */
  dropped(from: NodeId, to: NodeId, m: Message | undefined): void;
}

/** Counters of the driver interleavings this incarnation went through. */
export interface IoCounters {
  /** Messages stepped while a WAL write was in flight. */
  stepsDuringFsync: number;
  /** Commit-only hard states the driver deferred instead of syncing. */
  deferredHardStates: number;
  /** Messages sent to a member whose address the driver never learned (see discover). */
  discoveredAddresses: number;
  /** Entries applied while the entries of the Ready applying them were not yet written. */
  appliedBeforeWrite: number;
}

/** One incarnation's WAL, snapshot store, transport and scheduler. */
export class NodeIo implements DriverWal, DriverSnapshots, DriverTransport, DriverScheduler {
  dead = false;
  readonly #wal: PendingWrite[] = [];
  readonly #snaps: PendingWrite[] = [];
  #deferredHs: HardState | undefined;
  #deferredFns: (() => void)[] = [];
  #ticker: (() => void) | undefined;
  readonly peers = new Map<NodeId, string>();
  /** Peers the driver removed: never discovered again. */
  readonly #removed = new Set<NodeId>();
  /** Terms of the log as written (durable or in flight), for the log-matching checker. */
  readonly #terms = new Map<number, number>();
  #lastWritten = 0;
  /** Indexes below this are compacted (unknown to termAt). */
  floor = 0;
  /** Index of the snapshot the driver took locally and is about to save. */
  #localSnapshot = -1;
  /** The Ready being handled has entries that append() has not received yet. */
  #readyUnwritten = false;

  constructor(
    readonly id: NodeId,
    readonly disk: SimDisk,
    private readonly world: SimWorld,
    readonly counters: IoCounters,
    private readonly onAppend: (e: Entry, prevTerm: number | undefined) => void,
  ) {
    const { snapshot, entries } = disk.recover();
    if (snapshot) this.#resetView(snapshot.meta.index, snapshot.meta.term);
    this.#viewAppend(entries);
  }

  // DriverWal ------------------------------------------------------------------------------

  append(entries: readonly Entry[], hardState?: HardState): Promise<void> {
    this.#readyUnwritten = false;
    let hs = hardState;
    if (hs === undefined && this.#deferredHs !== undefined) hs = this.#deferredHs;
    this.#deferredHs = undefined;
    if (entries.length === 0 && hs === undefined) return Promise.resolve();
    this.#viewAppend(entries);
    for (const e of entries) this.onAppend(e, this.termAt(e.index - 1));
    const records: WalRecord[] = entries.map((entry) => ({ type: 'entry', entry }));
    if (hs !== undefined) records.push({ type: 'hard-state', hardState: hs });
    return this.#write(this.#wal, () => this.disk.records.push(...records));
  }

  deferHardState(hardState: HardState): void {
    if (this.dead) return;
    this.counters.deferredHardStates++;
    this.#deferredHs = hardState;
  }

  saveSnapshotMarker(marker: SnapshotMarker): Promise<void> {
    return this.#write(this.#wal, () => this.disk.records.push({ type: 'snapshot', marker }));
  }

  releaseTo(index: number): Promise<unknown> {
    if (!this.dead) this.disk.release(index);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  // DriverSnapshots ------------------------------------------------------------------------

  save(snapshot: Snapshot): Promise<void> {
    // A leader's snapshot replaces the whole log (Raft §7); a local one only compacts it.
    if (!this.dead && snapshot.meta.index !== this.#localSnapshot)
      this.#resetView(snapshot.meta.index, snapshot.meta.term);
    return this.#write(this.#snaps, () => {
      if (snapshot.meta.index > (this.disk.snapshot?.meta.index ?? 0))
        this.disk.snapshot = snapshot;
    });
  }

  // DriverTransport ------------------------------------------------------------------------

  setPeer(id: NodeId, address: string): void {
    this.peers.set(id, address);
  }

  removePeer(id: NodeId): void {
    this.peers.delete(id);
    this.#removed.add(id);
  }

  send(messages: readonly Message[]): void {
    if (this.dead) return;
    const routed: Message[] = [];
    for (const m of messages) {
      const known = this.peers.has(m.to);
      if (known || (!this.#removed.has(m.to) && this.world.discover(m.to) !== undefined)) {
        if (!known) this.counters.discoveredAddresses++;
        routed.push(m);
      } else {
        this.world.dropped(this.id, m.to, m); // no address for it: the transport drops it
      }
    }
    this.world.send(this.id, routed);
  }

  // DriverScheduler ------------------------------------------------------------------------

  every(_intervalMs: number, fn: () => void): () => void {
    this.#ticker = fn;
    return () => {
      this.#ticker = undefined;
    };
  }

  defer(fn: () => void): void {
    if (!this.dead) this.#deferredFns.push(fn);
  }

  // Driven by the simulation ---------------------------------------------------------------

  /** The driver starts a Ready that carries `entries` new entries. */
  readyStarted(entries: number): void {
    this.#readyUnwritten = entries > 0;
  }

  /** The driver applied an entry: counts it when its Ready's own entries are not written yet. */
  appliedOne(): void {
    if (this.#readyUnwritten) this.counters.appliedBeforeWrite++;
  }

  /** The driver took a snapshot of its own state at `index` (it saves it next). */
  tookSnapshot(index: number): void {
    this.#localSnapshot = index;
  }

  /** One virtual tick of the driver's timer. */
  tick(): void {
    if (!this.dead) this.#ticker?.();
  }

  /** Whether a WAL write is in flight (the driver awaits its fsync). */
  syncing(): boolean {
    return this.#wal.length > 0;
  }

  /** Runs deferred turns and completes the writes due by now; returns whether anything ran. */
  runDue(): boolean {
    if (this.dead) return false;
    let ran = false;
    for (const q of [this.#wal, this.#snaps]) {
      while (q.length > 0 && (q[0] as PendingWrite).at <= this.world.now) {
        const w = q.shift() as PendingWrite;
        w.commit();
        w.resolve();
        ran = true;
      }
    }
    const fns = this.#deferredFns;
    this.#deferredFns = [];
    for (const fn of fns) fn();
    return ran || fns.length > 0;
  }

  /** The process dies: a random prefix of the unsynced writes reached the disk. */
  kill(): void {
    if (this.dead) return;
    this.dead = true;
    for (const q of [this.#wal, this.#snaps]) {
      for (const w of q) {
        if (!this.world.rng.chance(0.5)) break;
        w.commit();
      }
      q.length = 0;
    }
    this.#deferredFns = [];
    this.#ticker = undefined;
  }

  /** Term at `index` in the log as written; undefined when compacted or unknown. */
  termAt(index: number): number | undefined {
    return index < this.floor ? undefined : this.#terms.get(index);
  }

  #write(queue: PendingWrite[], commit: () => void): Promise<void> {
    if (this.dead) return new Promise(() => undefined);
    if (this.world.rng.chance(this.world.crashAtWriteRate)) {
      this.world.crash(this.id);
      return new Promise(() => undefined);
    }
    const last = queue[queue.length - 1]?.at ?? 0;
    const delay = this.world.rng.chance(0.6) ? 0 : 1 + this.world.rng.int(this.world.fsyncMaxTicks);
    return new Promise((resolve) => {
      queue.push({ at: Math.max(last, this.world.now + delay), commit, resolve });
    });
  }

  #viewAppend(entries: readonly Entry[]): void {
    const first = entries[0];
    if (first === undefined) return;
    for (let i = first.index; i <= this.#lastWritten; i++) this.#terms.delete(i);
    for (const e of entries) this.#terms.set(e.index, e.term);
    this.#lastWritten = (entries[entries.length - 1] as Entry).index;
  }

  #resetView(index: number, term: number): void {
    this.#terms.clear();
    this.#terms.set(index, term);
    this.floor = index;
    this.#lastWritten = index;
  }
}
