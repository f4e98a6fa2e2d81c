/**
 * The compose loading model, pure: files in, normalized {@link ComposeProject} and
 * {@link ServiceGraph} (or issues) out. File access goes through a callback, so this module
 * does no I/O itself.
 *
 * Order (as compose-go): per file interpolate, include, extends, merge; then project name,
 * profiles, schema validation, normalization, consistency checks and the dependency graph.
 *
 * @module
 */
import { Ctx, copyExtensions, isRecord, ordered, sortKeys } from './convert.js';
import { buildGraph, type ServiceGraph } from './graph.js';
import { issueAt, sortIssues, type ComposeIssue } from './issues.js';
import { mergeNodes, stripTags } from './merge.js';
import { locate, toPlain, type LocIndex, type MapNode, type Path } from './node.js';
import { basename } from './paths.js';
import { normalizeService } from './service.js';
import { serviceKeyOrder } from './service-keys.js';
import type { Lookup } from './template.js';
import { checkConsistency } from './consistency.js';
import { TreeLoader } from './load-tree.js';
import type { ComposeProject, UnsupportedKey } from './types.js';
import type { parseYaml } from './yaml.js';
import { findUnsupported } from './unsupported.js';
import { validateSchema } from './validate.js';

/** Inputs of {@link parseProject}, fully resolved by the adapter. */
export interface ParseProjectOptions {
  /** Absolute paths of the compose files, in merge order. */
  files: readonly string[];
  /** Absolute project directory. */
  workingDir: string;
  /** Project environment: process environment over the `.env` file. */
  env: Lookup;
  /** Process environment only (included projects read their own `.env`). */
  processEnv: Lookup;
  /** Name given with `-p` or COMPOSE_PROJECT_NAME; must already be valid. */
  projectName: string | undefined;
  /** Active profiles (`--profile`, COMPOSE_PROFILES); `*` enables all. */
  profiles: readonly string[];
  interpolate: boolean;
  normalize: boolean;
  /** False is `--no-env-resolution`: keep `env_file` and unresolved variables as written. */
  resolveEnvironment?: boolean;
  resolvePaths: boolean;
  consistency: boolean;
  home: string | undefined;
  read(absolutePath: string): string | undefined;
  /**
   * The position-keeping YAML parser (`parseYaml` from yaml.ts). Without it, a project with
   * problems gets issues located at file level only; callers load it and parse again.
   */
  preciseYaml?: typeof parseYaml;
}

/** A successfully loaded project. */
export interface ParsedProject {
  project: ComposeProject;
  graph: ServiceGraph;
  /** Services left out by their profiles. */
  disabledServices: string[];
  /** Every profile named by a service. */
  allProfiles: string[];
  unsupported: UnsupportedKey[];
}

/** Result of {@link parseProject}: a project, or the issues that prevent one; warnings always. */
export type ParseProjectResult =
  | ({ ok: true; warnings: string[] } & ParsedProject)
  | { ok: false; issues: ComposeIssue[]; warnings: string[] };

const projectNamePattern = /^[a-z0-9][a-z0-9_-]*$/;

/** Normalizes a project name as Docker Compose does (lower case, only `a-z0-9_-`). */
export function normalizeProjectName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

/** True when `name` is a valid project name. */
export function isValidProjectName(name: string): boolean {
  return projectNamePattern.test(name);
}

/**
 * Loads, validates and normalizes a compose project. A first pass parses with the fast YAML
 * parser; when it finds any issue and `preciseYaml` is given, a second pass with that
 * position-keeping parser reports them all at their exact lines and columns.
 */
export function parseProject(options: ParseProjectOptions): ParseProjectResult {
  // compose-go makes the project name available as COMPOSE_PROJECT_NAME to interpolation even
  // when it comes from `name:` (or the directory): when a file asked for the variable and it
  // was not set, load again with the name found.
  const unset = new Set<string>();
  const env: Lookup = (n) => {
    const v = options.env(n);
    if (v === undefined) unset.add(n);
    return v;
  };
  const first = parseTwoPasses({ ...options, env });
  if (!unset.has(projectNameVar) || !first.ok) return first;
  const name = first.project.name;
  return parseTwoPasses({ ...options, env: (n) => (n === projectNameVar ? name : options.env(n)) });
}

