/**
 * Rebuilding Raft state from WAL records (no I/O): scanning a segment's bytes into records with
 * torn-tail detection, and folding records into the log, hard state and snapshot marker.
 *
 * @module
 */
import { TsorchError } from '../../util/errors.js';
import type { Entry, HardState } from '../core/types.js';
import { decodeRecord, RecordType, type SnapshotMarker, type WalRecord } from './record.js';

/** The records of one segment, and how many of its bytes are valid. */
export interface SegmentScan {
  records: WalRecord[];
  /** Bytes of whole, valid records from the start of the segment. */
  validBytes: number;
  /** Bytes after `validBytes` that form a torn (never acknowledged) tail; 0 when clean. */
  tornBytes: number;
}

/** Builds the RAFT_WAL_CORRUPT error naming the file and byte offset. */
export function corruptError(file: string, offsetBytes: number, reason: string): TsorchError {
  return new TsorchError(
    'RAFT_WAL_CORRUPT',
    `Cannot replay the write-ahead log "${file}" at byte ${offsetBytes}: ${reason}`,
    {
      details: { file, offsetBytes, reason },
      hint: 'Restore this manager from a healthy peer: remove its data directory and join again',
    },
  );
}

/** Offset of the first valid commit record at or after `from`, if any. */
function commitAfter(buf: Buffer, from: number, maxRecordBytes: number): number | undefined {
  for (let at = from; at + 4 < buf.length; at++) {
    if (buf[at + 4] !== RecordType.commit) continue;
    const res = decodeRecord(buf, at, maxRecordBytes);
    if (res.ok && res.record.type === 'commit') return at;
  }
  return undefined;
}

/**
 * Splits a segment into records. Every write ends with a commit record and the next write
 * starts only after the previous one was fsynced. So an invalid record in the last segment with
 * no valid commit record after it belongs to the last, unfinished (never acknowledged) write: a
 * torn tail, reported in `tornBytes`; its complete records before the damage are kept. An
 * invalid record followed by a commit record, or in any other segment, is corruption.
 *
 * @throws {TsorchError} RAFT_WAL_CORRUPT naming `file` and the byte offset.
 */
export function scanSegment(
  file: string,
  buf: Buffer,
  options: { isLast: boolean; maxRecordBytes: number },
): SegmentScan {
  const records: WalRecord[] = [];
  let offset = 0;
  while (offset < buf.length) {
    const res = decodeRecord(buf, offset, options.maxRecordBytes);
    if (res.ok) {
      records.push(res.record);
      offset += res.sizeBytes;
      continue;
    }
    if (!options.isLast) throw corruptError(file, offset, res.reason);
    const commit = commitAfter(buf, offset + 1, options.maxRecordBytes);
    if (commit !== undefined)
      throw corruptError(file, offset, `${res.reason}, before a completed write at ${commit}`);
    return { records, validBytes: offset, tornBytes: buf.length - offset };
  }
  return { records, validBytes: offset, tornBytes: 0 };
}

/** The Raft state recovered from the WAL (and, optionally, a snapshot taken after it). */
export interface RecoveredState {
  hardState: HardState;
  /** The newest snapshot marker; entries at or below its index are gone from the log. */
  snapshot: SnapshotMarker;
  /** Log entries after `snapshot.index`, contiguous, in order. */
  entries: Entry[];
}

/**
 * Folds WAL records, in order, into a {@link RecoveredState}. After old segments were deleted
 * the first surviving entries may start past the snapshot marker seen so far (the marker that
 * covers them comes later in the log), so a gap before the first entry is only an error if no
 * later marker closes it.
 */
export class Replayer {
  hardState: HardState = { term: 0, vote: 0, commit: 0 };
  snapshot: SnapshotMarker = { index: 0, term: 0 };
  /** Index just before `entries[0]`; above `snapshot.index` while a gap is open. */
  private base = 0;
  private entries: Entry[] = [];
  private gapFile = '';

  /** Applies one record; `where` names the segment for error messages. */
  apply(record: WalRecord, where: string): void {
    switch (record.type) {
      case 'hard-state':
        this.hardState = record.hardState;
        return;
      case 'snapshot':
        this.applySnapshot(record.marker);
        return;
      case 'entry':
        this.appendEntry(record.entry, where);
        return;
      case 'commit':
        return;
    }
  }

  /**
   * Moves the log's start to `marker`. When the log holds the marker's entry with the same term
   * (local compaction), the suffix after it stays; otherwise (a snapshot installed from the
   * leader) the whole log is replaced, as Raft §7 prescribes.
   */
  applySnapshot(marker: SnapshotMarker): void {
    if (marker.index <= this.snapshot.index) return;
    this.snapshot = marker;
    if (marker.index <= this.base) return; // inside the open gap: the gap shrinks or closes
    const pos = marker.index - this.base - 1;
    const match = pos < this.entries.length && this.entries[pos]?.term === marker.term;
    this.entries = match ? this.entries.slice(pos + 1) : [];
    this.base = marker.index;
  }

  private appendEntry(entry: Entry, where: string): void {
    if (entry.index <= this.snapshot.index) return;
    const next = this.base + 1 + this.entries.length;
    if (entry.index > next) {
      if (this.entries.length > 0) {
        throw new TsorchError(
          'RAFT_WAL_CORRUPT',
          `Cannot replay the write-ahead log "${where}": entry ${entry.index} follows entry ${next - 1}, entries are missing`,
          { details: { file: where, index: entry.index, expectedIndex: next } },
        );
      }
      this.base = entry.index - 1;
      this.gapFile = where;
    } else if (entry.index <= this.base) {
      this.entries = [];
      this.base = entry.index - 1;
    } else if (entry.index < next) {
      // A lower index overwrites the conflicting suffix a new leader replaced (Raft §5.3).
      this.entries.length = entry.index - this.base - 1;
    }
    this.entries.push(entry);
  }

  /**
   * The state recovered so far.
   *
   * @throws {TsorchError} RAFT_WAL_CORRUPT when entries between the snapshot and the log are
   *   missing.
   */
  state(): RecoveredState {
    if (this.base > this.snapshot.index) {
      throw new TsorchError(
        'RAFT_WAL_CORRUPT',
        `Cannot replay the write-ahead log "${this.gapFile}": entries ${this.snapshot.index + 1} to ${this.base} are missing and no snapshot covers them`,
        { details: { file: this.gapFile, index: this.snapshot.index + 1 } },
      );
    }
    return { hardState: this.hardState, snapshot: this.snapshot, entries: this.entries };
  }
}
