/**
 * Schema validation with ajv (the schema compiled ahead of time), with ajv's errors turned into compose
 * issues that name the file, line, column and key path, and say what would be valid.
 *
 * @module
 */
import type { ErrorObject } from 'ajv';
import { closest, issueAt, type ComposeIssue } from './issues.js';
import { fromPointer, locate, type LocIndex } from './node.js';
import { composeSchema } from './schema.js';
import generated from './schema-validator.gen.js';

// The schema is compiled ahead of time (gen-validator.ts): compiling it at run time costs
// more than the whole 300 ms budget of `tsorch config` on a loaded machine.
const validator = (): CompiledValidator => generated as CompiledValidator;

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Validates a plain compose model; returns issues located through `index`. */
export function validateSchema(data: unknown, index: LocIndex): ComposeIssue[] {
  const validate = validator();
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  // Keep the deepest errors: an error under a oneOf branch explains more than "must match
  // one of the forms" at its parent.
  const paths = errors.map((e) => e.instancePath);
  const inBranch = (e: ErrorObject): boolean =>
    e.keyword === 'oneOf' ||
    e.keyword === 'anyOf' ||
    (e.keyword === 'type' && /\/(oneOf|anyOf)\//.test(e.schemaPath));
  const kept = errors.filter(
    (e) =>
      !inBranch(e) ||
      !paths.some((p) => p !== e.instancePath && p.startsWith(`${e.instancePath}/`)),
  );
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of kept) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  const issues: ComposeIssue[] = [];
  for (const [pointer, errs] of byPath) {
    const path = fromPointer(pointer, data);
    const value = valueAt(data, path);
    const extra = errs.filter((e) => e.keyword === 'additionalProperties');
    for (const e of extra) {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const keyPath = [...path, key];
      issues.push(
        issueAt(locate(index, keyPath, true), keyPath, 'unknown_key', unknownKeyMessage(key, e)),
      );
    }
    const required = errs.filter((e) => e.keyword === 'required');
    for (const e of required) {
      const key = (e.params as { missingProperty: string }).missingProperty;
      issues.push(
        issueAt(locate(index, path), path, 'missing_key', `Missing required key "${key}"`),
      );
    }
    if (extra.length > 0 || required.length > 0) continue;
    const loc = locate(index, path);
    const enums = errs.filter((e) => e.keyword === 'enum');
    if (enums.length > 0) {
      const allowed = enums.flatMap(
        (e) => (e.params as { allowedValues: unknown[] }).allowedValues,
      );
      issues.push(
        issueAt(
          loc,
          path,
          'invalid_value',
          `Invalid value ${JSON.stringify(value)}: must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
        ),
      );
      continue;
    }
    const types = errs.filter((e) => e.keyword === 'type');
    if (types.length > 0) {
      const expected = new Set<string>();
      for (const e of types) {
        const t = (e.params as { type: string | string[] }).type;
        for (const x of Array.isArray(t) ? t : t.split(',')) expected.add(x);
      }
      issues.push(
        issueAt(
          loc,
          path,
          'invalid_type',
          `Expected ${typeList([...expected])}, got ${describe(value)}`,
        ),
      );
      continue;
    }
    const other = errs[0];
    if (other === undefined) continue;
    const message =
      other.keyword === 'uniqueItems'
        ? 'List has duplicate entries'
        : other.keyword === 'oneOf'
          ? 'Value matches more than one allowed form'
          : `Invalid value: ${other.message ?? other.keyword}`;
    issues.push(issueAt(loc, path, 'invalid_value', message));
  }
  return issues;
}

function unknownKeyMessage(key: string, e: ErrorObject): string {
  const parent = schemaAt(e.schemaPath.split('/').slice(1, -1)) as
    { properties?: Record<string, unknown> } | undefined;
  const known = Object.keys(parent?.properties ?? {});
  if (known.length === 0) {
    return `Invalid name "${key}": use only letters, digits, ".", "_" and "-"`;
  }
  const guess = closest(key, known);
  if (guess !== undefined) return `Unknown key "${key}": did you mean "${guess}"?`;
  if (known.length <= 12)
    return `Unknown key "${key}": valid keys are ${known.join(', ')}, or x-* extensions`;
  return `Unknown key "${key}": not a compose-spec key (extension keys must start with "x-")`;
}

function schemaAt(parts: string[]): unknown {
  let cur: unknown = composeSchema;
  for (const raw of parts) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    cur =
      cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  }
  return cur;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let cur = data;
  for (const p of path)
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

const typeNames: Record<string, string> = {
  string: 'a string',
  array: 'a list',
  object: 'a mapping',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
};

function typeList(types: string[]): string {
  const names = types
    .filter((t) => !(t === 'integer' && types.includes('number')))
    .map((t) => typeNames[t] ?? t);
  return names.length <= 1
    ? (names[0] ?? 'another type')
    : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}

/** Describes a value's type for messages: `a number (80)`. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `a string (${JSON.stringify(value)})`;
  if (typeof value === 'number') return `a number (${value})`;
  return typeof value === 'boolean' ? `a boolean (${String(value)})` : typeof value;
}
