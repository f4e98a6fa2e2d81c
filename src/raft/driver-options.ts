/**
 * Options and status shapes of the Raft driver ({@link RaftDriver}), and their defaults.
 *
 * @module
 */
import type { DataCipher } from './wal/cipher.js';
import type * as grpc from './transport/credentials.js';
import type { RaftOptions } from './core/config.js';
import type { NodeId } from './core/types.js';

/** The replicated state machine the driver applies committed entries to. */
export interface StateMachine<R = unknown> {
  /** Applies one committed entry's payload (in log order); the result goes to its proposer. */
  apply(data: Uint8Array, index: number): R;
  /** Serializes the whole state (for a snapshot at the last applied index). */
  snapshot(): Uint8Array;
  /** Replaces the whole state with a snapshot's bytes. */
  restore(data: Uint8Array): void;
}

/** Core options a member may tune beyond the driver's own (defaults suit production). */
export type RaftTuning = Partial<
  Pick<
    RaftOptions,
    | 'preVote'
    | 'checkQuorum'
    | 'maxSizePerMsgBytes'
    | 'maxInflightMsgs'
    | 'maxCommittedSizePerReadyBytes'
    | 'maxUncommittedEntriesBytes'
    | 'maxPendingReadIndex'
    | 'maxLearnerLagEntries'
  >
>;

/** Options of `RaftDriver.create`: a member over injected I/O. */
export interface MemberOptions<R> {
  /** This member's Raft id (> 0). */
  id: NodeId;
  /** Known members' addresses, this one included. */
  peers: ReadonlyMap<NodeId, string>;
  /** Bootstrap a new cluster with `peers` as voters when the data dir is empty. */
  bootstrap?: boolean;
  stateMachine: StateMachine<R>;
  /** Tick period. */
  tickIntervalMs?: number;
  /** Ticks without a leader before an election (randomized in [n, 2n)). */
  electionTicks?: number;
  /** Ticks between heartbeats. */
  heartbeatTicks?: number;
  /** Take a snapshot and compact the log every this many applied entries. */
  snapshotEveryEntries?: number;
  /** Entries kept after a snapshot for slow followers. */
  compactionKeepEntries?: number;
  /** Random source for election jitter. */
  rng?: () => number;
  /** Further core options. */
  raft?: RaftTuning;
}

/** Options of `RaftDriver.start`. */
export interface DriverOptions<R> extends MemberOptions<R> {
  /** Directory holding `wal/` and `snap/`. */
  dataDir: string;
  /** `host:port` the Raft gRPC server listens on (port 0: any free port); unused with `server`. */
  listenAddress: string;
  /**
   * A gRPC server the caller owns and binds (a manager's TCP listener): the Raft service is
   * added to it instead of listening on `listenAddress`.
   */
  server?: grpc.Server;
  /** Injected credentials (mutual TLS in production; insecure on loopback by default). */
  serverCredentials?: grpc.ServerCredentials;
  channelCredentials?: grpc.ChannelCredentials;
  /** Extra options of channels to peers (e.g. the TLS server name to verify). */
  channelOptions?: grpc.ChannelOptions;
  /** Seals WAL entry data and snapshots on disk (encryption at rest, ADR 032). */
  cipher?: DataCipher;
}

/** What `RaftDriver.status` reports. */
export interface DriverStatus {
  id: NodeId;
  leader: NodeId;
  leaderAddress: string | undefined;
  role: string;
  term: number;
  commit: number;
  applied: number;
  lastIndex: number;
  voters: NodeId[];
  learners: NodeId[];
  /** Snapshots received from a leader and installed since start. */
  snapshotsInstalled: number;
  /** On the leader: the peers heard from within the last election timeout; else undefined. */
  activePeers: NodeId[] | undefined;
}

/** {@link MemberOptions} with every driver default filled in. */
export type CompiledMemberOptions<R> = Required<Omit<MemberOptions<R>, 'bootstrap' | 'raft'>> &
  Pick<MemberOptions<R>, 'bootstrap' | 'raft'>;

/** Fills the driver's defaults into `options`. */
export function withDefaults<R>(options: MemberOptions<R>): CompiledMemberOptions<R> {
  return {
    tickIntervalMs: 100,
    electionTicks: 10,
    heartbeatTicks: 1,
    snapshotEveryEntries: 10_000,
    compactionKeepEntries: 5_000,
    rng: Math.random,
    ...options,
  };
}
