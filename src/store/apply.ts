/**
 * Applying one committed transaction to the tables. All or nothing: every write is checked
 * against the state as the earlier writes of the same transaction left it, and on the first
 * failure the earlier writes are undone. Deterministic: the outcome depends only on the state,
 * the index and the record (timestamps come from the record), so every manager reaches the same
 * state and the same verdict. The only node-local failure is a payload that does not decrypt;
 * that throws, since continuing would diverge.
 *
 * @module
 */

import { asSealed, reviveAndFreeze, type RawObject, type TxOp, type TxRecord } from './codec.js';
import type { Encrypter, Sealed } from './encrypter.js';
import { tableOf, type MemTable, type Tables } from './memdb.js';
import type { StoredObject, Task } from './objects.js';
import { canTransition } from './task-state.js';
import type { AnyObject, TableDef, TableName } from './tables.js';
import type { StoreEvent } from './watch.js';
import { ConflictError, NotFoundError, TsorchError } from '../util/errors.js';

/** What applying a transaction gave: its events, or the error that rejected it as a whole. */
export type ApplyResult =
  | { ok: true; version: number; events: StoreEvent[] }
  | { ok: false; version: number; error: TsorchError };

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Context shared by the ops of one transaction. */
interface ApplyContext {
  tables: Tables;
  index: number;
  timestamp: string;
  encrypter: Encrypter | undefined;
  undo: (() => void)[];
  events: StoreEvent[];
}

/**
 * Applies `record`, committed at `index`, to `tables`.
 *
 * @throws {TsorchError} STORE_DECRYPT_FAILED when a sealed payload does not open here (the
 * tables are left as they were).
 */
export function applyTransaction(
  tables: Tables,
  index: number,
  record: TxRecord,
  encrypter: Encrypter | undefined,
): ApplyResult {
  const ctx: ApplyContext = {
    tables,
    index,
    timestamp: new Date(record.timestampMs).toISOString(),
    encrypter,
    undo: [],
    events: [],
  };
  try {
    for (const op of record.ops) {
      const error = applyOp(ctx, op);
      if (error !== undefined) {
        rollback(ctx);
        return { ok: false, version: index, error };
      }
    }
  } catch (err) {
    rollback(ctx);
    throw err;
  }
  return { ok: true, version: index, events: ctx.events };
}

function rollback(ctx: ApplyContext): void {
  for (let i = ctx.undo.length - 1; i >= 0; i--) ctx.undo[i]?.();
}

function applyOp(ctx: ApplyContext, op: TxOp): TsorchError | undefined {
  const table = tableOf(ctx.tables, op.table);
  const kind = table.def.kind;
  const id = op.op === 'delete' ? op.id : op.object.id;
  const old = table.get(id);
  const oldSealed = table.sealed.get(id);
  const details = { table: op.table, id };

  if (op.op === 'create') {
    if (old !== undefined)
      return new ConflictError(`Cannot create ${kind} "${id}": it already exists`, {
        code: 'STORE_EXISTS',
        details,
      });
  } else {
    if (old === undefined)
      return new NotFoundError(`Cannot ${op.op} ${kind} "${id}": it does not exist`, {
        code: 'STORE_NOT_FOUND',
        details,
      });
    if (old.meta.version !== op.version)
      return staleError(op.table, kind, id, op.op, op.version, old.meta.version);
  }

  if (op.op === 'delete') {
    table.remove(id);
    ctx.undo.push(() => restore(table, old, oldSealed));
    ctx.events.push({
      kind: 'delete',
      table: op.table,
      id,
      version: ctx.index,
      object: old as AnyObject,
    });
    return undefined;
  }

  const built = build(ctx, op.table, table, op.object, old);
  if (built instanceof TsorchError) return built;
  const { object, sealed } = built;
  if (table.def.uniqueKey !== undefined) {
    const key = table.def.uniqueKey(object);
    const owner = table.ownerOf(key);
    if (owner !== undefined && owner !== id)
      return new ConflictError(
        `Cannot ${op.op} ${kind} "${id}": name "${key}" is taken by ${kind} "${owner}"`,
        { code: 'STORE_EXISTS', details: { ...details, name: key, ownerId: owner } },
      );
  }
  table.put(object);
  if (sealed !== undefined) table.sealed.set(id, sealed);
  ctx.undo.push(() => {
    table.remove(id);
    restore(table, old, oldSealed);
  });
  ctx.events.push(
    old === undefined
      ? { kind: 'create', table: op.table, id, version: ctx.index, object: object as AnyObject }
      : {
          kind: 'update',
          table: op.table,
          id,
          version: ctx.index,
          object: object as AnyObject,
          old: old as AnyObject,
        },
  );
  return undefined;
}

