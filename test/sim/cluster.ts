/**
 * A deterministic single-process Raft cluster on virtual time. Each node runs the real core
 * with an in-memory "disk" that keeps only what a Ready handler persisted (a crash mid-Ready
 * loses the rest), a KV state machine, and simulated clients whose history is checked for
 * linearizability. Safety checkers run on every Ready.
 *
 * @module
 */
import {
  MemoryStorage,
  RaftNode,
  type Entry,
  type HardState,
  type Message,
  type NodeId,
  type RaftOptions,
  type Ready,
  type Snapshot,
  type SoftState,
} from '../../src/raft/index.js';
import { createPrng, type Prng } from '../../src/util/prng.js';
import { KvStore, decodeCommand, encodeCommand, type KvCommand } from './kv.js';
import { SafetyChecker } from './checkers/safety.js';
import type { KvInput, KvOperation, KvOutput } from './checkers/linearizability.js';
import { canMergeAppends } from '../../src/raft/transport/codec.js';
import { SimNetwork } from './network.js';
import { VirtualClock } from './clock.js';

/** Raft options used by every simulated node. */
export type SimRaftOptions = Partial<Omit<RaftOptions, 'id' | 'storage' | 'rng' | 'peers'>>;

/** What a simulated cluster is made of. */
export interface ClusterOptions {
  seed: number;
  voters: NodeId[];
  raft?: SimRaftOptions;
  /** Take a snapshot and compact when this many entries were applied since the last one. */
  compactEveryEntries?: number;
  /** Probability that a node crashes in the middle of handling a Ready. */
  crashInReadyRate?: number;
  /** A leader sends appends and heartbeats before persisting its own Ready (driver behaviour). */
  leaderEarlySend?: boolean;
  /** Consecutive appends to one peer travel as one message (the gRPC transport's batching). */
  mergeAppends?: boolean;
  clients?: number;
  keys?: number;
  /** Probability per tick that an idle client starts an operation. */
  clientRate?: number;
  /** Ticks a client waits for an answer before giving up (the op stays pending forever). */
  clientTimeoutTicks?: number;
}

/** What survives a crash: only what a Ready handler persisted. */
interface Disk {
  hardState: HardState;
  snapshot: Snapshot | undefined;
  entries: Entry[];
}

/** One simulated machine. */
export interface SimNode {
  id: NodeId;
  raft: RaftNode | undefined;
  storage: MemoryStorage;
  disk: Disk;
  kv: KvStore;
  applied: number;
  reads: { index: number; ctx: string }[];
  bootstrap: NodeId[] | undefined;
  role: SoftState['role'];
}

interface Client {
  id: number;
  node: NodeId;
  seq: number;
  op:
    | { input: KvInput; call: number; seq: number; deadline: number; record: KvOperation }
    | undefined;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A simulated cluster. */
export class SimCluster {
  readonly rng: Prng;
  readonly net: SimNetwork;
  readonly safety = new SafetyChecker();
  readonly nodes = new Map<NodeId, SimNode>();
  readonly history: KvOperation[] = [];
  readonly opts: Required<Omit<ClusterOptions, 'raft'>> & { raft: SimRaftOptions };
  readonly clock = new VirtualClock();
  /** A total order of client events for the linearizability checker. */
  #clock = 0;
  #clients: Client[] = [];
  #pendingReports: (() => void)[] = [];
  clientsActive = true;
  stats = {
    mergedAppends: 0,
    crashes: 0,
    restarts: 0,
    elections: 0,
    applied: 0,
    snapshotsSent: 0,
    confChanges: 0,
    reads: 0,
  };

  /** The current virtual tick. */
  get now(): number {
    return this.clock.now;
  }

