import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyOps,
  escapeRunParameters,
  escapes,
  hostSecret,
  makeOutside,
  realParents,
  snapshot,
  swapOps,
  treeOps,
} from '../../../test/helpers/hostile-tree.js';
import { hasCode } from '../../util/errors.js';
import {
  copySelection,
  hashSelection,
  selectSources,
  type CopyOwnership,
  type SelectedEntry,
} from './sources.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

interface Env {
  base: string;
  context: string;
  layer: string;
  outside: string;
}

async function env(): Promise<Env> {
  const base = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-sources-'));
  dirs.push(base);
  const e = {
    base,
    context: path.join(base, 'ctx'),
    layer: path.join(base, 'layer'),
    outside: path.join(base, 'outside'),
  };
  await fs.mkdir(e.context);
  await fs.mkdir(e.layer);
  await makeOutside(e.outside);
  return e;
}

const own = (mode?: number): CopyOwnership => ({
  uid: 0,
  gid: 0,
  ...(mode === undefined ? {} : { mode }),
  parentMeta: () => Promise.resolve(undefined),
});

function select(e: Env, patterns: string[], dest = '/dst/'): Promise<SelectedEntry[]> {
  return selectSources({ root: e.context, label: 'build context' }, patterns, {
    keyword: 'COPY',
    dest,
    destIsDirInImage: false,
  });
}

/** Runs hash then copy as a step does; returns the first error. */
async function hashAndCopy(entries: SelectedEntry[], layer: string, o = own()): Promise<unknown> {
  try {
    await hashSelection(entries);
    await copySelection(entries, layer, o);
    return undefined;
  } catch (err) {
    return err;
  }
}

describe('COPY sources swapped for symlinks after selection', () => {
  it.each([
    ['a file swapped for a symlink to a host file', 'f', 'secret'],
    ['a directory swapped for a symlink to a host directory', 'd', ''],
  ])('refuses %s', async (_what, source, target) => {
    const e = await env();
    await fs.writeFile(path.join(e.context, 'f'), 'inside\n');
    await fs.mkdir(path.join(e.context, 'd'));
    await fs.writeFile(path.join(e.context, 'd', 'secret'), 'inside\n');
    const entries = await select(e, [source]);
    // The race: the context changes between the check (selection) and the use (copy).
    await fs.rm(path.join(e.context, source), { recursive: true });
    await fs.symlink(path.join(e.outside, target), path.join(e.context, source));
    const err = await hashAndCopy(entries, e.layer);
    expect(hasCode(err, 'IMAGE_UNSAFE_LAYER')).toBe(true);
    // Also a copy without the hash (a cache hit on the hash, then a swap) reads nothing outside.
    const err2 = await copySelection(entries, e.layer, own()).catch((x: unknown) => x);
    expect(hasCode(err2, 'IMAGE_UNSAFE_LAYER')).toBe(true);
    expect(await escapes(e.layer, e.outside)).toEqual([]);
  });
});

describe('copySelection()', () => {
  it('gives created parents and symlinks the time of the source, not the clock time', async () => {
    const e = await env();
    const file = path.join(e.context, 'f.txt');
    await fs.writeFile(file, 'x\n');
    const then = new Date('2020-01-02T03:04:05Z');
    await fs.utimes(file, then, then);
    await fs.symlink('f.txt', path.join(e.context, 'link'));
    await fs.lutimes(path.join(e.context, 'link'), then, then);
    await copySelection(await select(e, ['f.txt'], '/app/sub/f.txt'), e.layer, own());
    await copySelection(await select(e, ['link'], '/other/link'), e.layer, own());
    for (const entry of ['app', 'app/sub', 'other', 'other/link']) {
      const st = await fs.lstat(path.join(e.layer, entry));
      expect(st.mtime.toISOString(), entry).toBe(then.toISOString());
    }
  });

  it('keeps setuid and setgid bits, from the source or from --chmod', async () => {
    const e = await env();
    await fs.mkdir(path.join(e.context, 'bin'));
    await fs.writeFile(path.join(e.context, 'bin', 'su'), 'su');
    await fs.chmod(path.join(e.context, 'bin', 'su'), 0o4755);
    await fs.chmod(path.join(e.context, 'bin'), 0o2775);
    expect(await hashAndCopy(await select(e, ['bin']), e.layer, own())).toBeUndefined();
    expect((await fs.stat(path.join(e.layer, 'dst', 'su'))).mode & 0o7777).toBe(0o4755);
    const layer2 = path.join(e.base, 'layer2');
    await fs.mkdir(layer2);
    expect(await hashAndCopy(await select(e, ['bin/']), layer2, own(0o2755))).toBeUndefined();
    expect((await fs.stat(path.join(layer2, 'dst', 'su'))).mode & 0o7777).toBe(0o2755);
  });

  it('follows symlinks that stay inside the context for top-level sources, as Docker', async () => {
    const e = await env();
    await fs.mkdir(path.join(e.context, 'real'));
    await fs.writeFile(path.join(e.context, 'real', 'f'), 'inside\n');
    await fs.symlink('/real', path.join(e.context, 'abs-link'));
    await fs.symlink(e.outside, path.join(e.context, 'host-link'));
    expect(await hashAndCopy(await select(e, ['abs-link/f']), e.layer)).toBeUndefined();
    expect(await fs.readFile(path.join(e.layer, 'dst', 'f'), 'utf8')).toBe('inside\n');
    // A link to a host path resolves inside the context, where nothing is.
    await expect(select(e, ['host-link/secret'])).rejects.toThrow(/not found in the build context/);
  });

  it('never reads or writes outside the context and layer, whatever the tree and swaps', async () => {
    const e = await env();
    const before = await snapshot(e.outside);
    let run = 0;
    const patterns = fc.array(
      fc.constantFrom('.', 'd', 'h', 'd/h', 'h/d', '*', 'd/*', 'd/secret'),
      {
        minLength: 1,
        maxLength: 2,
      },
    );
    await fc.assert(
      fc.asyncProperty(
        treeOps(e.outside),
        patterns,
        fc.oneof(
          { weight: 3, arbitrary: swapOps(e.outside) },
          { weight: 1, arbitrary: treeOps(e.outside) },
        ),
        async (ops, pats, swaps) => {
          const n = run++;
          const context = path.join(e.base, `ctx-${n}`);
          const layer = path.join(e.base, `layer-${n}`);
          await fs.mkdir(context);
          await fs.mkdir(layer);
          try {
            await applyOps(context, ops);
            const entries = await select({ ...e, context }, pats).catch(() => []);
            // Changes during the build: whatever the second list does to the context.
            for (const s of swaps) {
              if (await realParents(context, s.name))
                await fs.rm(path.join(context, s.name), { recursive: true, force: true });
            }
            await applyOps(context, swaps);
            await hashAndCopy(entries, layer);
            expect(await escapes(layer, e.outside)).toEqual([]);
            expect(await snapshot(e.outside)).toEqual(before);
            expect(await fs.readFile(path.join(e.outside, 'secret'), 'utf8')).toBe(hostSecret);
          } finally {
            await fs.rm(context, { recursive: true, force: true });
            await fs.rm(layer, { recursive: true, force: true });
          }
        },
      ),
      escapeRunParameters,
    );
  });
});
