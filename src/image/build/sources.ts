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
import { createReadStream, promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { imageBuildMaxContextEntryCount } from '../../util/limits.js';
import { cleanPath, patternToRegex, type IgnoreMatcher } from './dockerignore.js';
import { BuildError } from './errors.js';
import { resolveInRoot } from './scoped-path.js';

/** Where sources come from. */
export interface SourceTree {
  root: string;
  /** `.dockerignore` of the build context; none for stages and images. */
  ignore?: IgnoreMatcher;
  /** For messages: "build context" or `stage "name"`. */
  label: string;
}

/** One selected file system object and where it goes (relative to the image root). */
export interface SelectedEntry {
  src: string;
  dest: string;
  st: Stats;
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
      const dir = await resolveInRoot(tree.root, base);
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      for (const n of names.sort()) if (re.test(n)) next.push(base === '' ? n : `${base}/${n}`);
    }
    current = next;
  }
  return current;
}

function excluded(tree: SourceTree, rel: string): boolean {
  return rel !== '' && tree.ignore?.excludes(rel) === true;
}

/** Walks a directory source: every entry below it (not following symlinks), parents first. */
async function walk(
  tree: SourceTree,
  absDir: string,
  rel: string,
  dest: string,
  out: SelectedEntry[],
): Promise<void> {
  for (const name of (await fs.readdir(absDir)).sort()) {
    const childRel = rel === '' ? name : `${rel}/${name}`;
    const src = path.join(absDir, name);
    const st = await fs.lstat(src);
    const childDest = `${dest}/${name}`;
    if (out.length >= imageBuildMaxContextEntryCount) {
      throw new BuildError(
        'IMAGE_BUILD',
        `Too many files in the sources: more than ${imageBuildMaxContextEntryCount}`,
      );
    }
    if (st.isDirectory()) {
      // An excluded directory is still walked when exceptions may re-include something below it.
      const skip = excluded(tree, childRel);
      if (skip && tree.ignore?.hasExceptions !== true) continue;
      if (!skip) out.push({ src, dest: childDest, st });
      await walk(tree, src, childRel, childDest, out);
      continue;
    }
    if (excluded(tree, childRel)) continue;
    out.push({ src, dest: childDest, st });
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
      const abs = await resolveInRoot(tree.root, rel);
      let st: Stats;
      try {
        st = await fs.stat(abs);
      } catch {
        continue;
      }
      found++;
      if (st.isDirectory()) {
        await walk(tree, abs, rel, destClean === '/' ? '' : destClean, out);
      } else {
        const dest =
          destDir || hasWildcard(pattern)
            ? `${destClean === '/' ? '' : destClean}/${path.posix.basename(rel)}`
            : destClean;
        out.push({ src: abs, dest, st });
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

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The content hash of a selection: destination paths, types, modes and file contents (not
 * mtimes, as Docker), so an untouched or merely touched source keeps its cache entry.
 */
export async function hashSelection(entries: readonly SelectedEntry[]): Promise<string> {
  const hash = createHash('sha256');
  for (const e of entries) {
    const mode = (e.st.mode & 0o7777).toString(8);
    if (e.st.isDirectory()) hash.update(`d\0${e.dest}\0${mode}\n`);
    else if (e.st.isSymbolicLink()) hash.update(`l\0${e.dest}\0${await fs.readlink(e.src)}\n`);
    else if (e.st.isFile())
      hash.update(`f\0${e.dest}\0${mode}\0${e.st.size}\0${await fileSha256(e.src)}\n`);
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
 * Makes sure every parent of `dest` is a real directory inside `layerDir`, creating missing ones.
 *
 * @throws {BuildError} IMAGE_UNSAFE_LAYER when a parent is a symlink or not a directory.
 */
async function ensureParents(layerDir: string, dest: string, own: CopyOwnership): Promise<void> {
  const parts = dest.split('/').filter((p) => p !== '');
  let rel = '';
  for (const part of parts.slice(0, -1)) {
    rel += `/${part}`;
    const abs = path.join(layerDir, rel);
    const st = await fs.lstat(abs).catch(() => undefined);
    if (st === undefined) {
      const meta = (await own.parentMeta(rel)) ?? { mode: 0o755, uid: own.uid, gid: own.gid };
      await fs.mkdir(abs, { mode: meta.mode });
      await fs.chmod(abs, meta.mode);
      await fs.lchown(abs, meta.uid, meta.gid);
    } else if (!st.isDirectory()) {
      throw new BuildError(
        'IMAGE_UNSAFE_LAYER',
        `Cannot copy to "${dest}": "${rel}" is not a directory in the copied files`,
      );
    }
  }
}

/**
 * Copies the selection into `layerDir` (a fresh directory that becomes the layer).
 *
 * @throws {BuildError} IMAGE_UNSAFE_LAYER when a copied symlink would redirect a later write.
 */
export async function copySelection(
  entries: readonly SelectedEntry[],
  layerDir: string,
  own: CopyOwnership,
): Promise<void> {
  const dirTimes: Array<[string, Date]> = [];
  for (const e of entries) {
    await ensureParents(layerDir, e.dest, own);
    const target = path.join(layerDir, e.dest);
    const existing = await fs.lstat(target).catch(() => undefined);
    const mode = own.mode ?? e.st.mode & 0o7777;
    if (e.st.isDirectory()) {
      if (existing !== undefined && !existing.isDirectory())
        await fs.rm(target, { recursive: true, force: true });
      if (existing?.isDirectory() !== true) await fs.mkdir(target);
      await fs.chmod(target, mode);
      await fs.lchown(target, own.uid, own.gid);
      dirTimes.push([target, e.st.mtime]);
      continue;
    }
    if (existing !== undefined) await fs.rm(target, { recursive: true, force: true });
    if (e.st.isSymbolicLink()) {
      await fs.symlink(await fs.readlink(e.src), target);
      await fs.lchown(target, own.uid, own.gid);
    } else if (e.st.isFile()) {
      await fs.copyFile(e.src, target);
      await fs.chmod(target, mode);
      await fs.lchown(target, own.uid, own.gid);
      await fs.utimes(target, e.st.atime, e.st.mtime);
    }
  }
  // Directory times last: creating entries inside a directory changes its mtime.
  for (const [dir, mtime] of dirTimes.reverse()) await fs.utimes(dir, mtime, mtime);
}
