/**
 * Finding a service the way `docker service` commands do: by full id, by name, or by a unique
 * prefix of its id. Services being deleted are not found.
 *
 * @module
 */
import type { ReadTx, Service } from '../../store/index.js';
import { InvalidArgumentError, NotFoundError } from '../../util/errors.js';

/**
 * The service `ref` names in `tx`.
 *
 * @throws {NotFoundError} STORE_NOT_FOUND when none matches; {@link InvalidArgumentError} when
 * an id prefix matches several.
 */
export function findService(tx: ReadTx, ref: string): Service {
  if (ref === '')
    throw new InvalidArgumentError('Missing service: give its name or id', {
      details: { field: 'service' },
    });
  const live = (s: Service | undefined): Service | undefined =>
    s === undefined || s.pendingDelete ? undefined : s;
  const exact = live(tx.get('services', ref)) ?? live(tx.getByName('services', ref));
  if (exact !== undefined) return exact;
  const matches = tx.findByIdPrefix('services', ref).filter((s) => !s.pendingDelete);
  const [only] = matches;
  if (matches.length === 1 && only !== undefined) return only;
  if (matches.length > 1)
    throw new InvalidArgumentError(
      `Service "${ref}" is ambiguous: ${matches.length} services have ids starting with it`,
      { details: { field: 'service' }, hint: 'Give more characters of the id, or the name' },
    );
  throw new NotFoundError(`Service "${ref}" not found`, {
    code: 'STORE_NOT_FOUND',
    details: { field: 'service', service: ref },
    hint: 'List services with `tsorch service ls`',
  });
}
