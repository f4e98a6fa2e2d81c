/**
 * ADD's local archive unpacking (plain or gzip tar). Every entry path is checked: absolute names
 * and `..` are refused; every directory on an entry's path, and on a hardlink target's path, is
 * opened with the fd-relative walk of scoped-path.ts, so a symlink the archive made (or found in
 * the layer) is never followed: `d -> /etc` then `h` hardlinked to `d/shadow` is refused. Files
 * are created exclusively below the held directory, owner set before mode (setuid bits stay).
 * The archive is read from the fd its safe open gave, with caps on its size as stored and
 * uncompressed.
 *
 * @module
 */
import { pipeline } from 'node:stream/promises';
import type { FileHandle } from 'node:fs/promises';
import { promises as fs } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { TsorchError } from '../../util/errors.js';
import {
  imageArchiveMaxBytes,
  imageArchiveMaxUncompressedBytes,
  imageLayerMaxEntryCount,
} from '../../util/limits.js';
import { capBytes, tooLarge } from '../stream-caps.js';
import { BuildError } from './errors.js';
import {
  createFileAt,
  fdPath,
  openChildDir,
  openDirInRoot,
  UnsafePathError,
  type OpenedFile,
} from './scoped-path.js';

type TarEntry = ReturnType<typeof tar.extract> extends AsyncIterable<infer S> ? S : never;

async function head(handle: FileHandle, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, 0);
  return buf.subarray(0, bytesRead);
}

/** True when the opened file starts like a gzip stream or a tar archive. */
export async function isArchive(handle: FileHandle): Promise<boolean> {
  const buf = await head(handle, 512);
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) return true;
  return buf.length >= 262 && buf.subarray(257, 262).toString('latin1') === 'ustar';
}

function unsafe(archive: string, entry: string, why: string): BuildError {
  return new BuildError(
    'IMAGE_UNSAFE_LAYER',
    `Unsafe entry "${entry}" in archive "${archive}": ${why}`,
    { details: { entry } },
  );
}

/** Owner of the destination directory (the `--chown` of the step). */
interface Owner {
  uid: number;
  gid: number;
}

/** Options of {@link extractArchive}. */
export interface ExtractArchiveOptions {
  /** The fresh layer directory. */
  layerDir: string;
  /** Absolute image path the archive unpacks into. */
  destDir: string;
  owner: Owner;
  /** Cap on the archive as stored. Default {@link imageArchiveMaxBytes}. */
  maxBytes?: number;
  /** Cap on the uncompressed tar. Default {@link imageArchiveMaxUncompressedBytes}. */
  maxUncompressedBytes?: number;
}

/** One archive being unpacked. */
interface Unpack {
  archive: string;
  layerDir: string;
  /** Components of the destination directory below the layer directory. */
  dest: string[];
}

/** Checked components of an entry name or hardlink target. */
function entryParts(u: Unpack, entry: string, name: string, what: string): string[] {
  if (name.includes('\0')) throw unsafe(u.archive, entry, `the ${what} contains a NUL byte`);
  if (name.startsWith('/')) throw unsafe(u.archive, entry, `the ${what} is an absolute path`);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw unsafe(u.archive, entry, `the ${what} has ".." components`);
  return parts;
}

/** Opens `parts` below the destination, refusing symlinks; creates missing ones when asked. */
async function openIn(
  u: Unpack,
  parts: readonly string[],
  entry: string,
  create: boolean,
): Promise<FileHandle> {
  try {
    return await openDirInRoot(u.layerDir, [...u.dest, ...parts], { create });
  } catch (err) {
    if (err instanceof UnsafePathError) throw unsafe(u.archive, entry, err.message);
    throw err;
  }
}

/**
 * Unpacks the opened `archive` (named `name` in messages) into `layerDir` + `destDir`.
 *
 * @throws {BuildError} IMAGE_UNSAFE_LAYER for a hostile entry; the caller discards the layer.
 * @throws {ImageError} IMAGE_INVALID when the archive is over a size cap.
 */
