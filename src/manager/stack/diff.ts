/**
 * Field-level differences between two specs (pure): what `tsorch plan` prints under an updated
 * service, and what decides whether its tasks are recreated.
 *
 * @module
 */

/** One changed field: its dotted path (`task.container.env`), old and new value. */
export interface FieldChange {
  path: string;
  from: unknown;
  to: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** A stable JSON text: object keys sorted, so key order never counts as a change. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) return Array.from(v);
    if (!isRecord(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = v[k];
    return sorted;
  });
}

/**
 * Lists the fields that differ between `from` and `to`, recursing into objects; arrays and
 * scalars are compared whole. An absent key and `undefined` are the same.
 */
export function diffFields(from: unknown, to: unknown, path = ''): FieldChange[] {
  if (isRecord(from) && isRecord(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
    return keys.flatMap((k) => diffFields(from[k], to[k], path === '' ? k : `${path}.${k}`));
  }
  return canonicalJson(from) === canonicalJson(to) ? [] : [{ path, from, to }];
}
