/**
 * Normalization of one service to Docker Compose's canonical long form (compose-go
 * transform/ and loader/normalize.go behaviour, re-implemented): short syntaxes expanded,
 * units parsed, defaults filled, relative paths resolved.
 *
 * @module
 */
import type { Ctx } from './convert.js';
import { copyExtensions, isRecord, ordered, sortKeys, entriesOf } from './convert.js';
import { parseDotenv } from './dotenv.js';
import { isRemote } from './paths.js';
import { deviceRequest, normalizeDeploy } from './service-deploy.js';
import {
  boolKeys,
  bytesKeys,
  intKeys,
  listKeys,
  passThrough,
  serviceKeyOrder,
} from './service-keys.js';
import { device, fileRef, port, volume } from './service-mounts.js';
import { splitShellWords } from './units.js';
import type { Path } from './node.js';

/** Normalizes the service `name` (raw, validated) into compose's canonical form. */
export function normalizeService(
  ctx: Ctx,
  name: string,
  raw: Record<string, unknown>,
): Record<string, unknown> {
  const base: Path = ['services', name];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const path = [...base, key];
    if (key.startsWith('x-')) continue;
    if (value === null && key !== 'command' && key !== 'entrypoint') continue;
    if (passThrough.has(key)) out[key] = value;
    else if (boolKeys.has(key)) out[key] = ctx.bool(path, value);
    else if (intKeys.has(key)) out[key] = ctx.int(path, value);
    else if (bytesKeys.has(key)) out[key] = ctx.bytes(path, value);
    else if (listKeys.has(key)) out[key] = ctx.list(value);
    else out[key] = normalizeKey(ctx, name, key, value, path, raw);
  }
  if (ctx.opts.normalize) {
    // compose-go normalize.go: links, shared namespaces and volumes_from imply depends_on.
    const deps = (out['depends_on'] ?? {}) as Record<string, unknown>;
    const implied = (svc: string, restart: boolean): void => {
      if (!(svc in deps))
        deps[svc] = {
          condition: 'service_started',
          ...(restart ? { restart: true } : {}),
          required: true,
        };
    };
    for (const l of (out['links'] ?? []) as string[]) implied(l.split(':')[0] ?? l, true);
    for (const ns of ['network_mode', 'ipc', 'pid', 'uts', 'cgroup']) {
      const ref = out[ns];
      if (typeof ref === 'string' && ref.startsWith('service:')) implied(ref.slice(8), true);
    }
    for (const v of (out['volumes_from'] ?? []) as string[]) {
      if (!v.startsWith('container:')) implied(v.split(':')[0] ?? v, false);
    }
    if (Object.keys(deps).length > 0) out['depends_on'] = sortKeys(deps);
    if (out['pull_policy'] === 'if_not_present') out['pull_policy'] = 'missing';
  }
  if (ctx.opts.resolveEnvironment) mergeEnvFiles(ctx, base, raw, out);
  mergeLabelFiles(ctx, base, out);
  copyExtensions(raw, out);
  return ordered(out, serviceKeyOrder);
}

