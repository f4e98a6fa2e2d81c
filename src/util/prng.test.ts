import { describe, expect, it } from 'vitest';
import { createPrng } from './prng.js';

describe('createPrng()', () => {
  it('replays the same sequence for the same seed', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
  });

  it('gives different sequences for neighbouring seeds', () => {
    expect(createPrng(1).next()).not.toBe(createPrng(2).next());
  });

  it('stays in range and covers it', () => {
    const r = createPrng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      seen.add(r.int(10));
    }
    expect(seen.size).toBe(10);
  });

  it('pick() rejects an empty array', () => {
    expect(() => createPrng(1).pick([])).toThrow(RangeError);
  });
});