const projectNameVar = 'COMPOSE_PROJECT_NAME';

function parseTwoPasses(options: ParseProjectOptions): ParseProjectResult {
  const fast = parseWith(options, undefined);
  return fast.ok || options.preciseYaml === undefined
    ? fast
    : parseWith(options, options.preciseYaml);
}

function parseWith(
  options: ParseProjectOptions,
  precise: typeof parseYaml | undefined,
): ParseProjectResult {
  const loader = new TreeLoader({
    precise,
    read: (p) => options.read(p),
    processEnv: options.processEnv,
    interpolate: options.interpolate,
  });
  let merged: MapNode | undefined;
  for (const file of options.files) {
    const tree = loader.loadFile(file, options.workingDir, options.env);
    if (tree === undefined) continue;
    merged = merged === undefined ? tree : (mergeNodes(merged, tree, []) as MapNode | undefined);
  }
  if (merged !== undefined && loader.sawTags) stripTags(merged);
  const warnings = [...loader.report.unset]
    .sort()
    .map((n) => `The "${n}" variable is not set: defaulting to a blank string`);
  const fail = (issues: ComposeIssue[]): ParseProjectResult => ({
    ok: false,
    issues: sortIssues(issues),
    warnings,
  });
  if (loader.issues.length > 0 || merged === undefined) {
    if (merged === undefined && loader.issues.length === 0) {
      return fail([
        issueAt(
          { file: options.files[0] ?? '', line: 0, column: 0, dir: '' },
          [],
          'not_a_mapping',
          'Empty compose file: define at least one service',
        ),
      ]);
    }
    return fail(loader.issues);
  }
  const index: LocIndex = { root: merged };
  const data = toPlain(merged) as Record<string, unknown>;
  if ('version' in data) {
    warnings.push('The top-level "version" key is obsolete and ignored');
    delete data['version'];
  }
  const schemaIssues = validateSchema(data, index);
  // When only some services have a wrong shape, leave them out of the later stages and keep
  // checking the rest, so one run reports as many problems as possible.
  const broken = new Set<string>();
  for (const issue of schemaIssues) {
    const service = serviceOfPath(issue.path);
    if (service === undefined) return fail(schemaIssues);
    broken.add(service);
  }

  const nameIssue: ComposeIssue[] = [];
  const name = projectNameFor(options, data, index, nameIssue);
  if (nameIssue.length > 0) return fail(nameIssue);

  const ctx = new Ctx(
    {
      projectName: name,
      env: options.env,
      resolvePaths: options.resolvePaths,
      normalize: options.normalize,
      resolveEnvironment: options.resolveEnvironment ?? true,
      home: options.home,
      readFile: (p) => options.read(p),
      workingDir: options.workingDir,
    },
    index,
  );
  const { enabled, disabled, allProfiles } = applyProfiles(data, options.profiles);
  const project = normalizeProject(
    ctx,
    name,
    data,
    enabled.filter((s) => !broken.has(s)),
  );
  if (options.consistency) checkConsistency(ctx, project, data, disabled, broken);
  withoutUnusedResources(project);
  if (ctx.issues.length > 0 || schemaIssues.length > 0)
    return fail([...schemaIssues, ...ctx.issues]);
  const g = buildGraph(project);
  if ('cycle' in g) {
    const first = g.cycle[0] ?? '';
    const next = g.cycle[1] ?? '';
    return fail([
      issueAt(
        locate(index, ['services', first, 'depends_on', next], true),
        ['services', first, 'depends_on'],
        'dependency_cycle',
        `Dependency cycle between services: ${g.cycle.join(' -> ')}`,
      ),
    ]);
  }
  warnings.push(...ctx.warnings);
  return {
    ok: true,
    warnings,
    project,
    graph: g.graph,
    disabledServices: disabled,
    allProfiles,
    unsupported: findUnsupported(project),
  };
}

