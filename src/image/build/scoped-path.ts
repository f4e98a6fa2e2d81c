/**
 * Paths inside a root directory that an untrusted party controls (a build context, a stage's
 * root filesystem, a layer being extracted), and the one safe way to open them.
 *
 * Two tools, for two questions:
 *
 * - {@link resolveInRoot} answers "where does this path lead when the root is `/`" (a
 *   chroot-like lookup done in user space): `..` stops at the root and symlinks, absolute or
 *   relative, are resolved against the root. Its answer is a *name*; by the time it is used a
 *   component may have been swapped for a symlink. Never read or write through it directly.
 * - The fd-relative walk ({@link openDirInRoot}, {@link openFileAt}, {@link createFileAt})
 *   answers "give me this object, and fail rather than follow a link". Design:
 *   1. The root itself is opened by name (it is trusted: the daemon chose it).
 *   2. Each further component is opened relative to the previous directory's fd, through the
 *      `/proc/self/fd/<fd>/<name>` path (Node has no `openat`), with
 *      `O_DIRECTORY | O_NOFOLLOW`. The kernel follows only the `/proc` magic link (the directory
 *      already held) and refuses a symlink in the component (ELOOP or ENOTDIR), so a swap made
 *      after any check cannot redirect the walk. `..` is never passed to the kernel: callers
 *      give resolved components, which {@link checkedName} enforces.
 *   3. The last component is opened the same way (`O_NOFOLLOW`, plus `O_NONBLOCK` so a FIFO
 *      cannot hang the daemon), after an lstat that refuses anything but a regular file (so a
 *      device is never opened), and the opened fd is then fstat-ed: it is what is read. New
 *      files are created with `O_CREAT | O_EXCL | O_NOFOLLOW`.
 *   4. Everything else (mkdir, symlink, link, lstat, readlink, readdir) takes
 *      {@link fdPath}`(dir, name)`: one component below a held directory, never followed.
 *      Metadata (chown before chmod, so setuid/setgid bits survive; times) goes through the
 *      opened fd where there is one.
 *   A refusal is an {@link UnsafePathError} (code IMAGE_UNSAFE_LAYER); ENOENT is left to the
 *   caller. Every extraction and copy path (ADD archives, COPY sources and destinations, layer
 *   unpacking, the Dockerfile and `.dockerignore`, `/etc/passwd` of an image) goes through here.
 *
 * @module
 */
