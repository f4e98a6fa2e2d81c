/**
 * What the rolling updater reads and what it decides.
 *
 * @module
 */

import type { Action, Snapshot } from '../orchestrator/index.js';
import type { UpdateStatus } from '../../store/index.js';

/** What one update pass reads: the service, its tasks and every node (one store read). */
export type UpdateSnapshot = Snapshot;

/** What {@link planUpdate} needs besides the snapshot and the time. */
export interface UpdateOptions {
  /** Returns a fresh task id on each call. */
  ids: () => string;
  /**
   * When each task was first seen up (RUNNING, and healthy when it has a healthcheck), ms since
   * the epoch, as the caller observed it from the store's events. A task missing here that is
   * up now is taken as up since its status timestamp.
   */
  readySinceMs: ReadonlyMap<string, number>;
}

/** The updater's decision for one service at one time. */
export interface UpdatePlan {
  /** Tasks to create and desired states to write, in order (`create` and `set-desired` only). */
  actions: Action[];
  /**
   * Old tasks of start-first replacements still starting: the orchestrator must not see them
   * (it would take the pair for a duplicate), the updater shuts them down once the new task is up.
   */
  held: string[];
  /** The update status to store, when it changes. */
  status?: UpdateStatus;
  /** Roll the service back: `spec` becomes `previousSpec` (the caller writes it with `status`). */
  rollback: boolean;
  /** Plan again at this time (a delay or a monitor period ends), ms since the epoch. */
  wakeAtMs?: number;
}
