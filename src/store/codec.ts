/**
 * Encoding of transaction records (one Raft entry each) and snapshots: canonical JSON, i.e. keys
 * sorted, no insignificant whitespace, `undefined` fields left out, bytes as `{"$b64": ...}`. Equal
 * values always give equal bytes, so two managers with the same state write identical snapshots
 * (docs/adr/007-store-encoding-and-concurrency.md). Decoding returns raw JSON; {@link reviveAndFreeze} finishes
 * each object on the apply path.
 *
 * @module
 */

import type { Sealed } from './encrypter.js';
import { isTableName, type TableName } from './tables.js';
import { TsorchError } from '../util/errors.js';

/** Format tag of a transaction record. */
export const TX_FORMAT = 'tsorch-tx/1';
/** Format tag of a snapshot. */
export const SNAPSHOT_FORMAT = 'tsorch-store/1';

/** A JSON object as decoded, before its table's checks. */
export type RawObject = Record<string, unknown> & { id: string };

/** One write of a transaction. `version` is the object version the writer read. */
export type TxOp =
  | { op: 'create'; table: TableName; object: RawObject }
  | { op: 'update'; table: TableName; version: number; object: RawObject }
  | { op: 'delete'; table: TableName; id: string; version: number };

/** A transaction as proposed: its writes and the proposer's clock reading. */
export interface TxRecord {
  /** Milliseconds since the epoch on the proposing manager; becomes `meta.updatedAt`. */
  timestampMs: number;
  /** Unique per proposal, so the proposing store recognises its own entry when it is applied. */
  requestId: string;
  ops: TxOp[];
}

