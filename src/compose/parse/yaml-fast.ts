/**
 * The fast YAML path: js-yaml parses an order of magnitude faster than the `yaml` package
 * (whose Document API keeps positions), so valid projects load with js-yaml and nodes carry
 * only their file. When anything is wrong, the loader runs again with the precise reader
 * (yaml.ts) to report every issue at its exact line and column (docs/adr/008). Both readers
 * type scalars with scalar.ts, and test/unit/compose/yaml-differential.test.ts holds them to
 * one contract (docs/adr/014): a tree from this reader is the precise reader's tree, and a file
 * the precise reader rejects is declined here.
 *
 * @module
 */
import jsYaml from 'js-yaml';
import type { LNode, Loc, MapNode, MergeTag } from './node.js';
import { resolvePlainScalar, resolveTaggedScalar } from './scalar.js';

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

// Plain scalars are typed by the rule the precise reader shares (scalar.ts); js-yaml calls an
// implicit type only for plain scalars, so quoted strings stay strings.
const goScalar = new jsYaml.Type('tag:tsorch,2026:plain', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && typeof resolvePlainScalar(data) !== 'string',
  construct: (data: string) => resolvePlainScalar(data),
});

// Explicitly tagged scalars (`!!int "5"`), read as yaml.v3 reads them.
const coreTypes = (['int', 'float', 'bool', 'null'] as const).map(
  (name) =>
    new jsYaml.Type(`tag:yaml.org,2002:${name}`, {
      kind: 'scalar',
      resolve: (data: string | null) =>
        resolveTaggedScalar(`tag:yaml.org,2002:${name}`, data ?? '') !== undefined,
      construct: (data: string | null) =>
        resolveTaggedScalar(`tag:yaml.org,2002:${name}`, data ?? ''),
    }),
);

// The typings omit `types`, which js-yaml 4 exports (lib/js-yaml.js).
const types = (jsYaml as unknown as { types: Record<'merge', jsYaml.Type> }).types;

const schema = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [goScalar, types.merge],
  explicit: [...tagTypes, ...coreTypes],
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
  if (lenientSyntax.test(text)) return undefined;
  let docs: unknown[];
  try {
    docs = jsYaml.loadAll(text, undefined, {
      schema,
      filename: file,
      listener: leniencyGuard(),
    });
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
 * Syntax js-yaml reads where yaml.v3 and the precise reader do not (or read differently), left
 * to the precise reader: explicit keys (`? [a]` becomes the key "a" in js-yaml), and a mapping
 * opened after an anchor or tag on its parent key's line (`a: &x b: c`, which yaml.v3 refuses),
 * a comment glued to a closing bracket or quote (`{}#`), and a key after a closing bracket on
 * the same line (`[80] image: x`).
 */
const lenientSyntax =
  /(^|[\s{,[])\?(\s|$)|:[ \t]+[&!][^\s]*[ \t]+[^\s#'"][^\n#]*:(\s|$)|[\]}"']#|[\]}][ \t]+[^\s#,\]}][^\n]*?:(\s|$)/m;

/**
 * A js-yaml listener that throws (so the precise reader decides) where js-yaml is more lenient
 * than yaml.v3 and the precise reader:
 * - js-yaml registers a collection's anchor before reading its content, so an alias inside the
 *   anchored collection reads a half-built value where the others report "anchor contains
 *   itself": every finished collection is noted, and an alias (a node without a kind but with
 *   a value) that yields an unfinished one throws;
 * - js-yaml accepts quoted scalars and flow collections whose continuation lines are not
 *   indented more than the line they start on: they throw.
 */
function leniencyGuard(): (eventType: jsYaml.EventType, state: jsYaml.State) => void {
  const finished = new WeakSet<object>();
  const starts: number[] = [];
  return (eventType, state) => {
    if (eventType === 'open') {
      starts.push(state.position);
      return;
    }
    const start = starts.pop() ?? 0;
    if (underIndented(state.input, start, state.position)) throw new Error('under-indented');
    const value: unknown = state.result;
    if (value === null || typeof value !== 'object') return;
    if ((state.kind as string | null) !== null) finished.add(value);
    else if (!finished.has(value)) throw new Error('alias inside its own anchor');
  };
}

/**
 * True when the node at [start, end) is a quoted scalar or a flow collection (after any anchor
 * or tag) spanning lines, and a continuation line is not indented more than its first line
 * (the `yaml` package's rule is looser in places: this only sends more files to it).
 */
function underIndented(input: string, start: number, end: number): boolean {
  const nl = input.indexOf('\n', start);
  if (nl < 0 || nl >= end) return false;
  const head = /^[ \t]*(?:[&!]\S*[ \t]+)*(.)/.exec(input.slice(start, nl))?.[1];
  if (head !== '"' && head !== "'" && head !== '[' && head !== '{') return false;
  const lineStart = input.lastIndexOf('\n', start - 1) + 1;
  const indent = /^ */.exec(input.slice(lineStart, start))?.[0].length ?? 0;
  const lines = input.slice(nl + 1, end).split('\n');
  return lines.some((l) => {
    const lineIndent = /^ */.exec(l)?.[0].length ?? 0;
    // A closing bracket may sit at the first line's indentation (JSON style).
    return l.trim() !== '' && (/^ *[\]}]/.test(l) ? lineIndent < indent : lineIndent <= indent);
  });
}

/**
 * js-yaml turns every key into a string: `123` and `"123"` both become "123", `[a, b]` becomes
 * "a,b" and a mapping or a tagged key "[object Object]". Keys that may have been written as
 * something other than a string are left to the precise reader, which knows how they were
 * written (a non-string key is an issue there).
 */
function plainKey(key: string): boolean {
  const string = typeof resolvePlainScalar(key) === 'string';
  return string && !key.includes(',') && key !== '[object Object]';
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
    for (const [k, x] of Object.entries(v)) {
      if (!plainKey(k)) throw new Error('key needs the precise reader');
      node.entries.set(k, convert(x, loc, budget, depth + 1));
    }
    return node;
  }
  if (v === null || v === undefined) return { kind: 'scalar', value: null, loc };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    return { kind: 'scalar', value: v, loc };
  throw new Error('unexpected value');
}
