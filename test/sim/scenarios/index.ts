/**
 * The simulation scenarios: a cluster shape, a workload (simulated KV clients) and nemeses.
 *
 * @module
 */
import type { ClusterOptions } from '../cluster.js';
import type { SimStats } from '../stats.js';
import { crashes, lossy, membership, partitions, transfers, type Nemesis } from './nemesis.js';

/** One scenario. */
export interface Scenario {
  name: string;
  cluster: Omit<ClusterOptions, 'seed'>;
  nemeses: () => Nemesis[];
  /** Ticks with faults on. */
  faultTicks: number;
  /** Ticks allowed after healing for every member to apply the same log. */
  convergeTicks: number;
  /**
   * Least mean per run, over the seed set, of what the nemeses and the driver must have done:
   * a nemesis that silently stopped firing, or I/O that stopped interleaving, fails the set.
   */
  floors: Partial<SimStats>;
}

/**
 * What every scenario must show of the real driver's interleavings: messages stepped while an
 * fsync is in flight, entries applied before their Ready's own write, commit-only hard states
 * deferred, local snapshots.
 */
const driverFloors: Partial<SimStats> = {
  stepsDuringFsync: 20,
  appliedBeforeWrite: 3,
  deferredHardStates: 10,
  snapshotsTaken: 0.5,
};

/** Every scenario, run in turn over the seed range. */
export const scenarios: Scenario[] = [
  {
    name: 'lossy-3',
    cluster: { voters: [1, 2, 3] },
    nemeses: () => [lossy(0.2)],
    faultTicks: 300,
    convergeTicks: 400,
    floors: { ...driverFloors, snapshotsTaken: 3 },
  },
  {
    name: 'partitions-5',
    // Without CheckQuorum an isolated leader keeps believing it leads: only the ReadIndex
    // heartbeat round keeps its reads linearizable.
    cluster: { voters: [1, 2, 3, 4, 5], clientRate: 0.5, raft: { checkQuorum: false } },
    nemeses: () => [lossy(), partitions(0.03)],
    faultTicks: 300,
    convergeTicks: 400,
    floors: { ...driverFloors, partitions: 1.5, elections: 1.5 },
  },
  {
    name: 'crashes-3',
    cluster: { voters: [1, 2, 3], crashInReadyRate: 0.003 },
    nemeses: () => [lossy(), crashes(0.02)],
    faultTicks: 300,
    convergeTicks: 400,
    floors: { ...driverFloors, crashes: 2.5, restarts: 2.5, snapshotsInstalled: 0.2 },
  },
  {
    name: 'membership-3',
    cluster: { voters: [1, 2, 3], crashInReadyRate: 0.001 },
    nemeses: () => [membership(40), lossy(0.1), partitions(0.01), crashes(0.005)],
    faultTicks: 400,
    convergeTicks: 500,
    floors: { ...driverFloors, confChanges: 2, crashes: 1, partitions: 1, snapshotsInstalled: 0.8 },
  },
  {
    name: 'transfer-5',
    cluster: { voters: [1, 2, 3, 4, 5], clientRate: 0.5 },
    nemeses: () => [transfers(0.02), lossy(0.1), partitions(0.01)],
    faultTicks: 300,
    convergeTicks: 400,
    floors: { ...driverFloors, transfers: 2, elections: 2.5, partitions: 1 },
  },
  {
    name: 'chaos-5',
    cluster: { voters: [1, 2, 3, 4, 5], crashInReadyRate: 0.002, raft: { preVote: false } },
    nemeses: () => [membership(50, 6), lossy(), partitions(0.02), crashes(0.01), transfers(0.005)],
    faultTicks: 400,
    convergeTicks: 500,
    floors: {
      ...driverFloors,
      crashes: 1.5,
      partitions: 2,
      transfers: 0.5,
      confChanges: 1.5,
      snapshotsInstalled: 0.4,
    },
  },
  {
    // Raft paper Figure 8: many short-lived leaders with divergent tails. One entry per append
    // message makes partial acknowledgements common, which is where committing an entry of an
    // earlier term by counting replicas would go wrong.
    name: 'figure8-3',
    cluster: {
      voters: [1, 2, 3],
      clientRate: 0.8,
      crashInReadyRate: 0.005,
      raft: { maxSizePerMsgBytes: 1, maxInflightMsgs: 2, electionTicks: 6, heartbeatTicks: 2 },
    },
    nemeses: () => [lossy(0.3), partitions(0.05), crashes(0.04)],
    faultTicks: 300,
    convergeTicks: 400,
    // Short runs of one-entry messages: few reach a snapshot.
    floors: { ...driverFloors, snapshotsTaken: 0.2, crashes: 4, partitions: 2, elections: 1.5 },
  },
  {
    // Crashes in the middle of Ready handling: what was not persisted must not have been
    // promised (votes, acknowledgements) to anyone.
    name: 'torn-ready-3',
    cluster: { voters: [1, 2, 3], crashInReadyRate: 0.03, clientRate: 0.6 },
    nemeses: () => [lossy(0.05), crashes(0.005)],
    faultTicks: 300,
    convergeTicks: 400,
    floors: { ...driverFloors, crashes: 1.5 },
  },
  {
    // The transport merges consecutive appends to a peer; the core must accept one answer for
    // several in-flight appends. Small messages and a narrow window make merges frequent.
    name: 'merged-appends-3',
    cluster: {
      voters: [1, 2, 3],
      clients: 8,
      clientRate: 0.9,
      mergeAppends: true,
      crashInReadyRate: 0.002,
      raft: { maxSizePerMsgBytes: 200, maxInflightMsgs: 4 },
    },
    nemeses: () => [lossy(0.1), partitions(0.02), crashes(0.01)],
    faultTicks: 300,
    convergeTicks: 400,
    floors: {
      ...driverFloors,
      mergedAppends: 50,
      crashes: 1.5,
      partitions: 1,
      snapshotsInstalled: 1,
    },
  },
];
