/**
 * Read and write transactions. A read transaction sees the store as of one applied index; a write
 * transaction also sees its own writes and records each one with the object version it was based
 * on. Transactions are synchronous callbacks: JavaScript runs one at a time, so what a callback
 * reads is a consistent snapshot without copying anything.
 *
 * @module
 */

import { deepFreeze, staleError, validateWrite } from './apply.js';
import type { RawObject, TxOp } from './codec.js';
import { tableOf, type MemTable, type Tables } from './memdb.js';
import type { Meta, StoredObject } from './objects.js';
import type { IndexName, TableDef, TableName, TableObjects } from './tables.js';
import { assert } from '../util/assert.js';
import { ConflictError, NotFoundError, TsorchError } from '../util/errors.js';
import { storeTransactionMaxOps } from '../util/limits.js';

/** Tables whose objects have a unique name (`spec.name`). */
export type NamedTable = 'clusters' | 'configs' | 'networks' | 'secrets' | 'services';

/** An object to create: `meta` is written by the store and ignored here. */
export type NewObject<T extends StoredObject> = Omit<T, 'meta'> & { meta?: Meta };

/** Reads, all as of {@link ReadTx.version}. Returned objects are frozen. */
export interface ReadTx {
  /** The applied index this transaction reads at. */
  readonly version: number;
  /** The object with `id`, if any. */
  get<T extends TableName>(table: T, id: string): TableObjects[T] | undefined;
  /** The object named `name`, if any. */
  getByName<T extends NamedTable>(table: T, name: string): TableObjects[T] | undefined;
  /** Objects found under `key` in a secondary index (see {@link indexKey} for compound keys). */
  find<T extends TableName>(table: T, index: IndexName<T>, key: string): TableObjects[T][];
  /** Every object of a table. */
  all<T extends TableName>(table: T): TableObjects[T][];
  /** Objects whose id starts with `prefix`. */
  findByIdPrefix<T extends TableName>(table: T, prefix: string): TableObjects[T][];
}

/** Reads plus writes; the writes commit together or not at all. */
export interface WriteTx extends ReadTx {
  /**
   * Creates an object.
   *
   * @throws {ConflictError} STORE_EXISTS when the id or name is taken.
   * @throws {TsorchError} STORE_INVALID_OBJECT naming the bad field.
   */
  create<T extends TableName>(table: T, object: NewObject<TableObjects[T]>): void;
  /**
   * Replaces an object; `object.meta.version` must be the version it was read at.
   *
   * @throws {NotFoundError} STORE_NOT_FOUND; {@link ConflictError} STORE_CONFLICT or
   * STORE_EXISTS; {@link TsorchError} STORE_INVALID_OBJECT or STORE_INVALID_TRANSITION.
   */
  update<T extends TableName>(table: T, object: TableObjects[T]): void;
  /**
   * Deletes an object read at `version` (default: the version this transaction sees).
   *
   * @throws {NotFoundError} STORE_NOT_FOUND; {@link ConflictError} STORE_CONFLICT.
   */
  delete(table: TableName, id: string, version?: number): void;
}

/** A pending write of one object. `version` is the committed version it is based on. */
interface Pending {
  op: 'create' | 'update' | 'delete';
  version: number;
  /** The object as this transaction sees it (absent for deletes). */
  object?: StoredObject;
}

const PLACEHOLDER_META: Meta = Object.freeze({ version: 0, createdAt: '', updatedAt: '' });

/** A transaction over the store's tables. */
export class Transaction implements WriteTx {
  readonly version: number;
  readonly #tables: Tables;
  readonly #writable: boolean;
  readonly #pending = new Map<TableName, Map<string, Pending>>();
  #count = 0;

  constructor(tables: Tables, version: number, writable: boolean) {
    this.#tables = tables;
    this.version = version;
    this.#writable = writable;
  }

