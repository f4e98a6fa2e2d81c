/**
 * Generators and checks for the escape property tests of extraction and copy paths: archives
 * and build contexts made of directories, files, symlinks and hardlinks in every order, whose
 * link targets aim at a sentinel directory outside (by absolute path, by climbing with `..`, and
 * through links the tree itself made); and a check that nothing outside was read or written.
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { TestTarEntry } from './images.js';

/**
 * Swaps made while a build runs: existing names replaced by symlinks aimed outside (a directory
 * or the secret file), as a user racing the build would.
 */
export function swapOps(outside: string): fc.Arbitrary<TreeOp[]> {
  return fc.array(
    fc
      .record({
        name: fc.oneof(
          relName,
          relName.map((n) => `${n}/secret`),
        ),
        target: fc.constantFrom(outside, `${outside}/secret`),
      })
      .map((r): TreeOp => ({ type: 'symlink', ...r })),
    { minLength: 1, maxLength: 4 },
  );
}

/** Content of the sentinel file: seeing it inside a layer means a host file was read. */
export const hostSecret = 'HOST-SECRET-CONTENT\n';

/** fast-check bounds for these tests: a fixed budget in runs, and half the unit test timeout. */
export const escapeRunParameters = { numRuns: 120, interruptAfterTimeLimit: 10_000 } as const;

// Few names, so that links, files and directories often meet on the same paths.
const component = fc.constantFrom('d', 'h');
const relName = fc.array(component, { minLength: 1, maxLength: 2 }).map((p) => p.join('/'));

/**
 * Link targets, given the sentinel directory: outside absolutely, outside by climbing,
 * host-like absolute paths, and names inside the tree (possibly through links it made).
 */
function linkTarget(outside: string): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(outside, `${outside}/secret`, '../../outside', '../../../outside'),
    },
    { weight: 1, arbitrary: fc.constantFrom('/etc', '.', '..', '../../outside/secret') },
    { weight: 1, arbitrary: relName },
    { weight: 1, arbitrary: relName.map((n) => `${n}/secret`) },
  );
}

/** One tree operation, in the order it is applied (tar entry order, or context creation order). */
export type TreeOp =
  | { type: 'directory'; name: string }
  | { type: 'file'; name: string; mode: number }
  | { type: 'symlink'; name: string; target: string }
  | { type: 'link'; name: string; target: string }
  | { type: 'fifo'; name: string };