/** A decoded snapshot. */
export interface SnapshotRecord {
  index: number;
  tables: Partial<Record<TableName, RawObject[]>>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Returns the canonical JSON text of `value`: object keys in a fixed order (integer-like keys
 * ascending, then the others sorted by UTF-16 code units: the order JavaScript gives an object
 * whose keys were inserted sorted), `undefined` fields left out, byte arrays as `{"$b64": ...}`.
 * Built on the native JSON.stringify, whose flat output is far cheaper to encode than a
 * hand-concatenated string (bench/store.ts).
 *
 * @throws {TypeError} on values JSON cannot carry (functions, symbols, bigints, non-finite numbers).
 */
export function canonicalJson(value: unknown): string {
  // JSON.stringify returns undefined (despite its type) for a top-level undefined.
  const text = JSON.stringify(value, canonicalReplacer) as string | undefined;
  return text ?? 'null';
}

function canonicalReplacer(this: unknown, key: string, value: unknown): unknown {
  // Read the holder's own value: JSON.stringify has already applied toJSON (Buffer has one).
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Uint8Array)
    return {
      $b64: Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString(
        'base64',
      ),
    };
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Cannot encode number ${value}`);
      return value;
    case 'function':
    case 'symbol':
    case 'bigint':
      throw new TypeError(`Cannot encode a ${typeof value}`);
    case 'object': {
      if (value === null || Array.isArray(value)) return value;
      const src = value as Record<string, unknown>;
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(src).sort()) sorted[k] = src[k];
      return sorted;
    }
    case 'string':
    case 'boolean':
    case 'undefined':
      return value;
  }
}

/**
 * Turns `{"$b64": ...}` wrappers back into bytes and freezes everything else, in place, in one
 * walk. Decoding leaves this to the apply path: a JSON.parse reviver would cost a call per value.
 * Already-frozen values are taken as done.
 */
export function reviveAndFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  if (Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = reviveAndFreeze(value[i] as unknown);
    return Object.freeze(value);
  }
  const obj = value as Record<string, unknown>;
  const b64 = obj.$b64;
  if (typeof b64 === 'string' && Object.keys(obj).length === 1) {
    const buf = Buffer.from(b64, 'base64');
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) as unknown as T;
  }
  for (const key in obj) obj[key] = reviveAndFreeze(obj[key]);
  return Object.freeze(value);
}

function parse(data: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(decoder.decode(data));
  } catch (cause) {
    throw corrupt(`${what} is not valid UTF-8 JSON`, cause);
  }
}

function corrupt(message: string, cause?: unknown): TsorchError {
  return new TsorchError('STORE_CORRUPT', `Cannot decode store data: ${message}`, { cause });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isVersion(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** Encodes a transaction record. */
export function encodeTx(record: TxRecord): Uint8Array {
  return encoder.encode(
    canonicalJson({ f: TX_FORMAT, ts: record.timestampMs, rid: record.requestId, ops: record.ops }),
  );
}

/**
 * Decodes a transaction record.
 *
 * @throws {TsorchError} STORE_CORRUPT when `data` is not a well-formed record (naming what is wrong).
 */
export function decodeTx(data: Uint8Array): TxRecord {
  const raw = parse(data, 'transaction');
  if (!isRecord(raw) || raw.f !== TX_FORMAT)
    throw corrupt(`transaction format is not "${TX_FORMAT}"`);
  const { ts, rid, ops } = raw;
  if (typeof ts !== 'number' || !Number.isFinite(ts)) throw corrupt('transaction has no timestamp');
  if (typeof rid !== 'string') throw corrupt('transaction has no request id');
  if (!Array.isArray(ops)) throw corrupt('transaction has no ops list');
  return { timestampMs: ts, requestId: rid, ops: ops.map((op, i) => decodeOp(op, i)) };
}

function decodeOp(op: unknown, i: number): TxOp {
  if (!isRecord(op)) throw corrupt(`ops[${i}] is not an object`);
  const { table } = op;
  if (!isTableName(table)) throw corrupt(`ops[${i}].table ${JSON.stringify(table)} is not a table`);
  switch (op.op) {
    case 'create':
      return { op: 'create', table, object: decodeObject(op.object, `ops[${i}].object`) };
    case 'update':
      if (!isVersion(op.version)) throw corrupt(`ops[${i}].version is not a version`);
      return {
        op: 'update',
        table,
        version: op.version,
        object: decodeObject(op.object, `ops[${i}].object`),
      };
    case 'delete':
      if (!isVersion(op.version)) throw corrupt(`ops[${i}].version is not a version`);
      if (typeof op.id !== 'string') throw corrupt(`ops[${i}].id is not a string`);
      return { op: 'delete', table, id: op.id, version: op.version };
    default:
      throw corrupt(`ops[${i}].op ${JSON.stringify(op.op)} is not create, update or delete`);
  }
}

function decodeObject(v: unknown, where: string): RawObject {
  if (!isRecord(v) || typeof v.id !== 'string') throw corrupt(`${where} has no string id`);
  return v as RawObject;
}

/** Encodes a snapshot; `tables` lists objects sorted by id. */
export function encodeSnapshot(record: SnapshotRecord): Uint8Array {
  return encoder.encode(
    canonicalJson({ f: SNAPSHOT_FORMAT, index: record.index, tables: record.tables }),
  );
}

/**
 * Decodes a snapshot.
 *
 * @throws {TsorchError} STORE_CORRUPT when `data` is not a well-formed snapshot.
 */
export function decodeSnapshot(data: Uint8Array): SnapshotRecord {
  const raw = parse(data, 'snapshot');
  if (!isRecord(raw) || raw.f !== SNAPSHOT_FORMAT)
    throw corrupt(`snapshot format is not "${SNAPSHOT_FORMAT}"`);
  if (!isVersion(raw.index)) throw corrupt('snapshot has no index');
  if (!isRecord(raw.tables)) throw corrupt('snapshot has no tables');
  const tables: Partial<Record<TableName, RawObject[]>> = {};
  for (const [name, rows] of Object.entries(raw.tables)) {
    if (!isTableName(name)) throw corrupt(`snapshot table "${name}" is unknown`);
    if (!Array.isArray(rows)) throw corrupt(`snapshot table "${name}" is not a list`);
    tables[name] = rows.map((row, i) => decodeObject(row, `tables.${name}[${i}]`));
  }
  return { index: raw.index, tables };
}

/** Returns `v` as a {@link Sealed} payload wrapper's content, or undefined. */
export function asSealed(v: unknown): Sealed | undefined {
  if (!isRecord(v) || !isRecord(v.$sealed)) return undefined;
  const { keyId, iv, data } = v.$sealed;
  if (typeof keyId !== 'string' || typeof iv !== 'string' || typeof data !== 'string')
    return undefined;
  return { keyId, iv, data };
}

/** Wraps a sealed payload for the encoded form. */
export function wrapSealed(sealed: Sealed): { $sealed: Sealed } {
  return { $sealed: sealed };
}
