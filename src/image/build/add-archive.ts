/**
 * ADD's local archive unpacking (plain or gzip tar). Every entry path is checked: absolute names
 * and `..` are refused, parents must be real directories inside the layer (never symlinks), and
 * files are created exclusively, so an archive cannot write outside the layer directory.
 *
 * @module
 */
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { imageLayerMaxEntryCount } from '../../util/limits.js';
import { BuildError } from './errors.js';

/** True when `file` starts like a gzip stream or a tar archive. */
export async function isArchive(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await handle.read(buf, 0, 512, 0);
    if (bytesRead >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) return true;
    return bytesRead >= 262 && buf.subarray(257, 262).toString('latin1') === 'ustar';
  } finally {
    await handle.close();
  }
}

function unsafe(archive: string, entry: string, why: string): BuildError {
  return new BuildError(
    'IMAGE_UNSAFE_LAYER',
    `Unsafe entry "${entry}" in archive "${path.basename(archive)}": ${why}`,
    {
      details: { entry },
    },
  );
}

async function ensureDirs(
  root: string,
  parts: readonly string[],
  archive: string,
  entry: string,
): Promise<string> {
  let dir = root;
  for (const part of parts) {
    dir = path.join(dir, part);
    const st = await fs.lstat(dir).catch(() => undefined);
    if (st === undefined) await fs.mkdir(dir, { mode: 0o755 });
    else if (!st.isDirectory())
      throw unsafe(archive, entry, `"${path.relative(root, dir)}" is not a directory`);
  }
  return dir;
}

/** Owner defaults for directories the extraction creates. */
interface Owner {
  uid: number;
  gid: number;
}

/**
 * Unpacks `archive` into `layerDir` + `destDir` (an absolute image path ending in `/`).
 *
 * @throws {BuildError} IMAGE_UNSAFE_LAYER for a hostile entry; the caller discards the layer.
 */
export async function extractArchive(
  archive: string,
  layerDir: string,
  destDir: string,
  owner: Owner,
): Promise<void> {
  const destParts = destDir.split('/').filter((p) => p !== '');
  const target = await ensureDirs(layerDir, destParts, archive, destDir);
  await fs.lchown(target, owner.uid, owner.gid);
  const extract = tar.extract();
  const head = Buffer.alloc(2);
  const handle = await fs.open(archive, 'r');
  await handle.read(head, 0, 2, 0);
  await handle.close();
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  const feeding = gz
    ? pipeline(createReadStream(archive), createGunzip(), extract)
    : pipeline(createReadStream(archive), extract);
  let count = 0;
  try {
    for await (const entry of extract) {
      const h = entry.header;
      if (++count > imageLayerMaxEntryCount)
        throw new BuildError(
          'IMAGE_BUILD',
          `Too many entries in archive "${path.basename(archive)}"`,
        );
      if (h.name.startsWith('/')) throw unsafe(archive, h.name, 'absolute paths are not allowed');
      const parts = h.name.split('/').filter((p) => p !== '' && p !== '.');
      if (parts.includes('..')) throw unsafe(archive, h.name, '".." components are not allowed');
      if (parts.length === 0) {
        entry.resume();
        continue;
      }
      const parent = await ensureDirs(target, parts.slice(0, -1), archive, h.name);
      const full = path.join(parent, parts[parts.length - 1] ?? '');
      const existing = await fs.lstat(full).catch(() => undefined);
      if (existing !== undefined && !(existing.isDirectory() && h.type === 'directory'))
        await fs.rm(full, { recursive: true, force: true });
      const mode = h.mode & 0o7777;
      switch (h.type) {
        case 'directory':
          if (existing?.isDirectory() !== true) await fs.mkdir(full);
          await fs.chmod(full, mode);
          break;
        case 'file':
        case 'contiguous-file':
          await pipeline(entry, (await fs.open(full, 'wx', mode)).createWriteStream());
          await fs.chmod(full, mode);
          break;
        case 'symlink':
          await fs.symlink(h.linkname, full);
          break;
        case 'link': {
          const linkParts = h.linkname.split('/').filter((p) => p !== '' && p !== '.');
          if (h.linkname.startsWith('/') || linkParts.includes('..'))
            throw unsafe(archive, h.name, 'hardlink target leaves the archive');
          const src = path.join(target, ...linkParts);
          const st = await fs.lstat(src).catch(() => undefined);
          if (st?.isFile() !== true)
            throw unsafe(
              archive,
              h.name,
              `hardlink target "${h.linkname}" is not a file extracted before`,
            );
          await fs.link(src, full);
          break;
        }
        case 'block-device':
        case 'character-device':
        case 'fifo':
          // Devices and FIFOs in an ADD archive are skipped.
          break;
      }
      entry.resume();
      if (h.type !== 'link') {
        await fs.lchown(full, h.uid, h.gid).catch(() => undefined);
        if (h.type !== 'symlink') await fs.utimes(full, h.mtime, h.mtime).catch(() => undefined);
      }
    }
    await feeding;
  } catch (err) {
    extract.destroy();
    await feeding.catch(() => undefined);
    throw err;
  }
}
