/**
 * Path resolution inside a root filesystem, as if the root were `/` (a chroot-like lookup done
 * in user space): `..` stops at the root and symlinks, absolute or relative, are resolved
 * against the root, so a hostile image cannot make the builder read or write host files.
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { imageBuildMaxSymlinkHops } from '../../util/limits.js';
import { BuildError } from './errors.js';

/** Splits a path into components, dropping empty and `.` parts (keeps `..`). */
function components(p: string): string[] {
  return p.split('/').filter((c) => c !== '' && c !== '.');
}

/**
 * Resolves `target` (absolute or relative to the root) inside `root`. Missing components are
 * allowed: the result is where they would be created.
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

/** Reads a file inside `root` (symlinks resolved inside the root); undefined when absent. */
export async function readFileInRoot(root: string, target: string): Promise<string | undefined> {
  try {
    return await fs.readFile(await resolveInRoot(root, target), 'utf8');
  } catch {
    return undefined;
  }
}
