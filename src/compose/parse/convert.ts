/**
 * Shared helpers of the normalizer: a context that reports issues at source positions, and
 * conversions of loosely typed YAML values (strings from interpolation) to typed values.
 *
 * @module
 */
import { issueAt, type ComposeIssue, type IssueCode } from './issues.js';
import { locate, type LocIndex, type Path } from './node.js';
import { resolvePath } from './paths.js';
import type { Lookup } from './template.js';
import { formatDuration, parseBytes, parseDuration } from './units.js';

/** Reads a file by absolute path; undefined when it does not exist. */
export type ReadFile = (absolutePath: string) => string | undefined;

/** Options of normalization. */
export interface NormalizeOptions {
  projectName: string;
  /** The project environment (process env over `.env`). */
  env: Lookup;
  resolvePaths: boolean;
  /** Fill defaults (default network, resource names, build defaults). */
  normalize: boolean;
  /** Resolve service environments from env files and the project environment. */
  resolveEnvironment: boolean;
  /** Home directory for `~` in paths. */
  home: string | undefined;
  readFile: ReadFile;
  /** The project working directory. */
  workingDir: string;
}

/** Normalization context: options, source positions and collected issues. */
export class Ctx {
  readonly issues: ComposeIssue[] = [];
  readonly warnings: string[] = [];
  constructor(
    readonly opts: NormalizeOptions,
    readonly index: LocIndex,
  ) {}

  /** Records an issue at `path`. */
  issue(path: Path, code: IssueCode, message: string): void {
    this.issues.push(issueAt(locate(this.index, path), path, code, message));
  }

  /** Directory that relative paths of the value at `path` resolve against. */
  dirOf(path: Path): string {
    return locate(this.index, path)?.dir ?? this.opts.workingDir;
  }

  /** Resolves a local path written at `path` (when path resolution is on). */
  resolve(path: Path, p: string): string {
    if (!this.opts.resolvePaths) return p;
    return resolvePath(this.dirOf(path), p, this.opts.home);
  }

  str(v: unknown): string {
    return typeof v === 'string' ? v : v === null || v === undefined ? '' : stringify(v);
  }

  bool(path: Path, v: unknown): boolean | undefined {
    if (typeof v === 'boolean') return v;
    const s = this.str(v);
    if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(s)) return true;
    if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(s)) return false;
    this.issue(path, 'invalid_value', `Expected a boolean (true or false), got "${s}"`);
    return undefined;
  }

  int(path: Path, v: unknown): number | undefined {
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (typeof v === 'string' && /^[-+]?[0-9]+$/.test(v.trim())) return Number(v);
    this.issue(path, 'invalid_value', `Expected an integer, got ${JSON.stringify(v)}`);
    return undefined;
  }

  num(path: Path, v: unknown): number | undefined {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    this.issue(path, 'invalid_value', `Expected a number, got ${JSON.stringify(v)}`);
    return undefined;
  }

  duration(path: Path, v: unknown): string | undefined {
    const r = parseDuration(typeof v === 'number' ? v : this.str(v));
    if (r.ok) return formatDuration(r.ns);
    this.issue(path, 'invalid_duration', r.message);
    return undefined;
  }

  bytes(path: Path, v: unknown): string | undefined {
    const r = parseBytes(typeof v === 'number' ? v : this.str(v));
    if (r.ok) return String(r.bytes);
    this.issue(path, 'invalid_bytes', r.message);
    return undefined;
  }

  /** A list-or-mapping of key/values as a sorted mapping of strings (labels, sysctls). */
  stringMap(v: unknown, sep = '='): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, val] of entriesOf(v, sep)) out[k] = val === null ? '' : this.str(val);
    return sortKeys(out);
  }

  /** Like {@link stringMap} but keeps null for keys without a value (environment). */
  nullableMap(v: unknown, sep = '='): Record<string, string | null> {
    const out: Record<string, string | null> = {};
    for (const [k, val] of entriesOf(v, sep)) out[k] = val === null ? null : this.str(val);
    return sortKeys(out);
  }

  list(v: unknown): string[] {
    if (v === null || v === undefined) return [];
    return Array.isArray(v) ? v.map((x) => this.str(x)) : [this.str(v)];
  }
}

/** Converts a scalar (or anything) to text without `[object Object]`. */
export function stringify(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return v === null || v === undefined ? '' : JSON.stringify(v);
}

/** Key/value pairs of a mapping or a `KEY=value` list. */
export function entriesOf(v: unknown, sep = '='): [string, unknown][] {
  if (Array.isArray(v)) {
    return v.map((item) => {
      const s = typeof item === 'string' ? item : stringify(item);
      const i = s.indexOf(sep);
      return i < 0 ? [s, null] : [s.slice(0, i), s.slice(i + 1)];
    });
  }
  if (v !== null && typeof v === 'object') return Object.entries(v);
  return [];
}

/** Returns `obj` with its keys sorted (Go prints maps in key order). */
export function sortKeys<T>(obj: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(obj).sort()) out[k] = obj[k] as T;
  return out;
}

/** Returns `obj` with keys in `order` first, extensions (`x-`) after, others dropped if empty. */
export function ordered(
  obj: Record<string, unknown>,
  order: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (obj[k] !== undefined) out[k] = obj[k];
  for (const k of Object.keys(obj).sort()) if (!(k in out) && obj[k] !== undefined) out[k] = obj[k];
  return out;
}

/** True when `v` is a plain object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Copies the `x-` extension keys of `from` into `to`. */
export function copyExtensions(from: Record<string, unknown>, to: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(from)) if (k.startsWith('x-')) to[k] = v;
}
