/**
 * The Raft write-ahead log: append-only segment files of framed, checksummed records (see
 * record.ts). Appends are group-committed: every append waiting while a write+fdatasync runs is
 * written and synced together in the next one, and an append's promise resolves only after its
 * bytes are on stable storage. A failed write or sync poisons the log: every later call rejects,
 * because after a failed fsync the kernel may have dropped the dirty pages (the "fsyncgate"
 * lesson), so retrying could acknowledge data that is gone.
 *
 * @module
 */
import {
  mkdir,
  open,
  readdir,
  readFile,
  truncate,
  unlink,
  type FileHandle,
} from 'node:fs/promises';
import { join } from 'node:path';
import { walMaxRecordBytes, walSegmentBytes } from '../../util/limits.js';
import { TsorchError } from '../../util/errors.js';
import type { Entry, HardState } from '../core/types.js';
import {
  encodeCommit,
  encodeEntry,
  encodeHardState,
  encodeSnapshotMarker,
  type SnapshotMarker,
} from './record.js';
import { Replayer, scanSegment, type RecoveredState } from './replay.js';
import type { DataCipher } from './cipher.js';

/** Options of {@link Wal.open}. */
export interface WalOptions {
  /** Size past which the log moves to a new segment file (a soft limit). */
  segmentBytes?: number;
  /** Largest record accepted on replay; bigger lengths are treated as garbage. */
  maxRecordBytes?: number;
  /** A snapshot newer than the WAL's own markers (taken just before a crash), applied last. */
  snapshot?: SnapshotMarker;
  /**
   * Seals every entry's data on disk (encryption at rest, ADR 032). A log must be opened with
   * the cipher it was written with.
   */
  cipher?: DataCipher;
}

/** What {@link Wal.open} returns: the open log, the recovered state, and what it repaired. */
export interface OpenedWal {
  wal: Wal;
  state: RecoveredState;
  /** Bytes of torn tail removed from the last segment (0 when it was clean). */
  truncatedBytes: number;
}

interface Segment {
  seq: number;
  path: string;
  /** Highest entry index written to this segment (0 when none). */
  maxEntryIndex: number;
}

interface Pending {
  bufs: Buffer[];
  maxEntryIndex: number;
  hardState?: HardState;
  marker?: SnapshotMarker;
  resolve: () => void;
  reject: (err: unknown) => void;
}

const segmentPattern = /^([0-9a-f]{16})\.wal$/;

function segmentName(seq: number): string {
  return `${seq.toString(16).padStart(16, '0')}.wal`;
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeAll(handle: FileHandle, buf: Buffer): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesWritten } = await handle.write(buf, done, buf.length - done);
    done += bytesWritten;
  }
}

/** An open write-ahead log. Create with {@link Wal.open}. */
export class Wal {
  private readonly segments: Segment[];
  private handle: FileHandle;
  private sizeBytes: number;
  private hardState: HardState;
  private marker: SnapshotMarker;
  private queue: Pending[] = [];
  private running = false;
  private failure: Error | undefined;
  private closed = false;
  private deferred: HardState | undefined;
  private readonly cipher: DataCipher | undefined;

  private constructor(
    private readonly dir: string,
    private readonly segmentBytes: number,
    init: {
      segments: Segment[];
      handle: FileHandle;
      sizeBytes: number;
      state: RecoveredState;
      cipher: DataCipher | undefined;
    },
  ) {
    this.cipher = init.cipher;
    this.segments = init.segments;
    this.handle = init.handle;
    this.sizeBytes = init.sizeBytes;
    this.hardState = init.state.hardState;
    this.marker = init.state.snapshot;
  }

  /**
   * Opens (creating if needed) the log in `dir`, replays it, and truncates a torn tail.
   *
   * @throws {TsorchError} RAFT_WAL_CORRUPT when a record before the tail is invalid or entries
   *   are missing; the message names the file and byte offset.
   */
  static async open(dir: string, options: WalOptions = {}): Promise<OpenedWal> {
    const segmentBytes = options.segmentBytes ?? walSegmentBytes;
    const maxRecordBytes = options.maxRecordBytes ?? walMaxRecordBytes;
    await mkdir(dir, { recursive: true });
    const names = (await readdir(dir)).filter((n) => segmentPattern.test(n)).sort();
    const replayer = new Replayer();
    const segments: Segment[] = [];
    let truncatedBytes = 0;
    let lastSize = 0;
    let lastEmpty = true;
    for (const [i, name] of names.entries()) {
      const path = join(dir, name);
      const isLast = i === names.length - 1;
      const scan = scanSegment(path, await readFile(path), { isLast, maxRecordBytes });
      let maxEntryIndex = 0;
      for (const record of scan.records) {
        if (record.type === 'entry' && options.cipher !== undefined) {
          record.entry.data = new Uint8Array(options.cipher.open(record.entry.data));
        }
        replayer.apply(record, path);
        if (record.type === 'entry') maxEntryIndex = Math.max(maxEntryIndex, record.entry.index);
      }
      segments.push({ seq: parseInt(name.slice(0, 16), 16), path, maxEntryIndex });
      if (isLast) {
        lastSize = scan.validBytes;
        lastEmpty = scan.records.length === 0;
        if (scan.tornBytes > 0) {
          truncatedBytes = scan.tornBytes;
          await truncate(path, scan.validBytes);
        }
      }
    }
    if (options.snapshot !== undefined) replayer.applySnapshot(options.snapshot);
    const state = replayer.state();
    let created = false;
    if (segments.length === 0) {
      segments.push({ seq: 1, path: join(dir, segmentName(1)), maxEntryIndex: 0 });
      created = true;
    }
    const last = segments[segments.length - 1];
    if (last === undefined) throw new Error('unreachable: no segment');
    const handle = await open(last.path, 'a');
    const wal = new Wal(dir, segmentBytes, {
      segments,
      handle,
      sizeBytes: lastSize,
      state,
      cipher: options.cipher,
    });
    // Every segment starts with the hard state and snapshot marker, so older segments can be
    // deleted once a snapshot covers their entries.
    if (lastEmpty) await wal.writeAndSync([wal.headerRecords()], created);
    else if (truncatedBytes > 0) await handle.datasync();
    return { wal, state, truncatedBytes };
  }

