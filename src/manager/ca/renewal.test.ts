import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renewAt, renewDelayMs } from './renewal.js';
import { createPrng } from '../../util/prng.js';

const DAY_MS = 24 * 3600 * 1000;
const start = new Date('2026-01-01T00:00:00Z');
const end = new Date(start.getTime() + 90 * DAY_MS);

describe('renewAt()', () => {
  it.each([
    [0, 45 * DAY_MS],
    [0.5, 58.5 * DAY_MS],
  ])('maps random %s to %s ms after notBefore', (r, offsetMs) => {
    expect(renewAt(start, end, { next: () => r }).getTime() - start.getTime()).toBe(offsetMs);
  });

  it('stays within [50 %, 80 %] of the life for any certificate and random value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (beginMs, lifeMs, r) => {
          const at = renewAt(new Date(beginMs), new Date(beginMs + lifeMs), { next: () => r });
          const offset = at.getTime() - beginMs;
          expect(offset).toBeGreaterThanOrEqual(Math.floor(lifeMs * 0.5));
          expect(offset).toBeLessThanOrEqual(Math.ceil(lifeMs * 0.8));
        },
      ),
    );
  });

  it('spreads nodes that joined together over the window', () => {
    const prng = createPrng(42);
    const days = Array.from({ length: 200 }, () =>
      Math.floor((renewAt(start, end, prng).getTime() - start.getTime()) / DAY_MS),
    );
    expect(Math.min(...days)).toBeLessThan(50);
    expect(Math.max(...days)).toBeGreaterThan(68);
  });

  it('refuses a certificate that ends before it starts', () => {
    expect(() => renewAt(end, start, { next: () => 0 })).toThrow('must end after it starts');
  });

  it('renewDelayMs() is zero when the renewal time has passed', () => {
    expect(renewDelayMs(end, start)).toBe(0);
    expect(renewDelayMs(start, new Date(start.getTime() + 5))).toBe(5);
  });
});
