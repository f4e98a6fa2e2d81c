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
import { parsePortSpec, type PortConfig } from './ports.js';
import { cleanPath, parseVolumeSpec } from './volumes.js';
import { splitShellWords } from './units.js';
import type { Path } from './node.js';

/** compose-go's ServiceConfig field order (the order `docker compose config` prints). */
export const serviceKeyOrder = [
  'profiles',
  'annotations',
  'attach',
  'build',
  'develop',
  'blkio_config',
  'cap_add',
  'cap_drop',
  'cgroup_parent',
  'cgroup',
  'cpu_count',
  'cpu_percent',
  'cpu_period',
  'cpu_quota',
  'cpu_rt_period',
  'cpu_rt_runtime',
  'cpus',
  'cpuset',
  'cpu_shares',
  'command',
  'configs',
  'container_name',
  'credential_spec',
  'depends_on',
  'deploy',
  'device_cgroup_rules',
  'devices',
  'dns',
  'dns_opt',
  'dns_search',
  'dockerfile',
  'domainname',
  'entrypoint',
  'provider',
  'environment',
  'env_file',
  'expose',
  'extends',
  'external_links',
  'extra_hosts',
  'group_add',
  'gpus',
  'hostname',
  'healthcheck',
  'image',
  'init',
  'ipc',
  'isolation',
  'labels',
  'label_file',
  'links',
  'logging',
  'log_driver',
  'log_opt',
  'mem_limit',
  'mem_reservation',
  'memswap_limit',
  'mem_swappiness',
  'mac_address',
  'models',
  'net',
  'network_mode',
  'networks',
  'oom_kill_disable',
  'oom_score_adj',
  'pid',
  'pids_limit',
  'platform',
  'ports',
  'privileged',
  'pull_policy',
  'read_only',
  'restart',
  'runtime',
  'scale',
  'secrets',
  'security_opt',
  'shm_size',
  'stdin_open',
  'stop_grace_period',
  'stop_signal',
  'storage_opt',
  'sysctls',
  'tmpfs',
  'tty',
  'ulimits',
  'use_api_socket',
  'user',
  'userns_mode',
  'uts',
  'volume_driver',
  'volumes',
  'volumes_from',
  'working_dir',
  'pre_start',
  'post_start',
  'pre_stop',
] as const;

const passThrough = new Set([
  'profiles',
  'attach',
  'develop',
  'cap_add',
  'cap_drop',
  'cgroup_parent',
  'cgroup',
  'cpuset',
  'container_name',
  'credential_spec',
  'device_cgroup_rules',
  'domainname',
  'external_links',
  'gpus',
  'hostname',
  'image',
  'ipc',
  'isolation',
  'links',
  'mac_address',
  'models',
  'network_mode',
  'pid',
  'platform',
  'restart',
  'runtime',
  'security_opt',
  'stop_signal',
  'storage_opt',
  'user',
  'userns_mode',
  'uts',
  'volume_driver',
  'volumes_from',
  'provider',
]);
const boolKeys = new Set([
  'init',
  'oom_kill_disable',
  'privileged',
  'read_only',
  'stdin_open',
  'tty',
  'use_api_socket',
  'attach',
]);
const intKeys = new Set([
  'cpu_count',
  'cpu_period',
  'cpu_quota',
  'cpu_rt_period',
  'cpu_rt_runtime',
  'cpu_shares',
  'mem_swappiness',
  'oom_score_adj',
  'pids_limit',
  'scale',
]);
const bytesKeys = new Set(['mem_limit', 'mem_reservation', 'memswap_limit', 'shm_size']);
const listKeys = new Set(['dns', 'dns_search', 'dns_opt', 'tmpfs', 'expose', 'group_add']);

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
  mergeEnvFiles(ctx, base, raw, out);
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
    case 'pre_start':
    case 'post_start':
    case 'pre_stop':
      return value;
    default:
      ctx.issue(path, 'unknown_key', `Unknown key "${key}" in service "${service}"`);
      return raw[key];
  }
}

