/**
 * Limits on everything (TigerBeetle): every queue, stream, retry and loop has a bound, named
 * with its unit last. Modules add their limits here so they are reviewed in one place.
 *
 * @module
 */

/** Deadline for a unary gRPC call from the CLI to the local daemon. */
export const cliUnaryDeadlineMs = 30_000;

/** Deadline for connecting to the local daemon's socket. */
export const cliConnectDeadlineMs = 2_000;

/** Largest gRPC message the daemon and CLI accept. */
export const grpcMaxMessageBytes = 64 * 1024 * 1024;

/** Time the daemon waits for in-flight calls at shutdown before forcing. */
export const daemonShutdownGraceMs = 10_000;

// raft storage, driver and transport (src/raft/wal, driver.ts, transport/)

/** Size past which the Raft WAL starts a new segment file. */
export const walSegmentBytes = 64 * 1024 * 1024;

/** Largest WAL record accepted on replay; a bigger length field is treated as garbage. */
export const walMaxRecordBytes = 64 * 1024 * 1024;

/** Snapshots kept on disk; older ones are deleted after a new one is durable. */
export const raftSnapshotsKept = 2;

/** Messages queued per peer before the transport drops and reports the peer unreachable. */
export const raftPeerQueueMessages = 4096;

/** Largest batch of Raft messages sent in one gRPC stream write. */
export const raftBatchMaxBytes = 4 * 1024 * 1024;

/** Chunk size of a streamed snapshot. */
export const raftSnapshotChunkBytes = 1024 * 1024;

/** Proposals waiting to be applied per driver before new ones are refused. */
export const raftPendingProposals = 100_000;

// store (src/store)

/** Committed store events kept in memory so a watch can resume from an older version. */
export const storeWatchHistoryEvents = 10_000;

/** Events queued for one watch subscriber before it is closed as too slow. */
export const storeWatchQueueEvents = 10_000;

/** Largest payload of one secret or config (swarmkit's limit). */
export const storeSecretDataMaxBytes = 500 * 1024;

/** Most writes in one store transaction (one Raft entry). */
export const storeTransactionMaxOps = 10_000;

/** Linearizable reads waiting for the applied index at once. */
export const storeReadWaitersMax = 10_000;
