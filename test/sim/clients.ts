/**
 * Simulated clients of the KV state machine: each calls the real driver's `propose` (put, cas)
 * or `readIndex` then reads its node's state (get), one operation at a time, and records the
 * history for the linearizability checker. A write whose promise fails or never settles stays
 * in the history with an unknown outcome; a failed read had no effect and leaves it.
 *
 * @module
 */
import type { NodeId } from '../../src/raft/index.js';
import type { Prng } from '../../src/util/prng.js';
import type { KvInput, KvOperation, KvOutput } from './checkers/linearizability.js';
import { encodeCommand, type KvCommand, type KvMachine, type SimDriver } from './kv.js';

/** What the clients need from the cluster. */
export interface ClientHost {
  readonly now: number;
  readonly nodes: ReadonlyMap<NodeId, { driver: SimDriver | undefined; kv: KvMachine }>;
  readonly opts: { clients: number; keys: number; clientRate: number; clientTimeoutTicks: number };
  readonly stats: { reads: number };
}

interface Client {
  id: number;
  node: NodeId;
  seq: number;
  op: { seq: number; deadline: number; record: KvOperation } | undefined;
}

/** The clients of one run. */
export class SimClients {
  readonly history: KvOperation[] = [];
  /** A total order of client events for the linearizability checker. */
  #clock = 0;
  readonly #clients: Client[] = [];

  constructor(
    private readonly host: ClientHost,
    private readonly rng: Prng,
  ) {
    const ids = [...host.nodes.keys()];
    for (let c = 1; c <= host.opts.clients; c++) {
      this.#clients.push({ id: c, node: rng.pick(ids), seq: 0, op: undefined });
    }
  }

  /** Idle clients start an operation now and then. */
  step(): void {
    for (const c of this.#clients) {
      if (c.op || !this.rng.chance(this.host.opts.clientRate)) continue;
      const n = this.host.nodes.get(c.node);
      if (n?.driver === undefined) this.#repick(c);
      else this.#invoke(c, n.driver, n.kv);
    }
  }

  /** Clients waiting on `id` give up: their operations stay pending forever. */
  nodeCrashed(id: NodeId): void {
    for (const c of this.#clients) if (c.node === id) this.#abandon(c);
  }

  /** Clients past their deadline give up. */
  expire(now: number): void {
    for (const c of this.#clients) if (c.op && c.op.deadline <= now) this.#abandon(c);
  }

  /** Whether any client still waits for an answer. */
  busy(): boolean {
    return this.#clients.some((c) => c.op !== undefined);
  }

  #invoke(c: Client, driver: SimDriver, kv: KvMachine): void {
    const key = `k${this.rng.int(this.host.opts.keys)}`;
    const seq = c.seq + 1;
    const value = `${c.id}.${seq}`;
    const roll = this.rng.int(10);
    let input: KvInput;
    if (roll < 4) input = { op: 'get', key };
    else if (roll < 7) input = { op: 'put', key, value };
    else {
      const current = kv.store.data.get(key);
      input = { op: 'cas', key, expect: this.rng.chance(0.7) ? current : `${c.id}.0`, value };
    }
    // Writes go to the leader, as the store's API layer redirects them (RAFT_NOT_LEADER).
    if (input.op !== 'get' && driver.status().role !== 'leader') {
      this.#repick(c);
      return;
    }
    c.seq = seq;
    const record: KvOperation = {
      client: c.id,
      input,
      output: undefined,
      call: ++this.#clock,
      ret: Infinity,
    };
    c.op = { seq, deadline: this.host.now + this.host.opts.clientTimeoutTicks, record };
    this.history.push(record);
    if (input.op === 'get') {
      this.host.stats.reads++;
      const k = input.key;
      driver.readIndex().then(
        () => {
          this.#answer(c, seq, { value: kv.store.data.get(k) });
        },
        () => {
          this.#failedRead(c, seq);
        },
      );
      return;
    }
    const cmd: KvCommand =
      input.op === 'put'
        ? { c: c.id, s: seq, op: 'put', k: key, v: value }
        : { c: c.id, s: seq, op: 'cas', k: key, e: input.expect ?? null, v: value };
    driver.propose(encodeCommand(cmd)).then(
      ({ result }) => {
        const res = result;
        if (res === undefined) this.#giveUp(c, seq);
        else this.#answer(c, seq, res.op === 'cas' ? { ok: res.ok } : { done: true });
      },
      () => {
        this.#giveUp(c, seq);
      },
    );
  }

  #answer(c: Client, seq: number, out: KvOutput): void {
    if (c.op?.seq !== seq) return;
    c.op.record.output = out;
    c.op.record.ret = ++this.#clock;
    c.op = undefined;
  }

  /** A read that failed had no effect: it leaves the history. */
  #failedRead(c: Client, seq: number): void {
    if (c.op?.seq !== seq) return;
    this.history.splice(this.history.indexOf(c.op.record), 1);
    c.op = undefined;
    this.#repick(c);
  }

  /** The outcome of a write is unknown: it stays pending in the history. */
  #giveUp(c: Client, seq: number): void {
    if (c.op?.seq === seq) this.#abandon(c);
  }

  #abandon(c: Client): void {
    c.op = undefined;
    this.#repick(c);
  }

  #repick(c: Client): void {
    c.node = this.rng.pick([...this.host.nodes.keys()]);
  }
}
