/**
 * Turns a layer directory in overlayfs form (a RUN step's upper directory, or a directory a COPY
 * step filled) into an OCI layer tar (OCI image-spec layer.md): a 0/0 character device becomes a
 * `.wh.NAME` whiteout, a directory marked `trusted.overlay.opaque=y` gets a `.wh..wh..opq`
 * entry, hard links inside the layer stay hard links. The tar is hashed while it is written,
 * so its digest (the layer's diff ID) is known when the file is complete. The directory is
 * walked with the fd-relative opens of scoped-path.ts: a RUN step's upper directory is what a
 * container wrote, so no symlink in it is ever followed and file contents come from the fds.
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import tar from 'tar-stream';
import type { Header as TarHeader } from 'tar-stream';
import { BuildError } from './errors.js';
import { fdPath, openChildDir, openFileAt, withDirInRoot } from './scoped-path.js';

const execFileAsync = promisify(execFile);

/** A written layer tar. */
export interface LayerTar {
  /** `sha256:<hex>` of the uncompressed tar (the OCI diff ID, and the blob digest). */
  diffId: string;
  sizeBytes: number;
}

/**
 * Lists the directories of `dir` marked opaque (relative paths). Needs `getfattr` (Debian
 * package `attr`): Node has no xattr API.
 *
 * @throws {BuildError} IMAGE_BUILD when getfattr is missing or fails.
 */
export async function listOpaqueDirs(dir: string): Promise<Set<string>> {
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(
      'getfattr',
      ['-R', '-P', '-h', '--absolute-names', '-m', '^trusted\\.overlay\\.opaque$', '-d', dir],
      { maxBuffer: 64 * 1024 * 1024 },
    ));
  } catch (err) {
    const e = err as { code?: unknown; stderr?: string };
    if (e.code === 'ENOENT') {
      throw new BuildError(
        'IMAGE_BUILD',
        'Cannot read overlay attributes: "getfattr" is not installed',
        {
          hint: 'Install the "attr" package (bash scripts/setup-host.sh)',
          cause: err,
        },
      );
    }
    throw new BuildError(
      'IMAGE_BUILD',
      `Cannot read overlay attributes in "${dir}": ${e.stderr ?? ''}`,
      { cause: err },
    );
  }
  const out = new Set<string>();
  let current: string | undefined;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('# file: ')) current = line.slice('# file: '.length);
    else if (current !== undefined && /^trusted\.overlay\.opaque="y"$/.test(line))
      out.add(path.relative(dir, current));
  }
  return out;
}

type Header = Partial<TarHeader> & Pick<TarHeader, 'name'>;

/**
 * Writes the tar of `dir` to `outFile` and returns its diff ID.
 *
 * @throws {BuildError} IMAGE_BUILD when the directory cannot be read or getfattr is missing.
 */
export async function writeLayerTar(dir: string, outFile: string): Promise<LayerTar> {
  const opaque = await listOpaqueDirs(dir);
  const pack = tar.pack();
  const hash = createHash('sha256');
  let size = 0;
  const handle = await fs.open(outFile, 'w', 0o644);
  const writing = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      await handle.write(chunk);
    }
  })();
  try {
    await withDirInRoot(dir, [], (root) => packDir(pack, root, '', opaque, new Map()));
    pack.finalize();
    await writing;
    await handle.sync();
  } catch (err) {
    pack.destroy();
    await writing.catch(() => undefined);
    throw err;
  } finally {
    await handle.close();
  }
  return { diffId: `sha256:${hash.digest('hex')}`, sizeBytes: size };
}

function addEntry(pack: tar.Pack, header: Header, file?: FileHandle): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cb = (err?: Error | null): void => {
      if (err) reject(err);
      else resolve();
    };
    if (file === undefined) {
      // A file entry without content must still be given its (empty) body, or it never ends.
      if (header.type === 'file') pack.entry(header, Buffer.alloc(0), cb);
      else pack.entry(header, cb);
      return;
    }
    const sink = pack.entry(header, cb);
    pipeline(file.createReadStream({ start: 0, autoClose: false }), sink).catch(reject);
  });
}

function baseHeader(name: string, st: Stats): Header {
  return {
    name,
    mode: st.mode & 0o7777,
    uid: st.uid,
    gid: st.gid,
    mtime: st.mtime,
  };
}

function devNumbers(rdev: number): { devmajor: number; devminor: number } {
  // glibc's gnu_dev_major/minor encoding of a 32-bit dev_t.
  return { devmajor: (rdev >>> 8) & 0xfff, devminor: (rdev & 0xff) | ((rdev >>> 12) & 0xfff00) };
}

async function packDir(
  pack: tar.Pack,
  dir: FileHandle,
  rel: string,
  opaque: Set<string>,
  links: Map<string, string>,
): Promise<void> {
  const names = (await fs.readdir(fdPath(dir))).sort();
  for (const name of names) {
    const relName = rel === '' ? name : `${rel}/${name}`;
    const st = await fs.lstat(fdPath(dir, name));
    if (st.isCharacterDevice() && st.rdev === 0) {
      const wh = rel === '' ? `.wh.${name}` : `${rel}/.wh.${name}`;
      await addEntry(pack, { ...baseHeader(wh, st), mode: 0o644, type: 'file', size: 0 });
    } else if (st.isDirectory()) {
      await addEntry(pack, { ...baseHeader(`${relName}/`, st), type: 'directory' });
      if (opaque.has(relName)) {
        await addEntry(pack, {
          ...baseHeader(`${relName}/.wh..wh..opq`, st),
          mode: 0o644,
          type: 'file',
          size: 0,
        });
      }
      const child = await openChildDir(dir, name, relName);
      try {
        await packDir(pack, child, relName, opaque, links);
      } finally {
        await child.close();
      }
    } else if (st.isSymbolicLink()) {
      await addEntry(pack, {
        ...baseHeader(relName, st),
        type: 'symlink',
        linkname: await fs.readlink(fdPath(dir, name)),
      });
    } else if (st.isFile()) {
      await packFile(pack, dir, name, relName, links);
    } else if (st.isCharacterDevice() || st.isBlockDevice()) {
      const type = st.isCharacterDevice() ? 'character-device' : 'block-device';
      await addEntry(pack, { ...baseHeader(relName, st), type, ...devNumbers(st.rdev) });
    } else if (st.isFIFO()) {
      await addEntry(pack, { ...baseHeader(relName, st), type: 'fifo' });
    }
    // Sockets cannot be stored in a tar; like Docker, they are left out.
  }
}

/** Packs a regular file from its opened fd (its header from that fd's fstat). */
async function packFile(
  pack: tar.Pack,
  dir: FileHandle,
  name: string,
  relName: string,
  links: Map<string, string>,
): Promise<void> {
  const { handle, st } = await openFileAt(dir, name, relName);
  try {
    const inode = `${st.dev}:${st.ino}`;
    const first = st.nlink > 1 ? links.get(inode) : undefined;
    if (first !== undefined) {
      await addEntry(pack, { ...baseHeader(relName, st), type: 'link', linkname: first, size: 0 });
      return;
    }
    if (st.nlink > 1) links.set(inode, relName);
    await addEntry(pack, { ...baseHeader(relName, st), type: 'file', size: st.size }, handle);
  } finally {
    await handle.close();
  }
}
