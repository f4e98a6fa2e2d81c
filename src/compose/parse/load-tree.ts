/**
 * Loading compose files into one located tree: YAML parsing, interpolation, `include`,
 * `extends` (same file and other files) and merging, in compose-go's order (per file:
 * interpolate, include, extends, merge).
 *
 * @module
 */
import { interpolateTree, type InterpolateReport } from './interpolate.js';
import { issueAt, type ComposeIssue } from './issues.js';
import { enforceUnicity, mergeNodes, prepareForMerge } from './merge.js';
import { child, cloneNode, stringOf, type LNode, type MapNode } from './node.js';
import { dirname, resolvePath } from './paths.js';
import { parseDotenv } from './dotenv.js';
import type { Lookup } from './template.js';
import type { parseYaml } from './yaml.js';
import { parseYamlFast } from './yaml-fast.js';

/** Deepest chain of `include` (and of `extends`) followed before giving up. */
export const composeNestingMax = 32;

/** What the tree loader needs from the outside world. */
export interface TreeSource {
  /** Reads a file by absolute path; undefined when it does not exist. */
  read(absolutePath: string): string | undefined;
  /**
   * The position-keeping parser; when undefined, the fast parser (file-level locations only)
   * is used. Passed in so the `yaml` package loads only when a project has problems.
   */
  precise: typeof parseYaml | undefined;
  /** Environment of the process (for included projects). */
  processEnv: Lookup;
  interpolate: boolean;
}

/** State shared across one load. */
export class TreeLoader {
  readonly issues: ComposeIssue[] = [];
  readonly report: InterpolateReport;
  readonly warnings: string[] = [];
  /** True once a file containing `!reset` or `!override` was read (tags need stripping). */
  sawTags = false;
  private readonly loaded = new Set<MapNode>();
  private readonly parsed = new Map<string, MapNode[] | undefined>();

  constructor(private readonly source: TreeSource) {
    this.report = { issues: this.issues, unset: new Set() };
  }

  /**
   * Loads one file (all its YAML documents, includes and extends) as a tree whose relative
   * paths resolve against `dir`. `chain` lists the files being included, for cycle detection.
   */
  loadFile(file: string, dir: string, env: Lookup, chain: string[] = []): MapNode | undefined {
    const docs = this.parseFile(file, dir, env);
    if (docs === undefined) return undefined;
    let acc: MapNode | undefined;
    for (const doc of docs) {
      // Loading mutates the tree (includes, extends, merging); a parsed document handed out
      // before (the same file loaded twice) is copied first.
      const root = this.loaded.has(doc) ? (cloneNode(doc) as MapNode) : doc;
      this.loaded.add(doc);
      this.applyIncludes(root, file, env, [...chain, file]);
      this.applyExtends(root, file, dir, env);
      root.entries.delete('include');
      acc = acc === undefined ? root : (mergeNodes(acc, root, []) as MapNode | undefined);
      if (acc !== undefined) enforceUnicity(acc);
    }
    return acc;
  }

  /** Parses and interpolates a file once per (file, dir); later calls reuse the result. */
  private parseFile(file: string, dir: string, env: Lookup): MapNode[] | undefined {
    const cacheKey = `${file}\0${dir}`;
    if (this.parsed.has(cacheKey)) return this.parsed.get(cacheKey);
    const text = this.source.read(file);
    if (text === undefined) {
      this.issues.push(
        issueAt(
          { file, line: 0, column: 0, dir },
          [],
          'file_not_found',
          `Cannot read compose file "${file}": file not found`,
        ),
      );
      this.parsed.set(cacheKey, undefined);
      return undefined;
    }
    if (text.includes('!reset') || text.includes('!override')) this.sawTags = true;
    let documents: { root: LNode | undefined }[];
    const precise = this.source.precise;
    const fast = precise === undefined ? parseYamlFast(text, file, dir) : undefined;
    if (fast !== undefined) documents = fast.map((root) => ({ root }));
    else if (precise === undefined) {
      this.issues.push(
        issueAt({ file, line: 0, column: 0, dir }, [], 'yaml_syntax', 'Cannot parse YAML'),
      );
      documents = [];
    } else {
      const parsed = precise(text, file, dir);
      documents = parsed.documents;
      for (const issue of parsed.issues) this.issues.push(issue);
    }
    const roots: MapNode[] = [];
    for (const doc of documents) {
      if (doc.root === undefined) continue;
      if (doc.root.kind !== 'map') {
        this.issues.push(
          issueAt(
            doc.root.loc,
            [],
            'not_a_mapping',
            'Top-level value must be a mapping (services:, networks:, ...)',
          ),
        );
        continue;
      }
      if (this.source.interpolate) interpolateTree(doc.root, env, this.report);
      prepareForMerge(doc.root);
      roots.push(doc.root);
    }
    this.parsed.set(cacheKey, roots);
    return roots;
  }

