/**
 * The I/O side of Raft: the driver that runs a member (timer, Ready loop, WAL, snapshots,
 * transport), and its parts. The pure core is exported from ./index.js.
 *
 * @module
 */
export { RaftDriver } from './driver.js';
export type * from './driver-options.js';
export { createRaftNode, nodeScheduler, openDiskLog } from './driver-io.js';
export type {
  DriverIo,
  DriverScheduler,
  DriverSnapshots,
  DriverTrace,
  DriverTransport,
  DriverWal,
  RecoveredLog,
} from './driver-io.js';
export { Wal } from './wal/wal.js';
export type { OpenedWal, WalOptions } from './wal/wal.js';
export type { RecoveredState } from './wal/replay.js';
export type { SnapshotMarker } from './wal/record.js';
export { SnapshotStore } from './snapshot-store.js';
export { RaftTransport } from './transport/transport.js';
export type { TransportHandler, TransportOptions, TransportStats } from './transport/transport.js';