function normalizeKey(
  ctx: Ctx,
  service: string,
  key: string,
  value: unknown,
  path: Path,
  raw: Record<string, unknown>,
): unknown {
  switch (key) {
    case 'annotations':
    case 'labels':
    case 'sysctls':
      return ctx.stringMap(value);
    case 'environment':
      return resolveEnv(ctx, ctx.nullableMap(value), true);
    case 'build':
      return normalizeBuild(ctx, value, path);
    case 'command':
    case 'entrypoint':
      return shellCommand(ctx, path, value);
    case 'cpus':
    case 'cpu_percent':
      return ctx.num(path, value);
    case 'configs':
    case 'secrets':
      return (value as unknown[]).map((v, i) => fileRef(ctx, [...path, i], v, key === 'secrets'));
    case 'depends_on':
      return dependsOn(ctx, path, value);
    case 'deploy':
      return normalizeDeploy(ctx, path, value as Record<string, unknown>);
    case 'devices':
      return (value as unknown[]).map((d) => device(d));
    case 'env_file':
      return envFiles(ctx, path, value).map((f) => ordered(f, ['path', 'format', 'required']));
    case 'label_file':
      return ctx.list(value).map((f, i) => ctx.resolve([...path, i], f));
    case 'extra_hosts':
      return extraHosts(ctx, value);
    case 'healthcheck':
      return healthcheck(ctx, path, value as Record<string, unknown>);
    case 'logging': {
      const l = value as Record<string, unknown>;
      const o: Record<string, unknown> = {};
      if (l['driver'] !== undefined) o['driver'] = l['driver'];
      if (isRecord(l['options'])) o['options'] = ctx.stringMap(l['options']);
      copyExtensions(l, o);
      return o;
    }
    case 'networks':
      return serviceNetworks(ctx, path, value);
    case 'ports':
      return (value as unknown[]).flatMap((p, i) => port(ctx, [...path, i], p));
    case 'pull_policy':
      return value;
    case 'stop_grace_period':
      return ctx.duration(path, value);
    case 'ulimits':
      return ulimits(ctx, path, value as Record<string, unknown>);
    case 'volumes':
      return (value as unknown[]).flatMap((v, i) => volume(ctx, [...path, i], v));
    case 'working_dir':
      return value;
    case 'extends':
      return undefined;
    case 'blkio_config':
      return value;
    case 'gpus':
      return Array.isArray(value)
        ? value.map((d, i) => deviceRequest(ctx, [...path, i], d))
        : value;
    case 'pre_start':
    case 'post_start':
    case 'pre_stop':
      return (value as unknown[]).map((h, i) => hook(ctx, [...path, i], h));
    default:
      ctx.issue(path, 'unknown_key', `Unknown key "${key}" in service "${service}"`);
      return raw[key];
  }
}

/**
 * Build contexts by name; local paths resolve against the project directory, while URLs,
 * `docker-image://` and other `scheme://` contexts and `service:` references stay as written.
 */
function additionalContexts(ctx: Ctx, path: Path, value: unknown): Record<string, string> {
  const out = ctx.stringMap(value);
  for (const [name, context] of Object.entries(out)) {
    if (context.includes('://') || context.startsWith('service:') || isRemote(context)) continue;
    out[name] = ctx.resolve([...path, 'additional_contexts', name], context);
  }
  return out;
}

/** SSH agent sockets or keys as compose-go prints them: a list of `id` or `id: path`. */
function sshKeys(ctx: Ctx, value: unknown): string[] {
  return Object.entries(ctx.stringMap(value)).map(([id, p]) => (p === '' ? id : `${id}: ${p}`));
}

/** A lifecycle hook, with `privileged` read as a boolean (it may come from a variable). */
function hook(ctx: Ctx, path: Path, h: unknown): unknown {
  if (!isRecord(h) || h['privileged'] === undefined) return h;
  return { ...h, privileged: ctx.bool([...path, 'privileged'], h['privileged']) };
}

function resolveEnv(
  ctx: Ctx,
  env: Record<string, string | null>,
  keepEmpty: boolean,
): Record<string, string | null> {
  // compose-go resolves bare keys from the environment with or without normalization.
  if (!ctx.opts.resolveEnvironment) return env;
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== null) out[k] = v;
    else {
      const found = ctx.opts.env(k);
      if (found !== undefined) out[k] = found;
      else if (keepEmpty) out[k] = null;
    }
  }
  return out;
}

function shellCommand(ctx: Ctx, path: Path, value: unknown): string[] | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((v) => ctx.str(v));
  const r = splitShellWords(ctx.str(value));
  if (r.ok) return r.words;
  ctx.issue(path, 'invalid_value', r.message);
  return [];
}

