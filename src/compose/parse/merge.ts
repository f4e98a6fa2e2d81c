/**
 * Merging compose files (compose-spec: merge): mappings merge key by key, scalars are replaced,
 * sequences append, and some sequences (ports, volumes, secrets, configs, expose, env_file, dns,
 * ...) are de-duplicated by a key, the later definition taking the earlier one's place.
 * Key/value lists (environment, labels, sysctls, build args) merge as mappings. `!reset` removes
 * a value; `!override` replaces it instead of merging.
 *
 * @module
 */
import {
  child,
  cloneNode,
  type LNode,
  type MapNode,
  type ScalarNode,
  type SeqNode,
} from './node.js';
import { parseVolumeSpec } from './volumes.js';

const overridden = new Set([
  'services.*.command',
  'services.*.entrypoint',
  'services.*.healthcheck.test',
  'services.*.ulimits.*',
]);

type Indexer = (node: LNode) => string | undefined;

const scalarKey: Indexer = (n) => (n.kind === 'scalar' ? String(n.value) : undefined);

const unique: Record<string, Indexer> = {
  'services.*.cap_add': scalarKey,
  'services.*.cap_drop': scalarKey,
  'services.*.dns': scalarKey,
  'services.*.dns_opt': scalarKey,
  'services.*.dns_search': scalarKey,
  'services.*.expose': scalarKey,
  'services.*.links': scalarKey,
  'services.*.profiles': scalarKey,
  'services.*.tmpfs': scalarKey,
  'services.*.build.tags': scalarKey,
  'services.*.networks.*.aliases': scalarKey,
  'services.*.networks.*.link_local_ips': scalarKey,
  'services.*.ports': portKey,
  'services.*.volumes': volumeKey,
  'services.*.secrets': mountKey('/run/secrets'),
  'services.*.configs': mountKey(''),
  'services.*.env_file': envFileKey,
  'services.*.devices': deviceKey,
};

function portKey(n: LNode): string | undefined {
  if (n.kind === 'scalar') return String(n.value);
  if (n.kind !== 'map') return undefined;
  const s = (k: string, d: string): string => {
    const v = child(n, k);
    return v?.kind === 'scalar' && v.value !== null ? String(v.value) : d;
  };
  return `${s('host_ip', '0.0.0.0')}:${s('published', '')}:${s('target', '')}/${s('protocol', 'tcp')}`;
}

function volumeKey(n: LNode): string | undefined {
  if (n.kind === 'scalar' && typeof n.value === 'string') {
    const parsed = parseVolumeSpec(n.value);
    return parsed.ok ? parsed.volume.target : n.value;
  }
  const t = child(n, 'target');
  return t?.kind === 'scalar' ? String(t.value) : undefined;
}

function mountKey(prefix: string): Indexer {
  return (n) => {
    if (n.kind === 'scalar') return `${prefix}/${String(n.value)}`;
    const t = child(n, 'target');
    if (t?.kind === 'scalar') return String(t.value);
    const s = child(n, 'source');
    return s?.kind === 'scalar' ? `${prefix}/${String(s.value)}` : undefined;
  };
}

function envFileKey(n: LNode): string | undefined {
  if (n.kind === 'scalar') return String(n.value);
  const p = child(n, 'path');
  return p?.kind === 'scalar' ? String(p.value) : undefined;
}

function deviceKey(n: LNode): string | undefined {
  if (n.kind === 'scalar') {
    const parts = String(n.value).split(':');
    return parts[1] ?? parts[0];
  }
  const t = child(n, 'target');
  return t?.kind === 'scalar' ? String(t.value) : undefined;
}

/** The generic form of a path, with user-chosen names replaced by `*`. */
export function genericPath(path: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const prev = path[i - 1];
    const isName =
      (i === 1 && ['services', 'networks', 'volumes', 'secrets', 'configs'].includes(prev ?? '')) ||
      (i === 3 &&
        path[0] === 'services' &&
        ['ulimits', 'networks', 'depends_on'].includes(prev ?? ''));
    out.push(isName ? '*' : (path[i] ?? ''));
  }
  return out.join('.');
}

/**
 * Rewrites short forms whose merge semantics are by key (key/value lists to mappings,
 * `depends_on` and service `networks` lists to mappings) so files merge key by key. Shapes
 * that do not fit are left alone for schema validation to report.
 */
export function prepareForMerge(root: MapNode): void {
  // Direct visits of the few places concerned (a generic walk cost ~10% of a large load).
  for (const section of ['networks', 'volumes', 'secrets', 'configs']) {
    const resources = child(root, section);
    if (resources?.kind !== 'map') continue;
    for (const r of resources.entries.values()) toMapAt(r, 'labels', (v) => listToMap(v, '='));
  }
  const services = child(root, 'services');
  if (services?.kind !== 'map') return;
  for (const svc of services.entries.values()) {
    for (const key of ['environment', 'labels', 'annotations', 'sysctls']) {
      toMapAt(svc, key, (v) => listToMap(v, '='));
    }
    toMapAt(svc, 'depends_on', (v) => namesToMap(v, true));
    toMapAt(svc, 'networks', (v) => namesToMap(v, false));
    const build = child(svc, 'build');
    if (build !== undefined)
      for (const key of ['args', 'labels']) toMapAt(build, key, (v) => listToMap(v, '='));
    const deploy = child(svc, 'deploy');
    if (deploy !== undefined) toMapAt(deploy, 'labels', (v) => listToMap(v, '='));
  }
}

