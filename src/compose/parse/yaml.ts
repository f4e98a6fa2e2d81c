/**
 * YAML text to located nodes, with compose's custom tags (`!reset`, `!override`), YAML merge
 * keys (`<<`), anchors and aliases. Scalars are read as strings (the failsafe schema) and typed
 * by {@link resolvePlainScalar}, the rule the fast reader shares (Go yaml.v3's: `0644` is octal,
 * `1_000` is 1000).
 *
 * @module
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
  type Scalar,
} from 'yaml';
import { issueAt, type ComposeIssue } from './issues.js';
import { type LNode, type Loc, type MapNode, type MergeTag, type Path } from './node.js';
import { resolvePlainScalar, resolveTaggedScalar, type ScalarValue } from './scalar.js';

/**
 * Nodes a file may expand to through aliases (a bound against "billion laughs"): a base plus
 * one per byte of text, as in yaml-fast.ts.
 */
const yamlBaseNodesCount = 100_000;
/** Deepest nesting of collections (after alias expansion). */
const yamlMaxDepth = 500;

/** One parsed YAML document of a compose file. */
export interface ParsedDocument {
  root: LNode | undefined;
}

/**
 * Parses compose YAML text. Returns one entry per document (a compose file may hold several;
 * they apply in order) and the syntax issues found.
 */
export function parseYaml(
  text: string,
  file: string,
  dir: string,
): { documents: ParsedDocument[]; issues: ComposeIssue[] } {
  const lineCounter = new LineCounter();
  const issues: ComposeIssue[] = [];
  const docs = parseAllDocuments(text, {
    lineCounter,
    // Every scalar stays a string here; scalarValue() types it as yaml.v3 does.
    schema: 'failsafe',
    prettyErrors: false,
    // Keys must be unique, but a map may hold several merge keys (`<<`), as js-yaml allows.
    uniqueKeys: (a, b) => isScalar(a) && isScalar(b) && a.value === b.value && a.value !== '<<',
  });
  const list = Array.isArray(docs) ? docs : [];
  const at = (offset: number | undefined): Loc => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { file, line: pos.line, column: pos.col, dir };
  };
  const documents: ParsedDocument[] = [];
  // yaml.v3 and js-yaml refuse NUL characters anywhere, the `yaml` package only outside comments.
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const why = 'Cannot parse YAML: a NUL character is not allowed';
    return { documents, issues: [issueAt(at(nul), [], 'yaml_syntax', why)] };
  }
  for (const doc of list) {
    for (const err of doc.errors) {
      const loc = at(err.pos[0]);
      issues.push(issueAt(loc, [], 'yaml_syntax', `Cannot parse YAML: ${firstLine(err.message)}`));
    }
    if (doc.errors.length > 0) continue;
    const converter = new Converter(doc, at, issues, yamlBaseNodesCount + text.length);
    const root = doc.contents === null ? undefined : converter.convert(doc.contents, []);
    // An empty document (`---` alone, or `null`) holds nothing, as in js-yaml and yaml.v3.
    documents.push({ root: root?.kind === 'scalar' && root.value === null ? undefined : root });
  }
  return { documents, issues };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/\.$/, '');
}

function mergeTagOf(tag: string | undefined): MergeTag {
  if (tag === '!reset') return 'reset';
  if (tag === '!override') return 'override';
  return undefined;
}

class Converter {
  private depth = 0;
  private nodes = 0;
  private failed = false;
  private readonly aliases = new Map<object, YamlNode | undefined>();
  constructor(
    private readonly doc: Document.Parsed,
    private readonly at: (offset: number | undefined) => Loc,
    private readonly issues: ComposeIssue[],
    private readonly maxNodes: number,
  ) {}

  convert(node: unknown, path: Path): LNode {
    // Aliases expand to their anchor's node; nesting is bounded by the alias count above and
    // by this depth guard against self-referencing anchors.
    if (this.failed || this.depth > yamlMaxDepth || ++this.nodes > this.maxNodes) {
      const loc = this.at(0);
      if (!this.failed) {
        const why =
          this.depth > yamlMaxDepth
            ? 'nesting too deep (an alias may refer to its own anchor)'
            : 'aliases expand to too many nodes';
        this.issues.push(issueAt(loc, [], 'yaml_syntax', `Cannot parse YAML: ${why}`));
        this.failed = true;
      }
      return { kind: 'scalar', value: null, loc };
    }
    this.depth++;
    try {
      return this.convertInner(node, path);
    } finally {
      this.depth--;
    }
  }

  private convertInner(node: unknown, path: Path): LNode {
    if (isAlias(node)) {
      // Alias.resolve searches the document; an alias expanded many times resolves once.
      let target = this.aliases.get(node);
      if (target === undefined && !this.aliases.has(node)) {
        target = node.resolve(this.doc);
        this.aliases.set(node, target);
      }
      if (target === undefined) {
        const loc = this.at(node.range?.[0]);
        this.issues.push(issueAt(loc, [], 'yaml_syntax', `Cannot resolve alias "*${node.source}"`));
        return { kind: 'scalar', value: null, loc };
      }
      return this.convert(target, path);
    }
    const yamlNode = node as YamlNode;
    const loc = this.at(yamlNode.range?.[0]);
    const tag = mergeTagOf(yamlNode.tag);
    if (isScalar(node)) {
      const out: LNode = { kind: 'scalar', value: this.scalarValue(node, loc), loc };
      if (tag !== undefined) out.tag = tag;
      return out;
    }
    if (isSeq(node)) {
      const out: LNode = {
        kind: 'seq',
        items: node.items.map((i, n) => this.convert(i, [...path, n])),
        loc,
      };
      if (tag !== undefined) out.tag = tag;
      return out;
    }
    if (isMap(node)) return this.convertMap(node.items, loc, tag, path);
    return { kind: 'scalar', value: null, loc };
  }

