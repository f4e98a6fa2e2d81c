/**
 * Limits on everything (TigerBeetle): every queue, stream, retry and loop has a bound, named
 * with its unit last. Modules add their limits here so they are reviewed in one place.
 *
 * @module
 */

/** Deadline for a unary gRPC call from the CLI to the local daemon. */
export const cliUnaryDeadlineMs = 30_000;

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

/** Largest snapshot a member accepts from the leader. */
export const raftSnapshotMaxBytes = 1024 * 1024 * 1024;

/** Largest proposal (one entry's data); bigger ones fail with RAFT_MESSAGE_TOO_LARGE. */
export const raftEntryMaxBytes = 16 * 1024 * 1024;

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

// runtime and cgroups (src/agent/runtime, src/agent/cgroups)

/** Deadline for one OCI runtime command (runc/crun create, start, kill, delete, state, ...). */
export const runtimeCommandTimeoutMs = 30_000;

/** Output kept from one runtime command (stdout, stderr, captured exec output), each. */
export const runtimeOutputMaxBytes = 1024 * 1024;

/** Characters of a runtime's stderr kept in a RuntimeError. */
export const runtimeStderrTailChars = 2000;

/** Most entries accepted in one image layer tar. */
export const imageLayerMaxEntryCount = 1_000_000;

/** Largest manifest, index or image config accepted (they are read into memory). */
export const imageMetadataMaxBytes = 4 * 1024 * 1024;

/** Parsed image manifests and configs kept in memory (content-addressed, never stale). */
export const imageMetadataCacheCount = 512;

/** Layer blobs downloaded or uploaded at once by one pull or push. */
export const imageTransferConcurrency = 3;

/** Registry repositories remembered per blob as places to mount it from on push. */
export const blobSourcesPerBlobCount = 4;

/** Blobs whose registry sources are remembered (the least recently recorded are forgotten). */
export const blobSourcesMaxBlobCount = 20_000;

/** Attempts to download one blob, each resuming where the last stopped (HTTP Range). */
export const imageBlobDownloadMaxAttempts = 5;

/** Time a registry has to send response headers before the request fails. */
export const imageRegistryHeadersTimeoutMs = 30_000;

/** Time a registry may stay silent in the middle of a response body. */
export const imageRegistryBodyTimeoutMs = 60_000;

/** Uploads above this size are sent in chunks (PATCH) instead of one PUT. */
export const imageUploadChunkBytes = 32 * 1024 * 1024;

/** Layers stacked in one container root filesystem (overlay mount options fit in a page). */
export const imageMaxLayerCount = 200;

// image build (src/image/build)

/** Layers in one build's image (Docker's limit is 125); overlay link names keep mounts short. */
export const imageBuildMaxLayerCount = 125;

/** Bytes of a failed RUN step's output quoted in its error. */
export const imageBuildRunOutputTailBytes = 4096;

/** Entries walked in one build context (files, directories, links). */
export const imageBuildMaxContextEntryCount = 1_000_000;

/** Symlinks followed while resolving one path inside an image's root filesystem. */
export const imageBuildMaxSymlinkHops = 40;

/** Time one RUN step may take before it is killed. */
export const imageBuildRunTimeoutMs = 30 * 60_000;

/** Largest Dockerfile or `.dockerignore` read from a build context. */
export const imageBuildDockerfileMaxBytes = 1024 * 1024;

/** Largest text file (`/etc/passwd`, `/etc/group`) read from an image during a build. */
export const imageBuildMetadataFileMaxBytes = 16 * 1024 * 1024;

// untrusted archives and layers (src/image/archive.ts, layers.ts, build/add-archive.ts)

/** Largest layer blob (as stored, usually gzip) unpacked. */
export const imageLayerMaxBytes = 8 * 1024 ** 3;

/** Largest uncompressed layer tar unpacked (caps decompression bombs). */
export const imageLayerMaxUncompressedBytes = 32 * 1024 ** 3;

/** Largest image archive file (`image load`) or local archive of an `ADD` step. */
export const imageArchiveMaxBytes = 16 * 1024 ** 3;

/** Largest uncompressed tar stream of an image archive or of an `ADD` archive. */
export const imageArchiveMaxUncompressedBytes = 64 * 1024 ** 3;

