import { describe, expect, it } from 'vitest';
import { CertRenewer, TIMER_MAX_MS, type RenewalTimers } from './renewer.js';
import { renewRetryDelayMs, type CertValidity } from './renewal.js';

const HOUR_MS = 3600 * 1000;
const T0 = new Date('2026-12-01T00:00:00Z').getTime();

/** A fake clock: timers fire only when the test advances time. */
class FakeClock implements RenewalTimers {
  nowMs = T0;
  #timers = new Map<number, { at: number; fn: () => void }>();
  #next = 1;
  now(): Date {
    return new Date(this.nowMs);
  }
  setTimeout(fn: () => void, delayMs: number): unknown {
    const id = this.#next++;
    this.#timers.set(id, { at: this.nowMs + delayMs, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }
  get pending(): number {
    return this.#timers.size;
  }
  /** Moves time to `toMs`, firing due timers in order and letting their promises settle. */
  async advanceTo(toMs: number): Promise<void> {
    for (;;) {
      const due = [...this.#timers.entries()]
        .filter(([, t]) => t.at <= toMs)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.#timers.delete(due[0]);
      this.nowMs = due[1].at;
      due[1].fn();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    this.nowMs = toMs;
  }
}

/** A certificate issued at `issuedMs` for `lifeMs`, backdated one hour as the CA does. */
function cert(issuedMs: number, lifeMs: number): CertValidity {
  return { notBefore: new Date(issuedMs - HOUR_MS), notAfter: new Date(issuedMs + lifeMs) };
}

function renewerWith(
  clock: FakeClock,
  renew: () => Promise<CertValidity>,
  r = 0.5,
): { renewer: CertRenewer; errors: number[] } {
  const errors: number[] = [];
  const renewer = new CertRenewer({
    timers: clock,
    rng: { next: () => r },
    backdateMs: HOUR_MS,
    renew,
    onError: (_err, retryInMs) => errors.push(retryInMs),
  });
  return { renewer, errors };
}

describe('CertRenewer', () => {
  it('renews at the drawn point of the life counted from issuance, then follows the new certificate', async () => {
    const clock = new FakeClock();
    const renewedAt: number[] = [];
    const { renewer } = renewerWith(clock, () => {
      renewedAt.push(clock.nowMs);
      return Promise.resolve(cert(clock.nowMs, 10 * HOUR_MS));
    });
    renewer.start(cert(T0, 10 * HOUR_MS));
    // r = 0.5 → 65 % of 10 h after issuance, not of the backdated 11 h.
    expect(renewer.dueAt?.getTime()).toBe(T0 + 6.5 * HOUR_MS);
    await clock.advanceTo(T0 + 6.5 * HOUR_MS - 1);
    expect(renewedAt).toEqual([]);
    await clock.advanceTo(T0 + 20 * HOUR_MS);
    expect(renewedAt).toEqual([T0 + 6.5 * HOUR_MS, T0 + 13 * HOUR_MS, T0 + 19.5 * HOUR_MS]);
  });

  it.each([0, 0.999999])(
    'stays inside [50 %, 80 %] of a one-hour certificate for random %s',
    (r) => {
      const clock = new FakeClock();
      const { renewer } = renewerWith(clock, () => Promise.resolve(cert(clock.nowMs, HOUR_MS)), r);
      renewer.start(cert(T0, HOUR_MS));
      const offset = (renewer.dueAt?.getTime() ?? 0) - T0;
      expect(offset).toBeGreaterThanOrEqual(0.5 * HOUR_MS);
      expect(offset).toBeLessThanOrEqual(0.8 * HOUR_MS);
    },
  );

  it('renews at once a certificate past its renewal point (a node that was down)', async () => {
    const clock = new FakeClock();
    clock.nowMs = T0 + 9 * HOUR_MS;
    let renewed = 0;
    const { renewer } = renewerWith(clock, () => {
      renewed++;
      return Promise.resolve(cert(clock.nowMs, 10 * HOUR_MS));
    });
    renewer.start(cert(T0, 10 * HOUR_MS));
    expect(renewer.dueAt?.getTime()).toBe(clock.nowMs);
    await clock.advanceTo(clock.nowMs);
    expect(renewed).toBe(1);
  });

  it('retries a failed renewal with a doubling delay, then resumes the schedule', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const { renewer, errors } = renewerWith(clock, () => {
      calls++;
      if (calls <= 3) return Promise.reject(new Error('manager unreachable'));
      return Promise.resolve(cert(clock.nowMs, 10 * HOUR_MS));
    });
    renewer.start(cert(T0, 10 * HOUR_MS));
    const first = T0 + 6.5 * HOUR_MS;
    await clock.advanceTo(first + 7_000);
    expect(errors).toEqual([renewRetryDelayMs(1), renewRetryDelayMs(2), renewRetryDelayMs(3)]);
    expect(errors).toEqual([1_000, 2_000, 4_000]);
    expect(calls).toBe(4);
    expect(renewer.dueAt?.getTime()).toBe(first + 7_000 + 6.5 * HOUR_MS);
  });

  it('caps the retry delay at one minute', () => {
    expect(renewRetryDelayMs(7)).toBe(60_000);
    expect(renewRetryDelayMs(500)).toBe(60_000);
  });

  it('stop() cancels the schedule, and a renewal in flight schedules nothing', async () => {
    const clock = new FakeClock();
    let release: (v: CertValidity) => void = () => undefined;
    const { renewer } = renewerWith(
      clock,
      () => new Promise<CertValidity>((resolve) => (release = resolve)),
    );
    renewer.start(cert(T0, 10 * HOUR_MS));
    await clock.advanceTo(T0 + 7 * HOUR_MS);
    renewer.stop();
    release(cert(clock.nowMs, 10 * HOUR_MS));
    await clock.advanceTo(T0 + 30 * HOUR_MS);
    expect(renewer.dueAt).toBeUndefined();
    expect(clock.pending).toBe(0);
  });

  it('renewSoon() renews at once (a root rotation), once, and the schedule follows the new certificate', async () => {
    const clock = new FakeClock();
    let release: (v: CertValidity) => void = () => undefined;
    let calls = 0;
    const { renewer } = renewerWith(clock, () => {
      calls++;
      return new Promise<CertValidity>((resolve) => (release = resolve));
    });
    renewer.start(cert(T0, 10 * HOUR_MS));
    clock.nowMs = T0 + HOUR_MS;
    renewer.renewSoon();
    expect(renewer.dueAt?.getTime()).toBe(T0 + HOUR_MS);
    await clock.advanceTo(T0 + HOUR_MS);
    renewer.renewSoon();
    expect(calls).toBe(1);
    release(cert(clock.nowMs, 10 * HOUR_MS));
    await clock.advanceTo(clock.nowMs);
    expect(renewer.dueAt?.getTime()).toBe(T0 + HOUR_MS + 6.5 * HOUR_MS);
  });

  it('waits out a certificate of months in timer steps a Node timer can take', async () => {
    const clock = new FakeClock();
    const delays: number[] = [];
    const setTimer = clock.setTimeout.bind(clock);
    clock.setTimeout = (fn, delayMs) => {
      delays.push(delayMs);
      return setTimer(fn, delayMs);
    };
    let renewals = 0;
    const { renewer } = renewerWith(clock, () => {
      renewals++;
      return Promise.resolve(cert(clock.nowMs, 90 * 24 * HOUR_MS));
    });
    renewer.start(cert(T0, 90 * 24 * HOUR_MS));
    const due = renewer.dueAt?.getTime() ?? 0;
    expect(due - T0).toBeGreaterThan(TIMER_MAX_MS);
    await clock.advanceTo(due - 1);
    expect(renewals).toBe(0);
    await clock.advanceTo(due);
    expect(renewals).toBe(1);
    expect(Math.max(...delays)).toBeLessThanOrEqual(TIMER_MAX_MS);
    renewer.stop();
  });
});
