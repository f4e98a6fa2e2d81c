/**
 * Printing a normalized project the way `docker compose config` does: YAML (2-space indent,
 * indented sequences, no line folding, ambiguous strings double-quoted) or indented JSON, with
 * `$` re-escaped as `$$` when interpolation ran, so the output loads back to the same model.
 *
 * @module
 */
import { emitYaml } from './emit.js';
import type { ComposeProject } from './parse/index.js';

/** Output formats of `tsorch config`. */
export type RenderFormat = 'yaml' | 'json';

/**
 * Renders `project`.
 *
 * @param escapeDollars re-escape `$` as `$$` (true unless `--no-interpolate`).
 */
export function renderProject(
  project: ComposeProject,
  format: RenderFormat,
  escapeDollars: boolean,
): string {
  if (format === 'json') {
    const data = withoutNestedExtensions(project);
    return `${JSON.stringify(escapeDollars ? escape(data) : data, null, 2)}\n`;
  }
  return emitYaml(project, { escapeDollars });
}

/**
 * Mappings whose keys are names or user data, not fields: an `x-` key there is not an
 * extension (a label may be called `x-team`).
 */
const dataMaps = new Set([
  'services',
  'networks',
  'volumes',
  'secrets',
  'configs',
  'models',
  'labels',
  'annotations',
  'environment',
  'args',
  'sysctls',
  'driver_opts',
  'options',
  'extra_hosts',
  'additional_contexts',
  'depends_on',
  'ulimits',
  'storage_opt',
]);

/**
 * compose-go prints extensions (`x-*` keys) in JSON only at the top level: its types mark
 * nested ones `json:"-"`. Top-level extension values are kept whole (they are user data).
 */
function withoutNestedExtensions(project: ComposeProject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(project))
    out[k] = k.startsWith('x-') ? x : stripExtensions(x, dataMaps.has(k));
  return out;
}

/** Drops `x-*` keys of `v` and below, except where `keysAreData` (names, labels). */
function stripExtensions(v: unknown, keysAreData: boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => stripExtensions(x, false));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('x-') && !keysAreData) continue;
    out[k] = stripExtensions(x, !keysAreData && dataMaps.has(k));
  }
  return out;
}

function escape(v: unknown): unknown {
  if (typeof v === 'string') return v.replaceAll('$', '$$$$');
  if (Array.isArray(v)) return v.map(escape);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k.replaceAll('$', '$$$$')] = escape(x);
    return out;
  }
  return v;
}
