/**
 * The replicated object store: domain objects, typed tables with indexes, transactions committed
 * through a {@link Proposer} (Raft), watches and snapshots. This file is the module's only public
 * surface.
 *
 * @module
 */

export { Store, type StoreOptions, type PreparedTransaction } from './store.js';
export type { ApplyResult } from './apply.js';
export {
  LocalProposer,
  type Proposer,
  type ProposeOptions,
  type StateMachine,
} from './proposer.js';
export type { ReadTx, WriteTx, NewObject, NamedTable } from './transaction.js';
export {
  TABLE_NAMES,
  indexKey,
  type TableName,
  type TableObjects,
  type IndexName,
  type AnyObject,
} from './tables.js';
export { Watch, type StoreEvent, type EventKind, type WatchOptions } from './watch.js';
export { AesGcmEncrypter, type Encrypter, type KeyRing, type Sealed } from './encrypter.js';
export {
  TASK_STATES,
  canTransition,
  isTaskState,
  isTerminal,
  taskStateRank,
  type TaskState,
} from './task-state.js';
export { newObjectId } from './ids.js';
export { canonicalJson, reviveAndFreeze } from './codec.js';
export type * from './dispatch.js';
export { sameTaskStatus } from './dispatch.js';
export type * from './objects.js';
export * from './specs.js';
