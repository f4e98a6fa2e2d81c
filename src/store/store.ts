/**
 * The replicated object store (DESIGN.md §4; modelled on swarmkit's manager/state/store). Every
 * write is a transaction committed as ONE entry through a {@link Proposer} (Raft); the store is the
 * proposer's {@link StateMachine} and applies committed entries in log order. An object's
 * version is the index of the entry that last wrote it, and a write names the version it read, so
 * a stale write fails as a whole (optimistic concurrency).
 *
 * @example
 * const store = new Store();
 * store.setProposer(new LocalProposer(store));
 * await store.update((tx) => tx.create('networks', network));
 * const nets = store.view((tx) => tx.all('networks'));
 *
 * @module
 */

import { randomBytes } from 'node:crypto';
import { applyTransaction, deepFreeze, payloadAad, type ApplyResult } from './apply.js';
import {
  decodeSnapshot,
  decodeTx,
  encodeSnapshot,
  encodeTx,
  wrapSealed,
  type RawObject,
  type SnapshotRecord,
  type TxOp,
  type TxRecord,
} from './codec.js';
import type { Encrypter } from './encrypter.js';
import { createTables, tableOf, type MemTable, type Tables } from './memdb.js';
import type { Meta, StoredObject } from './objects.js';
import type { ProposeOptions, Proposer, StateMachine } from './proposer.js';
import { TABLE_NAMES, TABLES, type TableName } from './tables.js';
import { Transaction, type ReadTx, type WriteTx } from './transaction.js';
import { WatchHub, type Watch, type WatchOptions } from './watch.js';
import { assert } from '../util/assert.js';
import { TsorchError } from '../util/errors.js';
import { storeReadWaitersMax, storeTransactionMaxOps } from '../util/limits.js';

/** Options of a {@link Store}. */
export interface StoreOptions {
  /** Commits transactions; may also be set later with {@link Store.setProposer}. */
  proposer?: Proposer;
  /** Seals secret/config payloads; required to write or apply them. */
  encrypter?: Encrypter;
  /** Milliseconds since the epoch, read when a transaction is built (default `Date.now`). */
  clockMs?: () => number;
  /** Events kept for resuming watches. */
  historyEvents?: number;
}

/** A transaction built but not yet committed. */
export interface PreparedTransaction<R> {
  /** What the callback returned. */
  result: R;
  /** The entry to propose; undefined when the callback wrote nothing. */
  data: Uint8Array | undefined;
  requestId: string;
}

interface Waiter {
  resolve: (r: ApplyResult) => void;
  reject: (e: unknown) => void;
}

interface ReadWaiter {
  index: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** The manager's state: typed tables, transactions, watches, snapshots. */
export class Store implements StateMachine {
  #tables: Tables = createTables();
  #applied = 0;
  #proposer: Proposer | undefined;
  readonly #encrypter: Encrypter | undefined;
  readonly #clockMs: () => number;
  readonly #hub: WatchHub;
  readonly #historyEvents: number | undefined;
  readonly #waiters = new Map<string, Waiter>();
  #readWaiters: ReadWaiter[] = [];
  readonly #instance = randomBytes(8).toString('hex');
  #sequence = 0;

  constructor(options: StoreOptions = {}) {
    this.#proposer = options.proposer;
    this.#encrypter = options.encrypter;
    this.#clockMs = options.clockMs ?? Date.now;
    this.#historyEvents = options.historyEvents;
    this.#hub = this.#newHub(0);
  }

  #newHub(floorVersion: number): WatchHub {
    return new WatchHub(
      this.#historyEvents === undefined
        ? { floorVersion }
        : { floorVersion, historyEvents: this.#historyEvents },
    );
  }

  /** Sets the proposer (the Raft driver is built with the store as its state machine). */
  setProposer(proposer: Proposer): void {
    this.#proposer = proposer;
  }

  #requireProposer(): Proposer {
    assert(this.#proposer !== undefined, 'Store has no proposer: call setProposer() first');
    return this.#proposer;
  }