export async function extractArchive(
  archive: OpenedFile & { name: string },
  options: ExtractArchiveOptions,
): Promise<void> {
  const maxBytes = options.maxBytes ?? imageArchiveMaxBytes;
  const maxUncompressed = options.maxUncompressedBytes ?? imageArchiveMaxUncompressedBytes;
  const label = `Archive "${archive.name}"`;
  if (archive.st.size > maxBytes) throw tooLarge(label, maxBytes);
  const u: Unpack = {
    archive: archive.name,
    layerDir: options.layerDir,
    dest: options.destDir.split('/').filter((p) => p !== ''),
  };
  const target = await openIn(u, [], options.destDir, true);
  try {
    await target.chown(options.owner.uid, options.owner.gid);
  } finally {
    await target.close();
  }
  const magic = await head(archive.handle, 2);
  const gz = magic[0] === 0x1f && magic[1] === 0x8b;
  const extract = tar.extract();
  const raw = archive.handle.createReadStream({ start: 0, autoClose: false });
  const cap = capBytes(maxUncompressed, () => tooLarge(label, maxUncompressed, 'uncompressed'));
  const streams: Readable[] = gz ? [raw, createGunzip(), cap] : [raw, cap];
  const feeding = pipeline([...streams, extract]);
  let count = 0;
  try {
    for await (const entry of extract) {
      if (++count > imageLayerMaxEntryCount)
        throw new BuildError('IMAGE_BUILD', `Too many entries in archive "${archive.name}"`);
      await extractEntry(u, entry);
      entry.resume();
    }
    await feeding;
  } catch (err) {
    extract.destroy();
    const fed = await feeding.then(
      () => undefined,
      (e: unknown) => e,
    );
    // A cap hit shows first as a truncated tar: report the cap.
    if (fed instanceof TsorchError) throw fed;
    if (err instanceof TsorchError) throw err;
    throw new BuildError(
      'IMAGE_BUILD',
      `Cannot unpack archive "${archive.name}": ${(err as Error).message}`,
      { cause: err },
    );
  }
}

async function extractEntry(u: Unpack, entry: TarEntry): Promise<void> {
  const h = entry.header;
  const parts = entryParts(u, h.name, h.name, 'name');
  const base = parts.pop();
  if (base === undefined) return;
  const parent = await openIn(u, parts, h.name, true);
  try {
    const at = fdPath(parent, base);
    const existing = await fs.lstat(at).catch(() => undefined);
    if (existing !== undefined && !(existing.isDirectory() && h.type === 'directory'))
      await fs.rm(at, { recursive: true, force: true });
    const mode = h.mode & 0o7777;
    const mtime = h.mtime;
    switch (h.type) {
      case 'directory': {
        const dir = await openChildDir(parent, base, h.name, { create: true });
        // Owner before mode on every object: chown clears the setuid and setgid bits.
        await dir.chown(h.uid, h.gid).catch(() => undefined);
        await dir.chmod(mode);
        await dir.utimes(mtime, mtime).catch(() => undefined);
        await dir.close();
        break;
      }
      case 'file':
      case 'contiguous-file': {
        const file = await createFileAt(parent, base, 0o600);
        try {
          for await (const chunk of entry) await file.write(chunk as Buffer);
          await file.chown(h.uid, h.gid).catch(() => undefined);
          await file.chmod(mode);
          await file.utimes(mtime, mtime).catch(() => undefined);
        } finally {
          await file.close();
        }
        break;
      }
      case 'symlink':
        // The link is stored, never followed here: it resolves inside the container.
        await fs.symlink(h.linkname, at);
        await fs.lchown(at, h.uid, h.gid).catch(() => undefined);
        break;
      case 'link':
        await hardlink(u, h.name, h.linkname, parent, base);
        break;
      case 'block-device':
      case 'character-device':
      case 'fifo':
      default:
        // Devices and FIFOs in an ADD archive are skipped, as are unknown types.
        break;
    }
  } finally {
    await parent.close();
  }
}

/**
 * Hardlinks `base` in `parent` to the archive's `linkname`, which must be a regular file inside
 * the layer reached without any symlink (tar hardlink names are relative to the archive root).
 */
async function hardlink(
  u: Unpack,
  entry: string,
  linkname: string,
  parent: FileHandle,
  base: string,
): Promise<void> {
  const linkParts = entryParts(u, entry, linkname, 'hardlink target');
  const linkBase = linkParts.pop();
  if (linkBase === undefined) throw unsafe(u.archive, entry, 'the hardlink target is the root');
  const srcDir = await openIn(u, linkParts, entry, false).catch((err: unknown) => {
    if (err instanceof TsorchError) throw err;
    throw unsafe(u.archive, entry, `hardlink target "${linkname}" is not a file extracted before`);
  });
  try {
    const src = fdPath(srcDir, linkBase);
    const st = await fs.lstat(src).catch(() => undefined);
    if (st?.isFile() !== true)
      throw unsafe(
        u.archive,
        entry,
        `hardlink target "${linkname}" is not a file extracted before`,
      );
    await fs.link(src, fdPath(parent, base));
  } finally {
    await srcDir.close();
  }
}
