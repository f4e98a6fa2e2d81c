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
  if (format === 'json')
    return `${JSON.stringify(escapeDollars ? escape(project) : project, null, 2)}\n`;
  return emitYaml(project, { escapeDollars });
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
