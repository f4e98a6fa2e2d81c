/**
 * The newest list of a stack's tasks, fed by {@link StackTarget.watchTasks}, and the waiters
 * that check a condition against every new list (pure: no timers; the engine races waits
 * against its injected clock).
 *
 * @module
 */
import type { TaskView } from './target.js';

/** What a waiter's check answers: keep waiting, done, or failed with a reason. */
export type Verdict = 'wait' | 'done' | { failed: string };

interface Waiter {
  check(tasks: readonly TaskView[]): Verdict;
  resolve(): void;
  reject(reason: string): void;
}

/** The tasks last seen and the conditions waiting on them. */
export class TaskBoard {
  private tasks: readonly TaskView[] = [];
  /** Why no new list will come (the watch failed): every wait fails with it. */
  private closed: string | undefined;
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<(tasks: readonly TaskView[]) => void>();

  /** The newest list. */
  get current(): readonly TaskView[] {
    return this.tasks;
  }

  /** Tasks of one service. */
  of(serviceId: string): TaskView[] {
    return this.tasks.filter((t) => t.serviceId === serviceId);
  }

  /** Takes a new list: runs every waiter's check and every listener. */
  update(tasks: readonly TaskView[]): void {
    this.tasks = tasks;
    for (const w of [...this.waiters]) this.settle(w);
    for (const l of this.listeners) l(tasks);
  }

  /**
   * The watch feeding the board ended with `reason`: every waiter, and every later one, fails
   * with it instead of waiting for a list that will not come.
   */
  close(reason: string): void {
    this.closed ??= reason;
    for (const w of [...this.waiters]) {
      this.waiters.delete(w);
      w.reject(reason);
    }
  }

  /** Calls `listener` with every new list until the returned function is called. */
  listen(listener: (tasks: readonly TaskView[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves when `check` answers done (at once when it does for the current list), rejects
   * with its reason when it answers failed, or with `signal`'s reason when that aborts.
   */
  until(
    check: (tasks: readonly TaskView[]) => Verdict,
    signal: AbortSignal,
    fail: (reason: string) => Error,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiters.delete(waiter);
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      const waiter: Waiter = {
        check,
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        reject: (reason) => {
          signal.removeEventListener('abort', onAbort);
          reject(fail(reason));
        },
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
      this.settle(waiter);
    });
  }

  private settle(w: Waiter): void {
    if (this.closed !== undefined) {
      this.waiters.delete(w);
      w.reject(this.closed);
      return;
    }
    const verdict = w.check(this.tasks);
    if (verdict === 'wait') return;
    this.waiters.delete(w);
    if (verdict === 'done') w.resolve();
    else w.reject(verdict.failed);
  }
}
