/**
 * Variable substitution in compose values (compose-spec: interpolation): `$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`,
 * `${VAR+alt}`, nested expressions inside defaults, and `$$` for a literal `$`.
 *
 * @module
 */

/** Looks a variable up; undefined when it is not set. */
export type Lookup = (name: string) => string | undefined;

/** Result of substituting one string. */
export type SubstituteResult =
  { ok: true; value: string; unset: string[] } | { ok: false; message: string; variable?: string };

const nameStart = /[A-Za-z_]/;
const nameChar = /[A-Za-z0-9_]/;

/**
 * Substitutes variables in `text`.
 *
 * @example
 * substitute('${TAG:-latest}', (n) => undefined) // { ok: true, value: 'latest', unset: [] }
 */
export function substitute(text: string, lookup: Lookup): SubstituteResult {
  if (!text.includes('$')) return { ok: true, value: text, unset: [] };
  const unset: string[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next !== undefined && nameStart.test(next)) {
      let j = i + 1;
      while (j < text.length && nameChar.test(text[j] ?? '')) j++;
      const name = text.slice(i + 1, j);
      const v = lookup(name);
      if (v === undefined) unset.push(name);
      out += v ?? '';
      i = j;
      continue;
    }
    if (next === '{') {
      const end = matchingBrace(text, i + 2);
      if (end < 0) return { ok: false, message: `Invalid template "${text}": missing "}"` };
      const r = braced(text.slice(i + 2, end), text, lookup);
      if (!r.ok) return r;
      out += r.value;
      unset.push(...r.unset);
      i = end + 1;
      continue;
    }
    // A lone `$` (before a digit, a space or the end) stays literal, as in compose-go.
    out += '$';
    i++;
  }
  return { ok: true, value: out, unset };
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '$') {
      i++;
    } else if (c === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function braced(inner: string, whole: string, lookup: Lookup): SubstituteResult {
  let j = 0;
  if (!nameStart.test(inner[0] ?? '')) {
    return {
      ok: false,
      message: `Invalid template "${whole}": expected a variable name after "\${"`,
    };
  }
  while (j < inner.length && nameChar.test(inner[j] ?? '')) j++;
  const name = inner.slice(0, j);
  const rest = inner.slice(j);
  const value = lookup(name);
  if (rest === '') {
    return value === undefined
      ? { ok: true, value: '', unset: [name] }
      : { ok: true, value, unset: [] };
  }
  const colon = rest.startsWith(':');
  const op = colon ? rest[1] : rest[0];
  const arg = rest.slice(colon ? 2 : 1);
  // With a colon, an empty value counts as unset (POSIX shell semantics).
  const isSet = value !== undefined && (!colon || value !== '');
  switch (op) {
    case '-':
      return isSet ? { ok: true, value, unset: [] } : substitute(arg, lookup);
    case '+':
      return isSet ? substitute(arg, lookup) : { ok: true, value: '', unset: [] };
    case '?': {
      if (isSet) return { ok: true, value, unset: [] };
      const detail = substitute(arg, lookup);
      const text = detail.ok ? detail.value : arg;
      return {
        ok: false,
        variable: name,
        message:
          `Required variable "${name}" is missing a value` + (text === '' ? '' : `: ${text}`),
      };
    }
    case undefined:
    default:
      return {
        ok: false,
        message: `Invalid template "${whole}": unknown operator "${rest.slice(0, colon ? 2 : 1)}" after "${name}"`,
      };
  }
}