function restore(
  table: MemTable<StoredObject>,
  old: StoredObject | undefined,
  sealed: Sealed | undefined,
): void {
  if (old === undefined) return;
  table.put(old);
  if (sealed !== undefined) table.sealed.set(old.id, sealed);
}

/** Builds the stored object: meta from the commit, the sensitive payload opened, checks passed. */
function build(
  ctx: ApplyContext,
  tableName: TableName,
  table: MemTable<StoredObject>,
  raw: RawObject,
  old: StoredObject | undefined,
): { object: StoredObject; sealed: Sealed | undefined } | TsorchError {
  const meta = {
    version: ctx.index,
    createdAt: old?.meta.createdAt ?? ctx.timestamp,
    updatedAt: ctx.timestamp,
  };
  const object = { ...raw, meta } as unknown as StoredObject & Record<string, unknown>;
  let sealed: Sealed | undefined;
  const path = table.def.sensitivePath;
  if (path !== undefined) {
    const holder = parentOf(object, path);
    const leaf = path[path.length - 1] ?? '';
    sealed = holder === undefined ? undefined : asSealed(holder[leaf]);
    if (holder === undefined || sealed === undefined)
      return invalid(tableName, raw.id, path.join('.'), 'must be a sealed payload');
    holder[leaf] = openPayload(ctx.encrypter, sealed, tableName, raw.id);
  }
  reviveAndFreeze(object);
  const error = validateWrite(tableName, table.def, object, old);
  if (error !== undefined) return error;
  return { object, sealed };
}

/** The object holding the last key of `path`, with every level on the way copied. */
function parentOf(
  obj: Record<string, unknown>,
  path: readonly string[],
): Record<string, unknown> | undefined {
  let cur = obj;
  for (const key of path.slice(0, -1)) {
    const next = cur[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) return undefined;
    const copy = { ...(next as Record<string, unknown>) };
    cur[key] = copy;
    cur = copy;
  }
  return cur;
}

/** The additional authenticated data binding a payload to its object. */
export function payloadAad(table: TableName, id: string): Uint8Array {
  return new TextEncoder().encode(`tsorch/${table}/${id}`);
}

function openPayload(
  encrypter: Encrypter | undefined,
  sealed: Sealed,
  table: TableName,
  id: string,
): Uint8Array {
  if (encrypter === undefined)
    throw new TsorchError(
      'STORE_DECRYPT_FAILED',
      `Cannot decrypt ${table} "${id}": this store has no encryption key ring`,
    );
  return encrypter.open(sealed, payloadAad(table, id));
}

/**
 * Returns why `object` may not replace `old` (undefined: a create) in `table`, or undefined. The
 * same checks run when a transaction is built (to fail fast) and when it is applied.
 */
export function validateWrite(
  table: TableName,
  def: TableDef<StoredObject>,
  object: StoredObject,
  old: StoredObject | undefined,
): TsorchError | undefined {
  if (!ID_PATTERN.test(object.id))
    return invalid(table, object.id, 'id', 'must be 1-64 letters, digits, "_" or "-"');
  const issue = def.check(object);
  if (issue !== undefined) return invalid(table, object.id, issue.field, issue.message);
  if (table === 'tasks' && old !== undefined)
    return checkTaskTransition(old as Task, object as Task);
  return undefined;
}

function checkTaskTransition(old: Task, next: Task): TsorchError | undefined {
  for (const [field, from, to] of [
    ['status.state', old.status.state, next.status.state],
    ['desiredState', old.desiredState, next.desiredState],
  ] as const) {
    if (!canTransition(from, to))
      return new TsorchError(
        'STORE_INVALID_TRANSITION',
        `Cannot update task "${old.id}": ${field} cannot move from ${from} to ${to}`,
        { details: { table: 'tasks', id: old.id, field, from, to } },
      );
  }
  return undefined;
}

function invalid(table: TableName, id: string, field: string, message: string): TsorchError {
  return new TsorchError(
    'STORE_INVALID_OBJECT',
    `Invalid ${table} object "${id}": ${field} ${message}`,
    {
      details: { table, id, field },
    },
  );
}

/** Freezes `value` and everything in it but byte arrays. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  if (Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}

/** The STORE_CONFLICT error of a write based on version `readVersion`, now `currentVersion`. */
export function staleError(
  table: TableName,
  kind: string,
  id: string,
  op: string,
  readVersion: number,
  currentVersion: number,
): ConflictError {
  return new ConflictError(
    `Cannot ${op} ${kind} "${id}": it changed since it was read (read version ${readVersion}, current version ${currentVersion})`,
    {
      code: 'STORE_CONFLICT',
      details: { table, id, readVersion, currentVersion },
      hint: 'Read the object again and retry',
    },
  );
}
