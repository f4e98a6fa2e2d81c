import { promises as fs, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  escapeRunParameters,
  escapes,
  makeOutside,
  snapshot,
  tarEntriesOf,
  treeOps,
} from '../../../test/helpers/hostile-tree.js';
import { tarFromEntries, type TestTarEntry } from '../../../test/helpers/images.js';
import { hasCode } from '../../util/errors.js';
import { extractArchive, type ExtractArchiveOptions } from './add-archive.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

interface Env {
  base: string;
  layer: string;
  outside: string;
}

async function env(): Promise<Env> {
  const base = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-add-'));
  dirs.push(base);
  const e = { base, layer: path.join(base, 'layer'), outside: path.join(base, 'outside') };
  await fs.mkdir(e.layer);
  await makeOutside(e.outside);
  return e;
}

/** Unpacks `data` (written as `name`) into the layer at /x/; returns the error, if any. */
async function unpack(
  e: Env,
  data: Buffer,
  extra: Partial<ExtractArchiveOptions> = {},
  name = 'a.tar',
): Promise<unknown> {
  const file = path.join(e.base, name);
  await fs.writeFile(file, data);
  const handle = await fs.open(file, 'r');
  try {
    await extractArchive(
      { handle, st: await handle.stat(), name },
      { layerDir: e.layer, destDir: '/x/', owner: { uid: 0, gid: 0 }, ...extra },
    );
    return undefined;
  } catch (err) {
    return err;
  } finally {
    await handle.close();
  }
}

describe('extractArchive()', () => {
  it('refuses a hardlink through a symlink the archive made (d -> outside, h -> d/secret)', async () => {
    const e = await env();
    const err = await unpack(
      e,
      await tarFromEntries([
        { name: 'd', type: 'symlink', linkname: e.outside },
        { name: 'h', type: 'link', linkname: 'd/secret' },
      ]),
    );
    expect(hasCode(err, 'IMAGE_UNSAFE_LAYER')).toBe(true);
    expect((err as Error).message).toMatch(/Unsafe entry "h" in archive "a.tar"/);
    expect(await escapes(e.layer, e.outside)).toEqual([]);
  });

  it('refuses a file written through a symlinked directory, and creates nothing outside', async () => {
    const e = await env();
    const before = await snapshot(e.outside);
    const err = await unpack(
      e,
      await tarFromEntries([
        { name: 'd', type: 'symlink', linkname: e.outside },
        { name: 'd/new', content: 'x' },
      ]),
    );
    expect(hasCode(err, 'IMAGE_UNSAFE_LAYER')).toBe(true);
    expect(await snapshot(e.outside)).toEqual(before);
  });

  it('keeps hardlinks inside the archive, setuid and setgid bits, owners and modes', async () => {
    const e = await env();
    const err = await unpack(
      e,
      await tarFromEntries([
        { name: 'bin/', type: 'directory', mode: 0o2755, uid: 7, gid: 8 },
        { name: 'bin/su', content: 'su', mode: 0o4755, uid: 0, gid: 0 },
        { name: 'bin/sg', content: 'sg', mode: 0o2711, uid: 3, gid: 4 },
        { name: 'bin/su2', type: 'link', linkname: 'bin/su' },
        { name: 'link', type: 'symlink', linkname: '/etc/passwd' },
      ]),
    );
    expect(err).toBeUndefined();
    const st = (rel: string): Promise<Stats> => fs.lstat(path.join(e.layer, 'x', rel));
    expect((await st('bin')).mode & 0o7777).toBe(0o2755);
    expect((await st('bin')).uid).toBe(7);
    expect((await st('bin/su')).mode & 0o7777).toBe(0o4755);
    expect((await st('bin/sg')).mode & 0o7777).toBe(0o2711);
    expect((await st('bin/sg')).gid).toBe(4);
    expect((await st('bin/su2')).ino).toBe((await st('bin/su')).ino);
    expect(await fs.readlink(path.join(e.layer, 'x', 'link'))).toBe('/etc/passwd');
  });

  it.each<[string, Partial<ExtractArchiveOptions>, boolean, RegExp]>([
    ['stored', { maxBytes: 1024 }, false, /^Archive "a.tar" is larger than 1 KiB$/],
    [
      'uncompressed',
      { maxUncompressedBytes: 4096 },
      true,
      /^Archive "a.tar" is larger than 4 KiB uncompressed$/,
    ],
  ])('refuses an archive over its %s size cap', async (_what, caps, gzip, message) => {
    const e = await env();
    const entries: TestTarEntry[] = [{ name: 'zeros', content: Buffer.alloc(64 * 1024) }];
    const tarData = await tarFromEntries(entries);
    const err = await unpack(e, gzip ? gzipSync(tarData) : tarData, caps);
    expect(hasCode(err, 'IMAGE_INVALID')).toBe(true);
    expect((err as Error).message).toMatch(message);
  });

  it('never reads or writes outside the layer, whatever the links and their order', async () => {
    const e = await env();
    const before = await snapshot(e.outside);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(treeOps(e.outside), async (ops) => {
        const layer = path.join(e.base, `layer-${run++}`);
        await fs.mkdir(layer);
        try {
          await unpack({ ...e, layer }, await tarFromEntries(tarEntriesOf(ops)));
          expect(await escapes(layer, e.outside)).toEqual([]);
          expect(await snapshot(e.outside)).toEqual(before);
        } finally {
          // A hardlink left behind would change the sentinel's link count for later runs.
          await fs.rm(layer, { recursive: true, force: true });
        }
      }),
      escapeRunParameters,
    );
  });
});
