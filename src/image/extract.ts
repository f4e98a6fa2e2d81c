/**
 * Safe extraction of one layer tar into an empty directory, converting OCI whiteouts to
 * overlayfs form (OCI image-spec layer.md; kernel Documentation/filesystems/overlayfs.rst):
 * `.wh.NAME` becomes a 0/0 character device NAME, `.wh..wh..opq` sets
 * `trusted.overlay.opaque=y` on its directory.
 *
 * Safety: every name is checked (no absolute paths, no `..`); every directory on an entry's
 * path, and on a hardlink target's path, is opened with the fd-relative walk of
 * build/scoped-path.ts (never through a symlink, whoever made it), and the entry is created
 * below the held directory, files with O_EXCL|O_NOFOLLOW. Work deferred to the end (device
 * nodes, xattrs, directory metadata) walks its path again the same way first, because a later
 * entry may have replaced a parent. The uncompressed size is capped (see layers.ts).
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import tar, { type Header } from 'tar-stream';

/** One entry streamed by tar-stream's extractor. */
type TarEntry = ReturnType<typeof tar.extract> extends AsyncIterable<infer S> ? S : never;
import { imageLayerMaxEntryCount } from '../util/limits.js';
import {
  checkSymlinkTarget,
  entryComponents,
  hardlinkComponents,
  whiteoutKind,
} from './entry-path.js';
import {
  createFileAt,
  fdPath,
  openDirInRoot,
  UnsafePathError,
  withDirInRoot,
} from './build/scoped-path.js';
import { ImageError } from './errors.js';

const execFileAsync = promisify(execFile);

interface Deferred {
  nodes: {
    rel: string;
    type: 'c' | 'b' | 'p';
    major: number;
    minor: number;
    mode: number;
    uid: number;
    gid: number;
  }[];
  xattrs: { rel: string; name: string; value: Buffer }[];
  dirs: { rel: string; mode: number; uid: number; gid: number; mtime: Date }[];
}

/** What an extraction did, for logs and tests. */
export interface ExtractStats {
  entries: number;
  whiteouts: number;
  opaques: number;
}

function unsafe(message: string, entry: string): ImageError {
  return new ImageError('IMAGE_UNSAFE_LAYER', `Unsafe layer entry "${entry}": ${message}`, {
    details: { entry },
    hint: 'The image was built or modified to write outside its root filesystem; do not use it',
  });
}

/**
 * Opens the directory holding `parts`' last component (its parents walked without following
 * any symlink), creating missing ones when `create`.
 *
 * @throws {ImageError} IMAGE_UNSAFE_LAYER when a parent is a symlink or not a directory.
 */
async function openParent(
  root: string,
  parts: readonly string[],
  entry: string,
  create: boolean,
): Promise<FileHandle> {
  try {
    return await openDirInRoot(root, parts.slice(0, -1), { create });
  } catch (err) {
    if (err instanceof UnsafePathError) throw unsafe(`parent "${err.rel}": ${err.why}`, entry);
    throw err;
  }
}

/** Removes whatever is at `full` (no error when absent). */
async function clear(full: string, keepDir: boolean): Promise<void> {
  let st;
  try {
    st = await fs.lstat(full);
  } catch {
    return;
  }
  if (st.isDirectory()) {
    if (!keepDir) await fs.rm(full, { recursive: true, force: true });
  } else {
    await fs.unlink(full);
  }
}

/** Headers as they come from real archives: fields may be missing whatever the types say. */
type LooseHeader = Partial<Header> & { name: string };

async function writeFile(
  dir: FileHandle,
  name: string,
  entry: TarEntry,
  mode: number,
): Promise<void> {
  const h = entry.header as LooseHeader;
  const handle = await createFileAt(dir, name, 0o600);
  try {
    for await (const chunk of entry) await handle.write(chunk as Buffer);
    await handle.chown(h.uid ?? 0, h.gid ?? 0);
    // chmod after chown: chown clears setuid/setgid bits.
    await handle.chmod(mode);
    const mtime = h.mtime ?? new Date(0);
    await handle.utimes(mtime, mtime);
  } finally {
    await handle.close();
  }
}

