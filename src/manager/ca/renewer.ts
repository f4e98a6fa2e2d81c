/**
 * The loop that keeps a node's certificate fresh: it waits until the renewal point of the
 * current certificate ({@link nextRenewalAt}), renews, and starts over with the new certificate;
 * a failed renewal is retried with a doubling delay. Time and timers are injected, so the
 * schedule is tested on a fake clock; the daemon passes the real ones.
 *
 * @module
 */
import { nextRenewalAt, renewDelayMs, renewRetryDelayMs, type CertValidity } from './renewal.js';
import type { UnitRandom } from './renewal.js';

/** The longest delay a Node timer takes (2^31 - 1 ms, about 24.8 days). */
export const TIMER_MAX_MS = 2 ** 31 - 1;

/** The clock and timers the renewer runs on. */
export interface RenewalTimers {
  now(): Date;
  setTimeout(fn: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of {@link CertRenewer}. */
export interface CertRenewerOptions {
  timers: RenewalTimers;
  rng: UnitRandom;
  /** How far the CA backdates certificates (`CERT_BACKDATE_MS`). */
  backdateMs: number;
  /** Obtains and installs a new certificate; resolves to its validity. */
  renew(): Promise<CertValidity>;
  /** Told about a failed renewal and when the next attempt runs. */
  onError(err: unknown, retryInMs: number): void;
}

/** Renews a certificate at a random point in [50 %, 80 %] of its life, for as long as it runs. */
export class CertRenewer {
  readonly #o: CertRenewerOptions;
  #timer: unknown;
  #failures = 0;
  #running = false;
  #generation = 0;
  #due: Date | undefined;
  #inFlight = false;

  constructor(options: CertRenewerOptions) {
    this.#o = options;
  }

  /** When the next attempt is scheduled, or undefined when stopped or renewing. */
  get dueAt(): Date | undefined {
    return this.#due;
  }

  /** (Re)starts the schedule from the certificate now in use (after join, restart, role change). */
  start(current: CertValidity): void {
    this.stop();
    this.#running = true;
    this.#failures = 0;
    this.#schedule(
      renewDelayMs(this.#o.timers.now(), nextRenewalAt(current, this.#o.rng, this.#o.backdateMs)),
    );
  }

  /**
   * Renews at once instead of at the scheduled point (the cluster moved to a new root CA); does
   * nothing while stopped or while a renewal is in flight.
   */
  renewSoon(): void {
    if (!this.#running || this.#inFlight) return;
    if (this.#timer !== undefined) this.#o.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#schedule(0);
  }

  /** Cancels the schedule; a renewal in flight finishes but schedules nothing. */
  stop(): void {
    this.#running = false;
    this.#generation++;
    this.#due = undefined;
    if (this.#timer !== undefined) this.#o.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(delayMs: number): void {
    this.#due = new Date(this.#o.timers.now().getTime() + delayMs);
    this.#arm(this.#generation, this.#due);
  }

  /**
   * Waits for `due` in steps of at most {@link TIMER_MAX_MS}: a certificate lives for months,
   * and a longer timer delay fires at once (Node clamps it to 1 ms).
   */
  #arm(generation: number, due: Date): void {
    const leftMs = Math.max(0, due.getTime() - this.#o.timers.now().getTime());
    this.#timer = this.#o.timers.setTimeout(
      () => {
        this.#timer = undefined;
        if (due.getTime() > this.#o.timers.now().getTime()) {
          this.#arm(generation, due);
          return;
        }
        this.#due = undefined;
        void this.#attempt(generation);
      },
      Math.min(leftMs, TIMER_MAX_MS),
    );
  }

  async #attempt(generation: number): Promise<void> {
    let next: CertValidity;
    this.#inFlight = true;
    try {
      next = await this.#o.renew();
    } catch (err) {
      this.#inFlight = false;
      if (generation !== this.#generation || !this.#running) return;
      this.#failures++;
      const retryMs = renewRetryDelayMs(this.#failures);
      this.#o.onError(err, retryMs);
      this.#schedule(retryMs);
      return;
    }
    this.#inFlight = false;
    if (generation !== this.#generation || !this.#running) return;
    this.#failures = 0;
    this.#schedule(
      renewDelayMs(this.#o.timers.now(), nextRenewalAt(next, this.#o.rng, this.#o.backdateMs)),
    );
  }
}
