/**
 * YAML text to located nodes, with compose's custom tags (`!reset`, `!override`), YAML merge
 * keys (`<<`), anchors and aliases, and Go-yaml-compatible octal integers (`0644`).
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
  type ScalarTag,
} from 'yaml';
import { issueAt, type ComposeIssue } from './issues.js';
import { type LNode, type Loc, type MapNode, type MergeTag } from './node.js';

/**
 * Nodes a file may expand to through aliases (a bound against "billion laughs"): a base plus
 * one per byte of text, as in yaml-fast.ts.
 */
const yamlBaseNodesCount = 100_000;
/** Deepest nesting of collections (after alias expansion). */
const yamlMaxDepth = 500;

// Go's yaml.v3 (used by Docker Compose) reads a leading-zero integer such as 0644 as octal; YAML
// 1.2's core schema would read it as decimal. File modes in compose files rely on the Go reading.
const goOctal: ScalarTag = {
  identify: (v) => typeof v === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: /^0[0-7]+$/,
  resolve: (s) => parseInt(s, 8),
};

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
    // Prepended so it wins over the core schema's decimal integers.
    customTags: (tags) => [goOctal, ...tags],
    prettyErrors: false,
    uniqueKeys: true,
  });
  const list = Array.isArray(docs) ? docs : [];
  const at = (offset: number | undefined): Loc => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { file, line: pos.line, column: pos.col, dir };
  };
  const documents: ParsedDocument[] = [];
  for (const doc of list) {
    for (const err of doc.errors) {
      const loc = at(err.pos[0]);
      issues.push(issueAt(loc, [], 'yaml_syntax', `Cannot parse YAML: ${firstLine(err.message)}`));
    }
    if (doc.errors.length > 0) continue;
    const converter = new Converter(doc, at, issues, yamlBaseNodesCount + text.length);
    documents.push({ root: doc.contents === null ? undefined : converter.convert(doc.contents) });
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

  convert(node: unknown): LNode {
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
      return this.convertInner(node);
    } finally {
      this.depth--;
    }
  }

  private convertInner(node: unknown): LNode {
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
      return this.convert(target);
    }
    const yamlNode = node as YamlNode;
    const loc = this.at(yamlNode.range?.[0]);
    const tag = mergeTagOf(yamlNode.tag);
    if (isScalar(node)) {
      const v = node.value;
      const value =
        v === null || v === undefined
          ? null
          : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
            ? v
            : typeof v === 'bigint'
              ? Number(v)
              : JSON.stringify(v);
      const out: LNode = { kind: 'scalar', value, loc };
      if (tag !== undefined) out.tag = tag;
      return out;
    }
    if (isSeq(node)) {
      const out: LNode = { kind: 'seq', items: node.items.map((i) => this.convert(i)), loc };
      if (tag !== undefined) out.tag = tag;
      return out;
    }
    if (isMap(node)) return this.convertMap(node.items, loc, tag);
    return { kind: 'scalar', value: null, loc };
  }

  private convertMap(items: unknown[], loc: Loc, tag: MergeTag): MapNode {
    const out: MapNode = { kind: 'map', entries: new Map(), keyLocs: new Map(), loc };
    if (tag !== undefined) out.tag = tag;
    const merged: MapNode[] = [];
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key;
      const keyLoc = this.at((keyNode as YamlNode | null)?.range?.[0]);
      if (isScalar(keyNode) && keyNode.value === '<<' && keyNode.type === 'PLAIN') {
        // YAML merge key: entries of the referenced maps fill keys not set in this map.
        const value = this.convert(pair.value);
        const sources = value.kind === 'seq' ? value.items : [value];
        for (const s of sources) if (s.kind === 'map') merged.push(s);
        continue;
      }
      if (!isScalar(keyNode)) {
        this.issues.push(issueAt(keyLoc, [], 'yaml_syntax', 'Mapping keys must be scalars'));
        continue;
      }
      const k = keyNode.value;
      const key =
        k === null || k === undefined ? '' : typeof k === 'string' ? k : JSON.stringify(k);
      out.entries.set(
        key,
        pair.value === null || pair.value === undefined
          ? { kind: 'scalar', value: null, loc: keyLoc }
          : this.convert(pair.value),
      );
      out.keyLocs.set(key, keyLoc);
    }
    for (const m of merged) {
      for (const [k, v] of m.entries) {
        if (out.entries.has(k)) continue;
        out.entries.set(k, v);
        out.keyLocs.set(k, m.keyLocs.get(k) ?? v.loc);
      }
    }
    return out;
  }
}