function resolveEnv(
  ctx: Ctx,
  env: Record<string, string | null>,
  keepEmpty: boolean,
): Record<string, string | null> {
  if (!ctx.opts.normalize) return env;
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
  const context = b['context'];
  if (typeof context === 'string' && !isRemote(context))
    b['context'] = ctx.resolve([...path, 'context'], context);
  if (b['args'] !== undefined) b['args'] = resolveEnv(ctx, ctx.nullableMap(b['args']), false);
  for (const k of ['labels', 'additional_contexts', 'ssh'])
    if (b[k] !== undefined) b[k] = ctx.stringMap(b[k]);
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

function fileRef(ctx: Ctx, path: Path, v: unknown, secret: boolean): Record<string, unknown> {
  const r: Record<string, unknown> =
    typeof v === 'string' ? { source: v } : { ...(v as Record<string, unknown>) };
  if (secret && r['target'] === undefined && ctx.opts.normalize)
    r['target'] = `/run/secrets/${ctx.str(r['source'])}`;
  if (r['uid'] !== undefined) r['uid'] = ctx.str(r['uid']);
  if (r['gid'] !== undefined) r['gid'] = ctx.str(r['gid']);
  if (r['mode'] !== undefined) {
    const m = r['mode'];
    const n =
      typeof m === 'number' ? m : /^[0-7]+$/.test(ctx.str(m)) ? parseInt(ctx.str(m), 8) : NaN;
    if (Number.isNaN(n))
      ctx.issue(
        [...path, 'mode'],
        'invalid_value',
        `Invalid file mode ${JSON.stringify(m)}: use octal digits such as "0440"`,
      );
    else r['mode'] = `0${n.toString(8)}`;
  }
  return ordered(r, ['source', 'target', 'uid', 'gid', 'mode']);
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

function device(d: unknown): Record<string, unknown> {
  if (typeof d !== 'string')
    return ordered({ ...(d as Record<string, unknown>) }, ['source', 'target', 'permissions']);
  const [src = '', dst, perms] = d.split(':');
  return {
    source: src,
    target: dst === undefined || dst === '' ? src : dst,
    permissions: perms ?? 'rwm',
  };
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

const portKeyOrder = ['name', 'mode', 'host_ip', 'target', 'published', 'protocol', 'app_protocol'];

function port(ctx: Ctx, path: Path, p: unknown): PortConfig[] {
  if (typeof p === 'number' || typeof p === 'string') {
    const r = parsePortSpec(String(p));
    if (r.ok) return r.value.map((x) => ordered({ ...x }, portKeyOrder) as unknown as PortConfig);
    ctx.issue(path, 'invalid_port', r.message);
    return [];
  }
  const m = { ...(p as Record<string, unknown>) };
  const target = m['target'] === undefined ? undefined : ctx.int([...path, 'target'], m['target']);
  if (target === undefined || target < 1 || target > 65535) {
    if (m['target'] === undefined)
      ctx.issue(path, 'invalid_port', 'Port is missing its "target" (the container port)');
    else if (target !== undefined)
      ctx.issue(
        [...path, 'target'],
        'invalid_port',
        `Invalid port ${target}: must be between 1 and 65535`,
      );
    return [];
  }
  const out: Record<string, unknown> = {
    ...m,
    target,
    mode: m['mode'] ?? 'ingress',
    protocol: m['protocol'] ?? 'tcp',
  };
  if (m['published'] !== undefined) {
    const pub = ctx.str(m['published']);
    if (!/^\d+(-\d+)?$/.test(pub))
      ctx.issue(
        [...path, 'published'],
        'invalid_port',
        `Cannot parse published port "${pub}": must be a number or a range such as "8000-8010"`,
      );
    out['published'] = pub;
  }
  return [ordered(out, portKeyOrder) as unknown as PortConfig];
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

function volume(ctx: Ctx, path: Path, v: unknown): Record<string, unknown>[] {
  let m: Record<string, unknown>;
  if (typeof v === 'string') {
    const r = parseVolumeSpec(v);
    if (!r.ok) {
      ctx.issue(path, 'invalid_volume', r.message);
      return [];
    }
    m = { ...r.volume };
  } else {
    m = { ...(v as Record<string, unknown>) };
    if (m['type'] === 'bind' && m['bind'] === undefined && ctx.opts.normalize)
      m['bind'] = { create_host_path: true };
    if (isRecord(m['bind'])) {
      const b = { ...m['bind'] };
      if (b['create_host_path'] === undefined) b['create_host_path'] = true;
      else
        b['create_host_path'] = ctx.bool(
          [...path, 'bind', 'create_host_path'],
          b['create_host_path'],
        );
      m['bind'] = ordered(b, ['selinux', 'propagation', 'create_host_path', 'recursive']);
    }
    if (isRecord(m['tmpfs'])) {
      const t = { ...m['tmpfs'] };
      if (t['size'] !== undefined) t['size'] = ctx.bytes([...path, 'tmpfs', 'size'], t['size']);
      if (t['mode'] !== undefined) t['mode'] = ctx.int([...path, 'tmpfs', 'mode'], t['mode']);
      m['tmpfs'] = ordered(t, ['size', 'mode']);
    }
    if (m['read_only'] !== undefined)
      m['read_only'] = ctx.bool([...path, 'read_only'], m['read_only']) === true ? true : undefined;
    if (typeof m['target'] !== 'string' || m['target'] === '') {
      ctx.issue(
        path,
        'invalid_volume',
        `Volume of type "${ctx.str(m['type'])}" is missing its "target" (the path in the container)`,
      );
      return [];
    }
    m['target'] = cleanPath(m['target']);
  }
  const source = m['source'];
  if (m['type'] === 'bind' && typeof source === 'string' && source !== '')
    m['source'] = ctx.resolve(path, source);
  if (m['type'] === 'bind' && (source === undefined || source === '')) {
    ctx.issue(path, 'invalid_volume', 'Bind mount is missing its "source" (the path on the host)');
  }
  return [
    ordered(m, [
      'type',
      'source',
      'target',
      'read_only',
      'consistency',
      'bind',
      'volume',
      'tmpfs',
      'image',
    ]),
  ];
}

/** Normalizes the `deploy` section. */
function normalizeDeploy(
  ctx: Ctx,
  path: Path,
  d: Record<string, unknown>,
): Record<string, unknown> {
  const o: Record<string, unknown> = { ...d };
  if (d['replicas'] !== undefined) o['replicas'] = ctx.int([...path, 'replicas'], d['replicas']);
  if (d['labels'] !== undefined) o['labels'] = ctx.stringMap(d['labels']);
  for (const k of ['update_config', 'rollback_config']) {
    const u = d[k];
    if (!isRecord(u)) continue;
    const uo: Record<string, unknown> = { ...u };
    if (u['parallelism'] !== undefined)
      uo['parallelism'] = ctx.int([...path, k, 'parallelism'], u['parallelism']);
    for (const t of ['delay', 'monitor'])
      if (u[t] !== undefined) uo[t] = ctx.duration([...path, k, t], u[t]);
    if (u['max_failure_ratio'] !== undefined)
      uo['max_failure_ratio'] = ctx.num([...path, k, 'max_failure_ratio'], u['max_failure_ratio']);
    o[k] = ordered(uo, [
      'parallelism',
      'delay',
      'failure_action',
      'monitor',
      'max_failure_ratio',
      'order',
    ]);
  }
  if (isRecord(d['resources'])) {
    const r: Record<string, unknown> = { ...d['resources'] };
    for (const k of ['limits', 'reservations']) {
      const x = r[k];
      if (!isRecord(x)) continue;
      const xo: Record<string, unknown> = { ...x };
      if (x['cpus'] !== undefined)
        xo['cpus'] = ctx.num([...path, 'resources', k, 'cpus'], x['cpus']);
      if (x['memory'] !== undefined)
        xo['memory'] = ctx.bytes([...path, 'resources', k, 'memory'], x['memory']);
      if (x['pids'] !== undefined)
        xo['pids'] = ctx.int([...path, 'resources', k, 'pids'], x['pids']);
      if (Array.isArray(x['devices'])) {
        xo['devices'] = x['devices'].map((dev) => {
          const dv = { ...(dev as Record<string, unknown>) };
          if (dv['count'] === undefined && dv['device_ids'] === undefined) dv['count'] = 'all';
          return dv;
        });
      }
      r[k] = ordered(xo, ['cpus', 'memory', 'pids', 'devices', 'generic_resources']);
    }
    o['resources'] = ordered(r, ['limits', 'reservations']);
  }
  if (isRecord(d['restart_policy'])) {
    const rp: Record<string, unknown> = { ...d['restart_policy'] };
    for (const t of ['delay', 'window'])
      if (rp[t] !== undefined) rp[t] = ctx.duration([...path, 'restart_policy', t], rp[t]);
    if (rp['max_attempts'] !== undefined)
      rp['max_attempts'] = ctx.int([...path, 'restart_policy', 'max_attempts'], rp['max_attempts']);
    o['restart_policy'] = ordered(rp, ['condition', 'delay', 'max_attempts', 'window']);
  }
  if (isRecord(d['placement'])) {
    const p: Record<string, unknown> = { ...d['placement'] };
    if (p['max_replicas_per_node'] !== undefined)
      p['max_replicas_per_node'] = ctx.int(
        [...path, 'placement', 'max_replicas_per_node'],
        p['max_replicas_per_node'],
      );
    o['placement'] = ordered(p, ['constraints', 'preferences', 'max_replicas_per_node']);
  }
  return ordered(o, [
    'mode',
    'replicas',
    'labels',
    'update_config',
    'rollback_config',
    'resources',
    'restart_policy',
    'placement',
    'endpoint_mode',
  ]);
}