  /** Types a scalar: plain ones by yaml.v3's rules, explicitly tagged ones by their tag. */
  private scalarValue(node: Scalar, loc: Loc): ScalarValue {
    const text = typeof node.value === 'string' ? node.value : '';
    if (node.tag !== undefined && node.tag !== '!') {
      // A `!reset`/`!override` scalar keeps its text; with no text at all it is null.
      if (mergeTagOf(node.tag) !== undefined)
        return text === '' && node.type === 'PLAIN' ? null : text;
      const value = resolveTaggedScalar(node.tag, text);
      if (value !== undefined) return value;
      const why = `cannot read "${text}" as ${node.tag.replace('tag:yaml.org,2002:', '!!')}`;
      this.issues.push(issueAt(loc, [], 'yaml_syntax', `Cannot parse YAML: ${why}`));
      return null;
    }
    return node.type === 'PLAIN' ? resolvePlainScalar(text) : text;
  }

  private convertMap(items: unknown[], loc: Loc, tag: MergeTag, path: Path): MapNode {
    const out: MapNode = { kind: 'map', entries: new Map(), keyLocs: new Map(), loc };
    if (tag !== undefined) out.tag = tag;
    // Keys a merge key (`<<`) brought in; a key written in this map replaces them.
    const mergedKeys = new Set<string>();
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key;
      const keyLoc = this.at((keyNode as YamlNode | null)?.range?.[0]);
      if (isScalar(keyNode) && keyNode.value === '<<' && keyNode.type === 'PLAIN') {
        this.merge(out, mergedKeys, this.convert(pair.value, path));
        continue;
      }
      if (!isScalar(keyNode)) {
        this.issues.push(issueAt(keyLoc, [], 'yaml_syntax', 'Mapping keys must be scalars'));
        continue;
      }
      if (mergeTagOf(keyNode.tag) !== undefined) {
        const why = `${keyNode.tag ?? ''} applies to values, not to keys`;
        this.issues.push(issueAt(keyLoc, [], 'yaml_syntax', `Cannot parse YAML: ${why}`));
        continue;
      }
      const k = this.scalarValue(keyNode, keyLoc);
      const key = typeof k === 'string' ? k : String(k);
      if (typeof k !== 'string') this.nonStringKey(keyNode, keyLoc, [...path, key]);
      mergedKeys.delete(key);
      out.entries.set(
        key,
        pair.value === null || pair.value === undefined
          ? { kind: 'scalar', value: null, loc: keyLoc }
          : this.convert(pair.value, [...path, key]),
      );
      out.keyLocs.set(key, keyLoc);
    }
    return inObjectOrder(out);
  }

  /** Docker Compose refuses keys that YAML reads as numbers, booleans or null (`123:`). */
  private nonStringKey(keyNode: Scalar, loc: Loc, path: Path): void {
    const text = typeof keyNode.value === 'string' ? keyNode.value : '';
    const message =
      text === ''
        ? 'A mapping key is missing'
        : `Key ${text} is not a string: quote it ("${text}") to use it as a name`;
    this.issues.push(issueAt(loc, path, 'invalid_type', message));
  }

  /**
   * YAML merge key: entries of the referenced maps (the first map wins) fill keys not set in
   * this map, at the place of the merge key, as the fast reader (js-yaml) places them.
   */
  private merge(out: MapNode, mergedKeys: Set<string>, value: LNode): void {
    const sources = value.kind === 'seq' ? value.items : [value];
    if (sources.some((s) => s.kind !== 'map')) {
      const why = 'a merge key (<<) needs a mapping or a list of mappings';
      this.issues.push(issueAt(value.loc, [], 'yaml_syntax', `Cannot parse YAML: ${why}`));
      return;
    }
    for (const s of sources as MapNode[]) {
      for (const [k, v] of s.entries) {
        if (out.entries.has(k)) continue;
        out.entries.set(k, v);
        out.keyLocs.set(k, s.keyLocs.get(k) ?? v.loc);
        mergedKeys.add(k);
      }
    }
  }
}

/** A key JavaScript orders first in an object: an array index (`0`, `80`, not `080`). */
const indexKeyPattern = /^(0|[1-9][0-9]{0,8})$/;

/**
 * Orders a map's keys as a JavaScript object orders them (array indexes first, ascending),
 * which is the order the fast reader's trees have; the output sorts keys in any case.
 */
function inObjectOrder(map: MapNode): MapNode {
  const keys = [...map.entries.keys()];
  if (!keys.some((k) => indexKeyPattern.test(k))) return map;
  const indexes = keys.filter((k) => indexKeyPattern.test(k)).sort((a, b) => Number(a) - Number(b));
  const entries = new Map<string, LNode>();
  for (const k of [...indexes, ...keys.filter((k) => !indexKeyPattern.test(k))]) {
    const v = map.entries.get(k);
    if (v !== undefined) entries.set(k, v);
  }
  map.entries = entries;
  return map;
}
