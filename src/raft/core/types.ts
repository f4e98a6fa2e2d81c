/**
 * Shared data shapes of the Raft core. The WAL, driver, transport and store code against these,
 * so fields are only ever added, never renamed or removed.
 *
 * @module
 */

/** A Raft member id; always > 0 (0 means "none"). */
export type NodeId = number;

/** What an entry carries: opaque application data, or an encoded {@link ConfChange}. */
export type EntryType = 'normal' | 'conf-change';

/** One log entry. `index` starts at 1; `data` is empty for the leader's no-op entry. */
export interface Entry {
  term: number;
  index: number;
  type: EntryType;
  data: Uint8Array;
}

/** State that must be on stable storage before any message is sent. `vote` 0 means none. */
export interface HardState {
  term: number;
  vote: NodeId;
  commit: number;
}

/** Membership: voters decide elections and commits; learners only receive the log. */
export interface ConfState {
  voters: NodeId[];
  learners: NodeId[];
}

/** What a snapshot covers: everything up to and including `index`. */
export interface SnapshotMeta {
  index: number;
  term: number;
  conf: ConfState;
}

/** A state machine snapshot and its metadata. */
export interface Snapshot {
  meta: SnapshotMeta;
  data: Uint8Array;
}

/** A single-step membership change (Raft §6, one server at a time). */
export interface ConfChange {
  type: 'add-voter' | 'add-learner' | 'remove';
  nodeId: NodeId;
  context?: Uint8Array;
}

/** Every message kind the core exchanges. 'prop' = a follower forwarding a proposal. */
export type MessageType =
  | 'app'
  | 'app-resp'
  | 'vote'
  | 'vote-resp'
  | 'pre-vote'
  | 'pre-vote-resp'
  | 'heartbeat'
  | 'heartbeat-resp'
  | 'snap'
  | 'timeout-now'
  | 'read-index'
  | 'read-index-resp'
  | 'prop';

/** A Raft message. Unused fields are 0 / empty / false. */
export interface Message {
  type: MessageType;
  from: NodeId;
  to: NodeId;
  term: number;
  logTerm: number;
  index: number;
  entries: Entry[];
  commit: number;
  reject: boolean;
  rejectHint: number;
  snapshot?: Snapshot;
  context?: Uint8Array;
}

/** The result of a ReadIndex request: serve the read once applied index >= `index`. */
export interface ReadState {
  index: number;
  requestCtx: Uint8Array;
}

/** Volatile state, reported in a Ready when it changes. `leader` 0 means unknown. */
export interface SoftState {
  leader: NodeId;
  role: 'follower' | 'pre-candidate' | 'candidate' | 'leader';
}

/** Work for the driver; handle it in order, then call `advance(ready)`. */
export interface Ready {
  softState?: SoftState;
  hardState?: HardState;
  /** To append to stable storage BEFORE sending messages. */
  entries: Entry[];
  /** To persist and apply (install). */
  snapshot?: Snapshot;
  /** To apply to the state machine, in order. */
  committed: Entry[];
  /**
   * To send at once, before or while `entries` and `hardState` are persisted: a leader's
   * appends and heartbeats under an already durable term (thesis §10.2.1).
   */
  earlyMessages: Message[];
  /** To send after persisting (votes, acknowledgements, anything under a new term). */
  messages: Message[];
  /** ReadIndex results: serve the read once applied >= index. */
  readStates: ReadState[];
}

/** Why the core refused a proposal; the driver maps these to RAFT_* error codes. */
export type ProposalDropReason =
  | 'no-leader' // no known leader to forward to (RAFT_PROPOSAL_DROPPED)
  | 'leadership-transfer' // the leader is handing over (RAFT_NOT_LEADER, `leader` = the target)
  | 'conf-change-pending' // a conf change is already pending (only one at a time)
  | 'too-large' // reserved: an entry too large to ever send
  | 'invalid-conf-change' // e.g. removing an unknown node, adding an existing voter
  | 'overloaded' // uncommitted entries exceed maxUncommittedEntriesBytes (retry later)
  | 'learner-lagging'; // promoting a learner that has not caught up yet

/**
 * What happened to a proposal: appended to the leader's own log (at `index`, `term`), forwarded to
 * the known leader as a 'prop' message, or dropped (`leader` is a hint; 0 when unknown).
 */
export type ProposeResult =
  | { kind: 'appended'; index: number; term: number }
  | { kind: 'forwarded'; leader: NodeId }
  | { kind: 'dropped'; reason: ProposalDropReason; leader: NodeId };