/** The service a formatted issue path such as `services.web.ports[0]` belongs to. */
function serviceOfPath(path: string): string | undefined {
  const m = /^services(?:\.([A-Za-z0-9_-]+)|\[("(?:[^"\\]|\\.)*")\])/.exec(path);
  if (m === null) return undefined;
  if (m[1] !== undefined) return m[1];
  return m[2] === undefined ? undefined : (JSON.parse(m[2]) as string);
}

function projectNameFor(
  options: ParseProjectOptions,
  data: Record<string, unknown>,
  index: LocIndex,
  issues: ComposeIssue[],
): string {
  if (options.projectName !== undefined) return options.projectName;
  const fromFile = typeof data['name'] === 'string' ? data['name'] : undefined;
  const raw = fromFile ?? basename(options.workingDir);
  const name = options.normalize ? normalizeProjectName(raw) : raw;
  if (!isValidProjectName(name)) {
    const where = fromFile === undefined ? `directory name "${raw}"` : `"${raw}"`;
    issues.push(
      issueAt(
        locate(index, ['name']),
        fromFile === undefined ? [] : ['name'],
        'project_name',
        `Invalid project name from ${where}: use lowercase letters, digits, "_" and "-", starting with a letter or digit (or pass -p NAME)`,
      ),
    );
  }
  return name;
}

function applyProfiles(data: Record<string, unknown>, active: readonly string[]) {
  const services = (data['services'] ?? {}) as Record<string, Record<string, unknown>>;
  const all = new Set<string>();
  const enabled: string[] = [];
  const disabled: string[] = [];
  for (const [name, svc] of Object.entries(services)) {
    const raw: unknown = isRecord(svc) ? svc['profiles'] : undefined;
    const profiles = Array.isArray(raw)
      ? raw.filter((p): p is string => typeof p === 'string')
      : [];
    for (const p of profiles) all.add(p);
    const on =
      profiles.length === 0 || active.includes('*') || profiles.some((p) => active.includes(p));
    (on ? enabled : disabled).push(name);
  }
  return { enabled, disabled, allProfiles: [...all].sort() };
}

const topOrder = {
  networks: [
    'name',
    'driver',
    'driver_opts',
    'ipam',
    'external',
    'internal',
    'attachable',
    'labels',
    'enable_ipv4',
    'enable_ipv6',
  ],
  volumes: ['name', 'driver', 'driver_opts', 'external', 'labels'],
  secrets: [
    'name',
    'file',
    'environment',
    'content',
    'external',
    'labels',
    'driver',
    'driver_opts',
    'template_driver',
  ],
  configs: [
    'name',
    'file',
    'environment',
    'content',
    'external',
    'labels',
    'driver',
    'driver_opts',
    'template_driver',
  ],
} as const;

function normalizeProject(
  ctx: Ctx,
  name: string,
  data: Record<string, unknown>,
  enabled: string[],
): ComposeProject {
  const rawServices = (data['services'] ?? {}) as Record<string, Record<string, unknown>>;
  const services: Record<string, Record<string, unknown>> = {};
  for (const s of [...enabled].sort()) services[s] = normalizeService(ctx, s, rawServices[s] ?? {});
  const project: ComposeProject = { name, services };
  const networks = { ...((data['networks'] ?? {}) as Record<string, unknown>) };
  if (ctx.opts.normalize) {
    let usesDefault = false;
    for (const svc of Object.values(services)) {
      if (svc['network_mode'] !== undefined || svc['provider'] !== undefined) continue;
      const nets = svc['networks'] as Record<string, unknown> | undefined;
      if (nets === undefined || Object.keys(nets).length === 0) {
        svc['networks'] = { default: null };
        usesDefault = true;
        reorder(svc);
      } else if ('default' in nets) usesDefault = true;
    }
    if (usesDefault && !('default' in networks)) networks['default'] = null;
  }
  const sections = {
    networks,
    volumes: data['volumes'],
    secrets: data['secrets'],
    configs: data['configs'],
  };
  for (const section of ['networks', 'volumes', 'secrets', 'configs'] as const) {
    const raw = sections[section];
    if (!isRecord(raw) || Object.keys(raw).length === 0) continue;
    const out: Record<string, Record<string, unknown>> = {};
    for (const [key, value] of Object.entries(raw))
      out[key] = normalizeResource(ctx, section, key, value, name);
    project[section] = sortKeys(out);
  }
  if (isRecord(data['models']) && Object.keys(data['models']).length > 0) {
    (project as unknown as Record<string, unknown>)['models'] = sortKeys(data['models']);
  }
  // Extensions print after the sections, in key order (Go marshals the inline map sorted).
  const extensions: Record<string, unknown> = {};
  copyExtensions(data, extensions);
  Object.assign(project, sortKeys(extensions));
  return project;
}

/**
 * Drops the networks, volumes, secrets and configs no enabled service uses, as `docker
 * compose` does before printing or running a project (compose-go WithoutUnnecessaryResources).
 */
function withoutUnusedResources(project: ComposeProject): void {
  const used = { networks: new Set<string>(), volumes: new Set<string>() };
  const refs = { secrets: new Set<string>(), configs: new Set<string>() };
  for (const svc of Object.values(project.services)) {
    for (const n of Object.keys(svc.networks ?? {})) used.networks.add(n);
    for (const v of svc.volumes ?? [])
      if (v.type === 'volume' && v.source !== undefined && v.source !== '')
        used.volumes.add(v.source);
    for (const s of svc.secrets ?? []) refs.secrets.add(s.source);
    for (const s of (svc.build?.['secrets'] ?? []) as { source: string }[])
      refs.secrets.add(s.source);
    for (const c of svc.configs ?? []) refs.configs.add(c.source);
  }
  const sets = { ...used, ...refs };
  for (const section of ['networks', 'volumes', 'secrets', 'configs'] as const) {
    const resources = project[section];
    if (resources === undefined) continue;
    for (const name of Object.keys(resources))
      if (!sets[section].has(name)) Reflect.deleteProperty(resources, name);
    if (Object.keys(resources).length === 0) Reflect.deleteProperty(project, section);
  }
}

function reorder(svc: Record<string, unknown>): void {
  const copy = ordered({ ...svc }, Object.keys(svc).concat('networks').sort(compareServiceKeys));
  for (const k of Object.keys(svc)) Reflect.deleteProperty(svc, k);
  Object.assign(svc, copy);
}

let keyRank: Map<string, number> | undefined;
function compareServiceKeys(a: string, b: string): number {
  keyRank ??= new Map(serviceKeyOrder.map((k, i) => [k, i]));
  return (keyRank.get(a) ?? 1e9) - (keyRank.get(b) ?? 1e9) || (a < b ? -1 : 1);
}

function normalizeResource(
  ctx: Ctx,
  section: keyof typeof topOrder,
  key: string,
  value: unknown,
  project: string,
): Record<string, unknown> {
  const r: Record<string, unknown> = isRecord(value) ? { ...value } : {};
  const path: Path = [section, key];
  const ext = r['external'];
  if (isRecord(ext)) {
    // Legacy `external: {name: x}`: the name moves up.
    if (typeof ext['name'] === 'string') r['name'] ??= ext['name'];
    r['external'] = true;
  } else if (ext !== undefined)
    r['external'] = ctx.bool([...path, 'external'], ext) === true ? true : undefined;
  for (const b of ['internal', 'attachable', 'enable_ipv4', 'enable_ipv6'])
    if (r[b] !== undefined) r[b] = ctx.bool([...path, b], r[b]);
  if (r['labels'] !== undefined) r['labels'] = ctx.stringMap(r['labels']);
  if (r['driver_opts'] !== undefined) r['driver_opts'] = ctx.stringMap(r['driver_opts']);
  if ((section === 'secrets' || section === 'configs') && typeof r['file'] === 'string')
    r['file'] = ctx.resolve([...path, 'file'], r['file']);
  if (ctx.opts.normalize && r['name'] === undefined)
    r['name'] = r['external'] === true ? key : `${project}_${key}`;
  // compose-go's network always has an IPAM section, printed `ipam: {}` when empty (an
  // external network prints without one).
  if (section === 'networks' && r['external'] !== true) r['ipam'] ??= {};
  return ordered(r, topOrder[section]);
}