  constructor(opts: ClusterOptions) {
    this.opts = {
      compactEveryEntries: 25,
      crashInReadyRate: 0,
      leaderEarlySend: true,
      mergeAppends: false,
      clients: 3,
      keys: 3,
      clientRate: 0.3,
      clientTimeoutTicks: 60,
      raft: {},
      ...opts,
    };
    this.rng = createPrng(opts.seed);
    this.net = new SimNetwork(this.rng.fork());
    for (const id of opts.voters) this.#create(id, opts.voters);
    for (let c = 1; c <= this.opts.clients; c++) {
      this.#clients.push({ id: c, node: this.rng.pick(opts.voters), seq: 0, op: undefined });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Node lifecycle

  #create(id: NodeId, bootstrap: NodeId[] | undefined): SimNode {
    const n: SimNode = {
      id,
      raft: undefined,
      storage: new MemoryStorage(),
      disk: { hardState: { term: 0, vote: 0, commit: 0 }, snapshot: undefined, entries: [] },
      kv: new KvStore(),
      applied: 0,
      reads: [],
      bootstrap,
      role: 'follower',
    };
    this.nodes.set(id, n);
    this.#boot(n);
    return n;
  }

  /** Starts a node from its disk, as a real driver does after a restart. */
  #boot(n: SimNode): void {
    const storage = new MemoryStorage();
    const { disk } = n;
    if (disk.snapshot) storage.applySnapshot(disk.snapshot);
    storage.setHardState(disk.hardState);
    storage.append(disk.entries);
    n.storage = storage;
    n.kv = disk.snapshot ? KvStore.decode(disk.snapshot.data) : new KvStore();
    n.applied = disk.snapshot?.meta.index ?? 0;
    n.reads = [];
    n.role = 'follower';
    this.safety.onRestart(n.id, n.applied);
    const fresh = storage.lastIndex() === 0 && disk.hardState.term === 0;
    const jitter = this.rng.fork();
    n.raft = new RaftNode({
      electionTicks: 10,
      heartbeatTicks: 2,
      maxSizePerMsgBytes: 4096,
      maxInflightMsgs: 8,
      compactionKeepEntries: 2,
      ...this.opts.raft,
      id: n.id,
      storage,
      rng: () => jitter.next(),
      ...(fresh && n.bootstrap ? { peers: n.bootstrap } : {}),
    });
  }

  /** Adds a brand-new empty node that will join when a leader adds it. */
  spawn(id: NodeId): void {
    if (!this.nodes.has(id)) this.#create(id, undefined);
  }

  crash(id: NodeId): void {
    const n = this.nodes.get(id);
    if (!n?.raft) return;
    n.raft = undefined;
    this.stats.crashes++;
    this.net.dropTo(id);
    for (const c of this.#clients) if (c.node === id) this.#abandon(c);
  }

  restart(id: NodeId): void {
    const n = this.nodes.get(id);
    if (!n || n.raft) return;
    this.stats.restarts++;
    this.#boot(n);
  }

  up(id: NodeId): boolean {
    return this.nodes.get(id)?.raft !== undefined;
  }

  /** The live node that believes it leads the highest term, if any. */
  leader(): SimNode | undefined {
    let best: SimNode | undefined;
    let bestTerm = -1;
    for (const n of this.nodes.values()) {
      const s = n.raft?.status();
      if (s?.role === 'leader' && s.term > bestTerm) {
        best = n;
        bestTerm = s.term;
      }
    }
    return best;
  }

  // -------------------------------------------------------------------------------------------
  // Time

  /** Advances virtual time by one tick: clients act, nodes tick, due messages arrive. */
  tick(): void {
    this.clock.advance();
    if (this.clientsActive) this.#clientsStep();
    this.#expireClients();
    for (const n of this.nodes.values()) {
      if (!n.raft) continue;
      n.raft.tick();
      this.#drain(n);
    }
    for (const m of this.net.due(this.now)) this.#deliver(m);
  }

  #deliver(m: Message): void {
    const n = this.nodes.get(m.to);
    if (!n?.raft) return;
    n.raft.step(m);
    this.#drain(n);
  }

