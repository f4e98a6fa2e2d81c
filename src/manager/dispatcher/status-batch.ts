/**
 * Task status updates from every node, committed in batches: calls that arrive while a batch is
 * being committed wait and go together in the next one, as one store transaction. Each update
 * is checked against the task as stored: it must be the caller's task, and it may only move the
 * task forward (`canTransition`); only `status` is written, never `desiredState`.
 *
 * @module
 */
import {
  canTransition,
  sameTaskStatus,
  type Store,
  type Task,
  type TaskStatus,
  type TaskStatusUpdate,
  type WriteTx,
} from '../../store/index.js';
import { hasCode, TsorchError } from '../../util/errors.js';
import { dispatcherCommitRetries, dispatcherStatusPendingMax } from '../../util/limits.js';
import type { Logger } from '../../util/log.js';

interface Waiting {
  nodeId: string;
  updates: readonly TaskStatusUpdate[];
  resolve: (applied: number) => void;
  reject: (err: unknown) => void;
}

/** Why an update is dropped, or undefined when it applies. PURE. */
export function statusRejection(
  task: Task | undefined,
  nodeId: string,
  status: TaskStatus,
): string | undefined {
  if (task === undefined) return 'the task no longer exists';
  if (task.nodeId !== nodeId) return `the task belongs to node "${task.nodeId}"`;
  if (!canTransition(task.status.state, status.state))
    return `the task cannot move from ${task.status.state} to ${status.state}`;
  return undefined;
}

/** Commits status updates in batches. */
export class StatusBatcher {
  readonly #store: Store;
  readonly #log: Logger;
  #queue: Waiting[] = [];
  #pending = 0;
  #running = false;

  constructor(store: Store, log: Logger) {
    this.#store = store;
    this.#log = log;
  }

  /**
   * Queues `updates` of `nodeId`; resolves with how many were applied once committed.
   *
   * @throws {TsorchError} UNAVAILABLE when too many updates wait; the store's errors
   *   (RAFT_NOT_LEADER, ...) when the batch cannot commit.
   */
  submit(nodeId: string, updates: readonly TaskStatusUpdate[]): Promise<number> {
    if (updates.length === 0) return Promise.resolve(0);
    if (this.#pending + updates.length > dispatcherStatusPendingMax)
      return Promise.reject(
        new TsorchError('UNAVAILABLE', 'Cannot take task status updates: too many are waiting', {
          hint: 'The worker retries them later',
        }),
      );
    this.#pending += updates.length;
    const done = new Promise<number>((resolve, reject) => {
      this.#queue.push({ nodeId, updates, resolve, reject });
    });
    if (!this.#running) void this.#run();
    return done;
  }

  async #run(): Promise<void> {
    this.#running = true;
    try {
      // Let the calls of this turn join the batch.
      await Promise.resolve();
      while (this.#queue.length > 0) {
        const batch = this.#queue;
        this.#queue = [];
        await this.#commit(batch);
        for (const w of batch) this.#pending -= w.updates.length;
      }
    } finally {
      this.#running = false;
    }
  }

  async #commit(batch: Waiting[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const applied = await this.#store.update((tx) => batch.map((w) => this.#write(tx, w)));
        batch.forEach((w, i) => {
          w.resolve(applied[i] ?? 0);
        });
        return;
      } catch (err) {
        if (hasCode(err, 'STORE_CONFLICT') && attempt < dispatcherCommitRetries) continue;
        this.#log.warn('task status batch not committed', { err, updates: batch.length });
        for (const w of batch) w.reject(err);
        return;
      }
    }
  }

  #write(tx: WriteTx, w: Waiting): number {
    let applied = 0;
    for (const u of w.updates) {
      const task = tx.get('tasks', u.taskId);
      const why = statusRejection(task, w.nodeId, u.status);
      if (why !== undefined || task === undefined) {
        this.#log.debug('task status dropped', { node: w.nodeId, task: u.taskId, why });
        continue;
      }
      if (sameTaskStatus(task.status, u.status)) continue;
      tx.update('tasks', { ...task, status: u.status });
      applied++;
    }
    return applied;
  }
}