  #table<T extends TableName>(table: T): MemTable<TableObjects[T]> {
    const t = this.#tables[table] as MemTable<TableObjects[T]> | undefined;
    if (t === undefined) throw new TsorchError('INVALID_ARGUMENT', `Unknown table "${table}"`);
    return t;
  }

  #overlay(table: TableName): Map<string, Pending> | undefined {
    return this.#pending.get(table);
  }

  get<T extends TableName>(table: T, id: string): TableObjects[T] | undefined {
    const p = this.#overlay(table)?.get(id);
    if (p !== undefined) return p.object as TableObjects[T] | undefined;
    return this.#table(table).get(id);
  }

  getByName<T extends NamedTable>(table: T, name: string): TableObjects[T] | undefined {
    const t = this.#table(table);
    const uniqueKey = t.def.uniqueKey;
    assert(uniqueKey !== undefined);
    for (const p of this.#overlay(table)?.values() ?? [])
      if (p.object !== undefined && uniqueKey(p.object as TableObjects[T]) === name)
        return p.object as TableObjects[T];
    const owner = t.ownerOf(name);
    if (owner === undefined) return undefined;
    const p = this.#overlay(table)?.get(owner);
    return p === undefined ? t.get(owner) : undefined;
  }

  find<T extends TableName>(table: T, index: IndexName<T>, key: string): TableObjects[T][] {
    const t = this.#table(table);
    const keysOf = t.def.indexes[index];
    if (keysOf === undefined)
      throw new TsorchError('INVALID_ARGUMENT', `Unknown index "${index}" of table "${table}"`);
    const base = t.find(index, key);
    const overlay = this.#overlay(table);
    if (overlay === undefined) return base;
    const out = base.filter((o) => !overlay.has(o.id));
    for (const p of overlay.values())
      if (p.object !== undefined && keysOf(p.object as TableObjects[T]).includes(key))
        out.push(p.object as TableObjects[T]);
    return out;
  }

  all<T extends TableName>(table: T): TableObjects[T][] {
    return this.#merge(table, [...this.#table(table).all()], () => true);
  }

  findByIdPrefix<T extends TableName>(table: T, prefix: string): TableObjects[T][] {
    return this.#merge(table, this.#table(table).findByIdPrefix(prefix), (o) =>
      o.id.startsWith(prefix),
    );
  }

  #merge<T extends TableName>(
    table: T,
    base: TableObjects[T][],
    keep: (o: StoredObject) => boolean,
  ): TableObjects[T][] {
    const overlay = this.#overlay(table);
    if (overlay === undefined) return base;
    const out = base.filter((o) => !overlay.has(o.id));
    for (const p of overlay.values())
      if (p.object !== undefined && keep(p.object)) out.push(p.object as TableObjects[T]);
    return out;
  }

  create<T extends TableName>(table: T, object: NewObject<TableObjects[T]>): void {
    this.#checkWritable();
    const t = this.#table(table);
    const kind = t.def.kind;
    const id = (object as { id?: unknown }).id;
    if (typeof id !== 'string')
      throw new TsorchError(
        'STORE_INVALID_OBJECT',
        `Invalid ${table} object: id must be a string`,
        {
          details: { table, field: 'id' },
        },
      );
    if (this.get(table, id) !== undefined)
      throw new ConflictError(`Cannot create ${kind} "${id}": it already exists`, {
        code: 'STORE_EXISTS',
        details: { table, id },
      });
    const stored = freezeCopy({ ...object, meta: PLACEHOLDER_META }) as StoredObject;
    this.#validate(table, tableOf(this.#tables, table).def, stored, undefined);
    const prior = this.#overlay(table)?.get(id);
    // Deleting then re-creating an id in one transaction is a replace of the committed object.
    const pending: Pending =
      prior?.op === 'delete'
        ? { op: 'update', version: prior.version, object: stored }
        : { op: 'create', version: 0, object: stored };
    this.#record(table, id, pending);
  }

  update<T extends TableName>(table: T, object: TableObjects[T]): void {
    this.#checkWritable();
    const t = this.#table(table);
    const kind = t.def.kind;
    const current = this.get(table, object.id);
    if (current === undefined)
      throw new NotFoundError(`Cannot update ${kind} "${object.id}": it does not exist`, {
        code: 'STORE_NOT_FOUND',
        details: { table, id: object.id },
      });
    const readVersion = object.meta.version;
    if (current.meta.version !== readVersion)
      throw staleError(table, kind, object.id, 'update', readVersion, current.meta.version);
    const stored = freezeCopy({ ...object, meta: current.meta });
    this.#validate(table, tableOf(this.#tables, table).def, stored, current);
    const prior = this.#overlay(table)?.get(object.id);
    const base = t.get(object.id);
    const pending: Pending =
      prior?.op === 'create'
        ? { op: 'create', version: 0, object: stored }
        : { op: 'update', version: base?.meta.version ?? readVersion, object: stored };
    this.#record(table, object.id, pending);
  }

  delete(table: TableName, id: string, version?: number): void {
    this.#checkWritable();
    const t = this.#table(table);
    const current = this.get(table, id);
    if (current === undefined)
      throw new NotFoundError(`Cannot delete ${t.def.kind} "${id}": it does not exist`, {
        code: 'STORE_NOT_FOUND',
        details: { table, id },
      });
    if (version !== undefined && version !== current.meta.version)
      throw staleError(table, t.def.kind, id, 'delete', version, current.meta.version);
    const prior = this.#overlay(table)?.get(id);
    if (prior?.op === 'create') {
      this.#overlay(table)?.delete(id);
      this.#count -= 1;
      return;
    }
    const base = t.get(id);
    assert(base !== undefined);
    this.#record(table, id, { op: 'delete', version: base.meta.version });
  }

  #validate(
    table: TableName,
    def: TableDef<StoredObject>,
    object: StoredObject,
    old: StoredObject | undefined,
  ): void {
    const error = validateWrite(table, def, object, old);
    if (error !== undefined) throw error;
    const key = def.uniqueKey?.(object);
    if (key === undefined) return;
    const owner = this.#ownerOf(table, def, key);
    if (owner !== undefined && owner !== object.id)
      throw new ConflictError(
        `Cannot write ${def.kind} "${object.id}": name "${key}" is taken by ${def.kind} "${owner}"`,
        { code: 'STORE_EXISTS', details: { table, id: object.id, name: key, ownerId: owner } },
      );
  }

  #ownerOf(table: TableName, def: TableDef<StoredObject>, key: string): string | undefined {
    const overlay = this.#overlay(table);
    for (const [id, p] of overlay ?? [])
      if (p.object !== undefined && def.uniqueKey?.(p.object) === key) return id;
    const owner = tableOf(this.#tables, table).ownerOf(key);
    return owner !== undefined && overlay?.has(owner) === true ? undefined : owner;
  }

  #record(table: TableName, id: string, pending: Pending): void {
    let overlay = this.#pending.get(table);
    if (overlay === undefined) {
      overlay = new Map();
      this.#pending.set(table, overlay);
    }
    if (!overlay.has(id)) {
      if (this.#count >= storeTransactionMaxOps)
        throw new TsorchError(
          'INVALID_ARGUMENT',
          `Cannot write more than ${storeTransactionMaxOps} objects in one transaction`,
          { hint: 'Split the work into several transactions' },
        );
      this.#count += 1;
    }
    overlay.set(id, pending);
  }

  #checkWritable(): void {
    if (!this.#writable)
      throw new TsorchError('FAILED_PRECONDITION', 'Cannot write in a read-only transaction', {
        hint: 'Use store.update() to write',
      });
  }

  /** Number of objects written. */
  get size(): number {
    return this.#count;
  }

  /** The writes as transaction ops, objects without `meta`, in the order first written. */
  ops(): TxOp[] {
    const out: TxOp[] = [];
    for (const [table, overlay] of this.#pending) {
      for (const [id, p] of overlay) {
        if (p.op === 'delete') {
          out.push({ op: 'delete', table, id, version: p.version });
          continue;
        }
        assert(p.object !== undefined);
        const object = { ...p.object, meta: undefined } as unknown as RawObject;
        out.push(
          p.op === 'create'
            ? { op: 'create', table, object }
            : { op: 'update', table, version: p.version, object },
        );
      }
    }
    return out;
  }
}

function freezeCopy<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}
