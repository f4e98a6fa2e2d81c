/**
 * A tiny synchronous network of RaftNodes for unit tests and golden transcripts (etcd's
 * `network`): messages are delivered in FIFO order until none are left; links can be cut.
 *
 * @module
 */
import { RaftNode } from './node.js';
import { MemoryStorage } from './storage.js';
import type { RaftOptions } from './config.js';
import type { Entry, Message, NodeId, ReadState } from './types.js';

/** A deterministic PRNG (mulberry32) for election jitter in tests. */
export function testRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One member of a {@link TestNet}. */
export interface TestMember {
  node: RaftNode;
  storage: MemoryStorage;
  applied: Entry[];
  readStates: ReadState[];
}

/** Options shared by the members of a {@link TestNet}. */
export type TestNetOptions = Partial<Omit<RaftOptions, 'id' | 'storage' | 'rng'>>;

/** A cluster of in-memory nodes linked by a lossless FIFO network. */
export class TestNet {
  readonly members = new Map<NodeId, TestMember>();
  readonly #cut = new Set<string>();
  /** Every message delivered, for transcripts. */
  readonly log: Message[] = [];
  /** Optional hook deciding whether to drop a message. */
  dropIf: ((m: Message) => boolean) | undefined;

  constructor(ids: NodeId[], opts: TestNetOptions = {}) {
    for (const id of ids) this.add(id, { peers: ids, ...opts });
  }

  /** Adds a node (a new one joins with empty storage and no peers). */
  add(id: NodeId, opts: TestNetOptions = {}): TestMember {
    const storage = new MemoryStorage();
    const node = new RaftNode({
      electionTicks: 10,
      heartbeatTicks: 1,
      ...opts,
      id,
      storage,
      rng: testRng(id),
    });
    const m: TestMember = { node, storage, applied: [], readStates: [] };
    this.members.set(id, m);
    return m;
  }

  get(id: NodeId): RaftNode {
    const m = this.members.get(id);
    if (!m) throw new Error(`no node ${id}`);
    return m.node;
  }

  /** Cuts the link between `a` and `b` both ways. */
  cut(a: NodeId, b: NodeId): void {
    this.#cut.add(`${a}-${b}`);
    this.#cut.add(`${b}-${a}`);
  }

  /** Cuts every link of `id`. */
  isolate(id: NodeId): void {
    for (const other of this.members.keys()) if (other !== id) this.cut(id, other);
  }

  recover(): void {
    this.#cut.clear();
    this.dropIf = undefined;
  }

  /** Handles every pending Ready and delivers the resulting messages until quiescent. */
  settle(maxRounds = 10_000): void {
    for (let round = 0; round < maxRounds; round++) {
      const msgs = this.#collect();
      if (msgs.length === 0) return;
      for (const m of msgs) this.deliver(m);
    }
    throw new Error('TestNet.settle did not quiesce');
  }

  /** Steps one message into its target unless the link is cut or the node is unknown. */
  deliver(m: Message): void {
    if (this.#cut.has(`${m.from}-${m.to}`) || this.dropIf?.(m)) return;
    const target = this.members.get(m.to);
    if (!target) return;
    this.log.push(m);
    target.node.step(m);
  }

  /** Ticks `id` `n` times, then settles. */
  tick(id: NodeId, n = 1): void {
    for (let i = 0; i < n; i++) this.get(id).tick();
    this.settle();
  }

  /** Campaigns `id` to leadership by ticking it past its election timeout. */
  elect(id: NodeId): void {
    const node = this.get(id);
    for (let i = 0; i < 100 && node.status().role !== 'leader'; i++) {
      node.tick();
      this.settle();
    }
  }

  #collect(): Message[] {
    const out: Message[] = [];
    for (const m of this.members.values()) {
      while (m.node.hasReady()) {
        const rd = m.node.ready();
        if (rd.snapshot) m.storage.applySnapshot(rd.snapshot);
        if (rd.hardState) m.storage.setHardState(rd.hardState);
        m.storage.append(rd.entries);
        out.push(...rd.earlyMessages, ...rd.messages);
        m.applied.push(...rd.committed);
        m.readStates.push(...rd.readStates);
        m.node.advance(rd);
      }
    }
    return out;
  }
}
