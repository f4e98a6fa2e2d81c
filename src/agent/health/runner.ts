/**
 * Runs each container's health probes on their schedule (interval, start period, start
 * interval, timeout) and feeds the results into the pure state machine (state.ts).
 *
 * @module
 */
import type { Logger } from '../../util/log.js';
import { runExec } from '../containers/exec.js';
import type { Runtime } from '../runtime/index.js';
import {
  applyHealthResult,
  healthOutputMaxBytes,
  initialHealth,
  nextProbeDelayMs,
  probeArgv,
  type HealthConfig,
  type HealthState,
} from './state.js';

/** Dependencies of {@link HealthMonitor}. */
export interface HealthMonitorOptions {
  runtime: Runtime;
  log: Logger;
  dirOf(id: string): string;
  /** Called after each probe with the new state. */
  onResult(id: string, state: HealthState): Promise<void>;
}

interface Entry {
  timer: NodeJS.Timeout | undefined;
  stopped: boolean;
}

/** Health probes of every running container with a health check. */
export class HealthMonitor {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly o: HealthMonitorOptions) {}

  /** Starts probing container `id` (restarts the schedule when already probing). */
  start(id: string, cfg: HealthConfig, current: { startedAt: string; health?: HealthState }): void {
    this.stop(id);
    const argv = probeArgv(cfg.test);
    if (argv === undefined) return;
    const entry: Entry = { timer: undefined, stopped: false };
    this.entries.set(id, entry);
    const startedAtMs = Date.parse(current.startedAt) || Date.now();
    let state = current.health ?? initialHealth();
    const inStart = (): boolean => Date.now() - startedAtMs < cfg.startPeriodMs;
    const schedule = (): void => {
      if (entry.stopped) return;
      entry.timer = setTimeout(() => void probe(), nextProbeDelayMs(cfg, state, inStart()));
    };
    const probe = async (): Promise<void> => {
      const start = new Date().toISOString();
      const inStartPeriod = inStart();
      let result;
      try {
        const r = await runExec(this.o.runtime, id, this.o.dirOf(id), {
          args: argv,
          timeoutMs: cfg.timeoutMs,
          maxOutputBytes: healthOutputMaxBytes,
        });
        result = {
          start,
          end: new Date().toISOString(),
          exitCode: r.timedOut ? -1 : r.exitCode === 0 ? 0 : 1,
          output: r.timedOut ? `Health check exceeded timeout (${cfg.timeoutMs} ms)` : r.output,
        };
      } catch (err) {
        result = {
          start,
          end: new Date().toISOString(),
          exitCode: -1,
          output: err instanceof Error ? err.message : String(err),
        };
      }
      if (entry.stopped) return;
      state = applyHealthResult(state, result, { retries: cfg.retries, inStartPeriod });
      try {
        await this.o.onResult(id, state);
      } catch (err) {
        this.o.log.warn('health result handling failed', { id, err });
      }
      schedule();
    };
    schedule();
  }

  /** Stops probing container `id`. */
  stop(id: string): void {
    const e = this.entries.get(id);
    if (e === undefined) return;
    e.stopped = true;
    if (e.timer !== undefined) clearTimeout(e.timer);
    this.entries.delete(id);
  }

  /** Stops every probe. */
  close(): void {
    for (const id of [...this.entries.keys()]) this.stop(id);
  }
}
