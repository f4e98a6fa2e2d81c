/**
 * Defaults of a service's rolling updates and rollbacks, shared by the manager (which fills a
 * spec that leaves them out) and the CLI (which starts from them when one flag changes one
 * setting). Docker's values, except the update failure action: tsorch rolls back (issue #11),
 * where Swarm's `pause` leaves half-rolled deploys behind.
 *
 * @module
 */

/** A rolling-update configuration, in the store's shape. */
export interface UpdateDefaults {
  readonly parallelism: number;
  readonly delayMs: number;
  readonly failureAction: 'pause' | 'continue' | 'rollback';
  readonly monitorMs: number;
  readonly maxFailureRatio: number;
  readonly order: 'stop-first' | 'start-first';
}

/** How a service's tasks are updated when the spec says nothing. */
export const UPDATE_DEFAULTS: UpdateDefaults = Object.freeze({
  parallelism: 1,
  delayMs: 0,
  failureAction: 'rollback',
  monitorMs: 5_000,
  maxFailureRatio: 0,
  order: 'stop-first',
});

/** How a rollback proceeds when the spec says nothing: a failed rollback pauses. */
export const ROLLBACK_DEFAULTS: UpdateDefaults = Object.freeze({
  ...UPDATE_DEFAULTS,
  failureAction: 'pause',
});

/** Swarm's restart delay when none is given. */
export const RESTART_DELAY_DEFAULT_MS = 5_000;
