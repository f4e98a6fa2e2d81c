/**
 * COPY and ADD steps: expand the arguments, pick the source tree (build context, another
 * stage, or an image), select and hash the sources (the cache input), and on a cache miss copy
 * them into a fresh layer. ADD also unpacks local tar archives (plain or gzip); ADD of a URL is
 * refused, because builds run without network.
 *
 * @module
 */
import { promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { extractArchive, isArchive } from './add-archive.js';
import type { BuildCache, BuildLayer, StepRecord } from './cache.js';
import { DockerfileError } from './dockerfile.js';
import { joinWorkdir } from './dockerfile-apply.js';
import { expandWord, ShellWordError, type VarLookup } from './dockerfile-shell.js';
import type { IgnoreMatcher } from '../../util/dockerignore.js';
import type { CopyInstruction } from './dockerfile-types.js';
import { imageBuildMaxSymlinkHops } from '../../util/limits.js';
import { BuildError } from './errors.js';
import { mountOverlay, unmount } from './overlay.js';
import { resolveUser } from './run-step.js';
import type { OpenedFile } from './scoped-path.js';
import {
  copySelection,
  hashSelection,
  openSelected,
  selectSources,
  type SelectedEntry,
  type SourceTree,
} from './sources.js';

/** What a COPY or ADD step needs from the running build. */
export interface CopyContext {
  file: string;
  escape: string;
  contextDir: string;
  ignore: IgnoreMatcher;
  cache: BuildCache;
  record: StepRecord;
  lookup: VarLookup;
  /** The root filesystem layers of a stage or image named by `--from`. */
  fromLayers(ref: string, line: number): Promise<string[]>;
}

/** A prepared COPY/ADD. */
export interface PreparedCopy {
  description: string;
  inputs: string[];
  /** Copies into a new layer; undefined when nothing was copied. */
  execute(): Promise<BuildLayer | undefined>;
  release(): Promise<void>;
}

/**
 * Finds `rel` in a stack of overlay-form layer dirs (bottom first): the top-most entry wins, a
 * whiteout hides lower ones. Symlinked parents are not followed (good enough for the metadata
 * questions asked here: is the destination a directory, which mode has a parent).
 */
export async function statInLayers(
  layerDirs: readonly string[],
  rel: string,
): Promise<Stats | undefined> {
  for (let i = layerDirs.length - 1; i >= 0; i--) {
    const st = await fs.lstat(path.join(layerDirs[i] ?? '', rel)).catch(() => undefined);
    if (st === undefined) continue;
    if (st.isCharacterDevice() && st.rdev === 0) return undefined;
    return st;
  }
  return undefined;
}

/**
 * Resolves symlinks in `target` against the image's layers, as the container would see them
 * (so `COPY x /bin/` lands in `/usr/bin` when `/bin` links there, as with Docker); `..` stops at
 * the root. Returns an absolute path.
 *
 * @throws {BuildError} IMAGE_BUILD after too many symlinks (a loop).
 */
export async function realPathInLayers(
  layerDirs: readonly string[],
  target: string,
): Promise<string> {
  const done: string[] = [];
  const todo = target.split('/').filter((c) => c !== '' && c !== '.');
  let hops = 0;
  while (todo.length > 0) {
    const part = todo.shift() ?? '';
    if (part === '..') {
      done.pop();
      continue;
    }
    const rel = [...done, part].join('/');
    let link: string | undefined;
    for (let i = layerDirs.length - 1; i >= 0; i--) {
      const full = path.join(layerDirs[i] ?? '', rel);
      const st = await fs.lstat(full).catch(() => undefined);
      if (st === undefined) continue;
      if (st.isSymbolicLink()) link = await fs.readlink(full);
      break;
    }
    if (link === undefined) {
      done.push(part);
      continue;
    }
    if (++hops > imageBuildMaxSymlinkHops) {
      throw new BuildError(
        'IMAGE_BUILD',
        `Too many levels of symbolic links resolving "${target}"`,
      );
    }
    if (link.startsWith('/')) done.length = 0;
    todo.unshift(...link.split('/').filter((c) => c !== '' && c !== '.'));
  }
  return `/${done.join('/')}`;
}

/**
 * Prepares a COPY or ADD step.
 *
 * @throws {DockerfileError} for malformed arguments, {BuildError} for missing sources or a URL.
 */
export async function copyStep(ctx: CopyContext, instr: CopyInstruction): Promise<PreparedCopy> {
  const fail = (message: string): never => {
    throw new DockerfileError(ctx.file, instr.line, instr.kind, message);
  };
  const word = (t: string): string => {
    try {
      return expandWord(t, ctx.lookup, ctx.escape);
    } catch (err) {
      if (err instanceof ShellWordError) return fail(err.message);
      throw err;
    }
  };
  const sources = instr.sources.map(word);
  const rawDest = word(instr.dest);
  for (const s of sources) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.startsWith('git@')) {
      if (instr.kind === 'ADD') {
        throw new BuildError(
          'IMAGE_BUILD',
          `${ctx.file}:${instr.line}: ADD: cannot download "${s}": builds run without network access`,
          {
            hint: 'Download the file into the build context and ADD or COPY it from there',
          },
        );
      }
      fail(`source "${s}" is a URL; COPY takes files from the build context`);
    }
  }
  const dirLike = rawDest.endsWith('/') || rawDest === '.' || rawDest.endsWith('/.');
  const resolved = await realPathInLayers(
    ctx.record.layerDirs,
    joinWorkdir(ctx.record.config.config.WorkingDir, rawDest),
  );
  const dest = resolved + (dirLike && resolved !== '/' ? '/' : '');
  const from = instr.from === undefined ? undefined : word(instr.from);
  const mounts: Array<() => Promise<void>> = [];
  const release = async (): Promise<void> => {
    for (const undo of mounts.reverse()) await undo();
    mounts.length = 0;
  };
  try {
    const tree = await sourceTree(ctx, from, instr.line, mounts);
    const ids = await chownIds(ctx, instr, word, mounts);
    const mode = instr.chmod === undefined ? undefined : parseInt(instr.chmod, 8);
    const destSt = await statInLayers(ctx.record.layerDirs, dest);
    const entries = await selectSources(tree, sources, {
      keyword: instr.kind,
      dest,
      destIsDirInImage: destSt?.isDirectory() === true,
    });
    const description = `${instr.kind} ${from === undefined ? '' : `--from=${from} `}${JSON.stringify(sources)} ${dest}`;
    const inputs = [await hashSelection(entries), `${ids.uid}:${ids.gid}`, instr.chmod ?? ''];
    return {
      description,
      inputs,
      release,
      execute: () =>
        copyIntoLayer(ctx, instr.kind === 'ADD' && from === undefined, entries, dest, {
          ...ids,
          mode,
        }),
    };
  } catch (err) {
    await release();
    throw err;
  }
}

