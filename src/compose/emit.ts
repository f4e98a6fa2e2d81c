/**
 * A small YAML emitter for the normalized model (plain data: mappings, sequences, strings,
 * numbers, booleans, null), in the style of Go's yaml.v3 encoder used by Docker Compose:
 * 2-space indentation, indented sequences, plain scalars where YAML 1.1 would read them back
 * as the same string, double quotes otherwise, literal blocks for multi-line strings.
 *
 * It exists because it is an order of magnitude faster than a general YAML library's
 * stringify, which dominated `tsorch config` on large projects.
 *
 * @module
 */

// Plain scalars YAML 1.1 (and so Go's yaml.v3 and older parsers) would read as non-strings.
const implicitWords =
  /^(~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|<<|=)$/;
const implicitNumber =
  /^[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|\.[0-9_]+([eE][-+]?[0-9]+)?|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|\.(inf|Inf|INF))$|^\.(nan|NaN|NAN)$/;

/** True when `s` can be written as a plain (unquoted) scalar and read back as the same string. */
export function isPlainSafe(s: string): boolean {
  if (s === '' || s.trim() !== s) return false;
  if (implicitWords.test(s) || implicitNumber.test(s)) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\ufeff]/.test(s)) return false;
  const first = s[0] ?? '';
  if ('[]{}#&*!|>\'"%@`,'.includes(first)) return false;
  if ('-?:'.includes(first) && (s.length === 1 || s[1] === ' ')) return false;
  return !(s.includes(': ') || s.includes(' #') || s.endsWith(':'));
}

/** Emitter options. */
export interface EmitOptions {
  /** Write every `$` in strings (keys and values) as `$$`. */
  escapeDollars: boolean;
}

let escapeDollars = false;

function text(s: string): string {
  return escapeDollars && s.includes('$') ? s.replaceAll('$', '$$$$') : s;
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  const s = text(typeof v === 'string' ? v : JSON.stringify(v));
  return isPlainSafe(s) ? s : JSON.stringify(s);
}

function literalBlock(s: string, indent: string): string | undefined {
  if (!s.includes('\n') || s.startsWith(' ') || s.startsWith('\n')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s)) return undefined;
  const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? undefined : '') : '-';
  if (chomp === undefined) return undefined;
  const body = (chomp === '' ? s.slice(0, -1) : s).split('\n');
  return `|${chomp}\n${body.map((l) => (l === '' ? '' : indent + l)).join('\n')}`;
}

function isCollection(v: unknown): v is Record<string, unknown> | unknown[] {
  return v !== null && typeof v === 'object';
}

function isEmpty(v: Record<string, unknown> | unknown[]): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

/** Emits `value` (a mapping at the top) as a YAML document. */
export function emitYaml(value: unknown, options: EmitOptions = { escapeDollars: false }): string {
  const out: string[] = [];
  escapeDollars = options.escapeDollars;
  try {
    emitNode(value, '', out);
  } finally {
    escapeDollars = false;
  }
  return `${out.join('\n')}\n`;
}

function valueText(v: unknown, indent: string): string | undefined {
  if (isCollection(v)) return isEmpty(v) ? (Array.isArray(v) ? '[]' : '{}') : undefined;
  if (typeof v === 'string') return literalBlock(text(v), indent) ?? scalar(v);
  return scalar(v);
}

function emitNode(value: unknown, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) emitItem(item, indent, out);
  } else if (isCollection(value)) {
    for (const [k, v] of Object.entries(value)) {
      const key = scalar(k);
      const text = valueText(v, `${indent}  `);
      if (text !== undefined) out.push(`${indent}${key}: ${text}`);
      else {
        out.push(`${indent}${key}:`);
        emitNode(v, `${indent}  `, out);
      }
    }
  } else out.push(`${indent}${scalar(value)}`);
}

function emitItem(item: unknown, indent: string, out: string[]): void {
  const inner = `${indent}  `;
  const text = valueText(item, inner);
  if (text !== undefined) {
    out.push(`${indent}- ${text}`);
    return;
  }
  const start = out.length;
  emitNode(item, inner, out);
  // The first line of a nested collection moves up beside the dash.
  const first = out[start] ?? '';
  out[start] = `${indent}- ${first.slice(inner.length)}`;
}
