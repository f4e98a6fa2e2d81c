/**
 * The replicated state machine of the simulation: a key-value map with per-client sequence
 * numbers, so a command delivered twice (duplicated 'prop' messages) applies once.
 *
 * @module
 */
import type { RaftDriver, StateMachine } from '../../src/raft/io.js';

/** A command in an entry. */
export type KvCommand =
  | { c: number; s: number; op: 'put'; k: string; v: string }
  | { c: number; s: number; op: 'cas'; k: string; e: string | null; v: string };

/** The outcome of applying a command; undefined for duplicates. */
export type KvResult = { op: 'put' } | { op: 'cas'; ok: boolean };

const enc = new TextEncoder();
const dec = new TextDecoder();

export function encodeCommand(cmd: KvCommand): Uint8Array {
  return enc.encode(JSON.stringify(cmd));
}

export function decodeCommand(data: Uint8Array): KvCommand {
  return JSON.parse(dec.decode(data)) as KvCommand;
}

/** Key-value state plus the last sequence number applied per client. */
export class KvStore {
  data = new Map<string, string>();
  lastSeq = new Map<number, number>();

  apply(cmd: KvCommand): KvResult | undefined {
    if (cmd.s <= (this.lastSeq.get(cmd.c) ?? 0)) return undefined;
    this.lastSeq.set(cmd.c, cmd.s);
    if (cmd.op === 'put') {
      this.data.set(cmd.k, cmd.v);
      return { op: 'put' };
    }
    const ok = (this.data.get(cmd.k) ?? null) === cmd.e;
    if (ok) this.data.set(cmd.k, cmd.v);
    return { op: 'cas', ok };
  }

  encode(): Uint8Array {
    return enc.encode(JSON.stringify({ d: [...this.data], s: [...this.lastSeq] }));
  }

  static decode(data: Uint8Array): KvStore {
    const kv = new KvStore();
    if (data.length === 0) return kv;
    const o = JSON.parse(dec.decode(data)) as { d: [string, string][]; s: [number, number][] };
    kv.data = new Map(o.d);
    kv.lastSeq = new Map(o.s);
    return kv;
  }

  /** A canonical string of the contents, for comparing replicas. */
  digest(): string {
    return JSON.stringify([...this.data].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

/** The KV store as the driver's replicated state machine. */
export class KvMachine implements StateMachine<KvResult | undefined> {
  store = new KvStore();

  apply(data: Uint8Array): KvResult | undefined {
    return this.store.apply(decodeCommand(data));
  }

  snapshot(): Uint8Array {
    return this.store.encode();
  }

  restore(data: Uint8Array): void {
    this.store = KvStore.decode(data);
  }

  /** A canonical string of the contents, for comparing replicas. */
  digest(): string {
    return this.store.digest();
  }
}

/** A simulated member: the real driver over the KV state machine. */
export type SimDriver = RaftDriver<KvResult | undefined>;
