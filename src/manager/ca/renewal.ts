/**
 * When a node renews its certificate. PURE: the random source is injected.
 *
 * As in swarmkit, a node renews at a random point between 50 % and 80 % of its certificate's
 * life, so that a cluster whose nodes joined together does not renew all at once.
 *
 * @module
 */
import { assert } from '../../util/assert.js';
import { certRenewRetryBaseMs, certRenewRetryMaxMs } from '../../util/limits.js';

/** Earliest renewal point, as a fraction of the certificate's life. */
export const RENEW_MIN_FRACTION = 0.5;
/** Latest renewal point, as a fraction of the certificate's life. */
export const RENEW_MAX_FRACTION = 0.8;

/** A source of floats in [0, 1), such as util/prng's `Prng`. */
export interface UnitRandom {
  next(): number;
}

/** The validity period of a certificate. */
export interface CertValidity {
  notBefore: Date;
  notAfter: Date;
}

/**
 * Returns the time at which to renew a certificate valid from `notBefore` to `notAfter`: a point
 * drawn uniformly from [50 %, 80 %] of its life.
 *
 * @throws {AssertionError} when `notAfter` is not after `notBefore` or `rng` leaves [0, 1).
 */
export function renewAt(notBefore: Date, notAfter: Date, rng: UnitRandom): Date {
  const lifeMs = notAfter.getTime() - notBefore.getTime();
  assert(lifeMs > 0, 'A certificate must end after it starts');
  const r = rng.next();
  assert(r >= 0 && r < 1, `Random source returned ${r}, outside [0, 1)`);
  const fraction = RENEW_MIN_FRACTION + r * (RENEW_MAX_FRACTION - RENEW_MIN_FRACTION);
  return new Date(notBefore.getTime() + Math.floor(lifeMs * fraction));
}

/**
 * The renewal point of a certificate this cluster's CA issued with `notBefore` backdated by
 * `backdateMs` (see root-ca.ts `CERT_BACKDATE_MS`): the life counts from issuance, not from the
 * backdated start. Without this, a one-hour certificate backdated one hour would be due for
 * renewal the moment it is issued.
 */
export function nextRenewalAt(validity: CertValidity, rng: UnitRandom, backdateMs: number): Date {
  const issuedMs = validity.notBefore.getTime() + backdateMs;
  const start = issuedMs < validity.notAfter.getTime() ? new Date(issuedMs) : validity.notBefore;
  return renewAt(start, validity.notAfter, rng);
}

/** Milliseconds to wait from `now` until `at`, never negative (renew at once when overdue). */
export function renewDelayMs(now: Date, at: Date): number {
  return Math.max(0, at.getTime() - now.getTime());
}

/**
 * How long to wait before retrying after `failures` failed renewals in a row (1 or more):
 * doubling from one second, at most one minute.
 */
export function renewRetryDelayMs(failures: number): number {
  assert(failures >= 1, 'A retry follows at least one failure');
  return Math.min(certRenewRetryMaxMs, certRenewRetryBaseMs * 2 ** Math.min(failures - 1, 30));
}
