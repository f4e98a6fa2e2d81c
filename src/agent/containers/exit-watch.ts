/**
 * Timers of the container lifecycle: watching for the exit a container's shim records
 * (`exit.json`, seen through inotify with a poll as a fallback), and the restart timers of
 * restart policies.
 *
 * @module
 */
import { watch, type FSWatcher } from 'node:fs';
import { containerExitPollMs } from '../../util/limits.js';
import { readExitRecord, shimFiles } from '../shim/index.js';

/** Reports each watched container's recorded exit once. */
export class ExitWatcher {
  private readonly watchers = new Map<string, { w: FSWatcher | undefined; t: NodeJS.Timeout }>();

  /** `onExit(id)` runs once the shim of a watched container recorded its exit. */
  constructor(private readonly onExit: (id: string) => void) {}

  /** Watches `dir` (the container's state directory) for the exit of `id`. */
  watch(id: string, dir: string): void {
    if (this.watchers.has(id)) return;
    const check = (): void => {
      void readExitRecord(dir).then(
        (exit) => {
          if (exit !== undefined && this.watchers.has(id)) {
            this.unwatch(id);
            this.onExit(id);
          }
        },
        () => undefined,
      );
    };
    let w: FSWatcher | undefined;
    try {
      w = watch(dir, (_event, file) => {
        if (file === shimFiles.exit) check();
      });
    } catch {
      w = undefined;
    }
    const t = setInterval(check, containerExitPollMs);
    t.unref();
    this.watchers.set(id, { w, t });
    check();
  }

  /** Stops watching `id`. */
  unwatch(id: string): void {
    const entry = this.watchers.get(id);
    if (entry === undefined) return;
    entry.w?.close();
    clearInterval(entry.t);
    this.watchers.delete(id);
  }

  /** Stops every watch. */
  close(): void {
    for (const id of [...this.watchers.keys()]) this.unwatch(id);
  }
}

/** One pending restart per container. */
export class RestartTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  /** Runs `fire` after `delayMs`, replacing a restart already pending for `id`. */
  schedule(id: string, delayMs: number, fire: () => void): void {
    this.cancel(id);
    const t = setTimeout(() => {
      this.timers.delete(id);
      fire();
    }, delayMs);
    this.timers.set(id, t);
  }

  /** Cancels the pending restart of `id`, if any. */
  cancel(id: string): void {
    const t = this.timers.get(id);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(id);
  }

  /** Cancels every pending restart. */
  close(): void {
    for (const id of [...this.timers.keys()]) this.cancel(id);
  }
}
