/**
 * Test fixtures of the dispatcher: a store on a local proposer, a fake clock and a quiet logger.
 * Not used by production code.
 *
 * @module
 */
import { LocalProposer, Store } from '../../store/index.js';
import { testEncrypter } from '../../store/testing.js';
import { createLogger } from '../../util/log.js';
import { createPrng } from '../../util/prng.js';
import { Dispatcher, type DispatcherOptions } from './dispatcher.js';

/** A clock tests move by hand. */
export class FakeClock {
  nowMs = Date.parse('2026-12-01T00:00:00.000Z');
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

/** A store committing through a {@link LocalProposer}. */
export function localStore(clock?: FakeClock): Store {
  const store = new Store({
    encrypter: testEncrypter(),
    clockMs: () => clock?.nowMs ?? Date.now(),
  });
  store.setProposer(new LocalProposer(store));
  return store;
}

/** A logger that drops everything (TSORCH_TEST_LOG=1 shows it). */
export const quietLog = createLogger({
  level: process.env['TSORCH_TEST_LOG'] === '1' ? 'debug' : 'error',
});

/** A dispatcher on `store` and `clock`, seeded. */
export function testDispatcher(
  store: Store,
  clock: FakeClock,
  options: Partial<DispatcherOptions> = {},
): Dispatcher {
  return new Dispatcher(store, {
    nowMs: () => clock.nowMs,
    rng: createPrng(1),
    log: quietLog,
    heartbeatPeriodMs: 5000,
    ...options,
  });
}

/** Reads the next value of `it`, failing the test when it ends. */
export async function next<T>(it: AsyncIterator<T>): Promise<T> {
  const r = await it.next();
  if (r.done === true) throw new Error('Stream ended early');
  return r.value;
}
