import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tarFromEntries, writeImageArchive } from '../../test/helpers/images.js';
import { hasCode } from '../util/errors.js';
import { readArchive, type ReadArchiveOptions } from './archive.js';
import { ContentStore } from './content-store.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

async function setup(): Promise<{ dir: string; content: ContentStore }> {
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-archive-'));
  dirs.push(dir);
  const content = new ContentStore(path.join(dir, 'content'));
  await content.init();
  return { dir, content };
}

async function load(
  file: string,
  content: ContentStore,
  options: ReadArchiveOptions = {},
): Promise<unknown> {
  return readArchive(file, content, options).then(
    () => undefined,
    (err: unknown) => err,
  );
}

const layer = (): Promise<Buffer> =>
  tarFromEntries([{ name: 'zeros', content: Buffer.alloc(64 * 1024) }]);

describe('readArchive() caps and clean-up', () => {
  it.each<[string, ReadArchiveOptions, boolean, RegExp]>([
    ['as stored', { maxBytes: 1024 }, false, /^Archive "img.tar" is larger than 1 KiB$/],
    [
      'uncompressed',
      { maxUncompressedBytes: 16 * 1024 },
      true,
      /^Archive "img.tar" is larger than 16 KiB uncompressed$/,
    ],
  ])('refuses an archive over its size cap %s, keeping no blob', async (_w, caps, gzip, msg) => {
    const { dir, content } = await setup();
    const file = path.join(dir, 'img.tar');
    await writeImageArchive(file, [await layer()], { format: 'oci', gzip, tag: 'x:1' });
    expect(await load(file, content)).toBeUndefined();
    const loaded = await content.list();
    for (const d of loaded) await content.delete(d);
    const err = await load(file, content, caps);
    expect(hasCode(err, 'IMAGE_INVALID')).toBe(true);
    expect((err as Error).message).toMatch(msg);
    expect(await content.list()).toEqual([]);
    expect(await fs.readdir(path.join(dir, 'content', 'ingest'))).toEqual([]);
  });

  it('removes the blobs a rejected archive added, and only those', async () => {
    const { dir, content } = await setup();
    const kept = await content.writeBuffer(Buffer.from('{"there":"before"}'));
    const config = '{"there":"before"}';
    const configHex = createHash('sha256').update(config).digest('hex');
    const file = path.join(dir, 'broken.tar');
    await fs.writeFile(
      file,
      await tarFromEntries([
        { name: `${configHex}.json`, content: config },
        { name: 'other/layer.tar', content: await layer() },
        {
          name: 'manifest.json',
          content: JSON.stringify([
            { Config: `${configHex}.json`, RepoTags: ['x:1'], Layers: ['missing/layer.tar'] },
          ]),
        },
      ]),
    );
    const err = await load(file, content);
    expect(hasCode(err, 'IMAGE_INVALID')).toBe(true);
    expect(await content.list()).toEqual([kept.digest]);
  });
});

describe('readArchive() on a truncated archive', () => {
  it.each([false, true])('says the archive ends early, naming the file (gzip %s)', async (gzip) => {
    const { dir, content } = await setup();
    const file = path.join(dir, 'img.tar');
    await writeImageArchive(file, [await layer()], { format: 'oci', gzip, tag: 'x:1' });
    const full = await fs.readFile(file);
    await fs.writeFile(file, full.subarray(0, Math.floor(full.length / 2)));
    const err = await load(file, content);
    expect(hasCode(err, 'IMAGE_INVALID')).toBe(true);
    expect((err as Error).message).toBe(
      'Cannot read the image archive "img.tar": the file is truncated (it ends in the middle of an entry)',
    );
    expect(await content.list()).toEqual([]);
  });
});
