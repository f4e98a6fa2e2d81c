import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  hasLockedKeys,
  loadLockedKeys,
  newDataKey,
  newUnlockKey,
  saveLockedKeys,
} from './manager-lock.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('locked manager keys', () => {
  it('round-trip with the unlock key, 0600, with neither key in the clear', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tsorch-lock-'));
    dirs.push(dir);
    const path = join(dir, 'locked-keys.json');
    expect(await hasLockedKeys(path)).toBe(false);
    const key = newUnlockKey();
    const dek = newDataKey();
    const keyRingJson = '{"currentKeyId":"k1","keys":{"k1":"c2VjcmV0LXJpbmcta2V5"}}';
    await saveLockedKeys(path, key, { dek, keyRingJson });
    expect(await hasLockedKeys(path)).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('c2VjcmV0LXJpbmcta2V5');
    expect(text).not.toContain(Buffer.from(dek).toString('base64'));
    expect(text).not.toContain(key.slice('SWMKEY-1-'.length));
    const opened = await loadLockedKeys(path, `${key}\n`);
    expect(Buffer.from(opened.dek).equals(Buffer.from(dek))).toBe(true);
    expect(opened.keyRingJson).toBe(keyRingJson);
  });

  it.each([
    ['nope', 'Invalid unlock key: it does not start with "SWMKEY-1-"'],
    ['SWMKEY-1-abc', 'Invalid unlock key: it has the wrong length'],
    [newUnlockKey(), "Invalid unlock key: it does not open this node's keys"],
  ])('refuses %s with a clear message', async (wrong, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'tsorch-lock-'));
    dirs.push(dir);
    const path = join(dir, 'locked-keys.json');
    await saveLockedKeys(path, newUnlockKey(), { dek: newDataKey(), keyRingJson: '{}' });
    await expect(loadLockedKeys(path, wrong)).rejects.toThrow(message);
  });
});
