/**
 * What a simulation run did: faults injected, Raft events seen, and driver interleavings
 * exercised. A scenario states floors on these (see scenarios/index.ts), so a run whose nemesis
 * silently stopped firing fails instead of passing on a quiet cluster.
 *
 * @module
 */

/** Counters of one run. */
export interface SimStats {
  crashes: number;
  restarts: number;
  /** Partitions started (halves, an isolated node, or one-way links). */
  partitions: number;
  /** Leadership transfers requested. */
  transfers: number;
  /** Leaders observed (one per node and term). */
  elections: number;
  applied: number;
  snapshotsTaken: number;
  snapshotsSent: number;
  snapshotsInstalled: number;
  /** Membership changes applied (each log index counted once). */
  confChanges: number;
  reads: number;
  mergedAppends: number;
  /** Messages stepped into a driver while its WAL fsync was in flight. */
  stepsDuringFsync: number;
  /** Commit-only hard states the driver deferred to a later write. */
  deferredHardStates: number;
  /** Messages to a member whose address the sender's driver never learned (sim-io discover). */
  discoveredAddresses: number;
  /** Entries applied before the fsync of the Ready carrying them had even started (early apply). */
  appliedBeforeWrite: number;
}

/** Every counter at zero. */
export function emptyStats(): SimStats {
  return {
    crashes: 0,
    restarts: 0,
    partitions: 0,
    transfers: 0,
    elections: 0,
    applied: 0,
    snapshotsTaken: 0,
    snapshotsSent: 0,
    snapshotsInstalled: 0,
    confChanges: 0,
    reads: 0,
    mergedAppends: 0,
    stepsDuringFsync: 0,
    deferredHardStates: 0,
    discoveredAddresses: 0,
    appliedBeforeWrite: 0,
  };
}
