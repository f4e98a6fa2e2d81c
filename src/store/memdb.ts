/**
 * In-memory tables: objects by id, a unique key index and secondary indexes. Only the apply path
 * writes here; readers get frozen objects. Iteration order of lookups is unspecified.
 *
 * @module
 */

import type { StoredObject } from './objects.js';
import { TABLE_NAMES, TABLES, type TableDef, type TableName, type TableObjects } from './tables.js';
import type { Sealed } from './encrypter.js';
import { assert } from '../util/assert.js';

/** One table's rows and indexes. */
export class MemTable<T extends StoredObject> {
  readonly def: TableDef<T>;
  readonly #byId = new Map<string, T>();
  readonly #unique = new Map<string, string>();
  readonly #indexes = new Map<string, Map<string, Set<string>>>();
  /** Sealed form of the sensitive field, by id, kept so snapshots re-encode without re-encrypting. */
  readonly sealed = new Map<string, Sealed>();

  constructor(def: TableDef<T>) {
    this.def = def;
    for (const name of Object.keys(def.indexes)) this.#indexes.set(name, new Map());
  }

  /** Number of rows. */
  get size(): number {
    return this.#byId.size;
  }

  /** The object with `id`, if any. */
  get(id: string): T | undefined {
    return this.#byId.get(id);
  }

  /** The id owning unique key `key`, if any. */
  ownerOf(key: string): string | undefined {
    return this.#unique.get(key);
  }

  /** Objects found under `key` in index `index`. */
  find(index: string, key: string): T[] {
    const idx = this.#indexes.get(index);
    assert(idx !== undefined, `Unknown index "${index}"`);
    const ids = idx.get(key);
    if (ids === undefined) return [];
    const out: T[] = [];
    for (const id of ids) {
      const obj = this.#byId.get(id);
      assert(obj !== undefined, `Index "${index}" points at missing id "${id}"`);
      out.push(obj);
    }
    return out;
  }

  /** Every object. */
  all(): IterableIterator<T> {
    return this.#byId.values();
  }

  /** Objects whose id starts with `prefix` (a linear scan; for humans typing short ids). */
  findByIdPrefix(prefix: string): T[] {
    const out: T[] = [];
    for (const [id, obj] of this.#byId) if (id.startsWith(prefix)) out.push(obj);
    return out;
  }

  /** Inserts or replaces `obj` (the caller has checked uniqueness). */
  put(obj: T): void {
    const old = this.#byId.get(obj.id);
    if (old !== undefined) this.#unindex(old);
    this.#byId.set(obj.id, obj);
    if (this.def.uniqueKey !== undefined) {
      const key = this.def.uniqueKey(obj);
      assert(!this.#unique.has(key), `Unique key "${key}" already taken`);
      this.#unique.set(key, obj.id);
    }
    for (const [name, keysOf] of Object.entries(this.def.indexes)) {
      const idx = this.#indexes.get(name);
      assert(idx !== undefined);
      for (const key of keysOf(obj)) {
        let ids = idx.get(key);
        if (ids === undefined) {
          ids = new Set();
          idx.set(key, ids);
        }
        ids.add(obj.id);
      }
    }
  }

  /** Removes the object with `id`; returns it. */
  remove(id: string): T | undefined {
    const old = this.#byId.get(id);
    if (old === undefined) return undefined;
    this.#unindex(old);
    this.#byId.delete(id);
    this.sealed.delete(id);
    return old;
  }

  #unindex(obj: T): void {
    if (this.def.uniqueKey !== undefined) this.#unique.delete(this.def.uniqueKey(obj));
    for (const [name, keysOf] of Object.entries(this.def.indexes)) {
      const idx = this.#indexes.get(name);
      assert(idx !== undefined);
      for (const key of keysOf(obj)) {
        const ids = idx.get(key);
        if (ids === undefined) continue;
        ids.delete(obj.id);
        if (ids.size === 0) idx.delete(key);
      }
    }
  }
}

/** Every table of a store. */
export type Tables = { readonly [T in TableName]: MemTable<TableObjects[T]> };

/** Table `name` of `tables`, seen through the fields every object has. */
export function tableOf(tables: Tables, name: TableName): MemTable<StoredObject> {
  return tables[name] as unknown as MemTable<StoredObject>;
}

/** Creates empty tables. */
export function createTables(): Tables {
  const tables: Record<string, MemTable<StoredObject>> = {};
  for (const name of TABLE_NAMES)
    tables[name] = new MemTable(TABLES[name] as unknown as TableDef<StoredObject>);
  return tables as unknown as Tables;
}
