/**
 * The CLI's one output module (pure): Docker-like tables, `--format table|json|TEMPLATE`, ages
 * ("2 minutes ago") and sizes. Every command prints lists through {@link writeList}.
 *
 * @module
 */
import { UsageError, type TextSink } from './io.js';

/** Renders rows as left-aligned columns separated by three spaces (Docker's look). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('   ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/**
 * A duration in Docker's words (go-units HumanDuration): `Less than a second`, `5 seconds`,
 * `About a minute`, `3 hours`, `4 days`, `2 weeks`, `3 months`, `2 years`.
 */
export function humanDuration(durationMs: number): string {
  const seconds = Math.floor(Math.max(0, durationMs) / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(durationMs / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

/** `5 seconds ago` for an RFC 3339 time before `nowMs`; `N/A` when the time is empty or invalid. */
export function ago(time: string, nowMs: number): string {
  const at = Date.parse(time);
  return Number.isNaN(at) ? 'N/A' : `${humanDuration(nowMs - at)} ago`;
}

function scaled(bytes: number, base: number, units: readonly string[]): [number, string] {
  let v = bytes;
  let i = 0;
  while (v >= base && i < units.length - 1) {
    v /= base;
    i += 1;
  }
  return [v, units[i] ?? ''];
}

/** Sizes as `image ls` prints them: decimal units, 3 significant digits (`2.02MB`, `512B`). */
export function decimalSize(bytes: number): string {
  const [v, unit] = scaled(bytes, 1000, ['B', 'kB', 'MB', 'GB', 'TB']);
  if (unit === 'B') return `${v}B`;
  const digits = v.toPrecision(3);
  return `${digits.includes('.') ? digits.replace(/\.?0+$/, '') : digits}${unit}`;
}

/** Sizes as `stats` prints them: binary units (`1.5MiB`, `64MiB`, `512KiB`, `12B`). */
export function binarySize(bytes: number): string {
  const [v, unit] = scaled(bytes, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB']);
  if (unit === 'B') return `${v}B`;
  // Trailing zeros go only after a decimal point: 780 stays 780, 1.50 becomes 1.5.
  const digits = v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2).replace(/\.(\d*?)0+$/, '.$1');
  return `${digits.replace(/\.$/, '')}${unit}`;
}

/** Truncates with `…` like Docker's COMMAND column. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The 12-character short form of an ID or `sha256:` digest. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** A parsed `--format` value. */
export type OutputFormat =
  { kind: 'table' } | { kind: 'json' } | { kind: 'template'; template: string };

/**
 * Parses `--format`: `table` (or nothing), `json`, or a template such as `{{.name}}\t{{.id}}`.
 *
 * @throws {UsageError} naming the flag for anything else.
 */
export function parseFormat(flag: string | undefined): OutputFormat {
  if (flag === undefined || flag === '' || flag === 'table') return { kind: 'table' };
  if (flag === 'json') return { kind: 'json' };
  if (flag.includes('{{')) return { kind: 'template', template: flag };
  throw new UsageError(
    `Invalid value for --format: "${flag}": use table, json or a template such as "{{.name}}"`,
  );
}

const placeholder = /\{\{\s*(json\s+)?\.([A-Za-z0-9_.]*)\s*\}\}/g;

function field(value: unknown, path: string, template: string): unknown {
  let v = value;
  for (const name of path === '' ? [] : path.split('.')) {
    if (v === null || typeof v !== 'object' || !(name in v)) {
      throw new UsageError(
        `Invalid value for --format: "${template}": no field "${name}"`,
        'use --format json to see the field names',
      );
    }
    v = (v as Record<string, unknown>)[name];
  }
  return v;
}

/**
 * Renders `{{.field}}`, `{{.a.b}}`, `{{json .field}}` and `{{json .}}` against `value`; `\t` and
 * `\n` in the template are a tab and a newline.
 *
 * @throws {UsageError} naming the flag for a field `value` does not have.
 */
export function renderTemplate(template: string, value: unknown): string {
  return template
    .replace(/\\t/g, '\t')
    .replace(/\\n/g, '\n')
    .replace(placeholder, (_, json: string | undefined, path: string) => {
      const v = field(value, path, template);
      if (v === undefined) return '';
      if (json === undefined && (typeof v === 'string' || typeof v === 'number')) return String(v);
      if (json === undefined && v === null) return '';
      return JSON.stringify(v);
    });
}

/** How one list command shows its items. */
export interface ListView<T> {
  header: readonly string[];
  /** The table row of one item. */
  row(item: T): readonly string[];
  /** What `json` and templates see of an item (default: the item itself). */
  data?(item: T): unknown;
  /** `array` prints one indented JSON array; `lines` (default) one JSON object per line. */
  json?: 'array' | 'lines';
}

/**
 * Writes a list as a table, JSON or one template line per item.
 *
 * @throws {UsageError} for a bad `--format` value.
 */
export function writeList<T>(
  out: TextSink,
  items: readonly T[],
  format: string | undefined,
  view: ListView<T>,
): void {
  const parsed = parseFormat(format);
  const data = (item: T): unknown => (view.data === undefined ? item : view.data(item));
  switch (parsed.kind) {
    case 'table':
      out.write(
        table(
          view.header,
          items.map((i) => view.row(i)),
        ),
      );
      return;
    case 'json':
      if (view.json === 'array') out.write(`${JSON.stringify(items.map(data), null, 2)}\n`);
      else for (const i of items) out.write(`${JSON.stringify(data(i))}\n`);
      return;
    case 'template':
      for (const i of items) out.write(`${renderTemplate(parsed.template, data(i))}\n`);
      return;
  }
}
