/**
 * The dispatcher on real time: {@link Dispatcher.tick} on an interval of a fifth of the
 * heartbeat period, so a node is marked down at most a fifth of a period late.
 *
 * @module
 */
import { createPrng } from '../../util/prng.js';
import type { Logger } from '../../util/log.js';
import type { Store } from '../../store/index.js';
import { Dispatcher, type DispatcherLeadership } from './dispatcher.js';

/** A dispatcher with its timer. */
export interface RunningDispatcher {
  readonly dispatcher: Dispatcher;
  /** Stops the timer and ends every session. */
  stop(): Promise<void>;
}

/** Runs a {@link Dispatcher} over `store` on the wall clock. */
export function startDispatcher(
  store: Store,
  options: {
    log: Logger;
    heartbeatPeriodMs?: number;
    leadership?: () => DispatcherLeadership;
  },
): RunningDispatcher {
  const dispatcher = new Dispatcher(store, {
    ...options,
    nowMs: () => performance.timeOrigin + performance.now(),
    rng: createPrng(Math.floor(Math.random() * 0x1_0000_0000)),
  });
  let ticking: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      ticking = ticking
        .then(() => dispatcher.tick())
        .catch((err: unknown) => {
          options.log.error('dispatcher tick failed', { err });
        });
    },
    Math.max(10, Math.floor(dispatcher.heartbeatPeriodMs() / 5)),
  );
  timer.unref();
  ticking = dispatcher.tick();
  return {
    dispatcher,
    async stop() {
      clearInterval(timer);
      await ticking;
      dispatcher.close();
    },
  };
}
