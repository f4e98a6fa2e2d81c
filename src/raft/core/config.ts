/**
 * Options of a {@link RaftNode}, compiled once into a fully defaulted, validated shape.
 *
 * @module
 */
import { InvalidArgumentError } from '../../util/errors.js';
import type { MemoryStorage } from './storage.js';
import type { NodeId } from './types.js';

/** What a caller passes to create a node. */
export interface RaftOptions {
  /** This node's id (> 0). */
  id: NodeId;
  /**
   * Voters of a brand-new cluster. Only used when storage is empty: the node then writes one
   * conf-change entry per peer (term 1), as etcd's bootstrap does. Omit to join an existing
   * cluster (the leader sends the log or a snapshot) or to restart from storage.
   */
  peers?: NodeId[];
  /** Learners of a brand-new cluster (with `peers`). */
  learners?: NodeId[];
  /** The stable log; filled from the WAL by the driver before creating the node. */
  storage: MemoryStorage;
  /** Ticks without hearing from a leader before campaigning (randomized in [n, 2n)). */
  electionTicks?: number;
  /** Ticks between leader heartbeats; must be < electionTicks. */
  heartbeatTicks?: number;
  /** Seeded random source in [0, 1) for election jitter. */
  rng: () => number;
  /** Run a pre-election before bumping the term (Raft thesis §9.6). */
  preVote?: boolean;
  /** A leader steps down when it has not heard from a quorum for an election timeout. */
  checkQuorum?: boolean;
  /** Upper bound on the entries carried by one append message (a single entry may exceed it). */
  maxSizePerMsgBytes?: number;
  /** Append messages in flight per follower in replicate state. */
  maxInflightMsgs?: number;
  /** Bound on the committed entries handed out in one Ready. */
  maxCommittedSizePerReadyBytes?: number;
  /** Bound on appended-but-unapplied entries on the leader; beyond it proposals are dropped. */
  maxUncommittedEntriesBytes?: number;
  /** ReadIndex requests a leader holds at once (waiting for a commit in its term or a heartbeat round). */
  maxPendingReadIndex?: number;
  /** A learner may be promoted to voter when it lags the commit index by at most this. */
  maxLearnerLagEntries?: number;
  /** Entries kept after a snapshot by compact() so slow followers can catch up from the log. */
  compactionKeepEntries?: number;
  /** Index the state machine has already applied (restart); defaults to the snapshot index. */
  applied?: number;
}

/** Options after defaults. */
export type RaftConfig = Required<Omit<RaftOptions, 'peers' | 'learners' | 'applied'>> &
  Pick<RaftOptions, 'peers' | 'learners' | 'applied'>;

function positiveInt(name: string, v: number): number {
  if (!Number.isSafeInteger(v) || v <= 0) {
    throw new InvalidArgumentError(
      `Invalid raft option "${name}": must be a positive integer, got "${v}"`,
    );
  }
  return v;
}

/**
 * Validates options and fills defaults.
 *
 * @throws {InvalidArgumentError} naming the offending option.
 */
export function compileRaftConfig(o: RaftOptions): RaftConfig {
  const cfg: RaftConfig = {
    id: positiveInt('id', o.id),
    storage: o.storage,
    electionTicks: positiveInt('electionTicks', o.electionTicks ?? 10),
    heartbeatTicks: positiveInt('heartbeatTicks', o.heartbeatTicks ?? 1),
    rng: o.rng,
    preVote: o.preVote ?? true,
    checkQuorum: o.checkQuorum ?? true,
    maxSizePerMsgBytes: positiveInt('maxSizePerMsgBytes', o.maxSizePerMsgBytes ?? 1024 * 1024),
    maxInflightMsgs: positiveInt('maxInflightMsgs', o.maxInflightMsgs ?? 256),
    maxCommittedSizePerReadyBytes: positiveInt(
      'maxCommittedSizePerReadyBytes',
      o.maxCommittedSizePerReadyBytes ?? 64 * 1024 * 1024,
    ),
    maxUncommittedEntriesBytes: positiveInt(
      'maxUncommittedEntriesBytes',
      o.maxUncommittedEntriesBytes ?? 256 * 1024 * 1024,
    ),
    maxPendingReadIndex: positiveInt('maxPendingReadIndex', o.maxPendingReadIndex ?? 4096),
    maxLearnerLagEntries: o.maxLearnerLagEntries ?? 1000,
    compactionKeepEntries: o.compactionKeepEntries ?? 1000,
  };
  if (cfg.heartbeatTicks >= cfg.electionTicks) {
    throw new InvalidArgumentError(
      `Invalid raft option "heartbeatTicks": must be less than electionTicks (${cfg.electionTicks}), got "${cfg.heartbeatTicks}"`,
    );
  }
  for (const [name, v] of [
    ['maxLearnerLagEntries', cfg.maxLearnerLagEntries],
    ['compactionKeepEntries', cfg.compactionKeepEntries],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new InvalidArgumentError(
        `Invalid raft option "${name}": must be a non-negative integer, got "${v}"`,
      );
    }
  }
  if (o.peers !== undefined) cfg.peers = o.peers;
  if (o.learners !== undefined) cfg.learners = o.learners;
  if (o.applied !== undefined) cfg.applied = o.applied;
  return cfg;
}
