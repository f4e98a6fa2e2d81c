import { describe, expect, it } from 'vitest';
import { parseKeyed, parseLimit } from './files.js';
import { blkioToIoWeight, ioWeightToBlkio, sharesToWeight, weightToShares } from './v2.js';

describe('cgroup file parsing', () => {
  it.each([
    ['max\n', undefined],
    ['-1\n', undefined],
    ['9223372036854771712\n', undefined],
    ['67108864\n', 67108864],
    ['0', 0],
  ])('parseLimit(%j)', (text, expected) => {
    expect(parseLimit(text)).toBe(expected);
  });

  it('parses keyed files', () => {
    expect(parseKeyed('oom_kill_disable 0\nunder_oom 0\noom_kill 3\n').get('oom_kill')).toBe(3);
  });

  it('converts shares and blkio weights to v2 weights and back', () => {
    expect(sharesToWeight(1024)).toBe(39);
    expect(sharesToWeight(2)).toBe(1);
    expect(sharesToWeight(262144)).toBe(10000);
    expect(blkioToIoWeight(10)).toBe(1);
    expect(blkioToIoWeight(1000)).toBe(10000);
    for (const w of [10, 300, 500, 1000]) expect(ioWeightToBlkio(blkioToIoWeight(w))).toBe(w);
    for (const s of [2, 512, 1024, 262144])
      expect(Math.abs(weightToShares(sharesToWeight(s)) - s)).toBeLessThanOrEqual(27);
  });
});