  /**
   * Handles every Ready of `n` like the real driver: persist, send, apply, advance. A leader
   * may send its appends and heartbeats before its own fsync (thesis §10.2.1, as the driver
   * does). With `crashInReadyRate` the node may crash at any point of this sequence, losing
   * whatever it had not persisted yet.
   */
  #drain(n: SimNode): void {
    for (let i = 0; i < 1000 && n.raft?.hasReady(); i++) {
      const raft = n.raft;
      const rd = raft.ready();
      if (rd.softState) n.role = rd.softState.role;
      const crashAt = this.rng.chance(this.opts.crashInReadyRate) ? this.rng.int(4) : -1;
      if (crashAt === 0) {
        this.crash(n.id);
        return;
      }
      const early = this.opts.leaderEarlySend ? rd.earlyMessages : [];
      this.#send(early);
      if (crashAt === 1) {
        this.crash(n.id);
        return;
      }
      this.#persist(n, rd);
      this.#check(n, rd);
      if (crashAt === 2) {
        this.crash(n.id);
        return;
      }
      const late = early === rd.earlyMessages ? rd.messages : rd.earlyMessages.concat(rd.messages);
      if (crashAt === 3) {
        this.#send(late.filter(() => this.rng.chance(0.5)));
        this.crash(n.id);
        return;
      }
      this.#send(late);
      this.#apply(n, rd);
      raft.advance(rd);
      for (const r of this.#pendingReports.splice(0)) r();
      this.#maybeCompact(n);
    }
  }

  #persist(n: SimNode, rd: Ready): void {
    const { disk, storage } = n;
    if (rd.snapshot) {
      disk.snapshot = rd.snapshot;
      disk.entries = [];
      storage.applySnapshot(rd.snapshot);
    }
    if (rd.hardState) {
      disk.hardState = rd.hardState;
      storage.setHardState(rd.hardState);
    }
    const first = rd.entries[0];
    if (first) {
      disk.entries = disk.entries.filter((e) => e.index < first.index).concat(rd.entries);
      storage.append(rd.entries);
    }
  }