/** Lists of tree operations in any order, aimed at `outside`. */
export function treeOps(outside: string): fc.Arbitrary<TreeOp[]> {
  const target = linkTarget(outside);
  const op: fc.Arbitrary<TreeOp> = fc.oneof(
    relName.map((name): TreeOp => ({ type: 'directory', name })),
    fc
      .record({
        name: fc.oneof(
          relName,
          relName.map((n) => `${n}/secret`),
        ),
        mode: fc.constantFrom(0o644, 0o755, 0o4755, 0o2755, 0o600),
      })
      .map((r): TreeOp => ({ type: 'file', ...r })),
    fc.record({ name: relName, target }).map((r): TreeOp => ({ type: 'symlink', ...r })),
    fc
      .record({
        name: relName,
        target: fc.oneof(
          relName,
          relName.map((n) => `${n}/secret`),
          relName.map((n) => `${n}/sub`),
        ),
      })
      .map((r): TreeOp => ({ type: 'link', ...r })),
  );
  // Gadgets: a link to somewhere, then an entry that goes through it (pure chance rarely
  // lines the two up). Other operations interleave, so every order occurs.
  const gadget: fc.Arbitrary<TreeOp[]> = fc
    .record({ via: relName, target, name: relName, kind: fc.constantFrom('hard', 'file', 'node') })
    .map((r): TreeOp[] => {
      const link: TreeOp = { type: 'symlink', name: r.via, target: r.target };
      switch (r.kind) {
        case 'hard':
          return [link, { type: 'link', name: r.name, target: `${r.via}/secret` }];
        case 'file':
          return [link, { type: 'file', name: `${r.via}/${r.name}`, mode: 0o644 }];
        case 'node':
          // A node whose metadata is applied late, replaced by a link in the meantime.
          return [{ type: 'fifo', name: r.via }, link];
      }
    });
  return fc
    .array(
      fc.oneof(
        op.map((o) => [o]),
        gadget,
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((groups) => groups.flat());
}

/** The tar entries of a list of operations. */
export function tarEntriesOf(ops: readonly TreeOp[]): TestTarEntry[] {
  return ops.map((op): TestTarEntry => {
    switch (op.type) {
      case 'directory':
        return { name: `${op.name}/`, type: 'directory', mode: 0o755 };
      case 'file':
        return { name: op.name, type: 'file', mode: op.mode, content: `inner ${op.name}\n` };
      case 'symlink':
        return { name: op.name, type: 'symlink', linkname: op.target };
      case 'link':
        return { name: op.name, type: 'link', linkname: op.target };
      case 'fifo':
        return { name: op.name, type: 'fifo', mode: 0o666 };
    }
  });
}

/** True when every component of `rel` below `root` but the last is a real directory. */
export async function realParents(root: string, rel: string): Promise<boolean> {
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) {
    const st = await fs.lstat(path.join(root, ...parts.slice(0, i))).catch(() => undefined);
    if (st !== undefined && !st.isDirectory()) return false;
  }
  return true;
}

/**
 * Applies operations to a real directory (a build context) the way a user could make it: no
 * operation goes through a symlink (those are skipped, as are those the file system refuses),
 * so the tree never holds host files itself.
 */
export async function applyOps(root: string, ops: readonly TreeOp[]): Promise<void> {
  for (const op of ops) {
    const full = path.join(root, op.name);
    if (op.type === 'fifo' || !(await realParents(root, op.name))) continue;
    if (op.type === 'link' && !(await realParents(root, op.target))) continue;
    try {
      await fs.mkdir(path.dirname(full), { recursive: true });
      if (op.type === 'directory') await fs.mkdir(full);
      else if (op.type === 'file') await fs.writeFile(full, `inner ${op.name}\n`, { flag: 'wx' });
      else if (op.type === 'symlink') await fs.symlink(op.target, full);
      else await fs.link(path.join(root, op.target), full);
      if (op.type === 'file') await fs.chmod(full, op.mode);
    } catch {
      // Refused by the file system (a name taken, a link to nothing).
    }
  }
}

/** A sentinel directory outside the tree under test: one secret file and one subdirectory. */
export async function makeOutside(outside: string): Promise<void> {
  await fs.mkdir(path.join(outside, 'sub'), { recursive: true });
  await fs.writeFile(path.join(outside, 'secret'), hostSecret, { mode: 0o600 });
}

/** Every name below `dir` (lstat, no link followed) with its type, size and mode. */
export async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const name of (await fs.readdir(path.join(dir, rel))).sort()) {
      const r = rel === '' ? name : `${rel}/${name}`;
      const st = await fs.lstat(path.join(dir, r));
      out.push(`${r} ${st.mode.toString(8)} ${st.size} ${st.nlink}`);
      if (st.isDirectory()) await walk(r);
    }
  };
  await walk('');
  return out;
}

/**
 * Checks a layer or copy result: no regular file in it shares an inode with the sentinel or
 * holds its content. Returns the offending names (empty when contained).
 */
export async function escapes(tree: string, outside: string): Promise<string[]> {
  const secret = await fs.lstat(path.join(outside, 'secret'));
  const bad: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const names = await fs.readdir(path.join(tree, rel)).catch(() => [] as string[]);
    for (const name of names) {
      const r = rel === '' ? name : `${rel}/${name}`;
      const st = await fs.lstat(path.join(tree, r));
      if (st.isDirectory()) await walk(r);
      else if (st.isFile()) {
        const same = st.ino === secret.ino && st.dev === secret.dev;
        if (same || (await fs.readFile(path.join(tree, r), 'utf8')) === hostSecret) bad.push(r);
      }
    }
  };
  await walk('');
  return bad;
}
