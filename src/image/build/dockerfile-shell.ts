/**
 * Word splitting and variable expansion for Dockerfile arguments (pure).
 *
 * Follows the Dockerfile reference ("Environment replacement"): `$VAR`, `${VAR}`,
 * `${VAR:-word}`, `${VAR:+word}`, `${VAR-word}`, `${VAR+word}`; single quotes keep text literal,
 * double quotes group words but still expand; the escape character (default `\`) makes the next
 * character literal. Unset variables expand to the empty string.
 *
 * @module
 */

/** Looks a variable up; undefined when it is not set. */
export type VarLookup = (name: string) => string | undefined;

/** Thrown for malformed words; the caller adds the Dockerfile line. */
export class ShellWordError extends Error {
  override name = 'ShellWordError';
}

interface Lexer {
  readonly text: string;
  pos: number;
  readonly escape: string;
  readonly lookup: VarLookup | undefined;
}

const isNameStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isNameChar = (c: string): boolean => /[A-Za-z0-9_]/.test(c);

/**
 * Splits `text` into words at unquoted whitespace, removing quotes and escapes and expanding
 * variables with `lookup` (no expansion when `lookup` is undefined).
 *
 * @throws {ShellWordError} on an unterminated quote or `${`.
 */
export function splitWords(text: string, lookup: VarLookup | undefined, escape = '\\'): string[] {
  const lx: Lexer = { text, pos: 0, escape, lookup };
  const words: string[] = [];
  let word = '';
  let inWord = false;
  while (lx.pos < text.length) {
    const c = text[lx.pos] ?? '';
    if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      lx.pos++;
      continue;
    }
    inWord = true;
    word += readUnit(lx);
  }
  if (inWord) words.push(word);
  return words;
}

/**
 * Processes `text` as a single word: quotes and escapes removed, variables expanded, whitespace
 * kept as is.
 *
 * @throws {ShellWordError} on an unterminated quote or `${`.
 */
export function expandWord(text: string, lookup: VarLookup | undefined, escape = '\\'): string {
  const lx: Lexer = { text, pos: 0, escape, lookup };
  let out = '';
  while (lx.pos < text.length) {
    const c = text[lx.pos] ?? '';
    if (/\s/.test(c)) {
      out += c;
      lx.pos++;
    } else {
      out += readUnit(lx);
    }
  }
  return out;
}

/**
 * Splits `text` at unquoted whitespace WITHOUT removing quotes or expanding, so each word can be
 * processed later (used for `KEY=VALUE` pairs, whose values expand one by one).
 *
 * @throws {ShellWordError} on an unterminated quote.
 */
export function splitRawWords(text: string, escape = '\\'): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === escape && quote !== "'" && i + 1 < text.length) {
      word += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      word += c;
      continue;
    }
    if (/\s/.test(c)) {
      if (word !== '') words.push(word);
      word = '';
      continue;
    }
    word += c;
  }
  if (quote !== undefined) throw new ShellWordError(`Unterminated quote ${quote} in "${text}"`);
  if (word !== '') words.push(word);
  return words;
}

/** Reads one non-whitespace unit (a quoted string, an escape, a variable, or a character). */
function readUnit(lx: Lexer): string {
  const c = lx.text[lx.pos] ?? '';
  if (c === "'") return readSingleQuoted(lx);
  if (c === '"') return readDoubleQuoted(lx);
  if (c === lx.escape) {
    lx.pos++;
    if (lx.pos >= lx.text.length) return lx.escape;
    return lx.text[lx.pos++] ?? '';
  }
  if (c === '$' && lx.lookup !== undefined) return readVariable(lx);
  lx.pos++;
  return c;
}

function readSingleQuoted(lx: Lexer): string {
  const end = lx.text.indexOf("'", lx.pos + 1);
  if (end < 0) throw new ShellWordError(`Unterminated quote ' in "${lx.text}"`);
  const s = lx.text.slice(lx.pos + 1, end);
  lx.pos = end + 1;
  return s;
}

function readDoubleQuoted(lx: Lexer): string {
  lx.pos++;
  let out = '';
  while (lx.pos < lx.text.length) {
    const c = lx.text[lx.pos] ?? '';
    if (c === '"') {
      lx.pos++;
      return out;
    }
    if (c === lx.escape) {
      const next = lx.text[lx.pos + 1];
      if (next === '"' || next === '$' || next === lx.escape) {
        out += next;
        lx.pos += 2;
        continue;
      }
      out += c;
      lx.pos++;
      continue;
    }
    if (c === '$' && lx.lookup !== undefined) {
      out += readVariable(lx);
      continue;
    }
    out += c;
    lx.pos++;
  }
  throw new ShellWordError(`Unterminated quote " in "${lx.text}"`);
}

/** Reads `$NAME` or `${...}` at lx.pos and returns its expansion. */
function readVariable(lx: Lexer): string {
  const lookup = lx.lookup;
  const next = lx.text[lx.pos + 1] ?? '';
  if (lookup === undefined) {
    lx.pos++;
    return '$';
  }
  if (next === '{') return readBraced(lx, lookup);
  if (!isNameStart(next)) {
    lx.pos++;
    return '$';
  }
  let end = lx.pos + 1;
  while (end < lx.text.length && isNameChar(lx.text[end] ?? '')) end++;
  const name = lx.text.slice(lx.pos + 1, end);
  lx.pos = end;
  return lookup(name) ?? '';
}

function readBraced(lx: Lexer, lookup: VarLookup): string {
  const start = lx.pos;
  let i = lx.pos + 2;
  while (i < lx.text.length && isNameChar(lx.text[i] ?? '')) i++;
  const name = lx.text.slice(lx.pos + 2, i);
  if (name === '') throw new ShellWordError(`Bad substitution in "${lx.text}"`);
  // Find the matching close brace, honouring nested ${...}.
  let depth = 1;
  let j = i;
  for (; j < lx.text.length && depth > 0; j++) {
    const ch = lx.text[j];
    if (ch === lx.escape) j++;
    else if (ch === '$' && lx.text[j + 1] === '{') {
      depth++;
      j++;
    } else if (ch === '}') depth--;
  }
  if (depth !== 0) throw new ShellWordError(`Missing "}" in "${lx.text.slice(start)}"`);
  const modifierAndWord = lx.text.slice(i, j - 1);
  lx.pos = j;
  const value = lookup(name);
  if (modifierAndWord === '') return value ?? '';
  const m = /^(:?)([-+?])([\s\S]*)$/.exec(modifierAndWord);
  if (m === null)
    throw new ShellWordError(`Unsupported modifier in "\${${name}${modifierAndWord}}"`);
  const colon = m[1] === ':';
  const op = m[2];
  const word = expandWord(m[3] ?? '', lookup, lx.escape);
  const isSet = colon ? value !== undefined && value !== '' : value !== undefined;
  if (op === '-') return isSet ? (value ?? '') : word;
  if (op === '+') return isSet ? word : '';
  if (!isSet) throw new ShellWordError(`${name}: ${word === '' ? 'is not set' : word}`);
  return value ?? '';
}