  #check(n: SimNode, rd: Ready): void {
    for (const e of rd.entries) this.safety.onAppend(n.id, e, n.storage.term(e.index - 1));
    if (rd.softState?.role === 'leader' && n.raft) {
      const s = n.raft.status();
      this.stats.elections++;
      this.safety.onLeader(n.id, s.term);
      const raft = n.raft;
      this.safety.onNewLeader(
        n.id,
        s.term,
        n.storage.firstIndex() - 1,
        (i) => raft.entries(i, i + 1)?.[0]?.term,
      );
    }
  }

  #send(sent: Message[]): void {
    const msgs = this.opts.mergeAppends ? mergeAppends(sent) : sent;
    this.stats.mergedAppends += sent.length - msgs.length;
    for (const m of msgs) {
      const ok = this.net.send(this.now, m) && this.up(m.to);
      if (m.type === 'snap') {
        this.stats.snapshotsSent++;
        const from = this.nodes.get(m.from);
        this.#pendingReports.push(() => from?.raft?.reportSnapshot(m.to, ok));
      } else if (!ok && this.rng.chance(0.3)) {
        const from = this.nodes.get(m.from);
        this.#pendingReports.push(() => from?.raft?.reportUnreachable(m.to));
      }
    }
  }

  #apply(n: SimNode, rd: Ready): void {
    if (rd.snapshot) {
      n.kv = KvStore.decode(rd.snapshot.data);
      n.applied = rd.snapshot.meta.index;
      this.safety.onSnapshot(n.id, rd.snapshot.meta.index, rd.snapshot.meta.term);
    }
    for (const e of rd.committed) {
      if (e.index <= n.applied) continue;
      this.safety.onApply(n.id, e);
      n.applied = e.index;
      this.stats.applied++;
      if (e.type === 'conf-change' && e.index > this.opts.voters.length) this.stats.confChanges++;
      if (e.type !== 'normal' || e.data.length === 0) continue;
      const cmd = decodeCommand(e.data);
      const res = n.kv.apply(cmd);
      if (res) this.#answerWrite(n.id, cmd, res.op === 'cas' ? { ok: res.ok } : { done: true });
    }
    for (const rs of rd.readStates)
      n.reads.push({ index: rs.index, ctx: dec.decode(rs.requestCtx) });
    n.reads = n.reads.filter((r) => {
      if (r.index > n.applied) return true;
      this.#answerRead(n, r.ctx);
      return false;
    });
  }

  #maybeCompact(n: SimNode): void {
    if (!n.raft || n.applied - n.storage.snapshot().meta.index < this.opts.compactEveryEntries)
      return;
    const snap = n.raft.compact(n.applied, n.kv.encode());
    // The driver writes the snapshot durably, then drops the WAL before the compacted index.
    n.disk.snapshot = snap;
    const first = n.storage.firstIndex();
    n.disk.entries = n.disk.entries.filter((e) => e.index >= first);
  }

  // -------------------------------------------------------------------------------------------
  // Clients

  #clientsStep(): void {
    for (const c of this.#clients) {
      if (c.op || !this.rng.chance(this.opts.clientRate)) continue;
      const n = this.nodes.get(c.node);
      if (!n?.raft) {
        c.node = this.rng.pick([...this.nodes.keys()]);
        continue;
      }
      this.#invoke(c, n, n.raft);
    }
  }

  #invoke(c: Client, n: SimNode, raft: RaftNode): void {
    const key = `k${this.rng.int(this.opts.keys)}`;
    const seq = ++c.seq;
    const value = `${c.id}.${seq}`;
    const roll = this.rng.int(10);
    let input: KvInput;
    if (roll < 4) input = { op: 'get', key };
    else if (roll < 7) input = { op: 'put', key, value };
    else {
      const current = n.kv.data.get(key);
      input = { op: 'cas', key, expect: this.rng.chance(0.7) ? current : `${c.id}.0`, value };
    }
    const record: KvOperation = {
      client: c.id,
      input,
      output: undefined,
      call: ++this.#clock,
      ret: Infinity,
    };
    c.op = {
      input,
      call: record.call,
      seq,
      deadline: this.now + this.opts.clientTimeoutTicks,
      record,
    };
    this.history.push(record);
    if (input.op === 'get') {
      this.stats.reads++;
      if (!raft.readIndex(enc.encode(`${c.id}:${seq}`))) this.#fail(c);
    } else {
      const cmd: KvCommand =
        input.op === 'put'
          ? { c: c.id, s: seq, op: 'put', k: key, v: value }
          : { c: c.id, s: seq, op: 'cas', k: key, e: input.expect ?? null, v: value };
      const r = raft.propose(encodeCommand(cmd));
      if (r.kind === 'dropped') this.#fail(c);
    }
    this.#drain(n);
  }

  /** The request was refused outright: it had no effect and leaves the history. */
  #fail(c: Client): void {
    const rec = c.op?.record;
    if (rec) this.history.splice(this.history.indexOf(rec), 1);
    c.op = undefined;
    c.node = this.rng.pick([...this.nodes.keys()]);
  }

  /** The client gives up: the operation stays in the history with no response. */
  #abandon(c: Client): void {
    c.op = undefined;
    c.node = this.rng.pick([...this.nodes.keys()]);
  }

  #expireClients(): void {
    for (const c of this.#clients) if (c.op && c.op.deadline <= this.now) this.#abandon(c);
  }

  #answerWrite(node: NodeId, cmd: KvCommand, out: KvOutput): void {
    const c = this.#clients[cmd.c - 1];
    if (!c?.op || c.node !== node || c.op.seq !== cmd.s) return;
    c.op.record.output = out;
    c.op.record.ret = ++this.#clock;
    c.op = undefined;
  }

  #answerRead(n: SimNode, ctx: string): void {
    const [cid, seq] = ctx.split(':').map(Number) as [number, number];
    const c = this.#clients[cid - 1];
    if (!c?.op || c.node !== n.id || c.op.seq !== seq || c.op.input.op !== 'get') return;
    c.op.record.output = { value: n.kv.data.get(c.op.input.key) };
    c.op.record.ret = ++this.#clock;
    c.op = undefined;
  }

  /** Whether any client still waits for an answer. */
  clientsBusy(): boolean {
    return this.#clients.some((c) => c.op !== undefined);
  }
}

/**
 * Merges consecutive appends to the same peer the way the transport does (its own
 * `canMergeAppends` decides), keeping per-peer order.
 */
function mergeAppends(msgs: Message[]): Message[] {
  const out: Message[] = [];
  const lastTo = new Map<NodeId, number>();
  for (const m of msgs) {
    const at = lastTo.get(m.to);
    const prev = at === undefined ? undefined : out[at];
    if (at !== undefined && prev !== undefined && canMergeAppends(prev, m)) {
      out[at] = {
        ...prev,
        entries: [...prev.entries, ...m.entries],
        commit: Math.max(prev.commit, m.commit),
      };
      continue;
    }
    lastTo.set(m.to, out.length);
    out.push(m);
  }
  return out;
}