function normalizeBuild(ctx: Ctx, value: unknown, path: Path): Record<string, unknown> {
  const b: Record<string, unknown> =
    typeof value === 'string' ? { context: value } : { ...(value as Record<string, unknown>) };
  if (ctx.opts.normalize) {
    b['context'] ??= '.';
    if (b['dockerfile'] === undefined && b['dockerfile_inline'] === undefined)
      b['dockerfile'] = 'Dockerfile';
  }
  // compose-go gives an inline Dockerfile its default context even without normalization.
  if (b['dockerfile_inline'] !== undefined) b['context'] ??= '.';
  const context = b['context'];
  if (typeof context === 'string' && !isRemote(context))
    b['context'] = ctx.resolve([...path, 'context'], context);
  if (b['args'] !== undefined) b['args'] = resolveEnv(ctx, ctx.nullableMap(b['args']), false);
  if (b['labels'] !== undefined) b['labels'] = ctx.stringMap(b['labels']);
  if (b['additional_contexts'] !== undefined)
    b['additional_contexts'] = additionalContexts(ctx, path, b['additional_contexts']);
  if (b['ssh'] !== undefined) b['ssh'] = sshKeys(ctx, b['ssh']);
  if (b['extra_hosts'] !== undefined) b['extra_hosts'] = extraHosts(ctx, b['extra_hosts']);
  if (b['shm_size'] !== undefined) b['shm_size'] = ctx.bytes([...path, 'shm_size'], b['shm_size']);
  if (Array.isArray(b['secrets']))
    b['secrets'] = b['secrets'].map((s, i) => fileRef(ctx, [...path, 'secrets', i], s, true));
  for (const k of ['no_cache', 'pull', 'privileged'])
    if (b[k] !== undefined) b[k] = ctx.bool([...path, k], b[k]);
  if (b['ulimits'] !== undefined)
    b['ulimits'] = ulimits(ctx, [...path, 'ulimits'], b['ulimits'] as Record<string, unknown>);
  return ordered(b, [
    'context',
    'dockerfile',
    'dockerfile_inline',
    'entitlements',
    'args',
    'provenance',
    'sbom',
    'ssh',
    'labels',
    'cache_from',
    'cache_to',
    'no_cache',
    'no_cache_filter',
    'additional_contexts',
    'pull',
    'extra_hosts',
    'isolation',
    'network',
    'target',
    'secrets',
    'shm_size',
    'tags',
    'ulimits',
    'platforms',
    'privileged',
  ]);
}

function dependsOn(ctx: Ctx, path: Path, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((s) => [String(s), {}])
    : Object.entries(value as object);
  for (const [svc, dep] of entries) {
    const d = (dep ?? {}) as Record<string, unknown>;
    const o: Record<string, unknown> = { condition: d['condition'] ?? 'service_started' };
    if (d['restart'] !== undefined && ctx.bool([...path, svc, 'restart'], d['restart']) === true)
      o['restart'] = true;
    o['required'] =
      d['required'] === undefined ? true : ctx.bool([...path, svc, 'required'], d['required']);
    out[svc] = o;
  }
  return sortKeys(out);
}

function envFiles(ctx: Ctx, path: Path, value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((f, i) => {
    const e: Record<string, unknown> =
      typeof f === 'string' ? { path: f } : { ...(f as Record<string, unknown>) };
    e['path'] = ctx.resolve([...path, i], ctx.str(e['path']));
    e['required'] =
      e['required'] === undefined ? true : ctx.bool([...path, i, 'required'], e['required']);
    return e;
  });
}

/**
 * Reads the service's env files and fills `environment` with their values; variables already in
 * `environment` win (compose-spec: env_file). `env_file` itself is dropped from the output,
 * as `docker compose config` does.
 */
function mergeEnvFiles(
  ctx: Ctx,
  base: Path,
  raw: Record<string, unknown>,
  out: Record<string, unknown>,
): void {
  if (raw['env_file'] === undefined || raw['env_file'] === null) return;
  const files = envFiles(ctx, [...base, 'env_file'], raw['env_file']);
  delete out['env_file'];
  const fromFiles: Record<string, string | null> = {};
  files.forEach((f, i) => {
    const p = ctx.str(f['path']);
    const text = ctx.opts.readFile(p);
    if (text === undefined) {
      if (f['required'] !== false)
        ctx.issue(
          [...base, 'env_file', i],
          'file_not_found',
          `Cannot read env file "${p}": file not found`,
        );
      return;
    }
    const parsed = parseDotenv(text, (n) => fromFiles[n] ?? ctx.opts.env(n));
    for (const issue of parsed.issues)
      ctx.issue([...base, 'env_file', i], 'invalid_value', `${p}:${issue.line}: ${issue.message}`);
    for (const [k, v] of parsed.values) fromFiles[k] = v;
  });
  out['environment'] = sortKeys({
    ...fromFiles,
    ...((out['environment'] ?? {}) as Record<string, string | null>),
  });
}

