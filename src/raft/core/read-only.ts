/**
 * Pending ReadIndex requests on the leader (Raft §6.4): each waits until a quorum acknowledges a
 * heartbeat carrying its context, which proves the leader was still the leader at `index`.
 *
 * @module
 */
import type { NodeId } from './types.js';

/** One ReadIndex request waiting for its heartbeat round. */
export interface ReadRequest {
  index: number;
  from: NodeId;
  ctx: Uint8Array;
  acks: Set<NodeId>;
}

/** A stable map key for a request context. */
export function ctxKey(ctx: Uint8Array): string {
  let s = '';
  for (const b of ctx) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Requests in arrival order; acknowledging one also settles every earlier one. */
export class ReadOnly {
  #pending = new Map<string, ReadRequest>();
  #queue: string[] = [];

  /** Adds a request unless one with the same context is already pending. */
  add(index: number, from: NodeId, ctx: Uint8Array): void {
    const key = ctxKey(ctx);
    if (this.#pending.has(key)) return;
    this.#pending.set(key, { index, from, ctx, acks: new Set() });
    this.#queue.push(key);
  }

  /** Records `from`'s acknowledgement; returns the acks so far, or undefined if unknown. */
  recvAck(from: NodeId, ctx: Uint8Array): Set<NodeId> | undefined {
    const req = this.#pending.get(ctxKey(ctx));
    if (!req) return undefined;
    req.acks.add(from);
    return req.acks;
  }

  /** Removes and returns every request up to and including the one for `ctx`. */
  advance(ctx: Uint8Array): ReadRequest[] {
    const key = ctxKey(ctx);
    const at = this.#queue.indexOf(key);
    if (at < 0) return [];
    const done = this.#queue.slice(0, at + 1);
    this.#queue = this.#queue.slice(at + 1);
    const out: ReadRequest[] = [];
    for (const k of done) {
      const req = this.#pending.get(k);
      this.#pending.delete(k);
      if (req) out.push(req);
    }
    return out;
  }

  /** The context of the newest pending request, if any. */
  lastPendingCtx(): Uint8Array | undefined {
    const k = this.#queue[this.#queue.length - 1];
    return k === undefined ? undefined : this.#pending.get(k)?.ctx;
  }

  size(): number {
    return this.#queue.length;
  }
}