  private applyIncludes(root: MapNode, file: string, env: Lookup, chain: string[]): void {
    const include = child(root, 'include');
    if (include === undefined) return;
    if (include.kind !== 'seq') return; // the schema reports the wrong type
    include.items.forEach((item, i) => {
      const path = ['include', i];
      const paths: LNode[] = [];
      const p = item.kind === 'map' ? child(item, 'path') : item;
      if (p?.kind === 'seq') paths.push(...p.items);
      else if (p !== undefined) paths.push(p);
      const first = stringOf(paths[0]);
      if (first === undefined) return;
      const base = item.loc.dir;
      const files = paths.map((n) => resolvePath(base, stringOf(n) ?? ''));
      const projDirNode =
        item.kind === 'map' ? stringOf(child(item, 'project_directory')) : undefined;
      const projectDir =
        projDirNode === undefined ? dirname(files[0] ?? base) : resolvePath(base, projDirNode);
      if (chain.length >= composeNestingMax || files.some((f) => chain.includes(f))) {
        const cycle = [...chain, files.find((f) => chain.includes(f)) ?? files[0] ?? ''].join(
          ' -> ',
        );
        this.issues.push(
          issueAt(
            item.loc,
            path,
            'include',
            `Include cycle (or nesting deeper than ${composeNestingMax}): ${cycle}`,
          ),
        );
        return;
      }
      const includedEnv = this.includedEnv(item, base, projectDir);
      let imported: MapNode | undefined;
      for (const f of files) {
        const tree = this.loadFile(f, projectDir, includedEnv, chain);
        if (tree === undefined) continue;
        imported = imported === undefined ? tree : (mergeNodes(imported, tree, []) as MapNode);
      }
      if (imported !== undefined) this.importResources(root, imported, item);
    });
  }

  private includedEnv(item: LNode, base: string, projectDir: string): Lookup {
    const envFiles: string[] = [];
    const e = item.kind === 'map' ? child(item, 'env_file') : undefined;
    if (e?.kind === 'seq')
      for (const x of e.items) envFiles.push(resolvePath(base, stringOf(x) ?? ''));
    else if (stringOf(e) !== undefined) envFiles.push(resolvePath(base, stringOf(e) ?? ''));
    if (envFiles.length === 0) envFiles.push(`${projectDir}/.env`);
    const values = new Map<string, string>();
    for (const f of envFiles) {
      const text = this.source.read(f);
      if (text === undefined) continue;
      for (const [k, v] of parseDotenv(text, this.source.processEnv).values) values.set(k, v);
    }
    return (n) => this.source.processEnv(n) ?? values.get(n);
  }

