/**
 * What the Raft driver runs on: its write-ahead log, snapshot store, peer transport and clock,
 * as interfaces. Production passes the real ones ({@link openDriverIo}: the WAL and snapshot
 * files under the data directory, the gRPC transport, Node's timers); the simulation
 * (test/sim) passes in-memory ones on virtual time, so it runs the driver's own Ready loop with
 * every interleaving it has (a message stepped during an awaited fsync, entries applied before
 * the fsync of the Ready carrying them ends, a deferred hard state lost in a crash).
 *
 * @module
 */
import type { DataCipher } from './wal/cipher.js';
import { join } from 'node:path';
import type { RaftOptions } from './core/config.js';
import { RaftNode } from './core/node.js';
import type {
  Entry,
  HardState,
  Message,
  NodeId,
  Ready,
  Snapshot,
  SnapshotMeta,
} from './core/types.js';
import { SnapshotStore } from './snapshot-store.js';
import type { TransportHandler } from './transport/transport.js';
import type { SnapshotMarker } from './wal/record.js';
import { Wal } from './wal/wal.js';

/** The write-ahead log as the driver uses it (implemented by {@link Wal}). */
export interface DriverWal {
  /** Appends entries, then the hard state; resolves once both are durable. */
  append(entries: readonly Entry[], hardState?: HardState): Promise<void>;
  /** A commit-only hard state to write with the next append; losing it in a crash is safe. */
  deferHardState(hardState: HardState): void;
  /** Records durably that a snapshot covers the log up to `marker.index`. */
  saveSnapshotMarker(marker: SnapshotMarker): Promise<void>;
  /** Drops log storage wholly covered by the durable snapshot at `index`. */
  releaseTo(index: number): Promise<unknown>;
  /** Writes what is deferred and closes. */
  close(): Promise<void>;
}

/** The snapshot store as the driver uses it (implemented by {@link SnapshotStore}). */
export interface DriverSnapshots {
  /** Writes `snapshot` durably and atomically. */
  save(snapshot: Snapshot): Promise<void>;
}

/** The peer transport as the driver uses it (implemented by RaftTransport). */
export interface DriverTransport {
  setPeer(id: NodeId, address: string): void;
  removePeer(id: NodeId): void;
  /** Fire and forget; failures come back through the handler's reports. */
  send(messages: readonly Message[]): void;
  close(): Promise<void>;
}

/** The driver's clock: a periodic tick and a "soon, after this turn" callback. */
export interface DriverScheduler {
  /** Calls `fn` every `intervalMs`; returns a function that cancels it. */
  every(intervalMs: number, fn: () => void): () => void;
  /** Calls `fn` once, after the current turn (so work of this turn joins one Ready). */
  defer(fn: () => void): void;
}

/** What the driver learned from disk at start. */
export interface RecoveredLog {
  /** The newest durable snapshot, if any. */
  snapshot: Snapshot | undefined;
  hardState: HardState;
  /** Entries after the snapshot, contiguous. */
  entries: Entry[];
}

/** Observation hooks (tests, metrics); each is called synchronously and must not throw. */
export interface DriverTrace {
  /** The Ready loop starts handling `ready` (before anything of it is written or sent). */
  ready?(ready: Ready): void;
  /** An entry was applied (normal, no-op or membership change), in log order. */
  applied?(entry: Entry): void;
  /** A snapshot received from a leader replaced the state machine. */
  snapshotInstalled?(meta: SnapshotMeta): void;
  /** A local snapshot was taken at the applied index (written in the background). */
  snapshotTaken?(meta: SnapshotMeta): void;
  /** The member stopped on an error it cannot recover from (a failed write, a broken invariant). */
  failed?(err: Error): void;
}

/** Everything the driver runs on. */
export interface DriverIo {
  wal: DriverWal;
  snapshots: DriverSnapshots;
  recovered: RecoveredLog;
  /** Builds the transport that delivers peers' messages and reports to `handler`. */
  transport(handler: TransportHandler): DriverTransport;
  scheduler: DriverScheduler;
  /** Builds the consensus core; tests substitute a variant with a planted bug. */
  createNode?(options: RaftOptions): RaftNode;
  trace?: DriverTrace;
}

/** Node's timers: `setInterval` ticks and `setImmediate` turns. */
export const nodeScheduler: DriverScheduler = {
  every(intervalMs, fn) {
    const timer = setInterval(fn, intervalMs);
    return () => {
      clearInterval(timer);
    };
  },
  defer(fn) {
    setImmediate(fn);
  },
};

/**
 * Opens the real storage under `dataDir` (`snap/`, then `wal/` replayed up to the snapshot).
 *
 * @throws {TsorchError} RAFT_WAL_CORRUPT when the stored log cannot be trusted.
 */
export async function openDiskLog(
  dataDir: string,
  cipher?: DataCipher,
): Promise<{ wal: Wal; snapshots: SnapshotStore; recovered: RecoveredLog }> {
  const snapshots = new SnapshotStore(join(dataDir, 'snap'), cipher);
  const snapshot = await snapshots.loadNewest();
  const { wal, state } = await Wal.open(join(dataDir, 'wal'), {
    ...(snapshot && { snapshot: { index: snapshot.meta.index, term: snapshot.meta.term } }),
    ...(cipher && { cipher }),
  });
  return {
    wal,
    snapshots,
    recovered: { snapshot, hardState: state.hardState, entries: state.entries },
  };
}

/** The production core. */
export function createRaftNode(options: RaftOptions): RaftNode {
  return new RaftNode(options);
}
