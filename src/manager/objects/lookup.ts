/**
 * Finding a network, secret, config or volume the way `docker network|secret|config|volume`
 * commands do: by full id, by name, or by a unique prefix of its id. Networks being deleted
 * are found (so `inspect` shows them), unlike services.
 *
 * @module
 */
import type { ReadTx, TableObjects } from '../../store/index.js';
import { InvalidArgumentError, NotFoundError } from '../../util/errors.js';
import { matchLabel } from '../services/index.js';

/** The tables of the objects this module manages. */
export type ObjectTable = 'networks' | 'secrets' | 'configs' | 'volumes';

const SINGULAR: Readonly<Record<ObjectTable, string>> = {
  networks: 'network',
  secrets: 'secret',
  configs: 'config',
  volumes: 'volume',
};

const LIST_COMMAND: Readonly<Record<ObjectTable, string>> = {
  networks: 'tsorch network ls',
  secrets: 'tsorch secret ls',
  configs: 'tsorch config ls',
  volumes: 'tsorch volume ls',
};

/** Objects of `table` named `name` (volumes: one per node may share a name). */
export function byName<T extends ObjectTable>(
  tx: ReadTx,
  table: T,
  name: string,
): TableObjects[T][] {
  if (table === 'volumes') {
    const volumes: unknown[] = tx.find('volumes', 'name', name);
    return volumes as TableObjects[T][];
  }
  const found: unknown = tx.getByName(table, name);
  return found === undefined ? [] : [found as TableObjects[T]];
}

/**
 * The object of `table` that `ref` names in `tx`.
 *
 * @throws {NotFoundError} STORE_NOT_FOUND when none matches; {@link InvalidArgumentError} when
 * a name or an id prefix matches several.
 */
export function findObject<T extends ObjectTable>(
  tx: ReadTx,
  table: T,
  ref: string,
): TableObjects[T] {
  const kind = SINGULAR[table];
  if (ref === '')
    throw new InvalidArgumentError(`Missing ${kind}: give its name or id`, {
      details: { field: kind },
    });
  const exact = tx.get(table, ref);
  if (exact !== undefined) return exact;
  const named = byName(tx, table, ref);
  const matches = named.length > 0 ? named : tx.findByIdPrefix(table, ref);
  const [only] = matches;
  if (matches.length === 1 && only !== undefined) return only;
  if (matches.length > 1)
    throw new InvalidArgumentError(
      named.length > 1
        ? `${capital(kind)} "${ref}" is ambiguous: ${matches.length} ${table} have that name`
        : `${capital(kind)} "${ref}" is ambiguous: ${matches.length} ${table} have ids starting with it`,
      { details: { field: kind }, hint: 'Give the full id' },
    );
  throw new NotFoundError(`${capital(kind)} "${ref}" not found`, {
    code: 'STORE_NOT_FOUND',
    details: { field: kind, [kind]: ref },
    hint: `List them with \`${LIST_COMMAND[table]}\``,
  });
}

function capital(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Every object of `table` whose labels match each of `labels` (`KEY` or `KEY=VALUE`), by name. */
export function listObjects<T extends ObjectTable>(
  tx: ReadTx,
  table: T,
  labels: readonly string[] = [],
): TableObjects[T][] {
  return tx
    .all(table)
    .filter((o) => labels.every((l) => matchLabel(o.spec.labels, l)))
    .sort((a, b) => a.spec.name.localeCompare(b.spec.name) || a.id.localeCompare(b.id));
}
