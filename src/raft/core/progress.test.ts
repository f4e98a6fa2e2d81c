import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { committedIndex, Inflights, Progress, quorumOf, voteResult } from './progress.js';

describe('quorum', () => {
  it.each([
    [[5], 5],
    [[5, 3, 1], 3],
    [[9, 9, 1, 1], 1],
    [[7, 6, 5, 4, 3], 5],
  ])('committedIndex(%j) = %i', (matches, want) => {
    expect(committedIndex(matches)).toBe(want);
  });

  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 3],
  ])('quorumOf(%i) = %i', (n, q) => {
    expect(quorumOf(n)).toBe(q);
  });

  it.each<[number[], [number, boolean][], string]>([
    [
      [1, 2, 3],
      [
        [1, true],
        [2, true],
      ],
      'won',
    ],
    [
      [1, 2, 3],
      [
        [1, true],
        [2, false],
      ],
      'pending',
    ],
    [
      [1, 2, 3],
      [
        [1, true],
        [2, false],
        [3, false],
      ],
      'lost',
    ],
    [
      [1, 2, 3, 4],
      [
        [1, true],
        [2, true],
      ],
      'pending',
    ],
    [
      [1, 2, 3],
      [
        [1, true],
        [9, true],
      ],
      'pending',
    ],
  ])('voteResult(%j, %j) = %s', (voters, votes, want) => {
    expect(voteResult(voters, new Map(votes))).toBe(want);
  });
});

describe('Progress', () => {
  it('probe: one message at a time until acknowledged', () => {
    const p = new Progress(5, 4, false);
    expect(p.isPaused()).toBe(false);
    p.probeSent = true;
    expect(p.isPaused()).toBe(true);
    expect(p.maybeUpdate(6)).toBe(true);
    expect(p.isPaused()).toBe(false);
    expect(p.next).toBe(7);
  });

  it('replicate: pauses when the inflight window is full', () => {
    const p = new Progress(1, 2, false);
    p.becomeReplicate();
    p.inflights.add(3);
    p.inflights.add(5);
    expect(p.isPaused()).toBe(true);
    p.inflights.freeLE(3);
    expect(p.isPaused()).toBe(false);
  });

  it.each([
    { state: 'probe' as const, next: 10, match: 0, rejected: 9, hint: 4, ok: true, wantNext: 5 },
    { state: 'probe' as const, next: 10, match: 0, rejected: 7, hint: 4, ok: false, wantNext: 10 },
    {
      state: 'replicate' as const,
      next: 10,
      match: 6,
      rejected: 8,
      hint: 2,
      ok: true,
      wantNext: 7,
    },
    {
      state: 'replicate' as const,
      next: 10,
      match: 6,
      rejected: 5,
      hint: 2,
      ok: false,
      wantNext: 10,
    },
  ])('maybeDecrTo in $state: rejected $rejected hint $hint -> $ok next $wantNext', (c) => {
    const p = new Progress(c.next, 4, false);
    p.match = c.match;
    if (c.state === 'replicate') {
      p.becomeReplicate();
      p.next = c.next;
    }
    expect(p.maybeDecrTo(c.rejected, c.hint)).toBe(c.ok);
    expect(p.next).toBe(c.wantNext);
  });

  it('snapshot: paused until reported, then probes after the snapshot', () => {
    const p = new Progress(3, 4, false);
    p.becomeSnapshot(20);
    expect(p.isPaused()).toBe(true);
    p.becomeProbe();
    expect(p.next).toBe(21);
  });
});

describe('Inflights', () => {
  it('rejects adding to a full window', () => {
    const f = new Inflights(1);
    f.add(1);
    expect(() => f.add(2)).toThrow(/full/);
  });
});

describe('committedIndex() properties', () => {
  it('is the largest index that a majority of voters hold', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 9 }), (matches) => {
        const ci = committedIndex(matches);
        const holding = (i: number): number => matches.filter((m) => m >= i).length;
        expect(holding(ci)).toBeGreaterThanOrEqual(quorumOf(matches.length));
        expect(holding(ci + 1)).toBeLessThan(quorumOf(matches.length));
      }),
    );
  });
});