async function sourceTree(
  ctx: CopyContext,
  from: string | undefined,
  line: number,
  mounts: Array<() => Promise<void>>,
): Promise<SourceTree> {
  if (from === undefined)
    return { root: ctx.contextDir, ignore: ctx.ignore, label: 'build context' };
  const layers = await ctx.fromLayers(from, line);
  const scratch = await ctx.cache.scratch('from');
  mounts.push(() => fs.rm(scratch, { recursive: true, force: true }));
  const view = await mountOverlay({
    lowerDirs: layers,
    target: path.join(scratch, 'rootfs'),
    linkDir: path.join(scratch, 'l'),
  });
  if (view.mounted) mounts.push(() => unmount(view.path));
  return { root: view.path, label: `stage or image "${from}"` };
}

async function chownIds(
  ctx: CopyContext,
  instr: CopyInstruction,
  word: (t: string) => string,
  mounts: Array<() => Promise<void>>,
): Promise<{ uid: number; gid: number }> {
  if (instr.chown === undefined) return { uid: 0, gid: 0 };
  const spec = word(instr.chown);
  if (/^\d+(:\d+)?$/.test(spec)) {
    const [u = '0', g] = spec.split(':');
    return { uid: Number(u), gid: Number(g ?? u) };
  }
  // Names: look them up in the image's own /etc/passwd and /etc/group.
  const scratch = await ctx.cache.scratch('chown');
  mounts.push(() => fs.rm(scratch, { recursive: true, force: true }));
  const view = await mountOverlay({
    lowerDirs: ctx.record.layerDirs,
    target: path.join(scratch, 'rootfs'),
    linkDir: path.join(scratch, 'l'),
  });
  try {
    const ids = await resolveUser(view.path, spec);
    // A --chown with only a user name uses that name as the group too (Docker semantics).
    return spec.includes(':')
      ? ids
      : {
          uid: ids.uid,
          gid: (await resolveUser(view.path, `${ids.uid}:${spec}`).catch(() => ids)).gid,
        };
  } catch (err) {
    if (err instanceof BuildError)
      throw new BuildError(
        'IMAGE_BUILD',
        `${ctx.file}:${instr.line}: ${instr.kind}: --chown: ${err.message}`,
        { cause: err },
      );
    throw err;
  } finally {
    if (view.mounted) await unmount(view.path);
  }
}

async function copyIntoLayer(
  ctx: CopyContext,
  unpackArchives: boolean,
  entries: SelectedEntry[],
  dest: string,
  own: { uid: number; gid: number; mode: number | undefined },
): Promise<BuildLayer | undefined> {
  const layerDir = await ctx.cache.scratch('copy');
  await fs.chmod(layerDir, 0o755);
  const archives: Array<OpenedFile & { name: string }> = [];
  try {
    const plain: SelectedEntry[] = [];
    for (const e of entries) {
      if (unpackArchives && e.st.isFile()) {
        // The archive is read from the fd opened here: it cannot be swapped afterwards.
        const opened = await openSelected(e);
        let archive = false;
        try {
          archive = await isArchive(opened.handle);
        } finally {
          if (!archive) await opened.handle.close();
        }
        if (archive) {
          archives.push({ ...opened, name: e.parts[e.parts.length - 1] ?? '' });
          continue;
        }
      }
      plain.push(e);
    }
    const ownership = {
      uid: own.uid,
      gid: own.gid,
      ...(own.mode === undefined ? {} : { mode: own.mode }),
      parentMeta: async (rel: string) => {
        const st = await statInLayers(ctx.record.layerDirs, rel);
        return st?.isDirectory() === true
          ? { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid }
          : undefined;
      },
    };
    await copySelection(plain, layerDir, ownership);
    for (const a of archives)
      await extractArchive(a, { layerDir, destDir: dest, owner: ownership });
    if ((await fs.readdir(layerDir)).length === 0) {
      await fs.rm(layerDir, { recursive: true, force: true });
      return undefined;
    }
    return await ctx.cache.commitLayer(layerDir);
  } catch (err) {
    await fs.rm(layerDir, { recursive: true, force: true });
    throw err;
  } finally {
    for (const a of archives) await a.handle.close();
  }
}