/** Escapes a path for `setfattr --restore` (getfattr's octal escaping). */
function escapeRestorePath(rel: string): string {
  let out = '';
  for (const byte of Buffer.from(rel, 'utf8')) {
    const printable = byte > 0x20 && byte < 0x7f && byte !== 0x5c && byte !== 0x3d && byte !== 0x22;
    out += printable ? String.fromCharCode(byte) : `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return out;
}

/** Reads `SCHILY.xattr.*` PAX records; overlay's own xattrs are never taken from a layer. */
function paxXattrs(header: LooseHeader): { name: string; value: Buffer }[] {
  const pax = header.pax as Record<string, string> | null | undefined;
  if (pax == null) return [];
  const out: { name: string; value: Buffer }[] = [];
  for (const [key, value] of Object.entries(pax)) {
    if (!key.startsWith('SCHILY.xattr.')) continue;
    const name = key.slice('SCHILY.xattr.'.length);
    if (name.startsWith('trusted.overlay.') || name === '') continue;
    out.push({ name, value: Buffer.from(value, 'utf8') });
  }
  return out;
}

/**
 * Extracts an uncompressed layer tar from `source` into `dest` (an existing empty directory).
 *
 * @throws {ImageError} IMAGE_UNSAFE_LAYER for hostile entries, IMAGE_INVALID for malformed ones.
 */
export async function extractLayer(source: Readable, dest: string): Promise<ExtractStats> {
  const deferred: Deferred = { nodes: [], xattrs: [], dirs: [] };
  const stats: ExtractStats = { entries: 0, whiteouts: 0, opaques: 0 };
  const extract = tar.extract();
  source.on('error', (err) => extract.destroy(err));
  source.pipe(extract);
  try {
    for await (const entry of extract) {
      stats.entries++;
      if (stats.entries > imageLayerMaxEntryCount) {
        throw new ImageError(
          'IMAGE_INVALID',
          `Layer has more than ${imageLayerMaxEntryCount} entries`,
        );
      }
      await extractEntry(entry, dest, deferred, stats);
      entry.resume();
    }
  } catch (err) {
    source.unpipe(extract);
    source.destroy();
    extract.destroy();
    if (err instanceof ImageError) throw err;
    throw new ImageError('IMAGE_INVALID', `Cannot extract layer: ${(err as Error).message}`, {
      cause: err,
    });
  }
  await applyDeferred(dest, deferred);
  return stats;
}

async function extractEntry(
  entry: TarEntry,
  dest: string,
  deferred: Deferred,
  stats: ExtractStats,
): Promise<void> {
  const h = entry.header as LooseHeader;
  const parts = entryComponents(h.name);
  if (parts.length === 0) return; // the layer root ("./")
  const base = parts[parts.length - 1] ?? '';
  const wh = whiteoutKind(base);
  const parent = await openParent(dest, parts, h.name, true);
  try {
    switch (wh.kind) {
      case 'opaque':
        stats.opaques++;
        deferred.xattrs.push({
          rel: parts.slice(0, -1).join('/') || '.',
          name: 'trusted.overlay.opaque',
          value: Buffer.from('y'),
        });
        return;
      case 'whiteout': {
        stats.whiteouts++;
        const target = [...parts.slice(0, -1), wh.name].join('/');
        deferred.nodes.push({
          rel: target,
          type: 'c',
          major: 0,
          minor: 0,
          mode: 0,
          uid: 0,
          gid: 0,
        });
        return;
      }
      case 'meta':
        return;
      case 'none':
        break;
    }
    await createEntry(entry, { dest, parent, base, parts }, deferred);
  } finally {
    await parent.close();
  }
}

/** Where an entry goes: its parent held open, its base name, its components. */
interface Place {
  dest: string;
  parent: FileHandle;
  base: string;
  parts: string[];
}

async function createEntry(entry: TarEntry, at: Place, deferred: Deferred): Promise<void> {
  const h = entry.header as LooseHeader;
  const name = h.name;
  const full = fdPath(at.parent, at.base);
  const rel = at.parts.join('/');
  const mode = (h.mode ?? 0o644) & 0o7777;
  const uid = h.uid ?? 0;
  const gid = h.gid ?? 0;
  for (const x of paxXattrs(h)) deferred.xattrs.push({ rel, ...x });
  switch (h.type) {
    case 'directory':
      await clear(full, true);
      await fs.mkdir(full, { mode: 0o755 }).catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      });
      deferred.dirs.push({ rel, mode, uid, gid, mtime: h.mtime ?? new Date(0) });
      return;
    case 'file':
    case 'contiguous-file':
    case undefined:
      await clear(full, false);
      await writeFile(at.parent, at.base, entry, mode);
      return;
    case 'symlink': {
      const target = h.linkname ?? '';
      checkSymlinkTarget(at.parts, target, name);
      await clear(full, false);
      await fs.symlink(target, full);
      await fs.lchown(full, uid, gid);
      const mtime = h.mtime ?? new Date(0);
      await fs.lutimes(full, mtime, mtime);
      return;
    }
    case 'link':
      await hardlink(at, h.linkname ?? '', name);
      return;
    case 'character-device':
    case 'block-device':
    case 'fifo':
      await clear(full, false);
      deferred.nodes.push({
        rel,
        type: h.type === 'fifo' ? 'p' : h.type === 'block-device' ? 'b' : 'c',
        major: h.devmajor ?? 0,
        minor: h.devminor ?? 0,
        mode,
        uid,
        gid,
      });
      return;
  }
}

/** Hardlinks `at` to `linkname`, a file of this layer reached without following any symlink. */
async function hardlink(at: Place, linkname: string, name: string): Promise<void> {
  const targetParts = hardlinkComponents(linkname, name);
  const missing = (): ImageError =>
    new ImageError(
      'IMAGE_INVALID',
      `Invalid layer entry "${name}": hardlink target "${linkname}" is missing or a directory`,
    );
  const srcDir = await openParent(at.dest, targetParts, name, false).catch((err: unknown) => {
    if (err instanceof ImageError) throw err;
    throw missing();
  });
  try {
    const src = fdPath(srcDir, targetParts[targetParts.length - 1] ?? '');
    const st = await fs.lstat(src).catch(() => undefined);
    if (st === undefined || st.isDirectory()) throw missing();
    const full = fdPath(at.parent, at.base);
    await clear(full, false);
    await fs.link(src, full);
  } finally {
    await srcDir.close();
  }
}

/** Checks, just before use, that `rel`'s parents are still real directories; returns its path. */
async function recheck(dest: string, rel: string): Promise<string> {
  if (rel === '.') return dest;
  const parts = rel.split('/');
  const dir = await openParent(dest, parts, rel, false);
  await dir.close();
  return path.join(dest, rel);
}

async function applyDeferred(dest: string, deferred: Deferred): Promise<void> {
  await makeNodes(dest, deferred.nodes);
  await setXattrs(dest, deferred.xattrs);
  await setDirMeta(dest, deferred.dirs);
}

/** Device nodes and whiteouts: Node has no mknod, so one shell runs them all, paths as arguments. */
async function makeNodes(dest: string, deferred: Deferred['nodes']): Promise<void> {
  const nodes: string[] = [];
  const made: Deferred['nodes'] = [];
  for (const n of deferred) {
    const full = await recheck(dest, n.rel);
    if (
      await fs.lstat(full).then(
        () => true,
        () => false,
      )
    )
      continue; // recreated by a later entry: its metadata is that entry's, not this one's
    nodes.push(full, n.type, String(n.major), String(n.minor));
    made.push(n);
  }
  const chunk = 4 * 500;
  for (let i = 0; i < nodes.length; i += chunk) {
    const args = nodes.slice(i, i + chunk);
    await execFileAsync('sh', [
      '-c',
      'while [ $# -gt 0 ]; do if [ "$2" = p ]; then mknod -- "$1" p || exit 1; else mknod -- "$1" "$2" "$3" "$4" || exit 1; fi; shift 4; done',
      'sh',
      ...args,
    ]).catch((err: unknown) => {
      throw new ImageError(
        'IMAGE_INVALID',
        `Cannot create device nodes in layer: ${(err as { stderr?: string }).stderr ?? String(err)}`,
        { cause: err },
      );
    });
  }
  for (const n of made) {
    if (n.type === 'c' && n.major === 0 && n.minor === 0 && n.mode === 0) continue;
    const parts = n.rel.split('/');
    const dir = await openParent(dest, parts, n.rel, false);
    try {
      const at = fdPath(dir, parts[parts.length - 1] ?? '');
      // Owner before mode (chown clears setuid/setgid); chmod is safe here: lstat says the
      // node is no symlink, and nothing else writes this private directory.
      if ((await fs.lstat(at)).isSymbolicLink()) continue;
      await fs.lchown(at, n.uid, n.gid);
      await fs.chmod(at, n.mode);
    } finally {
      await dir.close();
    }
  }
}

/** Extended attributes, all through one `setfattr -h` (never following a final symlink). */
async function setXattrs(dest: string, xattrs: Deferred['xattrs']): Promise<void> {
  if (xattrs.length === 0) return;
  let script = '';
  for (const x of xattrs) {
    await recheck(dest, x.rel);
    script += `# file: ${escapeRestorePath(x.rel)}\n${x.name}=0x${x.value.toString('hex')}\n\n`;
  }
  await new Promise<void>((resolve, reject) => {
    const child = execFile(
      'setfattr',
      ['-h', '--restore=-'],
      { cwd: dest },
      (err, _stdout, stderr) => {
        if (err) reject(xattrError(err, stderr, xattrs));
        else resolve();
      },
    );
    child.stdin?.end(script);
  });
}

