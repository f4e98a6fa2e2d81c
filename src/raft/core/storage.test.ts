import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../util/errors.js';
import { limitSize, MemoryStorage } from './storage.js';
import type { Entry } from './types.js';

const ent = (index: number, term: number, size = 0): Entry => ({
  index,
  term,
  type: 'normal',
  data: new Uint8Array(size),
});

function withEntries(n: number): MemoryStorage {
  const s = new MemoryStorage();
  s.append(Array.from({ length: n }, (_, i) => ent(i + 1, 1)));
  return s;
}

describe('MemoryStorage', () => {
  it('starts empty at index 0', () => {
    const s = new MemoryStorage();
    expect([s.firstIndex(), s.lastIndex(), s.term(0)]).toEqual([1, 0, 0]);
    expect(s.initialState()).toEqual({
      hardState: { term: 0, vote: 0, commit: 0 },
      confState: { voters: [], learners: [] },
    });
  });

  it('append() truncates a conflicting suffix', () => {
    const s = withEntries(5);
    s.append([ent(3, 2), ent(4, 2)]);
    expect(s.lastIndex()).toBe(4);
    expect([1, 2, 3, 4].map((i) => s.term(i))).toEqual([1, 1, 2, 2]);
  });

  it('append() ignores entries already compacted', () => {
    const s = withEntries(5);
    s.compact(3);
    s.append([ent(2, 1), ent(3, 1), ent(4, 1), ent(5, 1), ent(6, 1)]);
    expect([s.firstIndex(), s.lastIndex()]).toEqual([4, 6]);
  });

  it('entries() answers undefined below the first index and respects maxBytes', () => {
    const s = withEntries(5);
    s.compact(2);
    expect(s.entries(2, 4)).toBeUndefined();
    expect(s.entries(3, 6)?.map((e) => e.index)).toEqual([3, 4, 5]);
    expect(s.entries(3, 6, 1)?.map((e) => e.index)).toEqual([3]);
  });

  it.each([
    ['entries() past the end', (s: MemoryStorage) => s.entries(1, 10)],
    [
      'compact() past the end',
      (s: MemoryStorage) => {
        s.compact(9);
      },
    ],
    [
      'createSnapshot() of an index not in the log',
      (s: MemoryStorage) => s.createSnapshot(9, { voters: [1], learners: [] }, new Uint8Array()),
    ],
    [
      'createSnapshot() not newer than the current one',
      (s: MemoryStorage) => {
        s.createSnapshot(3, { voters: [1], learners: [] }, new Uint8Array());
        s.createSnapshot(2, { voters: [1], learners: [] }, new Uint8Array());
      },
    ],
    [
      'applySnapshot() of an older snapshot',
      (s: MemoryStorage) => {
        s.applySnapshot({
          meta: { index: 4, term: 1, conf: { voters: [1], learners: [] } },
          data: new Uint8Array(),
        });
        s.applySnapshot({
          meta: { index: 3, term: 1, conf: { voters: [1], learners: [] } },
          data: new Uint8Array(),
        });
      },
    ],
  ])('%s throws InvalidArgumentError', (_name, f) => {
    expect(() => f(withEntries(5))).toThrow(InvalidArgumentError);
  });

  it('applySnapshot() replaces the log', () => {
    const s = withEntries(5);
    s.applySnapshot({
      meta: { index: 10, term: 3, conf: { voters: [1, 2], learners: [] } },
      data: new Uint8Array([1]),
    });
    expect([s.firstIndex(), s.lastIndex(), s.term(10)]).toEqual([11, 10, 3]);
    expect(s.initialState().confState).toEqual({ voters: [1, 2], learners: [] });
  });
});

describe('limitSize()', () => {
  it('always returns at least one entry', () => {
    expect(limitSize([ent(1, 1, 1000), ent(2, 1)], 10)).toHaveLength(1);
  });
  it('keeps entries while the total fits', () => {
    expect(limitSize([ent(1, 1, 10), ent(2, 1, 10), ent(3, 1, 10)], 70)).toHaveLength(2);
  });
});

describe('MemoryStorage properties', () => {
  it('keeps a contiguous log through any mix of appends and compactions', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('append' as const),
        back: fc.nat(5),
        n: fc.integer({ min: 1, max: 5 }),
        term: fc.integer({ min: 1, max: 4 }),
      }),
      fc.record({ kind: fc.constant('compact' as const), back: fc.nat(5) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const s = new MemoryStorage();
        for (const o of ops) {
          if (o.kind === 'append') {
            const start = Math.max(s.firstIndex(), s.lastIndex() + 1 - o.back);
            s.append(Array.from({ length: o.n }, (_, i) => ent(start + i, o.term)));
          } else {
            s.compact(Math.max(0, s.lastIndex() - o.back));
          }
          const got = s.entries(s.firstIndex(), s.lastIndex() + 1) ?? [];
          expect(got.map((e) => e.index)).toEqual(
            Array.from(
              { length: s.lastIndex() - s.firstIndex() + 1 },
              (_, i) => s.firstIndex() + i,
            ),
          );
        }
      }),
    );
  });
});
