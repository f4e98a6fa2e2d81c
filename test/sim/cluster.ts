/**
 * A deterministic single-process Raft cluster on virtual time. Each node is the real
 * {@link RaftDriver} (and so the real core, Ready loop, waiters and envelopes) over in-memory
 * I/O ({@link NodeIo}): a WAL and snapshot store whose fsyncs complete when the simulation
 * says, a transport into the simulated network, and a scheduler driven by virtual ticks. A KV
 * state machine serves simulated clients that call `propose` and `readIndex` like the store
 * does; their history is checked for linearizability. Safety checkers watch every write and
 * every applied entry.
 *
 * @module
 */
import type { Message, NodeId, RaftNode, RaftOptions } from '../../src/raft/index.js';
import { RaftDriver, type RaftTuning } from '../../src/raft/io.js';
import { createPrng, type Prng } from '../../src/util/prng.js';
import { SafetyChecker } from './checkers/safety.js';
import type { KvOperation } from './checkers/linearizability.js';
import { SimClients } from './clients.js';
import { VirtualClock } from './clock.js';
import { KvMachine, type SimDriver } from './kv.js';
import { SimNetwork } from './network.js';
import { NodeIo, SimDisk, type IoCounters, type SimWorld } from './sim-io.js';
import { emptyStats, type SimStats } from './stats.js';
import { SimTransportRouter, type RouterHost } from './transport.js';

/** Raft options used by every simulated node. */
export type SimRaftOptions = RaftTuning & { electionTicks?: number; heartbeatTicks?: number };

/** What a simulated cluster is made of. */
export interface ClusterOptions {
  seed: number;
  voters: NodeId[];
  raft?: SimRaftOptions;
  /** Take a snapshot and compact when this many entries were applied since the last one. */
  compactEveryEntries?: number;
  /** Probability that a node crashes at a disk write (in the middle of handling a Ready). */
  crashInReadyRate?: number;
  /** Largest fsync duration in ticks (most complete at once). */
  fsyncMaxTicks?: number;
  /** Consecutive appends to one peer travel as one message (the gRPC transport's batching). */
  mergeAppends?: boolean;
  clients?: number;
  keys?: number;
  /** Probability per tick that an idle client starts an operation. */
  clientRate?: number;
  /** Ticks a client waits for an answer before giving up (the op stays pending forever). */
  clientTimeoutTicks?: number;
  /** Builds the core; a test passes a variant with a planted bug. */
  createNode?: (options: RaftOptions) => RaftNode;
}

/** One simulated machine: its disk survives crashes, the rest is one incarnation. */
export interface SimNode {
  id: NodeId;
  disk: SimDisk;
  driver: SimDriver | undefined;
  io: NodeIo | undefined;
  kv: KvMachine;
  bootstrap: boolean;
  /** Highest term this node was seen leading (election checks run once per term). */
  ledTerm: number;
  /** Commit index last seen while it led `ledTerm`. */
  ledCommit: number;
}

/** Bound on settle rounds within one tick, so a livelock fails the run instead of hanging. */
const maxSettleRounds = 10_000;