/** Reads `label_file` files into `labels`; labels written in the service win. */
function mergeLabelFiles(ctx: Ctx, base: Path, out: Record<string, unknown>): void {
  const files = out['label_file'];
  if (!Array.isArray(files)) return;
  const fromFiles: Record<string, string> = {};
  files.forEach((f, i) => {
    const p = ctx.str(f);
    const text = ctx.opts.readFile(p);
    if (text === undefined) {
      ctx.issue(
        [...base, 'label_file', i],
        'file_not_found',
        `Cannot read label file "${p}": file not found`,
      );
      return;
    }
    const parsed = parseDotenv(text);
    for (const issue of parsed.issues)
      ctx.issue(
        [...base, 'label_file', i],
        'invalid_value',
        `${p}:${issue.line}: ${issue.message}`,
      );
    for (const [k, v] of parsed.values) fromFiles[k] = v;
  });
  out['labels'] = sortKeys({ ...fromFiles, ...((out['labels'] ?? {}) as Record<string, string>) });
  // Like env_file, label_file is read into labels and not printed (compose-go).
  delete out['label_file'];
}

function extraHosts(ctx: Ctx, value: unknown): string[] {
  const out: string[] = [];
  for (const [host, ip] of entriesOf(value, '=')) {
    if (Array.isArray(value) && ip === null) {
      // `host:ip` (legacy separator); IPv6 addresses contain colons, so split at the first one.
      const i = host.indexOf(':');
      out.push(i < 0 ? host : `${host.slice(0, i)}=${host.slice(i + 1)}`);
    } else if (Array.isArray(ip)) for (const x of ip) out.push(`${host}=${ctx.str(x)}`);
    else out.push(`${host}=${ctx.str(ip)}`);
  }
  return out.sort();
}

function healthcheck(ctx: Ctx, path: Path, h: Record<string, unknown>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const test = h['test'];
  if (typeof test === 'string') o['test'] = ['CMD-SHELL', test];
  else if (Array.isArray(test)) o['test'] = test.map((t) => ctx.str(t));
  for (const k of ['timeout', 'interval', 'start_period', 'start_interval']) {
    if (h[k] !== undefined) o[k] = ctx.duration([...path, k], h[k]);
  }
  if (h['retries'] !== undefined) o['retries'] = ctx.int([...path, 'retries'], h['retries']);
  if (h['disable'] !== undefined && ctx.bool([...path, 'disable'], h['disable']) === true)
    o['disable'] = true;
  copyExtensions(h, o);
  return ordered(o, [
    'test',
    'timeout',
    'interval',
    'retries',
    'start_period',
    'start_interval',
    'disable',
  ]);
}

function serviceNetworks(ctx: Ctx, path: Path, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((n) => [String(n), null])
    : Object.entries(value as object);
  for (const [name, cfg] of entries) {
    if (!isRecord(cfg)) {
      out[name] = null;
      continue;
    }
    const o: Record<string, unknown> = { ...cfg };
    for (const k of ['priority', 'gw_priority'])
      if (o[k] !== undefined) o[k] = ctx.int([...path, name, k], o[k]);
    if (o['driver_opts'] !== undefined) o['driver_opts'] = ctx.stringMap(o['driver_opts']);
    out[name] = ordered(o, [
      'aliases',
      'driver_opts',
      'gw_priority',
      'interface_name',
      'ipv4_address',
      'ipv6_address',
      'link_local_ips',
      'mac_address',
      'priority',
    ]);
  }
  return sortKeys(out);
}

function ulimits(ctx: Ctx, path: Path, u: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(u)) {
    if (isRecord(v)) {
      out[name] = {
        soft: ctx.int([...path, name, 'soft'], v['soft']),
        hard: ctx.int([...path, name, 'hard'], v['hard']),
      };
    } else out[name] = ctx.int([...path, name], v);
  }
  return sortKeys(out);
}
