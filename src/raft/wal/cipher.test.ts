import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasCode } from '../../util/errors.js';
import { SnapshotStore } from '../snapshot-store.js';
import { createAesGcmCipher, DATA_KEY_BYTES } from './cipher.js';
import { Wal } from './wal.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tsorch-wal-cipher-'));
  dirs.push(dir);
  return dir;
}

/** A value that must never reach the disk in the clear. */
const SECRET = 'password=correct-horse-battery-staple';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

async function filesContain(dir: string, needle: string): Promise<boolean> {
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    const buf = await readFile(path).catch(() => undefined);
    if (buf?.includes(needle) === true) return true;
  }
  return false;
}

describe('WAL and snapshots with a data cipher', () => {
  it('write no plaintext to disk and read back with the same key', async () => {
    const dir = await tmp();
    const cipher = createAesGcmCipher(randomBytes(DATA_KEY_BYTES));
    const { wal } = await Wal.open(join(dir, 'wal'), { cipher });
    await wal.append([{ index: 1, term: 1, type: 'normal', data: enc(SECRET) }], {
      term: 1,
      vote: 0,
      commit: 1,
    });
    await wal.close();
    const snaps = new SnapshotStore(join(dir, 'snap'), cipher);
    const meta = { index: 1, term: 1, conf: { voters: [1], learners: [] } };
    await snaps.save({ meta, data: enc(SECRET) });
    expect(await filesContain(dir, SECRET)).toBe(false);

    const reopened = await Wal.open(join(dir, 'wal'), { cipher });
    expect(new TextDecoder().decode(reopened.state.entries[0]?.data)).toBe(SECRET);
    await reopened.wal.close();
    const snap = await snaps.loadNewest();
    expect(new TextDecoder().decode(snap?.data)).toBe(SECRET);
  });

  it('without a cipher the same data is on disk in the clear (the test can fail)', async () => {
    const dir = await tmp();
    const { wal } = await Wal.open(join(dir, 'wal'));
    await wal.append([{ index: 1, term: 1, type: 'normal', data: enc(SECRET) }]);
    await wal.close();
    expect(await filesContain(dir, SECRET)).toBe(true);
  });

  it('refuses to replay with another key, saying so', async () => {
    const dir = await tmp();
    const { wal } = await Wal.open(dir, { cipher: createAesGcmCipher(randomBytes(32)) });
    await wal.append([{ index: 1, term: 1, type: 'normal', data: enc(SECRET) }]);
    await wal.close();
    const other = createAesGcmCipher(randomBytes(32));
    const err: unknown = await Wal.open(dir, { cipher: other }).catch((e: unknown) => e);
    expect(hasCode(err, 'RAFT_WAL_KEY_MISMATCH')).toBe(true);
    expect((err as Error).message).toBe(
      'Cannot decrypt Raft data: wrong data-encryption key, or the data is damaged',
    );
    const snaps = new SnapshotStore(join(dir, 'snap'), createAesGcmCipher(randomBytes(32)));
    await snaps.save({
      meta: { index: 1, term: 1, conf: { voters: [1], learners: [] } },
      data: enc(SECRET),
    });
    await expect(new SnapshotStore(join(dir, 'snap'), other).loadNewest()).rejects.toThrow(
      'Cannot decrypt Raft data',
    );
  });

  it('rejects a key of the wrong size', () => {
    expect(() => createAesGcmCipher(new Uint8Array(16))).toThrow('A data key is 32 bytes, got 16');
  });
});
