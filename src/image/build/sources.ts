/**
 * COPY and ADD sources: selecting files from the build context (honouring `.dockerignore`) or
 * from another stage's root filesystem, hashing what was selected (the step's cache input), and
 * copying it into a fresh layer directory with the requested owner and mode.
 *
 * Semantics follow the Dockerfile reference: a directory source copies its contents; several
 * sources or a wildcard need a destination directory ending in `/`; a relative destination is
 * relative to WORKDIR.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { imageBuildMaxContextEntryCount } from '../../util/limits.js';
import { cleanPath, patternToRegex, type IgnoreMatcher } from '../../util/dockerignore.js';
import { BuildError } from './errors.js';
import {
  copyFileHandle,
  createFileAt,
  fdPath,
  openChildDir,
  openDirInRoot,
  openFileAt,
  resolveInRoot,
  UnsafePathError,
  withDirInRoot,
  type OpenedFile,
} from './scoped-path.js';

/** Where sources come from. */
export interface SourceTree {
  root: string;
  /** `.dockerignore` of the build context; none for stages and images. */
  ignore?: IgnoreMatcher;
  /** For messages: "build context" or `stage "name"`. */
  label: string;
}

/**
 * One selected file system object and where it goes (relative to the image root). The source
 * is named by its root and its resolved components: it is only ever opened with the
 * fd-relative walk of scoped-path.ts, so a file swapped for a symlink after selection is
 * refused, never followed.
 */
export interface SelectedEntry {
  /** The source tree's root directory. */
  root: string;
  /** Resolved components below the root (none for the root itself). */
  parts: string[];
  dest: string;
  st: Stats;
}

/** The parent components and base name of a path's parts (the root has no base). */
function split(parts: readonly string[]): [string[], string | undefined] {
  return [parts.slice(0, -1), parts[parts.length - 1]];
}

/**
 * Opens a selected regular file for reading (no symlink followed anywhere on its path).
 *
 * @throws {UnsafePathError} IMAGE_UNSAFE_LAYER when it was replaced by a symlink or something
 *   other than a regular file since it was selected.
 */
export async function openSelected(e: SelectedEntry): Promise<OpenedFile> {
  const [parents, base] = split(e.parts);
  if (base === undefined) throw new UnsafePathError('.', 'it is not a regular file');
  return withDirInRoot(e.root, parents, (dir) => openFileAt(dir, base, e.parts.join('/')));
}

/** Reads the target of a selected symlink. */
async function readSelectedLink(e: SelectedEntry): Promise<string> {
  const [parents, base] = split(e.parts);
  if (base === undefined) throw new UnsafePathError('.', 'it is not a symbolic link');
  return withDirInRoot(e.root, parents, (dir) => fs.readlink(fdPath(dir, base)));
}

