import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasCode } from '../../util/errors.js';
import { VolumeStore, validateVolumeName } from './store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function store(inUse: (n: string) => string[] = () => []): VolumeStore {
  const d = mkdtempSync(join(tmpdir(), 'tsorch-vol-'));
  dirs.push(d);
  return new VolumeStore(d, inUse);
}
async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    for (const c of ['NOT_FOUND', 'VOLUME_IN_USE', 'INVALID_ARGUMENT'] as const)
      if (hasCode(err, c)) return c;
    return String(err);
  }
}

describe('VolumeStore', () => {
  it('creates idempotently, lists, inspects and removes', async () => {
    const s = store();
    const a = await s.create('data', { labels: { k: 'v' } });
    expect(a).toMatchObject({
      name: 'data',
      driver: 'local',
      created: true,
      anonymous: false,
      labels: { k: 'v' },
    });
    expect((await s.create('data')).created).toBe(false);
    const anon = await s.create(undefined);
    expect(anon.name).toMatch(/^[0-9a-f]{64}$/);
    expect((await s.list()).map((v) => v.name).sort()).toEqual([anon.name, 'data'].sort());
    expect((await s.inspect('data')).mountpoint).toBe(a.mountpoint);
    await s.remove('data');
    expect(await codeOf(s.inspect('data'))).toBe('NOT_FOUND');
    expect(await codeOf(s.remove('data'))).toBe('NOT_FOUND');
    await s.remove('data', { force: true });
  });
  it('refuses bad names and volumes in use; prune keeps used ones', async () => {
    expect(() => validateVolumeName('-x')).toThrow(/Invalid volume name/);
    const s = store((n) => (n === 'used' ? ['web'] : []));
    expect(await codeOf(s.create('a/b'))).toBe('INVALID_ARGUMENT');
    await s.create('used');
    const free = await s.create('free');
    writeFileSync(join(free.mountpoint, 'f'), 'x'.repeat(10));
    expect(await codeOf(s.remove('used'))).toBe('VOLUME_IN_USE');
    const r = await s.prune();
    expect(r).toEqual({ removed: ['free'], reclaimedBytes: 10 });
    expect((await s.list()).map((v) => v.name)).toEqual(['used']);
  });
});
