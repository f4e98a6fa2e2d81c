/**
 * Virtual milliseconds for control-plane simulations: sleepers wake in time order when the
 * simulation advances, and every promise chain they start runs to quiescence before time moves
 * on. Nothing reads the wall clock.
 *
 * @module
 */
import type { WorkerTimers } from '../../../src/agent/worker/index.js';

const epochMs = Date.parse('2026-12-01T00:00:00.000Z');

interface Sleeper {
  atMs: number;
  seq: number;
  resolve: () => void;
}

/** Lets every queued promise reaction (and those they queue) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
}

/** A virtual clock with sleepers. */
export class VirtualTime implements WorkerTimers {
  nowMs = 0;
  #sleepers: Sleeper[] = [];
  #seq = 0;

  /** Milliseconds since the Unix epoch, as a dispatcher's clock. */
  epochNowMs = (): number => epochMs + this.nowMs;

  nowIso(): string {
    return new Date(epochMs + this.nowMs).toISOString();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted === true) {
        resolve();
        return;
      }
      const onAbort = (): void => {
        this.#sleepers = this.#sleepers.filter((x) => x !== s);
        resolve();
      };
      const s: Sleeper = {
        atMs: this.nowMs + ms,
        seq: this.#seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.#sleepers.push(s);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Moves to `toMs`, waking sleepers in order and settling after each instant. */
  async advanceTo(toMs: number): Promise<void> {
    for (;;) {
      // Work started by the last wake-up may register sleepers of its own first.
      await settle();
      let next: Sleeper | undefined;
      for (const s of this.#sleepers)
        if (
          s.atMs <= toMs &&
          (next === undefined || s.atMs < next.atMs || (s.atMs === next.atMs && s.seq < next.seq))
        )
          next = s;
      if (next === undefined) break;
      const at = next.atMs;
      this.nowMs = Math.max(this.nowMs, at);
      const due = this.#sleepers.filter((s) => s.atMs <= at);
      this.#sleepers = this.#sleepers.filter((s) => s.atMs > at);
      for (const s of due.sort((a, b) => a.seq - b.seq)) s.resolve();
      await settle();
    }
    this.nowMs = toMs;
    await settle();
  }
}