const hasWildcard = (p: string): boolean => /[*?[]/.test(p);

/** Expands a slash-separated glob one component at a time (symlinks followed only inside the root). */
async function glob(tree: SourceTree, pattern: string): Promise<string[]> {
  let current = [''];
  for (const part of pattern.split('/')) {
    const next: string[] = [];
    for (const base of current) {
      if (!hasWildcard(part)) {
        next.push(base === '' ? part : `${base}/${part}`);
        continue;
      }
      const re = patternToRegex(part);
      if (re === undefined)
        throw new BuildError('IMAGE_BUILD', `Invalid source pattern "${pattern}"`);
      const dir = relParts(tree.root, await resolveInRoot(tree.root, base));
      const names = await withDirInRoot(tree.root, dir, (h) => fs.readdir(fdPath(h))).catch(
        () => [] as string[],
      );
      for (const n of names.sort()) if (re.test(n)) next.push(base === '' ? n : `${base}/${n}`);
    }
    current = next;
  }
  return current;
}

/** Components of `abs` (a result of resolveInRoot) below `root`. */
function relParts(root: string, abs: string): string[] {
  return path
    .relative(root, abs)
    .split('/')
    .filter((p) => p !== '');
}

function excluded(tree: SourceTree, rel: string): boolean {
  return rel !== '' && tree.ignore?.excludes(rel) === true;
}

/** Walks a directory source held open: every entry below it (no symlink followed), parents first. */
async function walk(
  tree: SourceTree,
  dir: FileHandle,
  parts: readonly string[],
  dest: string,
  out: SelectedEntry[],
): Promise<void> {
  for (const name of (await fs.readdir(fdPath(dir))).sort()) {
    const childParts = [...parts, name];
    const childRel = childParts.join('/');
    const st = await fs.lstat(fdPath(dir, name));
    const childDest = `${dest}/${name}`;
    if (out.length >= imageBuildMaxContextEntryCount) {
      throw new BuildError(
        'IMAGE_BUILD',
        `Too many files in the sources: more than ${imageBuildMaxContextEntryCount}`,
      );
    }
    const entry = { root: tree.root, parts: childParts, dest: childDest, st };
    if (st.isDirectory()) {
      // An excluded directory is still walked when exceptions may re-include something below it.
      const skip = excluded(tree, childRel);
      if (skip && tree.ignore?.hasExceptions !== true) continue;
      if (!skip) out.push(entry);
      const child = await openChildDir(dir, name, childRel);
      try {
        await walk(tree, child, childParts, childDest, out);
      } finally {
        await child.close();
      }
      continue;
    }
    if (excluded(tree, childRel)) continue;
    out.push(entry);
  }
}

/** The lstat of resolved `parts` below `root`; undefined when absent. */
async function lstatInRoot(root: string, parts: readonly string[]): Promise<Stats | undefined> {
  const [parents, base] = split(parts);
  try {
    if (base === undefined) return await fs.stat(root);
    return await withDirInRoot(root, parents, (dir) => fs.lstat(fdPath(dir, base)));
  } catch (err) {
    if (err instanceof UnsafePathError) throw err;
    return undefined;
  }
}

/** Options of {@link selectSources}. */
export interface SelectOptions {
  /** The keyword for messages (COPY or ADD). */
  keyword: string;
  /** Absolute destination in the image (after WORKDIR), as written (a trailing `/` matters). */
  dest: string;
  /** True when the destination already is a directory in the image. */
  destIsDirInImage: boolean;
}

/**
 * Selects the entries `patterns` name in `tree` and computes where each goes.
 *
 * @throws {BuildError} IMAGE_BUILD when a source is missing (or excluded) or when several sources
 *   go to a destination that is not a directory.
 */
export async function selectSources(
  tree: SourceTree,
  patterns: readonly string[],
  opts: SelectOptions,
): Promise<SelectedEntry[]> {
  const destDir = opts.dest.endsWith('/') || opts.destIsDirInImage;
  const destClean = `/${cleanPath(opts.dest)}`.replace(/^\/+/, '/');
  if (
    (patterns.length > 1 || patterns.some(hasWildcard)) &&
    !opts.dest.endsWith('/') &&
    !opts.destIsDirInImage
  ) {
    throw new BuildError(
      'IMAGE_BUILD',
      `When using ${opts.keyword} with more than one source file, the destination must be a directory and end with a /`,
    );
  }
  const out: SelectedEntry[] = [];
  for (const pattern of patterns) {
    const clean = cleanPath(pattern);
    const matches = clean === '' ? [''] : await glob(tree, clean);
    let found = 0;
    for (const rel of matches) {
      if (excluded(tree, rel)) continue;
      // Symlinks on the way resolve inside the root (as Docker's FollowSymlinkInScope); what
      // they lead to is then opened without following anything.
      const parts = relParts(tree.root, await resolveInRoot(tree.root, rel));
      const st = await lstatInRoot(tree.root, parts);
      if (st === undefined) continue;
      if (st.isSymbolicLink()) throw new UnsafePathError(rel, 'it changed during the build');
      found++;
      if (st.isDirectory()) {
        await withDirInRoot(tree.root, parts, (dir) =>
          walk(tree, dir, parts, destClean === '/' ? '' : destClean, out),
        );
      } else {
        const dest =
          destDir || hasWildcard(pattern)
            ? `${destClean === '/' ? '' : destClean}/${path.posix.basename(rel)}`
            : destClean;
        out.push({ root: tree.root, parts, dest, st });
      }
    }
    if (found === 0) {
      throw new BuildError(
        'IMAGE_BUILD',
        `${opts.keyword} failed: "${pattern}" not found in the ${tree.label}${tree.ignore === undefined ? '' : ' (or excluded by .dockerignore)'}`,
      );
    }
  }
  return out;
}

async function fileSha256(e: SelectedEntry): Promise<string> {
  const hash = createHash('sha256');
  const { handle } = await openSelected(e);
  try {
    for await (const chunk of handle.createReadStream({ autoClose: false, start: 0 }))
      hash.update(chunk as Buffer);
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/**
 * The content hash of a selection: destination paths, types, modes and file contents (not
 * mtimes, as Docker), so an untouched or merely touched source keeps its cache entry.
 *
 * @throws {UnsafePathError} IMAGE_UNSAFE_LAYER when a source was swapped for a symlink.
 */
export async function hashSelection(entries: readonly SelectedEntry[]): Promise<string> {
  const hash = createHash('sha256');
  for (const e of entries) {
    const mode = (e.st.mode & 0o7777).toString(8);
    if (e.st.isDirectory()) hash.update(`d\0${e.dest}\0${mode}\n`);
    else if (e.st.isSymbolicLink()) hash.update(`l\0${e.dest}\0${await readSelectedLink(e)}\n`);
    else if (e.st.isFile())
      hash.update(`f\0${e.dest}\0${mode}\0${e.st.size}\0${await fileSha256(e)}\n`);
  }
  return hash.digest('hex');
}

/** Owner and mode overrides of a copy. */
export interface CopyOwnership {
  uid: number;
  gid: number;
  /** `--chmod` for files and directories; undefined keeps the source mode. */
  mode?: number;
  /** Metadata for a parent directory that must be created: taken from the image when it exists there. */
  parentMeta(dest: string): Promise<{ mode: number; uid: number; gid: number } | undefined>;
}

/**
 * Opens the parent directory of `dest` inside `layerDir`, creating missing ones with the image's
 * metadata (owner before mode, so setgid bits stay); the path of each one created below the
 * root is added to `created`.
 *
 * @throws {BuildError} IMAGE_UNSAFE_LAYER when a parent is a symlink or not a directory.
 */
async function openParent(
  layerDir: string,
  dest: string,
  own: CopyOwnership,
  created: string[],
): Promise<FileHandle> {
  const parts = dest.split('/').filter((p) => p !== '');
  try {
    return await openDirInRoot(layerDir, parts.slice(0, -1), {
      create: true,
      onCreate: async (dir, rel) => {
        created.push(rel);
        const meta = (await own.parentMeta(`/${rel}`)) ?? {
          mode: 0o755,
          uid: own.uid,
          gid: own.gid,
        };
        await dir.chown(meta.uid, meta.gid);
        await dir.chmod(meta.mode);
      },
    });
  } catch (err) {
    if (!(err instanceof UnsafePathError)) throw err;
    throw new BuildError(
      'IMAGE_UNSAFE_LAYER',
      `Cannot copy to "${dest}": "/${err.rel}" is not a directory in the copied files`,
      { cause: err },
    );
  }
}

/** Copies one entry into the open destination directory `dir` as `name`. */
async function copyEntry(
  e: SelectedEntry,
  dir: FileHandle,
  name: string,
  own: CopyOwnership,
): Promise<void> {
  const target = fdPath(dir, name);
  const existing = await fs.lstat(target).catch(() => undefined);
  const mode = own.mode ?? e.st.mode & 0o7777;
  if (existing !== undefined && !(existing.isDirectory() && e.st.isDirectory()))
    await fs.rm(target, { recursive: true, force: true });
  if (e.st.isDirectory()) {
    const child = await openChildDir(dir, name, e.dest, { create: true });
    try {
      // Owner before mode: chown clears the setuid and setgid bits.
      await child.chown(own.uid, own.gid);
      await child.chmod(mode);
    } finally {
      await child.close();
    }
  } else if (e.st.isSymbolicLink()) {
    await fs.symlink(await readSelectedLink(e), target);
    await fs.lchown(target, own.uid, own.gid);
    await fs.lutimes(target, e.st.atime, e.st.mtime);
  } else if (e.st.isFile()) {
    const src = await openSelected(e);
    try {
      const dst = await createFileAt(dir, name, 0o600);
      try {
        await copyFileHandle(src.handle, dst);
        await dst.chown(own.uid, own.gid);
        await dst.chmod(mode);
        await dst.utimes(src.st.atime, src.st.mtime);
      } finally {
        await dst.close();
      }
    } finally {
      await src.handle.close();
    }
  }
}

/**
 * Copies the selection into `layerDir` (a fresh directory that becomes the layer). Sources are
 * read through the fds the safe walk opened; destinations are created below held directories.
 *
 * @throws {BuildError} IMAGE_UNSAFE_LAYER when a copied symlink would redirect a later write,
 *   or a source was swapped for a symlink during the build.
 */
export async function copySelection(
  entries: readonly SelectedEntry[],
  layerDir: string,
  own: CopyOwnership,
): Promise<void> {
  const dirTimes: Array<[string[], Date]> = [];
  for (const e of entries) {
    const parts = e.dest.split('/').filter((p) => p !== '');
    const name = parts[parts.length - 1];
    if (name === undefined) continue; // the image root itself: nothing to create
    const created: string[] = [];
    const dir = await openParent(layerDir, e.dest, own, created);
    try {
      await copyEntry(e, dir, name, own);
    } finally {
      await dir.close();
    }
    // A parent the copy had to create takes the time of the entry it was created for, not the
    // clock's: the same inputs give a byte-identical layer whenever they are built.
    for (const rel of created) dirTimes.push([rel.split('/').filter((p) => p !== ''), e.st.mtime]);
    if (e.st.isDirectory()) dirTimes.push([parts, e.st.mtime]);
  }
  // Directory times last, deepest last-made first: creating entries changes a directory's mtime.
  for (const [parts, mtime] of dirTimes.reverse())
    await withDirInRoot(layerDir, parts, (dir) => dir.utimes(mtime, mtime));
}