import { constants, promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { assert } from '../../util/assert.js';
import {
  formatBytesIec,
  imageBuildMaxSymlinkHops,
  imageBuildMetadataFileMaxBytes,
} from '../../util/limits.js';
import { BuildError } from './errors.js';

const dirFlags = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
const readFlags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const createFlags =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** A path or entry that would leave its root through a symlink or a non-directory. */
export class UnsafePathError extends BuildError {
  override name = 'UnsafePathError';
  /** The path below the root that was refused. */
  readonly rel: string;
  /** Why, e.g. "it is a symbolic link". */
  readonly why: string;
  constructor(rel: string, why: string) {
    super('IMAGE_UNSAFE_LAYER', `Refusing to use "${rel}": ${why}`, { details: { path: rel } });
    this.rel = rel;
    this.why = why;
  }
}

/** Splits a path into components, dropping empty and `.` parts (keeps `..`). */
function components(p: string): string[] {
  return p.split('/').filter((c) => c !== '' && c !== '.');
}

/** Returns `name` after checking it is one plain component (no `/`, `..`, `.` or NUL). */
export function checkedName(name: string): string {
  assert(
    name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\0'),
    `Not a single path component: ${JSON.stringify(name)}`,
  );
  return name;
}

/** The path of `name` directly below the directory held by `dir` (or of the directory itself). */
export function fdPath(dir: FileHandle, name?: string): string {
  return name === undefined
    ? `/proc/self/fd/${dir.fd}`
    : `/proc/self/fd/${dir.fd}/${checkedName(name)}`;
}

function errnoOf(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** Turns ELOOP/ENOTDIR from a no-follow open into an {@link UnsafePathError}; others pass. */
async function refusal(err: unknown, dir: FileHandle, name: string, rel: string): Promise<unknown> {
  const code = errnoOf(err);
  if (code !== 'ELOOP' && code !== 'ENOTDIR') return err;
  const st = await fs.lstat(fdPath(dir, name)).catch(() => undefined);
  return new UnsafePathError(
    rel,
    st?.isSymbolicLink() === true ? 'it is a symbolic link' : 'it is not a directory',
  );
}

/** Options of {@link openDirInRoot} and {@link openChildDir}. */
export interface OpenDirOptions {
  /** Creates missing directories (mode 0755 before `onCreate`). */
  create?: boolean;
  /** Called with each directory created, to set its owner and mode through the fd. */
  onCreate?: (dir: FileHandle, rel: string) => Promise<void>;
}

/**
 * Opens the directory `name` below `dir` without following a symlink.
 *
 * @param rel the path below the root, for messages and `onCreate`.
 * @throws {UnsafePathError} when it is a symlink or not a directory; ENOENT when absent (and
 *   not created).
 */
export async function openChildDir(
  dir: FileHandle,
  name: string,
  rel: string,
  options: OpenDirOptions = {},
): Promise<FileHandle> {
  const p = fdPath(dir, name);
  try {
    return await fs.open(p, dirFlags);
  } catch (err) {
    if (errnoOf(err) !== 'ENOENT' || options.create !== true)
      throw await refusal(err, dir, name, rel);
  }
  await fs.mkdir(p, { mode: 0o755 }).catch((err: unknown) => {
    if (errnoOf(err) !== 'EEXIST') throw err;
  });
  let child: FileHandle;
  try {
    child = await fs.open(p, dirFlags);
  } catch (err) {
    throw await refusal(err, dir, name, rel);
  }
  try {
    await options.onCreate?.(child, rel);
  } catch (err) {
    await child.close();
    throw err;
  }
  return child;
}

/**
 * Opens the directory `parts` (resolved components) below `root`, refusing any symlink on the
 * way. The caller closes the handle.
 *
 * @throws {UnsafePathError} when a component is a symlink or not a directory; ENOENT when one
 *   is absent (unless `create`).
 */
export async function openDirInRoot(
  root: string,
  parts: readonly string[],
  options: OpenDirOptions = {},
): Promise<FileHandle> {
  let dir = await fs.open(root, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    for (const [i, part] of parts.entries()) {
      const next = await openChildDir(dir, part, parts.slice(0, i + 1).join('/'), options);
      await dir.close();
      dir = next;
    }
    return dir;
  } catch (err) {
    await dir.close();
    throw err;
  }
}

/** Runs `use` with the directory `parts` below `root` open, closing it afterwards. */
export async function withDirInRoot<T>(
  root: string,
  parts: readonly string[],
  use: (dir: FileHandle) => Promise<T>,
  options: OpenDirOptions = {},
): Promise<T> {
  const dir = await openDirInRoot(root, parts, options);
  try {
    return await use(dir);
  } finally {
    await dir.close();
  }
}

/** A regular file opened for reading, with the fstat of the opened fd. */
export interface OpenedFile {
  handle: FileHandle;
  st: Stats;
}

/**
 * Opens the regular file `name` below `dir` for reading, never following a symlink and never
 * opening a device or FIFO.
 *
 * @throws {UnsafePathError} when it is anything but a regular file; ENOENT when absent.
 */
export async function openFileAt(dir: FileHandle, name: string, rel: string): Promise<OpenedFile> {
  const p = fdPath(dir, name);
  const before = await fs.lstat(p);
  if (!before.isFile()) throw new UnsafePathError(rel, 'it is not a regular file');
  let handle: FileHandle;
  try {
    handle = await fs.open(p, readFlags);
  } catch (err) {
    throw errnoOf(err) === 'ELOOP' ? new UnsafePathError(rel, 'it is a symbolic link') : err;
  }
  const st = await handle.stat();
  if (!st.isFile()) {
    await handle.close();
    throw new UnsafePathError(rel, 'it is not a regular file');
  }
  return { handle, st };
}

/**
 * Creates the file `name` below `dir` exclusively (an existing entry, a symlink included, is an
 * EEXIST error) and opens it for writing.
 */
export async function createFileAt(
  dir: FileHandle,
  name: string,
  mode: number,
): Promise<FileHandle> {
  return fs.open(fdPath(dir, name), createFlags, mode & 0o777);
}

/** Copies all of `src` (from its start) to `dst`; returns the bytes copied. */
export async function copyFileHandle(src: FileHandle, dst: FileHandle): Promise<number> {
  const buf = Buffer.allocUnsafe(1024 * 1024);
  let total = 0;
  for (;;) {
    const { bytesRead } = await src.read(buf, 0, buf.length, total);
    if (bytesRead === 0) return total;
    let written = 0;
    while (written < bytesRead)
      written += (await dst.write(buf, written, bytesRead - written)).bytesWritten;
    total += bytesRead;
  }
}

/**
 * Reads the regular file `rel` (components already resolved, no symlink followed) below
 * `root`, at most `maxBytes`. Returns undefined when it does not exist.
 *
 * @throws {UnsafePathError} when a component is a symlink, or the file is not a regular file.
 * @throws {BuildError} IMAGE_BUILD when the file is larger than `maxBytes`.
 */
export async function readRegularFileInRoot(
  root: string,
  rel: string,
  maxBytes: number,
): Promise<Buffer | undefined> {
  const parts = components(rel);
  const base = parts.pop();
  if (base === undefined || base === '..' || parts.includes('..'))
    throw new UnsafePathError(rel, 'it is not a file path inside the root');
  try {
    return await withDirInRoot(root, parts, async (dir) => {
      const { handle, st } = await openFileAt(dir, base, rel);
      try {
        const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
        let n = 0;
        for (let r = -1; r !== 0 && n < buf.length; n += r)
          r = (await handle.read(buf, n, buf.length - n, n)).bytesRead;
        if (n > maxBytes)
          throw new BuildError(
            'IMAGE_BUILD',
            `File "${rel}" is larger than ${formatBytesIec(maxBytes)}`,
            { details: { path: rel, limitBytes: maxBytes } },
          );
        return buf.subarray(0, n);
      } finally {
        await handle.close();
      }
    });
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Resolves `target` (absolute or relative to the root) inside `root`. Missing components are
 * allowed: the result is where they would be created. The answer is a name only (see the
 * module doc): open it with the fd-relative walk.
 *
 * @param followLast whether a symlink in the last component is followed.
 * @throws {BuildError} IMAGE_BUILD after too many symlinks (a loop).
 */
export async function resolveInRoot(
  root: string,
  target: string,
  followLast = true,
): Promise<string> {
  const done: string[] = [];
  const todo = components(target);
  let hops = 0;
  while (todo.length > 0) {
    const part = todo.shift() ?? '';
    if (part === '..') {
      done.pop();
      continue;
    }
    const candidate = path.join(root, ...done, part);
    if (todo.length === 0 && !followLast) {
      done.push(part);
      break;
    }
    let st;
    try {
      st = await fs.lstat(candidate);
    } catch {
      done.push(part);
      continue;
    }
    if (!st.isSymbolicLink()) {
      done.push(part);
      continue;
    }
    if (++hops > imageBuildMaxSymlinkHops) {
      throw new BuildError(
        'IMAGE_BUILD',
        `Too many levels of symbolic links resolving "${target}"`,
      );
    }
    const link = await fs.readlink(candidate);
    if (link.startsWith('/')) done.length = 0;
    todo.unshift(...components(link));
  }
  return path.join(root, ...done);
}

/**
 * Reads a text file inside `root` (symlinks resolved inside the root, then opened without
 * following any), at most `maxBytes`; undefined when absent or not a readable regular file.
 */
export async function readFileInRoot(
  root: string,
  target: string,
  maxBytes: number = imageBuildMetadataFileMaxBytes,
): Promise<string | undefined> {
  try {
    const resolved = path.relative(root, await resolveInRoot(root, target));
    return (await readRegularFileInRoot(root, resolved, maxBytes))?.toString('utf8');
  } catch {
    return undefined;
  }
}