  /** The index of the last applied entry: the version of the state reads see. */
  get version(): number {
    return this.#applied;
  }

  /** Runs `fn` on the local state (possibly stale on a follower). `fn` must be synchronous. */
  view<R>(fn: (tx: ReadTx) => R): R {
    const result = fn(new Transaction(this.#tables, this.#applied, false));
    assertSync(result);
    return result;
  }

  /**
   * Runs `fn` on state that includes every write committed before the call (Raft ReadIndex).
   *
   * @throws {TsorchError} CANCELLED when `signal` aborts; the proposer's errors (RAFT_NOT_LEADER, ...).
   */
  async linearizableView<R>(fn: (tx: ReadTx) => R, options: ProposeOptions = {}): Promise<R> {
    const proposer = this.#requireProposer();
    const index = await proposer.readIndex(options);
    if (typeof index === 'number') await this.#waitApplied(index, options.signal);
    return this.view(fn);
  }

  /**
   * Runs `fn` in a write transaction and commits its writes as one entry; resolves with what
   * `fn` returned once the entry is applied here. `fn` must be synchronous; a throw aborts.
   *
   * @throws {ConflictError} STORE_CONFLICT (stale read) or STORE_EXISTS; {@link NotFoundError}
   * STORE_NOT_FOUND; {@link TsorchError} STORE_INVALID_OBJECT, STORE_INVALID_TRANSITION, or the
   * proposer's errors (the transaction may then still commit).
   */
  async update<R>(fn: (tx: WriteTx) => R, options: ProposeOptions = {}): Promise<R> {
    const prepared = this.prepare(fn);
    if (prepared.data === undefined) return prepared.result;
    const proposer = this.#requireProposer();
    const outcome = new Promise<ApplyResult>((resolve, reject) => {
      this.#waiters.set(prepared.requestId, { resolve, reject });
    });
    // Handled below, or deliberately dropped when the proposal itself fails.
    outcome.catch(() => undefined);
    try {
      await Promise.all([proposer.propose(prepared.data, options), outcome]);
    } finally {
      this.#waiters.delete(prepared.requestId);
    }
    const applied = await outcome;
    if (!applied.ok) throw applied.error;
    return prepared.result;
  }

  /**
   * Builds a transaction without committing it: runs `fn` and encodes its writes (secret and
   * config payloads sealed). `update()` is `prepare()` plus a proposal.
   */
  prepare<R>(fn: (tx: WriteTx) => R): PreparedTransaction<R> {
    const tx = new Transaction(this.#tables, this.#applied, true);
    const result = fn(tx);
    assertSync(result);
    this.#sequence += 1;
    const requestId = `${this.#instance}-${this.#sequence}`;
    if (tx.size === 0) return { result, data: undefined, requestId };
    const ops = tx.ops().map((op) => this.#seal(op));
    const record: TxRecord = { timestampMs: this.#clockMs(), requestId, ops };
    return { result, data: encodeTx(record), requestId };
  }

  #seal(op: TxOp): TxOp {
    if (op.op === 'delete') return op;
    const path = TABLES[op.table].sensitivePath;
    if (path === undefined) return op;
    const encrypter = this.#encrypter;
    if (encrypter === undefined)
      throw new TsorchError(
        'FAILED_PRECONDITION',
        `Cannot write ${op.table} "${op.object.id}": this store has no encryption key ring`,
      );
    const object = replaceAt(op.object, path, (plain) => {
      assert(plain instanceof Uint8Array, 'sensitive field checked as bytes');
      return wrapSealed(encrypter.seal(plain, payloadAad(op.table, op.object.id)));
    });
    return { ...op, object };
  }

  /**
   * Reads with `fn` and opens a watch that delivers every change committed after that read, with
   * nothing missed and nothing twice (swarmkit's ViewAndWatch): list, then follow.
   */
  viewAndWatch<R>(
    fn: (tx: ReadTx) => R,
    options: Omit<WatchOptions, 'fromVersion'> = {},
  ): { result: R; watch: Watch } {
    const version = this.#applied;
    const result = this.view(fn);
    return { result, watch: this.#hub.watch({ ...options, fromVersion: version }) };
  }

  /**
   * Ends every watch (iteration finishes normally) and fails waiting writes and reads with
   * UNAVAILABLE; for shutdown. The state stays readable.
   */
  close(): void {
    this.#hub.closeAll();
    const closed = new TsorchError('UNAVAILABLE', 'Cannot finish: the store is shutting down', {
      hint: 'Read the objects again to see whether the write took effect',
    });
    for (const w of this.#waiters.values()) w.reject(closed);
    this.#waiters.clear();
    const reads = this.#readWaiters;
    this.#readWaiters = [];
    for (const r of reads) r.reject(closed);
  }

  /** Opens a watch on committed changes; see {@link WatchOptions}. */
  watch(options: WatchOptions = {}): Watch {
    return this.#hub.watch(options);
  }

  /**
   * Applies the committed entry at `index` (StateMachine). Returns the outcome; a rejected
   * transaction is a normal outcome (`ok: false`), identical on every manager.
   *
   * @throws {TsorchError} STORE_DECRYPT_FAILED when a payload does not open with this manager's
   * key ring (the state is unchanged; the driver must stop rather than diverge).
   */
  apply(data: Uint8Array, index: number): ApplyResult | undefined {
    assert(index > this.#applied, `apply(${index}) after ${this.#applied}: entries go forward`);
    if (data.byteLength === 0) {
      this.#setApplied(index);
      return undefined;
    }
    let record: TxRecord;
    try {
      record = decodeTx(data);
      if (record.ops.length > storeTransactionMaxOps)
        throw new TsorchError(
          'STORE_CORRUPT',
          `Cannot apply a transaction of ${record.ops.length} ops`,
        );
    } catch (error) {
      // A malformed entry is rejected the same way on every manager.
      this.#setApplied(index);
      assert(error instanceof TsorchError);
      return { ok: false, version: index, error };
    }
    const result = applyTransaction(this.#tables, index, record, this.#encrypter);
    this.#setApplied(index);
    if (result.ok) this.#hub.publish(result.events);
    const waiter = this.#waiters.get(record.requestId);
    if (waiter !== undefined) {
      this.#waiters.delete(record.requestId);
      waiter.resolve(result);
    }
    return result;
  }

  #setApplied(index: number): void {
    this.#applied = index;
    if (this.#readWaiters.length === 0) return;
    const ready = this.#readWaiters.filter((w) => w.index <= index);
    if (ready.length === 0) return;
    this.#readWaiters = this.#readWaiters.filter((w) => w.index > index);
    for (const w of ready) w.resolve();
  }

  #waitApplied(index: number, signal: AbortSignal | undefined): Promise<void> {
    if (index <= this.#applied) return Promise.resolve();
    if (this.#readWaiters.length >= storeReadWaitersMax)
      return Promise.reject(
        new TsorchError('UNAVAILABLE', `Cannot wait for index ${index}: too many reads waiting`),
      );
    return new Promise((resolve, reject) => {
      const waiter: ReadWaiter = {
        index,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject,
      };
      const onAbort = (): void => {
        this.#readWaiters = this.#readWaiters.filter((w) => w !== waiter);
        reject(
          new TsorchError('CANCELLED', `Read cancelled waiting for index ${index}`, {
            cause: signal?.reason,
          }),
        );
      };
      if (signal?.aborted === true) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#readWaiters.push(waiter);
    });
  }

  /** Encodes the whole state at the applied index (StateMachine); deterministic. */
  snapshot(): Uint8Array {
    const tables: SnapshotRecord['tables'] = {};
    for (const name of TABLE_NAMES) {
      const table = tableOf(this.#tables, name);
      if (table.size === 0) continue;
      const rows = [...table.all()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      tables[name] = rows.map((row) => this.#encodeRow(name, table, row));
    }
    return encodeSnapshot({ index: this.#applied, tables });
  }

  #encodeRow(name: TableName, table: MemTable<StoredObject>, row: StoredObject): RawObject {
    const path = TABLES[name].sensitivePath;
    if (path === undefined) return row as unknown as RawObject;
    const sealed = table.sealed.get(row.id);
    assert(sealed !== undefined, `No sealed payload kept for ${name} "${row.id}"`);
    return replaceAt(row as unknown as RawObject, path, () => wrapSealed(sealed));
  }

  /**
   * Replaces the whole state with `data` (StateMachine). Open watches fail with
   * STORE_WATCH_RESET (re-list and watch again); transactions waiting to apply fail as UNAVAILABLE
   * (their outcome is unknown).
   *
   * @throws {TsorchError} STORE_CORRUPT or STORE_DECRYPT_FAILED; the state is then unchanged.
   */
  restore(data: Uint8Array): void {
    const snap = decodeSnapshot(data);
    const tables = createTables();
    for (const name of TABLE_NAMES) {
      const rows = snap.tables[name] ?? [];
      const ops: TxOp[] = rows.map((object) => ({
        op: 'create',
        table: name,
        object: stripMeta(object),
      }));
      // Rows are re-checked and re-indexed through the normal apply path, then given their meta.
      const result = applyTransaction(
        tables,
        1,
        { timestampMs: 0, requestId: '', ops },
        this.#encrypter,
      );
      if (!result.ok)
        throw new TsorchError('STORE_CORRUPT', `Cannot restore snapshot: ${result.error.message}`, {
          cause: result.error,
        });
      const table = tableOf(tables, name);
      for (const row of rows) {
        const current = table.get(row.id);
        assert(current !== undefined);
        const sealed = table.sealed.get(row.id);
        table.remove(row.id);
        table.put(deepFreeze({ ...current, meta: decodeMeta(row, name) }));
        if (sealed !== undefined) table.sealed.set(row.id, sealed);
      }
    }
    this.#tables = tables;
    this.#applied = snap.index;
    this.#hub.reset(
      snap.index,
      new TsorchError(
        'STORE_WATCH_RESET',
        `Watch closed: the store was restored from a snapshot at index ${snap.index}`,
        {
          hint: 'List the objects again, then watch from the version of that read',
        },
      ),
    );
    const unknown = new TsorchError(
      'UNAVAILABLE',
      'Transaction outcome unknown: the store was restored from a snapshot',
      {
        hint: 'Read the objects again to see whether the write took effect',
      },
    );
    for (const w of this.#waiters.values()) w.reject(unknown);
    this.#waiters.clear();
    this.#setApplied(snap.index);
  }
}

function decodeMeta(row: RawObject, table: TableName): Meta {
  const meta = row.meta as Partial<Meta> | undefined;
  const { version, createdAt, updatedAt } = meta ?? {};
  if (
    typeof version !== 'number' ||
    !Number.isSafeInteger(version) ||
    typeof createdAt !== 'string' ||
    typeof updatedAt !== 'string'
  )
    throw new TsorchError(
      'STORE_CORRUPT',
      `Cannot restore snapshot: ${table} "${row.id}" has no valid meta`,
    );
  return { version, createdAt, updatedAt };
}

function stripMeta(object: RawObject): RawObject {
  return { ...object, meta: undefined };
}

/** Copies `obj` along `path` and replaces the value at its end with `fn(old value)`. */
function replaceAt(
  obj: RawObject,
  path: readonly string[],
  fn: (old: unknown) => unknown,
): RawObject {
  const root: Record<string, unknown> = { ...obj };
  let cur = root;
  for (const key of path.slice(0, -1)) {
    const next = cur[key];
    assert(typeof next === 'object' && next !== null, `Missing ${path.join('.')}`);
    const copy = { ...(next as Record<string, unknown>) };
    cur[key] = copy;
    cur = copy;
  }
  const leaf = path[path.length - 1];
  assert(leaf !== undefined);
  cur[leaf] = fn(cur[leaf]);
  return root as RawObject;
}

function assertSync(result: unknown): void {
  assert(
    !(result instanceof Promise),
    'Store transactions are synchronous: the callback returned a Promise',
  );
}
