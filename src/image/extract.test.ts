import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  escapeRunParameters,
  escapes,
  makeOutside,
  snapshot,
  tarEntriesOf,
  treeOps,
} from '../../test/helpers/hostile-tree.js';
import { tarFromEntries, type TestTarEntry } from '../../test/helpers/images.js';
import { hasCode } from '../util/errors.js';
import { extractLayer } from './extract.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

async function env(): Promise<{ base: string; outside: string }> {
  const base = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-extract-'));
  dirs.push(base);
  const outside = path.join(base, 'outside');
  await makeOutside(outside);
  return { base, outside };
}

async function extract(dest: string, entries: TestTarEntry[]): Promise<unknown> {
  await fs.mkdir(dest, { recursive: true });
  return extractLayer(Readable.from(await tarFromEntries(entries)), dest).then(
    () => undefined,
    (err: unknown) => err,
  );
}

describe('extractLayer()', () => {
  it('applies a node late to the node only, never through a link that replaced it', async () => {
    const { base, outside } = await env();
    const before = await snapshot(outside);
    const err = await extract(path.join(base, 'layer'), [
      { name: 'x', type: 'fifo', mode: 0o666 },
      { name: 'x', type: 'symlink', linkname: path.join(outside, 'secret') },
    ]);
    expect(err).toBeUndefined();
    expect(await snapshot(outside)).toEqual(before);
    expect(await fs.readlink(path.join(base, 'layer', 'x'))).toBe(path.join(outside, 'secret'));
  });

  it('refuses a hardlink through a symlink the layer made', async () => {
    const { base, outside } = await env();
    const err = await extract(path.join(base, 'layer'), [
      { name: 'd', type: 'symlink', linkname: outside },
      { name: 'h', type: 'link', linkname: 'd/secret' },
    ]);
    expect(hasCode(err, 'IMAGE_UNSAFE_LAYER')).toBe(true);
    expect((err as Error).message).toBe(
      'Unsafe layer entry "h": parent "d": it is a symbolic link',
    );
  });

  it('names the attribute and entry of an extended attribute the kernel refuses, without the attr hint', async () => {
    const { base } = await env();
    const err = await extract(path.join(base, 'layer'), [
      { name: 'f', content: 'x', pax: { 'SCHILY.xattr.bogus.name': 'v' } },
    ]);
    expect(hasCode(err, 'IMAGE_INVALID')).toBe(true);
    expect((err as Error).message).toMatch(
      /^Cannot set the layer's extended attributes "bogus\.name" on "f": .*not supported/,
    );
    expect((err as { hint?: string }).hint).toBeUndefined();
  });

  it('keeps setuid bits and owners on files and directories', async () => {
    const { base } = await env();
    const layer = path.join(base, 'layer');
    expect(
      await extract(layer, [
        { name: 'bin/', type: 'directory', mode: 0o3755, uid: 5, gid: 6 },
        { name: 'bin/su', content: 'su', mode: 0o4755, uid: 0, gid: 0 },
      ]),
    ).toBeUndefined();
    expect((await fs.stat(path.join(layer, 'bin'))).mode & 0o7777).toBe(0o3755);
    expect((await fs.stat(path.join(layer, 'bin'))).uid).toBe(5);
    expect((await fs.stat(path.join(layer, 'bin/su'))).mode & 0o7777).toBe(0o4755);
  });

  it('never reads or writes outside the layer, whatever the links and their order', async () => {
    const { base, outside } = await env();
    const before = await snapshot(outside);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(treeOps(outside), async (ops) => {
        const layer = path.join(base, `layer-${run++}`);
        try {
          await extract(layer, tarEntriesOf(ops));
          expect(await escapes(layer, outside)).toEqual([]);
          expect(await snapshot(outside)).toEqual(before);
        } finally {
          await fs.rm(layer, { recursive: true, force: true });
        }
      }),
      escapeRunParameters,
    );
  });
});