  /** Adds the included project's resources; a resource defined on both sides is an error. */
  private importResources(root: MapNode, imported: MapNode, item: LNode): void {
    for (const section of ['services', 'networks', 'volumes', 'secrets', 'configs']) {
      const from = child(imported, section);
      if (from?.kind !== 'map') continue;
      let to = child(root, section);
      if (to === undefined) {
        to = { kind: 'map', entries: new Map(), keyLocs: new Map(), loc: item.loc };
        root.entries.set(section, to);
        root.keyLocs.set(section, item.loc);
      }
      if (to.kind !== 'map') continue;
      for (const [name, value] of from.entries) {
        if (to.entries.has(name)) {
          const loc = to.keyLocs.get(name) ?? to.loc;
          this.issues.push(
            issueAt(
              loc,
              [section, name],
              'include',
              `${section.slice(0, -1)} "${name}" is also defined by included file "${value.loc.file}"`,
            ),
          );
          continue;
        }
        to.entries.set(name, value);
        to.keyLocs.set(name, from.keyLocs.get(name) ?? value.loc);
      }
    }
  }

  private applyExtends(root: MapNode, file: string, dir: string, env: Lookup): void {
    const services = child(root, 'services');
    if (services?.kind !== 'map') return;
    for (const name of [...services.entries.keys()]) {
      const resolved = this.resolveExtends(services, name, file, dir, env, []);
      if (resolved !== undefined) services.entries.set(name, resolved);
    }
  }

  /** Returns the service with its `extends` chain applied (and `extends` removed). */
  private resolveExtends(
    services: MapNode,
    name: string,
    file: string,
    dir: string,
    env: Lookup,
    chain: string[],
  ): LNode | undefined {
    const svc = services.entries.get(name);
    if (svc?.kind !== 'map') return svc;
    const ext = child(svc, 'extends');
    if (ext === undefined) return svc;
    const baseName = ext.kind === 'map' ? stringOf(child(ext, 'service')) : stringOf(ext);
    if (baseName === undefined) return svc; // the schema reports the shape
    const fileNode = ext.kind === 'map' ? stringOf(child(ext, 'file')) : undefined;
    const id = `${file}#${name}`;
    const path = ['services', name, 'extends'];
    if (chain.includes(id) || chain.length >= composeNestingMax) {
      const names = [...chain, id].map((c) => c.slice(c.indexOf('#') + 1));
      this.issues.push(
        issueAt(ext.loc, path, 'extends', `Circular extends: ${names.join(' -> ')}`),
      );
      return withoutExtends(svc);
    }
    let baseServices = services;
    let baseFile = file;
    let baseDir = dir;
    if (fileNode !== undefined) {
      baseFile = resolvePath(ext.loc.dir, fileNode);
      // Relative paths in the other file resolve against that file's own directory.
      baseDir = dirname(baseFile);
      const docs = this.parseFile(baseFile, baseDir, env);
      if (docs === undefined) {
        this.issues.push(
          issueAt(
            ext.loc,
            path,
            'extends',
            `Cannot extend service "${baseName}": file "${fileNode}" not found`,
          ),
        );
        return withoutExtends(svc);
      }
      const merged = docs
        .map((d) => child(d, 'services'))
        .find((s) => s?.kind === 'map' && s.entries.has(baseName));
      baseServices = (merged ?? {
        kind: 'map',
        entries: new Map(),
        keyLocs: new Map(),
        loc: ext.loc,
      }) as MapNode;
    }
    if (!baseServices.entries.has(baseName)) {
      const where = fileNode === undefined ? '' : ` in "${fileNode}"`;
      this.issues.push(
        issueAt(
          ext.loc,
          path,
          'extends',
          `Cannot extend service "${baseName}": no such service${where}`,
        ),
      );
      return withoutExtends(svc);
    }
    const base = this.resolveExtends(baseServices, baseName, baseFile, baseDir, env, [
      ...chain,
      id,
    ]);
    if (base === undefined) return withoutExtends(svc);
    const merged = mergeNodes(cloneNode(base), withoutExtends(svc), ['services', name]);
    return merged ?? withoutExtends(svc);
  }
}

function withoutExtends(svc: MapNode): MapNode {
  const copy = cloneNode(svc) as MapNode;
  copy.entries.delete('extends');
  copy.keyLocs.delete('extends');
  return copy;
}