/** Replaces the sequence at `parent[key]` with `convert(sequence)` when that gives a mapping. */
function toMapAt(parent: LNode, key: string, convert: (seq: SeqNode) => MapNode | undefined): void {
  if (parent.kind !== 'map') return;
  const v = parent.entries.get(key);
  if (v?.kind !== 'seq') return;
  const m = convert(v);
  if (m !== undefined) parent.entries.set(key, m);
}

function listToMap(seq: SeqNode, sep: string): MapNode | undefined {
  const out: MapNode = { kind: 'map', entries: new Map(), keyLocs: new Map(), loc: seq.loc };
  if (seq.tag !== undefined) out.tag = seq.tag;
  for (const item of seq.items) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') return undefined;
    const i = item.value.indexOf(sep);
    const key = i < 0 ? item.value : item.value.slice(0, i);
    const value: ScalarNode = {
      kind: 'scalar',
      value: i < 0 ? null : item.value.slice(i + 1),
      loc: item.loc,
    };
    out.entries.set(key, value);
    out.keyLocs.set(key, item.loc);
  }
  return out;
}

function namesToMap(seq: SeqNode, dependsOn: boolean): MapNode | undefined {
  const out: MapNode = { kind: 'map', entries: new Map(), keyLocs: new Map(), loc: seq.loc };
  if (seq.tag !== undefined) out.tag = seq.tag;
  for (const item of seq.items) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') return undefined;
    const value: LNode = dependsOn
      ? {
          kind: 'map',
          loc: item.loc,
          keyLocs: new Map(),
          entries: new Map<string, LNode>([
            ['condition', { kind: 'scalar', value: 'service_started', loc: item.loc }],
            ['required', { kind: 'scalar', value: true, loc: item.loc }],
          ]),
        }
      : { kind: 'scalar', value: null, loc: item.loc };
    out.entries.set(item.value, value);
    out.keyLocs.set(item.value, item.loc);
  }
  return out;
}

/**
 * Merges `over` onto `base` following the compose merge rules; returns undefined when the
 * result is reset. `base` may be mutated; `over` is not.
 */
export function mergeNodes(
  base: LNode | undefined,
  over: LNode,
  path: string[],
): LNode | undefined {
  if (over.tag === 'reset') return undefined;
  if (base === undefined || base.tag === 'reset' || over.tag === 'override') {
    return stripTags(cloneNode(over));
  }
  delete base.tag;
  const g = genericPath(path);
  if (overridden.has(g)) return stripTags(cloneNode(over));
  if (over.kind === 'scalar' && over.value === null && base.kind !== 'scalar') return base;
  if (base.kind === 'map' && over.kind === 'map') {
    for (const [k, v] of over.entries) {
      const merged = mergeNodes(base.entries.get(k), v, [...path, k]);
      if (merged === undefined) {
        base.entries.delete(k);
        base.keyLocs.delete(k);
      } else {
        base.entries.set(k, merged);
        base.keyLocs.set(k, over.keyLocs.get(k) ?? v.loc);
      }
    }
    return base;
  }
  if (base.kind === 'seq' && over.kind === 'seq') {
    const items = [...base.items, ...over.items.map((i) => stripTags(cloneNode(i)))];
    const indexer = unique[g];
    return { ...base, items: indexer === undefined ? items : dedupe(items, indexer) };
  }
  return stripTags(cloneNode(over));
}

/** Removes entries tagged `!reset` and forgets `!override` tags (a file merged onto nothing). */
export function stripTags(node: LNode): LNode {
  delete node.tag;
  if (node.kind === 'map') {
    for (const [k, v] of node.entries) {
      if (v.tag === 'reset') {
        node.entries.delete(k);
        node.keyLocs.delete(k);
      } else stripTags(v);
    }
  } else if (node.kind === 'seq') {
    node.items = node.items.filter((i) => i.tag !== 'reset');
    node.items.forEach(stripTags);
  }
  return node;
}

/** Keeps one entry per key: a later entry replaces the earlier one in its place. */
export function dedupe(items: LNode[], indexer: Indexer): LNode[] {
  const out: LNode[] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const key = indexer(item);
    const at = key === undefined ? undefined : seen.get(key);
    if (at !== undefined) out[at] = item;
    else {
      if (key !== undefined) seen.set(key, out.length);
      out.push(item);
    }
  }
  return out;
}

/** Applies the de-duplication rules to a whole tree (after one file, as compose-go does). */
export function enforceUnicity(root: LNode): void {
  const services = child(root, 'services');
  if (services?.kind !== 'map') return;
  for (const svc of services.entries.values()) {
    if (svc.kind !== 'map') continue;
    for (const [k, v] of svc.entries) {
      if (v.kind === 'seq') {
        const indexer = unique[`services.*.${k}`];
        if (indexer !== undefined) v.items = dedupe(v.items, indexer);
      } else if (k === 'networks' && v.kind === 'map') {
        for (const net of v.entries.values()) {
          for (const key of ['aliases', 'link_local_ips']) {
            const list = child(net, key);
            if (list?.kind === 'seq') list.items = dedupe(list.items, scalarKey);
          }
        }
      } else if (k === 'build' && v.kind === 'map') {
        const tags = child(v, 'tags');
        if (tags?.kind === 'seq') tags.items = dedupe(tags.items, scalarKey);
      }
    }
  }
}
