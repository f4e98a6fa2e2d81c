/**
 * How a plain (unquoted, untagged) YAML scalar is typed, as Go's yaml.v3 types it when Docker
 * Compose decodes a file into untyped maps. Both YAML readers (yaml.ts, yaml-fast.ts) call
 * this one function, so they cannot disagree on a scalar's type (docs/adr/014).
 *
 * @module
 */

/** A typed scalar value. */
export type ScalarValue = string | number | boolean | null;

// yaml.v3 resolve.go: the fixed spellings are looked up first.
const fixed = new Map<string, ScalarValue>([
  ['', null],
  ['~', null],
  ['null', null],
  ['Null', null],
  ['NULL', null],
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
  ['.nan', NaN],
  ['.NaN', NaN],
  ['.NAN', NaN],
  ['.inf', Infinity],
  ['.Inf', Infinity],
  ['.INF', Infinity],
  ['+.inf', Infinity],
  ['+.Inf', Infinity],
  ['+.INF', Infinity],
  ['-.inf', -Infinity],
  ['-.Inf', -Infinity],
  ['-.INF', -Infinity],
]);

/** Go's strconv float syntax as yaml.v3 restricts it (no hex floats, no inf/nan words). */
const floatPattern = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Go's ParseInt/ParseUint with base 0: sign, then a 0x / 0o / 0b / 0 prefix or decimal. */
const intPattern = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
/** The largest value ParseUint accepts; above it Go falls through to floats or strings. */
const uint64Max = (1n << 64n) - 1n;

/**
 * Types a plain scalar the way yaml.v3 does: null, booleans (YAML 1.2 spellings only; `yes`
 * and `on` stay strings), integers after removing `_` (`1_000`, `0x1F`, `0o17`, `0b101`, and
 * `0644` as octal), floats, and everything else as the string itself. Timestamps stay strings,
 * as yaml.v3 leaves them when decoding into untyped values.
 *
 * @example
 * resolvePlainScalar('0644'); // 420
 * resolvePlainScalar('1_000'); // 1000
 * resolvePlainScalar('on'); // 'on'
 */
export function resolvePlainScalar(text: string): ScalarValue {
  const known = fixed.get(text);
  if (known !== undefined || fixed.has(text)) return known ?? null;
  const first = text.charCodeAt(0);
  if (first === 0x2e /* . */) return floatPattern.test(text) ? Number(text) : text;
  const isDigit = first >= 0x30 && first <= 0x39;
  if (!isDigit && first !== 0x2b /* + */ && first !== 0x2d /* - */) return text;
  const plain = text.includes('_') ? text.replaceAll('_', '') : text;
  const int = intPattern.exec(plain);
  if (int !== null) {
    const digits = int[2] ?? '';
    // A leading 0 alone means octal in Go's base-0 syntax (BigInt reads it as decimal).
    const magnitude = BigInt(/^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits);
    if (magnitude <= uint64Max) return int[1] === '-' ? -Number(magnitude) : Number(magnitude);
  }
  if (floatPattern.test(plain)) return Number(plain);
  return text;
}

/** The YAML core tags a scalar may carry explicitly (`!!int "5"`). */
const coreTagPrefix = 'tag:yaml.org,2002:';

/**
 * Types a scalar written with an explicit core tag (`!!str`, `!!int`, `!!float`, `!!bool`,
 * `!!null`), as yaml.v3 does: the text must read as that type. Returns undefined when it does
 * not (yaml.v3: "cannot decode !!str `x` as a !!int"); returns the text itself for any other
 * tag (yaml.v3 leaves scalars under unknown tags as strings).
 */
export function resolveTaggedScalar(tag: string, text: string): ScalarValue | undefined {
  if (!tag.startsWith(coreTagPrefix)) return text;
  const value = resolvePlainScalar(text);
  switch (tag.slice(coreTagPrefix.length)) {
    case 'str':
      return text;
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
    case 'float':
      return typeof value === 'number' ? value : undefined;
    case 'bool':
      return typeof value === 'boolean' ? value : undefined;
    case 'null':
      return value === null ? null : undefined;
    default:
      return text;
  }
}
