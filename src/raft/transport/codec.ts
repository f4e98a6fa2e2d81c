/**
 * Conversion between the core's {@link Message} and the wire objects of proto/tsorch/v1/raft.proto
 * as @grpc/proto-loader produces them with the shared options (camelCase fields, 64-bit integers
 * as decimal strings, enums as names, defaults filled in).
 *
 * @module
 */
import type { Entry, Message, MessageType, SnapshotMeta } from '../core/types.js';

/** 64-bit integers travel as decimal strings (longs: String) or numbers. */
type Long = string | number;

/** Wire shape of RaftEntry. */
export interface WireEntry {
  term: Long;
  index: Long;
  confChange: boolean;
  data: Uint8Array;
}

/** Wire shape of RaftSnapshotMeta. */
export interface WireSnapshotMeta {
  index: Long;
  term: Long;
  conf: { voters: Long[]; learners: Long[] } | null;
}

/** Wire shape of RaftMessage. */
export interface WireMessage {
  type: string;
  from: Long;
  to: Long;
  term: Long;
  logTerm: Long;
  index: Long;
  entries: WireEntry[];
  commit: Long;
  reject: boolean;
  rejectHint: Long;
  snapshot: WireSnapshotMeta | null;
  context: Uint8Array;
  hasContext: boolean;
}

const toWireType: Record<MessageType, string> = {
  app: 'RAFT_MESSAGE_TYPE_APP',
  'app-resp': 'RAFT_MESSAGE_TYPE_APP_RESP',
  vote: 'RAFT_MESSAGE_TYPE_VOTE',
  'vote-resp': 'RAFT_MESSAGE_TYPE_VOTE_RESP',
  'pre-vote': 'RAFT_MESSAGE_TYPE_PRE_VOTE',
  'pre-vote-resp': 'RAFT_MESSAGE_TYPE_PRE_VOTE_RESP',
  heartbeat: 'RAFT_MESSAGE_TYPE_HEARTBEAT',
  'heartbeat-resp': 'RAFT_MESSAGE_TYPE_HEARTBEAT_RESP',
  snap: 'RAFT_MESSAGE_TYPE_SNAP',
  'timeout-now': 'RAFT_MESSAGE_TYPE_TIMEOUT_NOW',
  'read-index': 'RAFT_MESSAGE_TYPE_READ_INDEX',
  'read-index-resp': 'RAFT_MESSAGE_TYPE_READ_INDEX_RESP',
  prop: 'RAFT_MESSAGE_TYPE_PROP',
};
const fromWireType = new Map<string, MessageType>(
  Object.entries(toWireType).map(([k, v]) => [v, k as MessageType]),
);

const empty = new Uint8Array(0);

/** Encodes an entry for the wire. */
export function entryToWire(e: Entry): WireEntry {
  return { term: e.term, index: e.index, confChange: e.type === 'conf-change', data: e.data };
}

/** Encodes snapshot metadata for the wire. */
export function snapshotMetaToWire(m: SnapshotMeta): WireSnapshotMeta {
  return {
    index: m.index,
    term: m.term,
    conf: { voters: m.conf.voters, learners: m.conf.learners },
  };
}

/** Encodes a message for the wire; a snapshot's data is left out (it is streamed in chunks). */
export function messageToWire(m: Message): WireMessage {
  return {
    type: toWireType[m.type],
    from: m.from,
    to: m.to,
    term: m.term,
    logTerm: m.logTerm,
    index: m.index,
    entries: m.entries.map(entryToWire),
    commit: m.commit,
    reject: m.reject,
    rejectHint: m.rejectHint,
    snapshot: m.snapshot === undefined ? null : snapshotMetaToWire(m.snapshot.meta),
    context: m.context ?? empty,
    hasContext: m.context !== undefined,
  };
}

/** Thrown by {@link messageFromWire} for an unknown message type (a newer peer). */
export class UnknownMessageTypeError extends Error {
  override readonly name = 'UnknownMessageTypeError';
}

/**
 * Decodes a wire message. `snapshotData` is the reassembled snapshot for 'snap' messages.
 *
 * @throws {UnknownMessageTypeError} for a type this version does not know.
 */
export function messageFromWire(w: WireMessage, snapshotData?: Uint8Array): Message {
  const type = fromWireType.get(w.type);
  if (type === undefined)
    throw new UnknownMessageTypeError(`Unknown Raft message type "${w.type}"`);
  const msg: Message = {
    type,
    from: Number(w.from),
    to: Number(w.to),
    term: Number(w.term),
    logTerm: Number(w.logTerm),
    index: Number(w.index),
    entries: w.entries.map((e) => ({
      term: Number(e.term),
      index: Number(e.index),
      type: e.confChange ? 'conf-change' : 'normal',
      data: e.data,
    })),
    commit: Number(w.commit),
    reject: w.reject,
    rejectHint: Number(w.rejectHint),
  };
  if (w.hasContext) msg.context = w.context;
  if (w.snapshot !== null && snapshotData !== undefined) {
    msg.snapshot = {
      meta: {
        index: Number(w.snapshot.index),
        term: Number(w.snapshot.term),
        conf: {
          voters: (w.snapshot.conf?.voters ?? []).map(Number),
          learners: (w.snapshot.conf?.learners ?? []).map(Number),
        },
      },
      data: snapshotData,
    };
  }
  return msg;
}

/** Approximate encoded size of a message, for batching and limits. */
export function messageSizeBytes(m: Message): number {
  let size = 64 + (m.context?.length ?? 0);
  for (const e of m.entries) size += 24 + e.data.length;
  return size;
}

/**
 * Splits an append message whose entries exceed `maxBytes` into consecutive appends, each
 * anchored on the previous part's last entry (index, logTerm), as the leader would have sent
 * them (Raft §5.3). A single entry larger than `maxBytes` travels alone.
 */
export function splitAppend(m: Message, maxBytes: number): Message[] {
  if (m.type !== 'app' || messageSizeBytes(m) <= maxBytes) return [m];
  const parts: Message[] = [];
  let index = m.index;
  let logTerm = m.logTerm;
  let chunk: Entry[] = [];
  let size = 64;
  const flush = (): void => {
    const last = chunk.at(-1);
    if (last === undefined) return;
    parts.push({ ...m, index, logTerm, entries: chunk });
    index = last.index;
    logTerm = last.term;
    chunk = [];
    size = 64;
  };
  for (const e of m.entries) {
    const entrySize = 24 + e.data.length;
    if (chunk.length > 0 && size + entrySize > maxBytes) flush();
    chunk.push(e);
    size += entrySize;
  }
  flush();
  return parts;
}

/**
 * Whether append `b` continues append `a` exactly (same leader term, `b` anchored on `a`'s last
 * entry), so both can travel as one append with `a`'s anchor, all entries, and the later commit.
 */
export function canMergeAppends(a: Message, b: Message): boolean {
  if (a.type !== 'app' || b.type !== 'app' || a.term !== b.term || a.to !== b.to) return false;
  const last = a.entries[a.entries.length - 1];
  return last !== undefined && b.index === last.index && b.logTerm === last.term;
}
