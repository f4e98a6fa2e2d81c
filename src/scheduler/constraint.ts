/**
 * Placement constraints (`node.labels.zone==east`) and spread descriptors (`node.labels.zone`):
 * parsing with issues as values, and matching against a node. Keys and operators follow Docker
 * Swarm (swarmkit `manager/constraint`): values compare case-insensitively, and a missing label
 * reads as the empty string, so `node.labels.x!=y` holds on a node without label `x`.
 *
 * @module
 */

import type { NodeInfo } from './types.js';

/** A node attribute a constraint or preference can name. */
export type Attribute =
  | { kind: 'id' }
  | { kind: 'hostname' }
  | { kind: 'role' }
  | { kind: 'os' }
  | { kind: 'arch' }
  | { kind: 'nodeLabel'; name: string }
  | { kind: 'engineLabel'; name: string };

/** A parsed constraint. */
export interface Constraint {
  /** The expression as written. */
  expression: string;
  attribute: Attribute;
  operator: '==' | '!=';
  /** The value, lower-cased for the case-insensitive comparison. */
  value: string;
}

/** A problem with one expression, named in the message. */
export interface ConstraintIssue {
  expression: string;
  /** `Cannot parse constraint "node.foo==x": unknown attribute "node.foo"`. */
  message: string;
}

/** The outcome of parsing: a value or an issue, never an exception. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; issue: ConstraintIssue };

const FIXED: Readonly<Record<string, Attribute>> = {
  'node.id': { kind: 'id' },
  'node.hostname': { kind: 'hostname' },
  'node.role': { kind: 'role' },
  'node.platform.os': { kind: 'os' },
  'node.platform.arch': { kind: 'arch' },
};

const KEY_PATTERN = /^[a-z_][a-z0-9_.-]*$/i;
const LABEL_PATTERN = /^[^\s=!]+$/;
const VALUE_PATTERN = /^[^\s=!]+$/;

/** The accepted keys, for messages. */
const KEYS_TEXT =
  'node.id, node.hostname, node.role, node.platform.os, node.platform.arch, node.labels.NAME, engine.labels.NAME';

/** Resolves a key such as `node.labels.zone`; a string is the reason it is not one. */
function parseAttribute(key: string): Attribute | string {
  if (key === '') return 'missing attribute';
  if (!KEY_PATTERN.test(key)) return `invalid attribute "${key}"`;
  const fixed = FIXED[key.toLowerCase()];
  if (fixed !== undefined) return fixed;
  for (const [prefix, kind] of [
    ['node.labels.', 'nodeLabel'],
    ['engine.labels.', 'engineLabel'],
  ] as const) {
    if (key.toLowerCase().startsWith(prefix)) {
      const name = key.slice(prefix.length);
      if (!LABEL_PATTERN.test(name)) return `missing label name after "${prefix}"`;
      return { kind, name };
    }
  }
  return `unknown attribute "${key}" (expected one of ${KEYS_TEXT})`;
}

/**
 * Parses one constraint expression: `KEY==VALUE` or `KEY!=VALUE`, spaces around the operator
 * allowed.
 *
 * @example
 * parseConstraint('node.labels.zone == east'); // { ok: true, value: { operator: '==', ... } }
 * parseConstraint('node.zone==east'); // { ok: false, issue: { message: 'Cannot parse ...' } }
 */
export function parseConstraint(expression: string): ParseResult<Constraint> {
  const fail = (why: string): ParseResult<Constraint> => ({
    ok: false,
    issue: { expression, message: `Cannot parse constraint "${expression}": ${why}` },
  });
  const eq = expression.indexOf('==');
  const ne = expression.indexOf('!=');
  const at = eq === -1 ? ne : ne === -1 ? eq : Math.min(eq, ne);
  if (at === -1) return fail('missing operator "==" or "!="');
  const operator = expression.slice(at, at + 2) as '==' | '!=';
  const attribute = parseAttribute(expression.slice(0, at).trim());
  if (typeof attribute === 'string') return fail(attribute);
  const value = expression.slice(at + 2).trim();
  if (value === '') return fail('missing value');
  if (!VALUE_PATTERN.test(value)) return fail(`invalid value "${value}"`);
  return { ok: true, value: { expression, attribute, operator, value: value.toLowerCase() } };
}

/**
 * Parses a spread descriptor of a placement preference (`node.labels.zone`); any attribute a
 * constraint accepts may be spread over.
 */
export function parsePreference(descriptor: string): ParseResult<Attribute> {
  const attribute = parseAttribute(descriptor.trim());
  if (typeof attribute !== 'string') return { ok: true, value: attribute };
  return {
    ok: false,
    issue: {
      expression: descriptor,
      message: `Cannot parse placement preference "${descriptor}": ${attribute}`,
    },
  };
}

/** Parses every expression; the issues list every bad one. */
export function parseConstraints(
  expressions: readonly string[],
): { ok: true; value: Constraint[] } | { ok: false; issues: ConstraintIssue[] } {
  const value: Constraint[] = [];
  const issues: ConstraintIssue[] = [];
  for (const expression of expressions) {
    const result = parseConstraint(expression);
    if (result.ok) value.push(result.value);
    else issues.push(result.issue);
  }
  return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
}

/** The node's value of `attribute`, `undefined` when the node has no such label. */
export function attributeValue(node: NodeInfo, attribute: Attribute): string | undefined {
  switch (attribute.kind) {
    case 'id':
      return node.id;
    case 'hostname':
      return node.hostname;
    case 'role':
      return node.role;
    case 'os':
      return node.platform.os;
    case 'arch':
      return node.platform.architecture;
    case 'nodeLabel':
      return node.labels[attribute.name];
    case 'engineLabel':
      return node.engineLabels[attribute.name];
  }
}

/** Returns true when `node` satisfies `constraint`. */
export function matchConstraint(constraint: Constraint, node: NodeInfo): boolean {
  const actual = (attributeValue(node, constraint.attribute) ?? '').toLowerCase();
  return (actual === constraint.value) === (constraint.operator === '==');
}
