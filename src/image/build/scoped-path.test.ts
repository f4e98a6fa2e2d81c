import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasCode } from '../../util/errors.js';
import {
  createFileAt,
  openDirInRoot,
  openFileAt,
  readFileInRoot,
  readRegularFileInRoot,
  resolveInRoot,
  UnsafePathError,
  withDirInRoot,
} from './scoped-path.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-scoped-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

/** A root with a real directory, a link to it, a link out of the root and a FIFO. */
async function fixture(): Promise<{ root: string; outside: string }> {
  const base = await tempDir();
  const root = path.join(base, 'root');
  const outside = path.join(base, 'outside');
  await fs.mkdir(path.join(root, 'real'), { recursive: true });
  await fs.mkdir(outside);
  await fs.writeFile(path.join(outside, 'secret'), 'host secret\n');
  await fs.writeFile(path.join(root, 'real', 'file'), 'inside\n');
  await fs.symlink('real', path.join(root, 'inner-link'));
  await fs.symlink(outside, path.join(root, 'out-dir'));
  await fs.symlink(path.join(outside, 'secret'), path.join(root, 'out-file'));
  execFileSync('mkfifo', [path.join(root, 'fifo')]);
  return { root, outside };
}

describe('openDirInRoot()', () => {
  it('opens real directories and refuses any symlinked component', async () => {
    const { root } = await fixture();
    const dir = await openDirInRoot(root, ['real']);
    expect(await fs.readdir(`/proc/self/fd/${dir.fd}`)).toEqual(['file']);
    await dir.close();
    for (const parts of [['inner-link'], ['out-dir'], ['real', 'file']]) {
      await expect(openDirInRoot(root, parts)).rejects.toBeInstanceOf(UnsafePathError);
    }
    await expect(openDirInRoot(root, ['missing'])).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('creates missing directories and reports each one created', async () => {
    const { root } = await fixture();
    const created: string[] = [];
    await withDirInRoot(root, ['real', 'a', 'b'], () => Promise.resolve(), {
      create: true,
      onCreate: async (dir, rel) => {
        created.push(rel);
        await dir.chmod(0o700);
      },
    });
    expect(created).toEqual(['real/a', 'real/a/b']);
    expect((await fs.stat(path.join(root, 'real/a/b'))).mode & 0o777).toBe(0o700);
    // Creating through a symlink is refused as well, and creates nothing outside.
    await expect(openDirInRoot(root, ['out-dir', 'new'], { create: true })).rejects.toBeInstanceOf(
      UnsafePathError,
    );
  });
});

describe('openFileAt() and createFileAt()', () => {
  it('opens regular files only: never a symlink, a FIFO or a directory', async () => {
    const { root } = await fixture();
    await withDirInRoot(root, [], async (dir) => {
      for (const name of ['out-file', 'fifo', 'real', 'inner-link']) {
        const err: unknown = await openFileAt(dir, name, name).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UnsafePathError);
        expect(hasCode(err, 'IMAGE_UNSAFE_LAYER')).toBe(true);
      }
    });
    await withDirInRoot(root, ['real'], async (dir) => {
      const { handle, st } = await openFileAt(dir, 'file', 'real/file');
      expect(st.size).toBe(7);
      await handle.close();
    });
  });

  it('never writes through an existing symlink', async () => {
    const { root, outside } = await fixture();
    await withDirInRoot(root, [], async (dir) => {
      await expect(createFileAt(dir, 'out-file', 0o644)).rejects.toMatchObject({ code: 'EEXIST' });
    });
    expect(await fs.readFile(path.join(outside, 'secret'), 'utf8')).toBe('host secret\n');
  });
});

describe('readRegularFileInRoot() and readFileInRoot()', () => {
  it('reads inside the root and resolves links against the root, never the host', async () => {
    const { root, outside } = await fixture();
    expect((await readRegularFileInRoot(root, 'real/file', 100))?.toString()).toBe('inside\n');
    await expect(readRegularFileInRoot(root, 'inner-link/file', 100)).rejects.toBeInstanceOf(
      UnsafePathError,
    );
    expect(await readRegularFileInRoot(root, 'nothing', 100)).toBeUndefined();
    expect(await readFileInRoot(root, '/inner-link/file')).toBe('inside\n');
    // An absolute link resolves against the root: the host file is not what is read.
    expect(await readFileInRoot(root, '/out-file')).toBeUndefined();
    await fs.mkdir(path.join(root, outside), { recursive: true });
    await fs.writeFile(path.join(root, outside, 'secret'), 'root copy\n');
    expect(await readFileInRoot(root, '/out-file')).toBe('root copy\n');
    expect(await readFileInRoot(root, '/fifo')).toBeUndefined();
  });

  it('refuses a file larger than the cap, naming it and the cap', async () => {
    const { root } = await fixture();
    await fs.writeFile(path.join(root, 'big'), Buffer.alloc(2048));
    await expect(readRegularFileInRoot(root, 'big', 1024)).rejects.toThrow(
      'File "big" is larger than 1 KiB',
    );
    expect((await readRegularFileInRoot(root, 'big', 2048))?.length).toBe(2048);
  });

  it('resolveInRoot() keeps ".." and absolute links at the root', async () => {
    const { root } = await fixture();
    expect(await resolveInRoot(root, '../../inner-link/file')).toBe(path.join(root, 'real/file'));
  });
});
