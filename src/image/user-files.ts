/**
 * A container's /etc/passwd and /etc/group as its mounted root filesystem would show them,
 * read without mounting it: the image's own files (the same for every container of the image,
 * so read once) overlaid by what the container's upper directory holds, with overlayfs's rules
 * (Documentation/filesystems/overlayfs.rst: "whiteouts and opaque directories").
 *
 * Not covered: an opaque directory in the upper directory (the container removed /etc and made
 * it again): its mark is an extended attribute, which Node cannot read, so the image's file is
 * taken where overlayfs would show none.
 *
 * @module
 */
import { promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';

/** The user database files of a root filesystem; absent files are undefined. */
export interface UserFiles {
  passwd?: string | undefined;
  group?: string | undefined;
}

/** Paths of the files, relative to a root filesystem. */
export const userFilePaths = { passwd: 'etc/passwd', group: 'etc/group' } as const;

/** What an upper directory holds at a path, as overlayfs reads it. */
export type UpperEntry =
  /** Nothing: the image's file shows through. */
  | { kind: 'absent' }
  /** A whiteout (a 0/0 character device) there or at a parent: the file is gone. */
  | { kind: 'whiteout' }
  | { kind: 'file'; text: string }
  /** A symbolic link or another kind of file, which only a mount resolves. */
  | { kind: 'other' };

/** True for an overlayfs whiteout: a character device with device number 0/0. */
export function isWhiteout(st: Pick<Stats, 'isCharacterDevice' | 'rdev'>): boolean {
  return st.isCharacterDevice() && st.rdev === 0;
}

/**
 * The file the merged view shows: the upper directory's own file, nothing under a whiteout,
 * else the image's. Undefined when that cannot be told without mounting.
 */
export function overlayFile(
  upper: UpperEntry,
  image: string | undefined,
): { text: string | undefined } | undefined {
  switch (upper.kind) {
    case 'absent':
      return { text: image };
    case 'whiteout':
      return { text: undefined };
    case 'file':
      return { text: upper.text };
    case 'other':
      return undefined;
  }
}

async function lstatOptional(p: string): Promise<Stats | undefined> {
  try {
    return await fs.lstat(p);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  }
}

/** Reads what upper directory `upperDir` holds at `rel` (a relative path, `/`-separated). */
export async function readUpperEntry(upperDir: string, rel: string): Promise<UpperEntry> {
  const parts = rel.split('/');
  let at = upperDir;
  for (const [i, part] of parts.entries()) {
    at = path.join(at, part);
    const st = await lstatOptional(at);
    if (st === undefined) return { kind: 'absent' };
    if (isWhiteout(st)) return { kind: 'whiteout' };
    const last = i === parts.length - 1;
    if (last && st.isFile()) return { kind: 'file', text: await fs.readFile(at, 'utf8') };
    if (last || !st.isDirectory()) return { kind: 'other' };
  }
  return { kind: 'other' };
}

/**
 * Reads the user files of a root filesystem at `root` (a mount point or a single layer), as the
 * daemon always read them from the mounted root filesystem: symbolic links are followed; what
 * is not a regular file (a whiteout, a fifo) counts as absent.
 */
export async function readUserFiles(root: string): Promise<UserFiles> {
  const read = async (rel: string): Promise<string | undefined> => {
    const file = path.join(root, rel);
    const st = await fs.stat(file).catch(() => undefined);
    if (st?.isFile() !== true) return undefined;
    return fs.readFile(file, 'utf8').catch(() => undefined);
  };
  return { passwd: await read(userFilePaths.passwd), group: await read(userFilePaths.group) };
}
