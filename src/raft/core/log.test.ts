import { describe, expect, it } from 'vitest';
import { RaftLog } from './log.js';
import { MemoryStorage } from './storage.js';
import type { Entry } from './types.js';

const ent = (index: number, term: number): Entry => ({
  index,
  term,
  type: 'normal',
  data: new Uint8Array(),
});

/** A log with stable terms `stable` and unstable terms `unstable` after them. */
function logOf(stable: number[], unstable: number[] = []): RaftLog {
  const s = new MemoryStorage();
  s.append(stable.map((t, i) => ent(i + 1, t)));
  const log = new RaftLog(s);
  log.append(unstable.map((t, i) => ent(stable.length + i + 1, t)));
  return log;
}

describe('RaftLog', () => {
  it.each([
    { index: 10, term: 3, want: { index: 6, term: 3 } },
    { index: 6, term: 2, want: { index: 3, term: 2 } },
    { index: 6, term: 1, want: { index: 2, term: 1 } },
    { index: 2, term: 5, want: { index: 2, term: 1 } },
  ])('§5.3 findConflictByTerm($index, $term)', ({ index, term, want }) => {
    expect(logOf([1, 1, 2], [3, 3, 3]).findConflictByTerm(index, term)).toEqual(want);
  });

  it.each([
    { lastIndex: 6, lastTerm: 3, ok: true },
    { lastIndex: 5, lastTerm: 3, ok: false },
    { lastIndex: 1, lastTerm: 4, ok: true },
    { lastIndex: 100, lastTerm: 2, ok: false },
  ])('§5.4.1 isUpToDate($lastIndex, $lastTerm) = $ok', ({ lastIndex, lastTerm, ok }) => {
    expect(logOf([1, 1, 2], [3, 3, 3]).isUpToDate(lastIndex, lastTerm)).toBe(ok);
  });

  it('§5.3 maybeAppend() refuses a mismatched previous entry and merges a matching one', () => {
    const log = logOf([1, 1, 2]);
    expect(log.maybeAppend(3, 1, 3, [ent(4, 3)])).toBeUndefined();
    expect(log.maybeAppend(2, 1, 3, [ent(3, 3), ent(4, 3)])).toBe(4);
    expect([log.term(3), log.term(4), log.committed]).toEqual([3, 3, 3]);
  });

  it('maybeAppend() never truncates committed entries', () => {
    const log = logOf([1, 1, 2]);
    log.commitTo(3);
    expect(() => log.maybeAppend(1, 1, 3, [ent(2, 5)])).toThrow(/conflict/);
  });

  it('§5.4.2 maybeCommit() commits only entries of the given term', () => {
    const log = logOf([1, 1, 2], [3]);
    expect(log.maybeCommit(3, 3)).toBe(false);
    expect(log.maybeCommit(4, 3)).toBe(true);
    expect(log.committed).toBe(4);
  });

  it('stableTo() ignores a stale acknowledgement after the tail was replaced', () => {
    const log = logOf([1], [1, 1]);
    log.append([ent(3, 2)]);
    log.stableTo(3, 1);
    expect(log.unstable.map((e) => e.index)).toEqual([2, 3]);
    log.stableTo(3, 2);
    expect(log.unstable).toEqual([]);
  });

  it('nextCommitted() holds back while a snapshot is pending', () => {
    const log = logOf([1, 1]);
    log.commitTo(2);
    expect(log.nextCommitted(1000).map((e) => e.index)).toEqual([1, 2]);
    log.restore({
      meta: { index: 10, term: 2, conf: { voters: [1], learners: [] } },
      data: new Uint8Array(),
    });
    expect(log.nextCommitted(1000)).toEqual([]);
    expect(log.lastIndex()).toBe(10);
  });

  it.each([
    { lo: 1, hi: 6, maxBytes: Infinity, want: [1, 2, 3, 4, 5] },
    { lo: 2, hi: 5, maxBytes: 48, want: [2, 3] },
    { lo: 3, hi: 6, maxBytes: 72, want: [3, 4, 5] },
    { lo: 3, hi: 6, maxBytes: 30, want: [3] },
    { lo: 4, hi: 6, maxBytes: 1, want: [4] },
  ])(
    'slice($lo, $hi, $maxBytes) spans stable and unstable entries',
    ({ lo, hi, maxBytes, want }) => {
      // Entries are 24 bytes each (empty data): 3 stable, 2 unstable.
      expect(
        logOf([1, 1, 1], [2, 2])
          .slice(lo, hi, maxBytes)
          ?.map((e) => e.index),
      ).toEqual(want);
    },
  );
});
