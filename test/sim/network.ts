/**
 * Simulated network on virtual time: every message gets a delivery tick drawn from the PRNG, so
 * messages are delayed and reordered; faults drop, duplicate and partition (also one-way).
 *
 * @module
 */
import type { Message, NodeId } from '../../src/raft/index.js';
import type { Prng } from '../../src/util/prng.js';

/** Fault rates of the network. */
export interface NetworkFaults {
  /** Probability that a message is lost. */
  dropRate: number;
  /** Probability that a message is delivered twice. */
  duplicateRate: number;
  /** Extra delivery delay is uniform in [0, maxDelayTicks]. */
  maxDelayTicks: number;
}

/** No faults: every message arrives on the next tick. */
export const perfectNetwork: NetworkFaults = { dropRate: 0, duplicateRate: 0, maxDelayTicks: 0 };

interface InFlight {
  at: number;
  seq: number;
  msg: Message;
}

/** Bound on messages in flight, so a runaway node fails the run instead of hanging it. */
const maxInFlightMessages = 200_000;

/** Messages in flight between nodes. */
export class SimNetwork {
  readonly #rng: Prng;
  #queue: InFlight[] = [];
  #seq = 0;
  /** Directed links that drop everything: "from-to". */
  readonly #blocked = new Set<string>();
  faults: NetworkFaults = perfectNetwork;
  sent = 0;
  dropped = 0;

  constructor(rng: Prng) {
    this.#rng = rng;
  }

  /** Whether `from` can currently reach `to`. */
  linked(from: NodeId, to: NodeId): boolean {
    return !this.#blocked.has(`${from}-${to}`);
  }

  /** Queues a message for delivery at a tick after `now`; returns false when it was dropped. */
  send(now: number, m: Message): boolean {
    this.sent++;
    if (!this.linked(m.from, m.to) || this.#rng.chance(this.faults.dropRate)) {
      this.dropped++;
      return false;
    }
    const copies = this.#rng.chance(this.faults.duplicateRate) ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      const at = now + 1 + this.#rng.int(this.faults.maxDelayTicks + 1);
      this.#queue.push({ at, seq: this.#seq++, msg: m });
    }
    if (this.#queue.length > maxInFlightMessages)
      throw new Error('SimNetwork: too many messages in flight');
    return true;
  }

  /**
   * Removes and returns the messages due at `now`, shuffled (links do not keep order); those a
   * partition cut on the wire go to `lost`.
   */
  due(now: number, lost: (m: Message) => void = () => undefined): Message[] {
    const out: InFlight[] = [];
    const keep: InFlight[] = [];
    for (const f of this.#queue) (f.at <= now ? out : keep).push(f);
    this.#queue = keep;
    out.sort((a, b) => a.seq - b.seq);
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.#rng.int(i + 1);
      [out[i], out[j]] = [out[j] as InFlight, out[i] as InFlight];
    }
    // A partition that started after sending still cuts messages on the wire.
    const delivered: Message[] = [];
    for (const { msg } of out) {
      if (this.linked(msg.from, msg.to)) delivered.push(msg);
      else lost(msg);
    }
    return delivered;
  }

  /** Blocks `from` → `to` (one way). */
  block(from: NodeId, to: NodeId): void {
    this.#blocked.add(`${from}-${to}`);
  }

  /** Splits nodes into two sides that cannot talk (both ways). */
  partition(a: NodeId[], b: NodeId[]): void {
    for (const x of a) {
      for (const y of b) {
        this.block(x, y);
        this.block(y, x);
      }
    }
  }

  heal(): void {
    this.#blocked.clear();
  }

  /** Drops every in-flight message addressed to `id` (it crashed: its sockets are gone). */
  dropTo(id: NodeId, lost: (m: Message) => void = () => undefined): void {
    this.#queue = this.#queue.filter((f) => {
      if (f.msg.to === id) lost(f.msg);
      return f.msg.to !== id;
    });
  }

  inFlight(): number {
    return this.#queue.length;
  }
}