/** Largest build context a client may send as a tar stream (and its unpacked size). */
export const buildContextMaxBytes = 8 * 1024 ** 3;

// containers (src/agent/containers, shim, logs, health)

/** Time to compile the C shim on first use. */
export const shimCompileTimeoutMs = 60_000;

/** Time the shim has to report that the runtime created the container. */
export const shimReportTimeoutMs = 60_000;

/** Size at which a container's log file rotates (docker json-file max-size). */
export const containerLogMaxBytes = 10 * 1024 * 1024;

/** Log files kept per container, the current one included (docker json-file max-file). */
export const containerLogMaxFiles = 3;

/** Most log files a container may keep (`--log-opt max-file`). */
export const containerLogMaxFilesLimit = 100;

/** Largest payload of one frame on a shim's attach socket (tsorch-shim.c ATTACH_FRAME_MAX). */
export const attachFrameMaxBytes = 32 * 1024;

/** Time to connect to a container's attach socket. */
export const attachConnectTimeoutMs = 5_000;

/** Bounds of the interval between `stats` samples. */
export const statsIntervalMinMs = 100;
export const statsIntervalMaxMs = 60_000;

/** Most containers one `stats` call samples. */
export const statsMaxContainers = 1000;

/** Poll interval of `logs -f` when the log file has no new data. */
export const logFollowPollMs = 100;

/** Bytes read from one log file per request (the newest part when larger). */
export const logReadMaxBytes = 64 * 1024 * 1024;

/** Fallback poll for a container's exit file, in case a file-system event is missed. */
export const containerExitPollMs = 1_000;

/** Fallback poll for a shim's end (its clean-up after the exit), in case an event is missed. */
export const shimDonePollMs = 100;

/** Time a shim has to delete its exited container before the daemon deletes it itself. */
export const shimCleanupTimeoutMs = 10_000;

/**
 * Time a stopping daemon gives removals under way to delete their files (a removal it cuts
 * short is finished at the next start).
 */
export const containerRemovalSettleMs = 10_000;

/** Grace period between the stop signal and SIGKILL when none is given (docker: 10 s). */
export const containerStopTimeoutDefaultS = 10;

/** Cap of the restart backoff (docker: 100 ms doubling, at most 1 minute). */
export const restartBackoffMaxMs = 60_000;

/** Longest container name (docker's rule has none; names show in tables and paths). */
export const containerNameMaxChars = 128;

/** Bytes of a container's environment, all `KEY=VALUE` entries together (Linux ARG_MAX is 2 MiB). */
export const containerEnvMaxBytes = 1024 * 1024;

/** Bytes of a container's command (entrypoint and cmd together). */
export const containerArgsMaxBytes = 256 * 1024;

/** Bytes of a container's labels, keys and values together. */
export const containerLabelsMaxBytes = 256 * 1024;

/** Mounts of one container (`-v`, `--tmpfs`, image volumes). */
export const containerMountsMax = 256;

/** Output chunks of one exec queued towards a client before the process is paused. */
export const execStreamMaxChunks = 256;

/** Largest compose file (or env file) the compose loader reads. */
export const composeFileMaxBytes = 16 * 1024 * 1024;

