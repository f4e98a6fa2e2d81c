/**
 * The loops' clock: the time and one-shot timers, injected so that tests run the manager on
 * virtual time (a fake clock they advance) and nothing reads the wall clock behind their back.
 *
 * @module
 */

/** Time and timers for the manager loops. */
export interface LoopClock {
  /** Milliseconds since the epoch. */
  nowMs(): number;
  /** Calls `fn` once, `delayMs` from now; returns a function that cancels it. */
  after(delayMs: number, fn: () => void): () => void;
}

/** The real clock: `Date.now` and Node timers (unref'd: they never keep a process alive). */
export const systemClock: LoopClock = {
  nowMs: () => Date.now(),
  after(delayMs, fn) {
    const timer = setTimeout(fn, Math.max(0, delayMs));
    timer.unref();
    return () => {
      clearTimeout(timer);
    };
  },
};
