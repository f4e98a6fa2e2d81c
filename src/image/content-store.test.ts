import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentStore } from './content-store.js';
import type { Digest } from './digest.js';

const digestOf = (data: string): Digest =>
  `sha256:${createHash('sha256').update(data).digest('hex')}`;

describe('ContentStore', () => {
  let dir: string;
  let store: ContentStore;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tsorch-cs-'));
    store = new ContentStore(dir);
    await store.init();
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('write() stores content under its digest', async () => {
    const info = await store.writeBuffer(Buffer.from('hello'));
    expect(info).toEqual({ digest: digestOf('hello'), sizeBytes: 5, created: true });
    expect((await store.readVerified(info.digest, 100)).toString()).toBe('hello');
    // A second write of the same content says the blob was there already.
    expect((await store.writeBuffer(Buffer.from('hello'))).created).toBe(false);
    expect(await readdir(path.join(dir, 'ingest'))).toEqual([]);
  });

  it('write() refuses content whose digest or size differs and leaves nothing behind', async () => {
    await expect(
      store.writeBuffer(Buffer.from('hello'), { expected: digestOf('other') }),
    ).rejects.toMatchObject({ code: 'IMAGE_DIGEST_MISMATCH' });
    await expect(
      store.writeBuffer(Buffer.from('hello'), { expectedSizeBytes: 4 }),
    ).rejects.toMatchObject({ code: 'IMAGE_DIGEST_MISMATCH' });
    expect(await store.list()).toEqual([]);
    expect(await readdir(path.join(dir, 'ingest'))).toEqual([]);
  });

  it('writeResumable() continues after a broken transfer and verifies the whole', async () => {
    const data = 'abcdefghij';
    const offsets: number[] = [];
    const info = await store.writeResumable(
      digestOf(data),
      (offset) => {
        offsets.push(offset);
        return Promise.resolve(
          (async function* () {
            await Promise.resolve();
            yield Buffer.from(data.slice(offset, offset + 4));
            if (offset + 4 < data.length) throw new Error('connection reset');
          })(),
        );
      },
      { maxAttempts: 5, expectedSizeBytes: data.length },
    );
    expect(offsets).toEqual([0, 4, 8]);
    expect(info.digest).toBe(digestOf(data));
  });

  it('writeResumable() rejects content that does not match and gives up after maxAttempts', async () => {
    const once = (text: string) => () => Promise.resolve([Buffer.from(text)]);
    await expect(
      store.writeResumable(digestOf('good'), once('evil'), {
        maxAttempts: 2,
        expectedSizeBytes: 4,
      }),
    ).rejects.toMatchObject({ code: 'IMAGE_DIGEST_MISMATCH' });
    const failing = () => Promise.reject(new Error('down'));
    await expect(
      store.writeResumable(digestOf('good'), failing, { maxAttempts: 2, expectedSizeBytes: 4 }),
    ).rejects.toMatchObject({ code: 'IMAGE_REGISTRY' });
    expect(await store.list()).toEqual([]);
  });

  it('cleanIngest() removes temporary files, and partial downloads only when asked', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, 'ingest', 'tmp-abc'), 'x');
    await writeFile(path.join(dir, 'ingest', `partial-${'a'.repeat(64)}`), 'x');
    await store.cleanIngest();
    expect(await readdir(path.join(dir, 'ingest'))).toEqual([`partial-${'a'.repeat(64)}`]);
    await store.cleanIngest({ partials: true });
    expect(await readdir(path.join(dir, 'ingest'))).toEqual([]);
  });

  it('readVerified() detects a corrupted blob and a missing one', async () => {
    const info = await store.writeBuffer(Buffer.from('{"a":1}'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(store.path(info.digest), '{"a":2}');
    await expect(store.readJson(info.digest, 100)).rejects.toMatchObject({
      code: 'IMAGE_DIGEST_MISMATCH',
    });
    await expect(store.readJson(digestOf('x'), 100)).rejects.toMatchObject({
      code: 'IMAGE_NOT_FOUND',
    });
    await expect(store.readJson(info.digest, 3)).rejects.toMatchObject({ code: 'IMAGE_INVALID' });
  });
});
