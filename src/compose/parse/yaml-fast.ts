/**
 * The fast YAML path: js-yaml parses an order of magnitude faster than the `yaml` package
 * (whose Document API keeps positions), so valid projects load with js-yaml and nodes carry
 * only their file. When anything is wrong, the loader runs again with {@link parseYaml} to
 * report every issue at its exact line and column (see docs/adr on compose parsing).
 *
 * @module
 */
import jsYaml from 'js-yaml';
import type { LNode, Loc, MapNode, MergeTag } from './node.js';

/** A value under `!reset` or `!override`. */
class Tagged {
  constructor(
    readonly tag: MergeTag,
    readonly value: unknown,
  ) {}
}

const tagTypes = (['reset', 'override'] as const).flatMap((tag) =>
  (['scalar', 'sequence', 'mapping'] as const).map(
    (kind) =>
      new jsYaml.Type(`!${tag}`, { kind, construct: (data: unknown) => new Tagged(tag, data) }),
  ),
);

// Integers as Go's yaml.v3 reads them (Docker Compose): a leading zero means octal (0644).
const goInt = new jsYaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) =>
    data !== null && /^([-+]?(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|0o[0-7_]+|0[0-7_]+)$/.test(data),
  construct: (data: string) => {
    const s = data.replace(/_/g, '');
    if (/^0[0-7]+$/.test(s)) return parseInt(s, 8);
    if (s.startsWith('0o')) return parseInt(s.slice(2), 8);
    if (s.startsWith('0x')) return parseInt(s.slice(2), 16);
    return Number(s);
  },
});

// The typings omit `types`, which js-yaml 4 exports (lib/js-yaml.js).
const types = (
  jsYaml as unknown as { types: Record<'null' | 'bool' | 'float' | 'merge', jsYaml.Type> }
).types;

const schema = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [types.null, types.bool, goInt, types.float, types.merge],
  explicit: tagTypes,
});

/**
 * Nodes one file may expand to through aliases before the fast path gives up: a base plus one
 * per byte of text (a file never has more nodes than bytes without aliases), so a small
 * "billion laughs" file fails fast while a large real file still loads.
 */
const fastBaseNodesCount = 100_000;

/**
 * Parses YAML text into located nodes whose location is the file only. Returns undefined when
 * the text is not valid YAML (or too large after alias expansion): the caller then uses the
 * precise parser, which explains the problem.
 */
export function parseYamlFast(
  text: string,
  file: string,
  dir: string,
): (LNode | undefined)[] | undefined {
  let docs: unknown[];
  try {
    docs = jsYaml.loadAll(text, undefined, { schema, filename: file });
  } catch {
    return undefined;
  }
  const loc: Loc = { file, line: 0, column: 0, dir };
  const budget = { nodes: 0, max: fastBaseNodesCount + text.length };
  try {
    return docs.map((d) =>
      d === null || d === undefined ? undefined : convert(d, loc, budget, 0),
    );
  } catch {
    return undefined;
  }
}

/**
 * Key locations are only read to report issues, and issues always come from the precise pass,
 * so fast-path mappings share one map that ignores writes (one Map less per mapping).
 */
class IgnoredLocs extends Map<string, Loc> {
  override set(): this {
    return this;
  }
}
const noKeyLocs = new IgnoredLocs();

interface Budget {
  nodes: number;
  max: number;
}

function convert(v: unknown, loc: Loc, budget: Budget, depth: number): LNode {
  if (++budget.nodes > budget.max || depth > 500) throw new Error('too large');
  if (v instanceof Tagged) {
    const node = convert(v.value, loc, budget, depth + 1);
    node.tag = v.tag;
    return node;
  }
  if (Array.isArray(v))
    return { kind: 'seq', items: v.map((i) => convert(i, loc, budget, depth + 1)), loc };
  if (v !== null && typeof v === 'object') {
    if (v instanceof Date) throw new Error('unexpected timestamp');
    const node: MapNode = { kind: 'map', entries: new Map(), keyLocs: noKeyLocs, loc };
    for (const [k, x] of Object.entries(v)) node.entries.set(k, convert(x, loc, budget, depth + 1));
    return node;
  }
  if (v === null || v === undefined) return { kind: 'scalar', value: null, loc };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    return { kind: 'scalar', value: v, loc };
  throw new Error('unexpected value');
}