/**
 * The error of a failed `setfattr`: the "attr" package hint only when setfattr is missing;
 * otherwise the attributes and entries, and what the kernel said (e.g. a namespace it refuses).
 */
function xattrError(err: Error, stderr: string, xattrs: Deferred['xattrs']): ImageError {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
    return new ImageError('IMAGE_INVALID', 'Cannot set extended attributes: setfattr not found', {
      cause: err,
      hint: 'Install the "attr" package (setfattr)',
    });
  }
  const named = xattrs.map((x) => `"${x.name}" on "${x.rel}"`);
  const list = named.length > 3 ? `${named.slice(0, 3).join(', ')}, ...` : named.join(', ');
  return new ImageError(
    'IMAGE_INVALID',
    `Cannot set the layer's extended attributes ${list}: ${stderr.trim() || err.message}`,
    { cause: err },
  );
}

/** Directory metadata last, deepest first, so creating children does not change the mtimes. */
async function setDirMeta(dest: string, dirs: Deferred['dirs']): Promise<void> {
  const sorted = [...dirs].sort((a, b) => b.rel.split('/').length - a.rel.split('/').length);
  for (const d of sorted) {
    // A directory replaced by a later entry (a file, a symlink) is skipped.
    await withDirInRoot(dest, d.rel.split('/'), async (dir) => {
      await dir.chown(d.uid, d.gid);
      await dir.chmod(d.mode);
      await dir.utimes(d.mtime, d.mtime);
    }).catch((err: unknown) => {
      if (err instanceof UnsafePathError || (err as NodeJS.ErrnoException).code === 'ENOENT')
        return;
      throw err;
    });
  }
}
