/**
 * Framing the driver adds around application data, so a proposal can be matched with the entry
 * that commits it, and around snapshots, so the member address book travels with them.
 *
 * Entry data: `[1][u32 proposer id][f64 proposal seq][payload]` (13-byte header, little-endian).
 * Snapshot data: `[u32 address-book JSON length][JSON {id: address}][state machine bytes]`.
 * Conf-change context of an added member: the address book as JSON `{id: address}`.
 *
 * @module
 */
import type { NodeId } from './core/types.js';

const version = 1;
/** Bytes the driver adds in front of each proposal. */
export const envelopeHeaderBytes = 13;

/** Who proposed an entry, and which of its proposals it was. */
export interface ProposalTag {
  proposer: NodeId;
  seq: number;
}

/** Wraps application data with its proposal tag. */
export function wrapProposal(tag: ProposalTag, payload: Uint8Array): Uint8Array {
  const out = Buffer.allocUnsafe(envelopeHeaderBytes + payload.length);
  out.writeUInt8(version, 0);
  out.writeUInt32LE(tag.proposer, 1);
  out.writeDoubleLE(tag.seq, 5);
  out.set(payload, envelopeHeaderBytes);
  return out;
}

/** Splits entry data into tag and payload; undefined for data the driver did not wrap. */
export function unwrapProposal(
  data: Uint8Array,
): { tag: ProposalTag; payload: Uint8Array } | undefined {
  if (data.length < envelopeHeaderBytes || data[0] !== version) return undefined;
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return {
    tag: { proposer: buf.readUInt32LE(1), seq: buf.readDoubleLE(5) },
    payload: data.subarray(envelopeHeaderBytes),
  };
}

/** Wraps state machine snapshot bytes with the member address book. */
export function wrapSnapshot(addresses: ReadonlyMap<NodeId, string>, data: Uint8Array): Uint8Array {
  const book = Buffer.from(JSON.stringify(Object.fromEntries(addresses)));
  const out = Buffer.allocUnsafe(4 + book.length + data.length);
  out.writeUInt32LE(book.length, 0);
  book.copy(out, 4);
  out.set(data, 4 + book.length);
  return out;
}

/** Splits snapshot data into the address book and the state machine bytes. */
export function unwrapSnapshot(data: Uint8Array): {
  addresses: Map<NodeId, string>;
  data: Uint8Array;
} {
  if (data.length < 4) return { addresses: new Map(), data };
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const len = buf.readUInt32LE(0);
  const book = JSON.parse(buf.subarray(4, 4 + len).toString()) as Record<string, string>;
  return {
    addresses: new Map(Object.entries(book).map(([k, v]) => [Number(k), v])),
    data: data.subarray(4 + len),
  };
}

/** Decodes the address book in a conf change's context; empty when it is not one. */
export function decodeAddressBook(context: Uint8Array): Map<NodeId, string> {
  try {
    const book = JSON.parse(Buffer.from(context).toString()) as unknown;
    if (typeof book !== 'object' || book === null) return new Map();
    return new Map(
      Object.entries(book)
        .filter((kv): kv is [string, string] => typeof kv[1] === 'string' && /^\d+$/.test(kv[0]))
        .map(([k, v]) => [Number(k), v]),
    );
  } catch {
    return new Map();
  }
}
