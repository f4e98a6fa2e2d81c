/**
 * WAL record framing. A record is a 9-byte header followed by its payload:
 *
 * ```
 * u32 LE  payload length in bytes
 * u8      record type (1 entry, 2 hard state, 3 snapshot marker, 4 commit)
 * u32 LE  CRC-32 (IEEE, zlib) over the first 5 header bytes and the payload
 * ...     payload
 * ```
 *
 * Numbers inside payloads (index, term, vote, commit) are unsigned 64-bit little-endian; Raft
 * indexes stay below 2^53, so they round-trip through JS numbers.
 *
 * @module
 */
import { crc32 } from 'node:zlib';
import type { Entry, EntryType, HardState } from '../core/types.js';

/** Bytes in a record header. */
export const recordHeaderBytes = 9;

/** Record types; 0 is never valid, so a zero-filled tail is always rejected. */
export const RecordType = { entry: 1, hardState: 2, snapshot: 3, commit: 4 } as const;

/** A snapshot marker: the log up to `index` (whose term is `term`) lives in a snapshot. */
export interface SnapshotMarker {
  index: number;
  term: number;
}

/** A decoded WAL record. */
export type WalRecord =
  | { type: 'entry'; entry: Entry }
  | { type: 'hard-state'; hardState: HardState }
  | { type: 'snapshot'; marker: SnapshotMarker }
  | { type: 'commit'; batchBytes: number };

const twoTo32 = 0x1_0000_0000;

function writeU64(buf: Buffer, offset: number, value: number): void {
  buf.writeUInt32LE(value >>> 0, offset);
  buf.writeUInt32LE(Math.floor(value / twoTo32), offset + 4);
}

function readU64(buf: Buffer, offset: number): number {
  return buf.readUInt32LE(offset) + buf.readUInt32LE(offset + 4) * twoTo32;
}

function frame(type: number, payload: Buffer): Buffer {
  payload.writeUInt32LE(payload.length - recordHeaderBytes, 0);
  payload.writeUInt8(type, 4);
  const crc = crc32(payload.subarray(recordHeaderBytes), crc32(payload.subarray(0, 5)));
  payload.writeUInt32LE(crc, 5);
  return payload;
}

const entryTypeCode: Record<EntryType, number> = { normal: 0, 'conf-change': 1 };

/** Encodes one log entry as a framed record. */
export function encodeEntry(entry: Entry): Buffer {
  const buf = Buffer.allocUnsafe(recordHeaderBytes + 17 + entry.data.length);
  writeU64(buf, recordHeaderBytes, entry.index);
  writeU64(buf, recordHeaderBytes + 8, entry.term);
  buf.writeUInt8(entryTypeCode[entry.type], recordHeaderBytes + 16);
  buf.set(entry.data, recordHeaderBytes + 17);
  return frame(RecordType.entry, buf);
}

/** Encodes a hard state as a framed record. */
export function encodeHardState(hs: HardState): Buffer {
  const buf = Buffer.allocUnsafe(recordHeaderBytes + 24);
  writeU64(buf, recordHeaderBytes, hs.term);
  writeU64(buf, recordHeaderBytes + 8, hs.vote);
  writeU64(buf, recordHeaderBytes + 16, hs.commit);
  return frame(RecordType.hardState, buf);
}

/** Encodes a snapshot marker as a framed record. */
export function encodeSnapshotMarker(marker: SnapshotMarker): Buffer {
  const buf = Buffer.allocUnsafe(recordHeaderBytes + 16);
  writeU64(buf, recordHeaderBytes, marker.index);
  writeU64(buf, recordHeaderBytes + 8, marker.term);
  return frame(RecordType.snapshot, buf);
}

/**
 * Encodes the commit record that closes every write: it tells replay that the write before it
 * completed, so damage before a commit record is corruption, not a torn tail.
 */
export function encodeCommit(batchBytes: number): Buffer {
  const buf = Buffer.allocUnsafe(recordHeaderBytes + 8);
  writeU64(buf, recordHeaderBytes, batchBytes);
  return frame(RecordType.commit, buf);
}

/** Outcome of decoding at one offset: a record and its framed size, or why it is invalid. */
export type DecodeResult =
  { ok: true; record: WalRecord; sizeBytes: number } | { ok: false; reason: string };

function decodePayload(type: number, p: Buffer): WalRecord | string {
  if (type === RecordType.entry) {
    if (p.length < 17) return 'entry record too short';
    const code = p.readUInt8(16);
    if (code > 1) return `unknown entry type ${code}`;
    // Copy the data so the record does not pin the whole segment buffer in memory.
    const data = new Uint8Array(p.length - 17);
    data.set(p.subarray(17));
    return {
      type: 'entry',
      entry: {
        index: readU64(p, 0),
        term: readU64(p, 8),
        type: code === 0 ? 'normal' : 'conf-change',
        data,
      },
    };
  }
  if (type === RecordType.hardState) {
    if (p.length !== 24) return 'hard state record has the wrong size';
    return {
      type: 'hard-state',
      hardState: { term: readU64(p, 0), vote: readU64(p, 8), commit: readU64(p, 16) },
    };
  }
  if (type === RecordType.snapshot) {
    if (p.length !== 16) return 'snapshot marker has the wrong size';
    return { type: 'snapshot', marker: { index: readU64(p, 0), term: readU64(p, 8) } };
  }
  if (type === RecordType.commit) {
    if (p.length !== 8) return 'commit record has the wrong size';
    return { type: 'commit', batchBytes: readU64(p, 0) };
  }
  return `unknown record type ${type}`;
}

/**
 * Decodes the record starting at `offset` in `buf`, checking its length bound, type and CRC.
 * Never throws: an invalid or incomplete record is reported as `{ok: false}`.
 */
export function decodeRecord(buf: Buffer, offset: number, maxRecordBytes: number): DecodeResult {
  if (buf.length - offset < recordHeaderBytes) return { ok: false, reason: 'incomplete header' };
  const length = buf.readUInt32LE(offset);
  const type = buf.readUInt8(offset + 4);
  if (type < RecordType.entry || type > RecordType.commit)
    return { ok: false, reason: `unknown record type ${type}` };
  if (length > maxRecordBytes) return { ok: false, reason: `record length ${length} over limit` };
  const end = offset + recordHeaderBytes + length;
  if (end > buf.length) return { ok: false, reason: 'incomplete payload' };
  const payload = buf.subarray(offset + recordHeaderBytes, end);
  const crc = crc32(payload, crc32(buf.subarray(offset, offset + 5)));
  if (crc !== buf.readUInt32LE(offset + 5)) return { ok: false, reason: 'checksum mismatch' };
  const record = decodePayload(type, payload);
  if (typeof record === 'string') return { ok: false, reason: record };
  return { ok: true, record, sizeBytes: recordHeaderBytes + length };
}
