/**
 * Located YAML nodes: the compose loader's working tree. Every value keeps the file, line and
 * column it came from (and the directory its relative paths resolve against), so an issue found
 * after interpolation, merging or `extends` still points at the right place in the right file.
 *
 * @module
 */

/** Where a value was written. Lines and columns count from 1. */
export interface Loc {
  file: string;
  line: number;
  column: number;
  /** Directory that relative paths written at this place resolve against. */
  dir: string;
}

/** A compose-spec merge tag on a node: `!reset` removes, `!override` replaces. */
export type MergeTag = 'reset' | 'override' | undefined;

/** A scalar: string, number, boolean or null. */
export interface ScalarNode {
  kind: 'scalar';
  value: string | number | boolean | null;
  loc: Loc;
  tag?: MergeTag;
  /** True when the string came from the file verbatim (used to decide `$$` handling). */
  quoted?: boolean;
}

/** A mapping; insertion order is source order. */
export interface MapNode {
  kind: 'map';
  entries: Map<string, LNode>;
  /** Location of each key (for "unknown key" issues). */
  keyLocs: Map<string, Loc>;
  loc: Loc;
  tag?: MergeTag;
}

/** A sequence. */
export interface SeqNode {
  kind: 'seq';
  items: LNode[];
  loc: Loc;
  tag?: MergeTag;
}

/** Any located node. */
export type LNode = ScalarNode | MapNode | SeqNode;

/** A path into the model: keys and sequence indexes. */
export type Path = readonly (string | number)[];

/** Formats a path the way issues print it: `services.web.ports[1]`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** Encodes a path as a JSON pointer (the form ajv reports). */
export function toPointer(path: Path): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Decodes a JSON pointer back to a path; all-digit parts of arrays become numbers. */
export function fromPointer(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let cur: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      const i = Number(part);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(part);
      cur =
        cur !== null && typeof cur === 'object'
          ? (cur as Record<string, unknown>)[part]
          : undefined;
    }
  }
  return out;
}

/** Creates a map node at `loc`. */
export function mapNode(loc: Loc, entries: [string, LNode][] = []): MapNode {
  const node: MapNode = { kind: 'map', entries: new Map(), keyLocs: new Map(), loc };
  for (const [k, v] of entries) {
    node.entries.set(k, v);
    node.keyLocs.set(k, v.loc);
  }
  return node;
}

/** Creates a scalar node at `loc`. */
export function scalarNode(value: ScalarNode['value'], loc: Loc): ScalarNode {
  return { kind: 'scalar', value, loc };
}

/** Returns the child of a map node, if `node` is a map holding `key`. */
export function child(node: LNode | undefined, key: string): LNode | undefined {
  return node?.kind === 'map' ? node.entries.get(key) : undefined;
}

/** Returns the string value of a scalar node, or undefined. */
export function stringOf(node: LNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** Deep-copies a node (merging mutates maps). */
export function cloneNode(node: LNode): LNode {
  switch (node.kind) {
    case 'scalar':
      return { ...node };
    case 'seq':
      return { ...node, items: node.items.map(cloneNode) };
    case 'map': {
      const entries = new Map<string, LNode>();
      for (const [k, v] of node.entries) entries.set(k, cloneNode(v));
      return { ...node, entries, keyLocs: new Map(node.keyLocs) };
    }
  }
}

/** Finds source locations in the merged located tree (walked on demand, only for issues). */
export interface LocIndex {
  root: LNode;
}

/** Converts a located tree to plain JSON-like data. */
export function toPlain(node: LNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of node.entries) out[k] = toPlain(v);
      return out;
    }
  }
}

/**
 * Finds the best location for `path`: the value itself or its nearest ancestor. With
 * `preferKey`, a mapping entry is located at its key rather than its value.
 */
export function locate(index: LocIndex, path: Path, preferKey = false): Loc | undefined {
  let node: LNode = index.root;
  let loc = node.loc;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    if (node.kind === 'map' && typeof part === 'string' && node.entries.has(part)) {
      const last = i === path.length - 1;
      const next = node.entries.get(part);
      if (next === undefined) break;
      loc = last && preferKey ? (node.keyLocs.get(part) ?? next.loc) : next.loc;
      node = next;
    } else if (node.kind === 'seq' && typeof part === 'number' && node.items[part] !== undefined) {
      node = node.items[part];
      loc = node.loc;
    } else break;
  }
  return loc;
}
