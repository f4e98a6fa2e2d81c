/**
 * The dispatcher on real time: {@link Dispatcher.tick} on an interval of a fifth of the
 * heartbeat period, so a node is marked down at most a fifth of a period late.
 *
 * @module
 */
import type { Store } from '../../store/index.js';
import type { Logger } from '../../util/log.js';
import { createPrng } from '../../util/prng.js';
import { Dispatcher, type DispatcherLeadership } from './dispatcher.js';

/** A dispatcher with its timer. */
export interface RunningDispatcher {
  readonly dispatcher: Dispatcher;
  /** Stops the timer and ends every session. */
  stop(): Promise<void>;
}

/** Options of {@link newDispatcher}. */
export interface RealDispatcherOptions {
  log: Logger;
  heartbeatPeriodMs?: number;
  leadership?: () => DispatcherLeadership;
}

/** A {@link Dispatcher} over `store` on the wall clock, seeded at random. */
export function newDispatcher(store: Store, options: RealDispatcherOptions): Dispatcher {
  return new Dispatcher(store, {
    ...options,
    nowMs: () => performance.timeOrigin + performance.now(),
    rng: createPrng(Math.floor(Math.random() * 0x1_0000_0000)),
  });
}

/** Ticks `dispatcher` on a timer until stopped; stopping also ends its sessions. */
export function runDispatcher(dispatcher: Dispatcher, log: Logger): RunningDispatcher {
  let ticking: Promise<void> = Promise.resolve();
  const tick = (): void => {
    ticking = ticking
      .then(() => dispatcher.tick())
      .catch((err: unknown) => {
        log.error('dispatcher tick failed', { err });
      });
  };
  const timer = setInterval(tick, Math.max(10, Math.floor(dispatcher.heartbeatPeriodMs() / 5)));
  timer.unref();
  tick();
  return {
    dispatcher,
    async stop() {
      clearInterval(timer);
      await ticking;
      dispatcher.close();
    },
  };
}

/** Runs a new {@link Dispatcher} over `store` on the wall clock. */
export function startDispatcher(store: Store, options: RealDispatcherOptions): RunningDispatcher {
  return runDispatcher(newDispatcher(store, options), options.log);
}
