import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../util/errors.js';
import { RecordStore } from './record-store.js';
import type { ContainerRecord } from './types.js';

/** A stored record with only what the name checks read. */
function record(id: string, name: string): ContainerRecord {
  const partial: Partial<ContainerRecord> = { id, name, created: '2026-01-01T00:00:00Z' };
  return partial as ContainerRecord;
}

describe('RecordStore.reserveName()', () => {
  it('refuses a name a create under way holds, until it is released', () => {
    const store = new RecordStore('/nonexistent');
    expect(store.reserveName('web')).toBe('web');
    expect(() => store.reserveName('web')).toThrow(ConflictError);
    store.releaseName('web');
    expect(store.reserveName('web')).toBe('web');
  });

  it('refuses the name of a stored container with ALREADY_EXISTS', () => {
    const store = new RecordStore('/nonexistent');
    store.insert(record('a1', 'db'));
    expect(() => store.reserveName('db')).toThrow(
      expect.objectContaining({ code: 'ALREADY_EXISTS' }),
    );
    store.discard('a1');
    expect(store.reserveName('db')).toBe('db');
  });

  it('picks distinct random names for creates without one', () => {
    const store = new RecordStore('/nonexistent');
    const names = Array.from({ length: 50 }, () => store.reserveName(undefined));
    expect(new Set(names).size).toBe(50);
    for (const n of names) expect(n).toMatch(/^[a-z]+_[a-z]+\d*$/);
  });
});