/** Lets every pending promise continuation run (nothing else is queued in a simulation). */
function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A simulated cluster. */
export class SimCluster implements SimWorld, RouterHost {
  readonly rng: Prng;
  readonly net: SimNetwork;
  readonly safety = new SafetyChecker();
  readonly nodes = new Map<NodeId, SimNode>();
  readonly opts: Required<Omit<ClusterOptions, 'raft' | 'createNode'>> &
    Pick<ClusterOptions, 'raft' | 'createNode'>;
  readonly clock = new VirtualClock();
  readonly clients: SimClients;
  readonly stats: SimStats = emptyStats();
  readonly #router: SimTransportRouter;
  readonly #counters: IoCounters = {
    stepsDuringFsync: 0,
    deferredHardStates: 0,
    discoveredAddresses: 0,
    appliedBeforeWrite: 0,
  };
  /** Conf-change indexes applied somewhere (each counted once). */
  readonly #confChanges = new Set<number>();
  clientsActive = true;
  crashAtWriteRate: number;
  /** The first violation or driver failure; thrown by the tick that saw it. */
  #failure: Error | undefined;

  constructor(opts: ClusterOptions) {
    this.opts = {
      compactEveryEntries: 25,
      crashInReadyRate: 0,
      fsyncMaxTicks: 2,
      mergeAppends: false,
      clients: 3,
      keys: 3,
      clientRate: 0.3,
      clientTimeoutTicks: 60,
      ...opts,
    };
    this.crashAtWriteRate = this.opts.crashInReadyRate;
    this.rng = createPrng(opts.seed);
    this.net = new SimNetwork(this.rng.fork());
    this.#router = new SimTransportRouter(this, this.opts.mergeAppends);
    for (const id of opts.voters) this.#create(id, true);
    this.clients = new SimClients(this, this.rng.fork());
  }

  /** The current virtual tick. */
  get now(): number {
    return this.clock.now;
  }

  /** Linearizability history of the clients. */
  get history(): KvOperation[] {
    return this.clients.history;
  }

  get fsyncMaxTicks(): number {
    return this.opts.fsyncMaxTicks;
  }

  // -------------------------------------------------------------------------------------------
  // Node lifecycle

  #create(id: NodeId, bootstrap: boolean): SimNode {
    const n: SimNode = {
      id,
      disk: new SimDisk(),
      driver: undefined,
      io: undefined,
      kv: new KvMachine(),
      bootstrap,
      ledTerm: 0,
      ledCommit: 0,
    };
    this.nodes.set(id, n);
    this.#boot(n);
    return n;
  }

  /** Starts a node's driver from its disk, as a restarted process does. */
  #boot(n: SimNode): void {
    const io = new NodeIo(n.id, n.disk, this, this.#counters, (e, prevTerm) => {
      this.#guard(() => {
        this.safety.onAppend(n.id, e, prevTerm);
      });
    });
    const kv = new KvMachine();
    const recovered = n.disk.recover();
    this.safety.onRestart(n.id, recovered.snapshot?.meta.index ?? 0);
    const { electionTicks = 10, heartbeatTicks = 2, ...raft } = this.opts.raft ?? {};
    const jitter = this.rng.fork();
    const live = (): boolean => n.io === io;
    n.io = io;
    n.kv = kv;
    n.ledTerm = 0;
    n.ledCommit = 0;
    n.driver = RaftDriver.create(
      {
        id: n.id,
        peers: this.#addressBook(n.id, n.bootstrap),
        bootstrap: n.bootstrap,
        stateMachine: kv,
        electionTicks,
        heartbeatTicks,
        snapshotEveryEntries: this.opts.compactEveryEntries,
        compactionKeepEntries: 2,
        rng: () => jitter.next(),
        raft: { maxSizePerMsgBytes: 4096, maxInflightMsgs: 8, ...raft },
      },
      {
        wal: io,
        snapshots: io,
        recovered,
        transport: () => io,
        scheduler: io,
        ...(this.opts.createNode && { createNode: this.opts.createNode }),
        trace: {
          ready: (rd) => {
            if (live()) io.readyStarted(rd.entries.length);
          },
          applied: (e) => {
            if (!live()) return;
            io.appliedOne();
            this.#guard(() => {
              this.safety.onApply(n.id, e);
            });
            this.stats.applied++;
            if (e.type === 'conf-change' && e.index > this.opts.voters.length)
              this.#confChanges.add(e.index);
          },
          snapshotInstalled: (meta) => {
            if (!live()) return;
            this.#guard(() => {
              this.safety.onSnapshot(n.id, meta.index, meta.term);
            });
            this.stats.snapshotsInstalled++;
          },
          snapshotTaken: (meta) => {
            if (!live()) return;
            io.tookSnapshot(meta.index);
            this.stats.snapshotsTaken++;
          },
          failed: (err) => {
            if (live())
              this.#failure ??= new Error(`node ${n.id} stopped: ${err.message}`, { cause: err });
          },
        },
      },
    );
  }

  /** Addresses a node starts with: the initial voters, or every member for a joiner. */
  #addressBook(id: NodeId, bootstrap: boolean): Map<NodeId, string> {
    const ids = bootstrap ? this.opts.voters : [...this.nodes.keys()];
    return new Map([...ids, id].map((i) => [i, `sim://${i}`]));
  }

  /** Adds a brand-new empty node that will join when a leader adds it. */
  spawn(id: NodeId): void {
    if (!this.nodes.has(id)) this.#create(id, false);
  }

  /** Kills a node's process now: unsynced writes may be lost, its clients give up. */
  crash(id: NodeId): void {
    const n = this.nodes.get(id);
    if (!n?.io || n.io.dead) return;
    n.io.kill();
    n.driver = undefined;
    this.stats.crashes++;
    this.#router.lostTo(id);
    this.clients.nodeCrashed(id);
  }

  /** Starts a crashed node again from its disk. */
  restart(id: NodeId): void {
    const n = this.nodes.get(id);
    if (!n || n.driver) return;
    this.stats.restarts++;
    this.#boot(n);
  }

  up(id: NodeId): boolean {
    return this.nodes.get(id)?.driver !== undefined;
  }

  /** The live node that believes it leads the highest term, if any. */
  leader(): SimNode | undefined {
    let best: SimNode | undefined;
    let bestTerm = -1;
    for (const n of this.nodes.values()) {
      const s = n.driver?.status();
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
  async tick(): Promise<void> {
    this.clock.advance();
    if (this.clientsActive) this.clients.step();
    this.clients.expire(this.now);
    for (const n of this.nodes.values()) n.io?.tick();
    this.#router.deliverDue();
    await this.settle();
  }

  /**
   * Runs every node until nothing is left to do at this tick: deferred Ready loops, fsyncs due
   * now, and the promise continuations they release. Then checks elections.
   */
  async settle(): Promise<void> {
    for (let round = 0; round < maxSettleRounds; round++) {
      await flushMicrotasks();
      let ran = false;
      for (const n of this.nodes.values()) if (n.io?.runDue() === true) ran = true;
      if (!ran) {
        this.#checkLeaders();
        if (this.#failure) throw this.#failure;
        return;
      }
    }
    throw new Error(`no quiescence within ${maxSettleRounds} rounds at tick ${this.now}`);
  }

  /** Hands `messages` of `from` to the network (SimWorld). */
  send(from: NodeId, messages: readonly Message[]): void {
    this.#router.send(from, messages);
  }

  /** Reports a message `from` could not send (SimWorld). */
  dropped(from: NodeId, to: NodeId, m: Message | undefined): void {
    this.#router.dropped(from, to, m);
  }

  /** A member's address found out of band (SimWorld). */
  discover(id: NodeId): string | undefined {
    return this.nodes.has(id) ? `sim://${id}` : undefined;
  }

  /** The live driver of `id` (RouterHost). */
  driverOf(id: NodeId): SimDriver | undefined {
    return this.nodes.get(id)?.driver;
  }

  /** Counts a message stepped into `id` while its WAL write is in flight. */
  noteStep(id: NodeId): void {
    if (this.nodes.get(id)?.io?.syncing() === true) this.#counters.stepsDuringFsync++;
  }

  /** The run's counters, interleavings included. */
  finalStats(): SimStats {
    return {
      ...this.stats,
      confChanges: this.#confChanges.size,
      stepsDuringFsync: this.#counters.stepsDuringFsync,
      deferredHardStates: this.#counters.deferredHardStates,
      discoveredAddresses: this.#counters.discoveredAddresses,
      appliedBeforeWrite: this.#counters.appliedBeforeWrite,
      mergedAppends: this.#router.mergedAppends,
      snapshotsSent: this.#router.snapshotsSent,
    };
  }

  /**
   * Runs a check that the driver calls into (through its I/O or trace): the driver would take
   * an exception for its own failure and stop, so the first one is kept and thrown by settle.
   */
  #guard(check: () => void): void {
    try {
      check();
    } catch (err) {
      this.#failure ??= err instanceof Error ? err : new Error(String(err));
    }
  }

  /**
   * Election safety and leader completeness once per new leader and term; the commit rule
   * whenever a leader's commit index moved since the last settle.
   */
  #checkLeaders(): void {
    for (const n of this.nodes.values()) {
      const s = n.driver?.status();
      const io = n.io;
      if (s?.role !== 'leader' || s.term < n.ledTerm || !io) continue;
      if (s.term > n.ledTerm) {
        n.ledTerm = s.term;
        n.ledCommit = s.commit;
        this.stats.elections++;
        this.safety.onLeader(n.id, s.term);
        this.safety.onNewLeader(n.id, s.term, io.floor, (i) => io.termAt(i));
      } else if (s.commit > n.ledCommit) {
        n.ledCommit = s.commit;
        this.safety.onLeaderCommit(n.id, s.term, s.commit, io.termAt(s.commit));
      }
    }
  }
}
