/**
 * A small, fast, seedable PRNG (sfc32, Chris Doty-Humphrey's Small Fast Counting generator) for
 * deterministic simulations and election jitter. Not for cryptography.
 *
 * @module
 */

/** A seeded random source. */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** An element of a non-empty array. */
  pick<T>(xs: readonly T[]): T;
  /** An independent generator derived from this one (for sub-systems). */
  fork(): Prng;
}

/** Creates an sfc32 generator from a 32-bit seed. */
export function createPrng(seed: number): Prng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const u32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs so that close seeds diverge.
  for (let i = 0; i < 15; i++) u32();
  const prng: Prng = {
    next: () => u32() / 4294967296,
    int: (n) => Math.floor((u32() / 4294967296) * n),
    chance: (p) => u32() / 4294967296 < p,
    pick: <T>(xs: readonly T[]): T => {
      if (xs.length === 0) throw new RangeError('Cannot pick from an empty array');
      return xs[Math.floor((u32() / 4294967296) * xs.length)] as T;
    },
    fork: () => createPrng(u32()),
  };
  return prng;
}