/** A byte count as binary units for messages about limits (`8 GiB`, `1.5 MiB`, `512 bytes`). */
export function formatBytesIec(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let unit = 'bytes';
  for (const u of units) {
    if (v < 1024) break;
    v /= 1024;
    unit = u;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${unit}`;
}

// network (src/net)

/** Deadline for one network tool run (ip -batch, bridge -batch, iptables-restore, nsenter). */
export const netCommandTimeoutMs = 10_000;

/** Output kept from one network tool run (iptables-save of a busy host fits). */
export const netCommandOutputMaxBytes = 16 * 1024 * 1024;

/** Characters of a network tool's stderr kept in a NetError. */
export const netStderrTailChars = 2000;

/**
 * Network namespaces (with a veth pair each) a node keeps made ahead of need, so a container's
 * attach starts no process (ADR 034); each is one idle `ip` process.
 */
export const netnsSparesKept = 2;

// manager loops (src/manager/loops)

/** Period of the manager loops' full pass, on top of the passes the store's events start. */
export const managerLoopTickMs = 10_000;

/** Events arriving within this window after the first are handled by one pass. */
export const managerLoopCoalesceMs = 10;

/** Attempts at committing one service's reconcile before the pass leaves it to the next one. */
export const managerLoopConflictRetries = 5;

/** Most writes the loops put in one store transaction (below `storeTransactionMaxOps`). */
export const managerLoopTxMaxWrites = 2_000;

/** Most pending tasks the scheduler places in one pass; the rest wait for the next pass. */
export const managerLoopScheduleBatchTasks = 10_000;

// dispatcher and worker (src/manager/dispatcher, src/agent/worker; docs/adr/020)

/** Heartbeat period when the cluster object sets none (swarmkit's default). */
export const dispatcherHeartbeatPeriodMs = 5000;

/** Heartbeat periods a node may miss before it is marked down. */
export const dispatcherHeartbeatMissedMax = 3;

/** Largest jitter added to a heartbeat period, as a fraction of it. */
export const dispatcherHeartbeatJitterRatio = 0.1;

/** Messages queued on one session stream before the session is closed as too slow. */
export const dispatcherSessionQueueMessages = 64;

/** Most changes in one incremental assignments message (more are split). */
export const dispatcherChangesPerMessageMax = 1000;

/** Most task status updates in one UpdateTaskStatus call. */
export const dispatcherStatusUpdatesPerCallMax = 1000;

/** Task status updates waiting to be committed before new calls are refused as UNAVAILABLE. */
export const dispatcherStatusPendingMax = 50_000;

/** Times a status batch is re-read and retried after a STORE_CONFLICT. */
export const dispatcherCommitRetries = 3;

/** First delay before a worker tries the next manager; doubled per failure up to the max. */
export const workerReconnectBackoffMinMs = 100;

/** Longest delay between a worker's attempts to open a session. */
export const workerReconnectBackoffMaxMs = 8000;

/** Deadline of one unary dispatcher call from a worker (heartbeat, status). */
export const workerCallDeadlineMs = 10_000;

/** Task status updates a worker keeps for sending (the newest per task), at most. */
export const workerPendingStatusMax = 10_000;
/** Manager addresses a worker keeps to try (the session's list, then older ones). */
export const workerManagersMax = 32;
/** Deadline of a control call a follower manager forwards to the leader. */
export const clusterForwardDeadlineMs = 20_000;
/** Deadline of each call a joining node makes to a manager (root CA, certificate, Raft join). */
export const clusterJoinCallDeadlineMs = 15_000;
/** How long a manager probes its peers before reporting how many are reachable. */
export const clusterProbeDeadlineMs = 1_500;
/** How long a write waits for a leader to be elected before reporting lost quorum. */
export const clusterLeaderWaitMs = 5_000;
/** Period of a node's check of its desired role (promote/demote). */
export const clusterRoleCheckPeriodMs = 2_000;
/** Ports one `-p` range may publish (each is one DNAT rule). */
export const publishedPortsMax = 1000;

/** Networks one container may join (its interfaces are eth0..eth35). */
export const containerNetworksMax = 36;

/** Local networks one node may hold. */
export const localNetworksMax = 1000;

/** DNS: deadline of one forwarded query, and queries forwarded at once (then SERVFAIL). */
export const dnsForwardTimeoutMs = 3000;
export const dnsForwardInFlightMax = 256;

/** DNS over TCP: connections served at once, and their idle deadline. */
export const dnsTcpConnectionsMax = 64;
export const dnsTcpIdleMs = 10_000;
/** DNS: names whose round-robin position the resolver remembers (then it starts over). */
export const dnsRotationNamesMax = 4096;

/** Host ports chosen for `-p CONTAINER_PORT` (docker's ephemeral range). */
export const ephemeralPortFirst = 49_153;
export const ephemeralPortLast = 65_535;

/** First retry delay of a failed certificate renewal; doubles per failure up to the maximum. */
export const certRenewRetryBaseMs = 1_000;
export const certRenewRetryMaxMs = 60_000;
/** VIP rules: container namespaces rewritten at once after an endpoints change (ADR 029). */
export const lbRuleWritesInFlightMax = 4;
/** The routing mesh: how often a node checks its published ports against its tasks (ADR 030). */
export const ingressSyncIntervalMs = 1_000;