  /**
   * Appends entries and then the hard state (either may be empty), durably: resolves after the
   * bytes are fsynced. Calls made while a sync runs are batched into the next one.
   *
   * @throws {TsorchError} RAFT_STOPPED after close; the original I/O error after a failed write.
   */
  append(entries: readonly Entry[], hardState?: HardState): Promise<void> {
    const bufs: Buffer[] = [];
    const deferred = this.deferred;
    this.deferred = undefined;
    if (deferred !== undefined && hardState === undefined) hardState = deferred;
    let maxEntryIndex = 0;
    for (const e of entries) {
      const cipher = this.cipher;
      bufs.push(encodeEntry(cipher === undefined ? e : { ...e, data: cipher.seal(e.data) }));
      maxEntryIndex = Math.max(maxEntryIndex, e.index);
    }
    if (hardState !== undefined) bufs.push(encodeHardState(hardState));
    if (bufs.length === 0) return Promise.resolve();
    return this.enqueue({ bufs, maxEntryIndex, ...(hardState && { hardState }) });
  }

  /**
   * Remembers a hard state whose only change is the commit index; it is written with the next
   * append (or at close) instead of costing an fsync of its own. Losing it in a crash is safe:
   * the commit index is learned again from the leader (Raft §5.3).
   */
  deferHardState(hardState: HardState): void {
    this.deferred = hardState;
  }

  /**
   * Records durably that a snapshot (already fsynced by the snapshot store) covers the log up to
   * `marker.index`. Segments are deleted later by {@link releaseTo}.
   */
  saveSnapshotMarker(marker: SnapshotMarker): Promise<void> {
    return this.enqueue({ bufs: [encodeSnapshotMarker(marker)], maxEntryIndex: 0, marker });
  }

  /**
   * Deletes the oldest segments whose entries all sit at or below `index` (call it after the
   * snapshot at `index` and its marker are durable). The current segment is never deleted.
   */
  async releaseTo(index: number): Promise<number> {
    let removed = 0;
    while (this.segments.length > 1) {
      const oldest = this.segments[0];
      if (oldest === undefined || oldest.maxEntryIndex > index) break;
      await unlink(oldest.path);
      this.segments.shift();
      removed++;
    }
    if (removed > 0) await syncDir(this.dir);
    return removed;
  }

  /** Number of segment files, for tests and status. */
  segmentCount(): number {
    return this.segments.length;
  }

  /** Waits for queued appends, then closes the file. Later calls reject with RAFT_STOPPED. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.deferred !== undefined && this.failure === undefined) {
      await this.append([]).catch(() => undefined);
    }
    if (this.queue.length > 0 || this.running) {
      await this.enqueue({ bufs: [], maxEntryIndex: 0 }).catch(() => undefined);
    }
    this.closed = true;
    await this.handle.close();
  }

  private headerRecords(): Buffer {
    return Buffer.concat([encodeHardState(this.hardState), encodeSnapshotMarker(this.marker)]);
  }

  private enqueue(item: Omit<Pending, 'resolve' | 'reject'>): Promise<void> {
    if (this.closed) {
      return Promise.reject(new TsorchError('RAFT_STOPPED', 'Cannot append: the WAL is closed'));
    }
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ ...item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      try {
        if (this.sizeBytes >= this.segmentBytes) await this.roll();
        const bufs = batch.flatMap((p) => p.bufs);
        if (bufs.length > 0) await this.writeAndSync(bufs, false);
        const seg = this.segments[this.segments.length - 1];
        // Headers of later segments carry only what is durable, never a queued hard state
        // whose entries might not be written yet.
        for (const p of batch) {
          if (seg !== undefined) seg.maxEntryIndex = Math.max(seg.maxEntryIndex, p.maxEntryIndex);
          if (p.hardState !== undefined) this.hardState = p.hardState;
          if (p.marker !== undefined && p.marker.index > this.marker.index) this.marker = p.marker;
          p.resolve();
        }
      } catch (err) {
        this.failure = err instanceof Error ? err : new Error(String(err));
        for (const p of [...batch, ...this.queue.splice(0)]) p.reject(err);
      }
    }
    this.running = false;
  }

  private async writeAndSync(bufs: Buffer[], newFile: boolean): Promise<void> {
    let bytes = 0;
    for (const b of bufs) bytes += b.length;
    const buf = Buffer.concat([...bufs, encodeCommit(bytes)]);
    await writeAll(this.handle, buf);
    this.sizeBytes += buf.length;
    await this.handle.datasync();
    // A new file's directory entry must be durable too, or the whole segment can vanish.
    if (newFile) await syncDir(this.dir);
  }

  private async roll(): Promise<void> {
    const prev = this.segments[this.segments.length - 1];
    const seq = (prev?.seq ?? 0) + 1;
    const path = join(this.dir, segmentName(seq));
    const handle = await open(path, 'wx');
    await this.handle.close();
    this.handle = handle;
    this.sizeBytes = 0;
    this.segments.push({ seq, path, maxEntryIndex: 0 });
    await this.writeAndSync([this.headerRecords()], true);
  }
}
