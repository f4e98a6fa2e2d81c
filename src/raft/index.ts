/**
 * Raft consensus for tsorch managers. The core (src/raft/core) is a pure state machine in
 * etcd's shape: feed it ticks, messages and proposals; take its Ready (entries to persist,
 * messages to send, committed entries to apply), then call advance. See docs/design/raft.md.
 *
 * @module
 */
export * from './core/types.js';
export { RaftNode, newMessage } from './core/node.js';
export type { RaftStatus, PeerStatus, Role, TransferResult } from './core/node.js';
export type { RaftOptions, RaftConfig } from './core/config.js';
export { compileRaftConfig } from './core/config.js';
export { MemoryStorage, emptySnapshot, entrySizeBytes } from './core/storage.js';
export {
  encodeConfChange,
  decodeConfChange,
  applyToConf,
  checkConfChange,
} from './core/confchange.js';
export type { ProgressState } from './core/progress.js';
export { RaftDriver } from './driver.js';
export type { DriverOptions, DriverStatus } from './driver.js';
export { createAesGcmCipher, DATA_KEY_BYTES, type DataCipher } from './wal/cipher.js';
