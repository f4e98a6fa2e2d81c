/**
 * Durable Raft snapshots: one file per snapshot, `<index>-<term>.snap` (16 hex digits each),
 * written atomically: temp file, fsync, rename, directory fsync. A file holds a magic, a CRC-32
 * over the rest, the metadata as JSON (small: index, term, membership) and the state machine
 * bytes. The newest valid file wins on load; a damaged newest file falls back to the previous
 * one, which the WAL's gap check then accepts or rejects.
 *
 * @module
 */
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import type { DataCipher } from './wal/cipher.js';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { raftSnapshotsKept } from '../util/limits.js';
import { TsorchError } from '../util/errors.js';
import type { Snapshot, SnapshotMeta } from './core/types.js';

const magic = 0x54_53_4e_50; // "TSNP"
const headerBytes = 12; // magic u32, crc u32, meta length u32
const namePattern = /^([0-9a-f]{16})-([0-9a-f]{16})\.snap$/;

function fileName(meta: SnapshotMeta): string {
  const hex = (n: number): string => n.toString(16).padStart(16, '0');
  return `${hex(meta.index)}-${hex(meta.term)}.snap`;
}

/** Encodes a snapshot into its file bytes. */
export function encodeSnapshotFile(snapshot: Snapshot): Buffer {
  const meta = Buffer.from(JSON.stringify(snapshot.meta));
  const buf = Buffer.allocUnsafe(headerBytes + meta.length + snapshot.data.length);
  buf.writeUInt32LE(magic, 0);
  buf.writeUInt32LE(meta.length, 8);
  meta.copy(buf, headerBytes);
  buf.set(snapshot.data, headerBytes + meta.length);
  buf.writeUInt32LE(crc32(buf.subarray(8)), 4);
  return buf;
}

/**
 * Decodes snapshot file bytes.
 *
 * @throws {TsorchError} RAFT_WAL_CORRUPT when the magic, checksum or metadata is wrong.
 */
export function decodeSnapshotFile(file: string, buf: Buffer): Snapshot {
  const fail = (reason: string): TsorchError =>
    new TsorchError('RAFT_WAL_CORRUPT', `Cannot read the snapshot "${file}": ${reason}`, {
      details: { file, reason },
    });
  if (buf.length < headerBytes || buf.readUInt32LE(0) !== magic) throw fail('bad magic');
  if (crc32(buf.subarray(8)) !== buf.readUInt32LE(4)) throw fail('checksum mismatch');
  const metaLen = buf.readUInt32LE(8);
  if (headerBytes + metaLen > buf.length) throw fail('metadata length out of range');
  let meta: unknown;
  try {
    meta = JSON.parse(buf.subarray(headerBytes, headerBytes + metaLen).toString());
  } catch {
    throw fail('metadata is not JSON');
  }
  if (!isMeta(meta)) throw fail('invalid metadata');
  return { meta, data: new Uint8Array(buf.subarray(headerBytes + metaLen)) };
}

function isMeta(v: unknown): v is SnapshotMeta {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Partial<SnapshotMeta>;
  return (
    typeof m.index === 'number' &&
    typeof m.term === 'number' &&
    Array.isArray(m.conf?.voters) &&
    Array.isArray(m.conf.learners)
  );
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A directory of snapshot files. */
export class SnapshotStore {
  /**
   * @param dir Directory of the snapshot files; created on first save.
   * @param cipher Seals the state machine data on disk (ADR 032); files must be read with the
   *   cipher they were written with.
   */
  constructor(
    private readonly dir: string,
    private readonly cipher?: DataCipher,
  ) {}

  /**
   * Writes `snapshot` durably and atomically, then deletes all but the newest
   * {@link raftSnapshotsKept} snapshots.
   */
  async save(snapshot: Snapshot): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const final = join(this.dir, fileName(snapshot.meta));
    const tmp = `${final}.tmp`;
    const handle = await open(tmp, 'w');
    try {
      const cipher = this.cipher;
      const buf = encodeSnapshotFile(
        cipher === undefined ? snapshot : { ...snapshot, data: cipher.seal(snapshot.data) },
      );
      let done = 0;
      while (done < buf.length) done += (await handle.write(buf, done)).bytesWritten;
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, final);
    await fsyncPath(this.dir);
    const names = await this.names();
    for (const old of names.slice(raftSnapshotsKept)) await unlink(join(this.dir, old));
    if (names.length > raftSnapshotsKept) await fsyncPath(this.dir);
  }

  /**
   * Loads the newest snapshot that decodes, or undefined when there is none. Leftover temp
   * files from a crash during {@link save} are removed.
   *
   * @throws {TsorchError} RAFT_WAL_CORRUPT when snapshot files exist but none is valid.
   */
  async loadNewest(): Promise<Snapshot | undefined> {
    let entries: string[];
    try {
      entries = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    for (const tmp of entries.filter((n) => n.endsWith('.snap.tmp'))) {
      await unlink(join(this.dir, tmp));
    }
    const names = await this.names();
    let firstError: Error | undefined;
    for (const name of names) {
      const path = join(this.dir, name);
      try {
        const snapshot = decodeSnapshotFile(path, await readFile(path));
        if (this.cipher === undefined) return snapshot;
        return { ...snapshot, data: new Uint8Array(this.cipher.open(snapshot.data)) };
      } catch (err) {
        firstError ??= err instanceof Error ? err : new Error(String(err));
      }
    }
    if (firstError !== undefined) throw firstError;
    return undefined;
  }

  /** Snapshot file names, newest first. */
  private async names(): Promise<string[]> {
    return (await readdir(this.dir))
      .filter((n) => namePattern.test(n))
      .sort()
      .reverse();
  }
}
