/**
 * One compose service → one {@link ServiceSpec} (the store's user intent), pure. The first step
 * of the spec pipeline (docs/design/spec-pipeline.md): compose project → stack specs → tasks →
 * agent container config.
 *
 * Every key of the service is either mapped here, handled by the deploy front end before the
 * spec exists (`build`, `depends_on`, `profiles`, `pull_policy`, ...), or reported as an issue
 * naming its key path. Nothing is dropped silently.
 *
 * @module
 */
import type {
  ContainerSpec,
  EndpointSpec,
  FileReference,
  HealthCheck,
  MountSpec,
  NetworkAttachmentConfig,
  Placement,
  PortConfig,
  ResourceRequirements,
  RestartPolicy,
  ServiceMode,
  ServiceSpec,
  Ulimit,
  UpdateConfig,
} from '../../store/index.js';
import type {
  ComposeProject,
  DeployConfig,
  HealthCheck as ComposeHealthCheck,
  ServiceConfig,
  UnsupportedKey,
} from '../../compose/index.js';
import { parseBytes, parseDuration, splitShellWords } from '../../compose/index.js';
import { STACK_NAMESPACE_LABEL } from '../../store/index.js';
import { DEFAULT_UPDATE_CONFIG } from '../update/index.js';
import {
  COMPOSE_DEPENDS_ON_LABEL,
  composeLabels,
  formatDependsOn,
  resourceName,
  serviceObjectName,
} from './names.js';

/** Which tool's defaults apply where the file says nothing. */
export type SpecTarget = 'compose' | 'stack';

/** Options of {@link serviceSpec}. */
export interface ServiceSpecOptions {
  /**
   * `compose` (`tsorch up`): a service without a restart setting is not restarted, as
   * `docker compose up` does; `stack` (`tsorch stack deploy`): it is restarted on any exit, as
   * Swarm does.
   */
  target: SpecTarget;
  /** Key paths reported already (by the compose loader's list of unsupported keys). */
  alreadyReported?: ReadonlySet<string>;
}

/** The result of converting one service: the spec and what could not be honoured. */
export interface ServiceSpecResult {
  spec: ServiceSpec;
  issues: UnsupportedKey[];
}

/** Keys used before a spec exists (build, ordering, selection): not the spec's business. */
const frontEndKeys = new Set([
  'build',
  'depends_on',
  'profiles',
  'pull_policy',
  'attach',
  'env_file',
  'label_file',
  'extends',
  'develop',
  'container_name',
  'scale',
]);

/** Keys {@link serviceSpec} maps. */
const mappedKeys = new Set([
  'image',
  'command',
  'entrypoint',
  'environment',
  'user',
  'working_dir',
  'hostname',
  'read_only',
  'cap_add',
  'cap_drop',
  'ulimits',
  'sysctls',
  'labels',
  'init',
  'stop_signal',
  'stop_grace_period',
  'dns',
  'dns_search',
  'dns_opt',
  'healthcheck',
  'volumes',
  'tmpfs',
  'secrets',
  'configs',
  'networks',
  'network_mode',
  'ports',
  'deploy',
  'restart',
  'platform',
  'shm_size',
  'privileged',
]);

/**
 * Keys that only document: `expose` lists ports other services may reach, which they can reach
 * on a tsorch network anyway (as on Docker's).
 */
const documentationKeys = new Set(['expose']);

/** Defaults Docker applies to rolling updates, except tsorch's failure action (issue #11). */
const updateDefaults = DEFAULT_UPDATE_CONFIG;

/** Swarm's restart delay when none is given. */
const restartDelayDefaultMs = 5_000;

/** Collects issues for one service. */
class Issues {
  readonly list: UnsupportedKey[] = [];
  constructor(
    readonly service: string,
    readonly alreadyReported: ReadonlySet<string>,
  ) {}
  add(path: string, reason: string): void {
    const full = `services.${this.service}.${path}`;
    if (!this.alreadyReported.has(full))
      this.list.push({ service: this.service, path: full, reason });
  }
}

function ms(value: string | undefined, path: string, issues: Issues): number | undefined {
  if (value === undefined) return undefined;
  const parsed = parseDuration(value);
  if (!parsed.ok) {
    issues.add(path, parsed.message);
    return undefined;
  }
  return Math.round(parsed.ns / 1e6);
}

function bytes(value: string | undefined, path: string, issues: Issues): number | undefined {
  if (value === undefined) return undefined;
  const parsed = parseBytes(value);
  if (!parsed.ok) {
    issues.add(path, parsed.message);
    return undefined;
  }
  return parsed.bytes;
}

/** A command in the normalized model: a list (the loader split any string form already). */
function words(value: unknown, path: string, issues: Issues): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return undefined;
  const split = splitShellWords(value);
  if (split.ok) return split.words;
  issues.add(path, split.message);
  return undefined;
}

/** A key that takes one string or a list of them (`dns`, `tmpfs`, `cap_add`...). */
function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : [];
}

function healthCheck(h: ComposeHealthCheck, issues: Issues): HealthCheck {
  if (h.disable === true) {
    return {
      test: ['NONE'],
      intervalMs: 0,
      timeoutMs: 0,
      retries: 0,
      startPeriodMs: 0,
      startIntervalMs: 0,
    };
  }
  // 0 means "the runtime's default" (30 s, 30 s, 3, 0 s, 5 s), as in Docker's API.
  return {
    test: h.test ?? [],
    intervalMs: ms(h.interval, 'healthcheck.interval', issues) ?? 0,
    timeoutMs: ms(h.timeout, 'healthcheck.timeout', issues) ?? 0,
    retries: h.retries ?? 0,
    startPeriodMs: ms(h.start_period, 'healthcheck.start_period', issues) ?? 0,
    startIntervalMs: ms(h.start_interval, 'healthcheck.start_interval', issues) ?? 0,
  };
}

function ulimits(value: unknown): Ulimit[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).map(([name, v]) => {
    if (typeof v === 'number') return { name, soft: v, hard: v };
    const limits = v as { soft: number; hard: number };
    return { name, soft: limits.soft, hard: limits.hard };
  });
}

function mounts(project: ComposeProject, svc: ServiceConfig, issues: Issues): MountSpec[] {
  const out: MountSpec[] = [];
  for (const [i, v] of (svc.volumes ?? []).entries()) {
    const path = `volumes[${i}]`;
    const readonly = v.read_only === true;
    switch (v.type) {
      case 'bind':
        out.push({ type: 'bind', source: v.source ?? '', target: v.target, readonly });
        break;
      case 'volume':
        // No source: an anonymous volume, made per container.
        out.push({
          type: 'volume',
          name: v.source === undefined ? undefined : resourceName(project, 'volumes', v.source),
          target: v.target,
          readonly,
        });
        if (v.volume?.subpath !== undefined)
          issues.add(`${path}.volume.subpath`, 'volume subpaths are not supported');
        break;
      case 'tmpfs': {
        const size =
          v.tmpfs?.size === undefined
            ? undefined
            : bytes(v.tmpfs.size, `${path}.tmpfs.size`, issues);
        if (readonly) issues.add(`${path}.read_only`, 'a tmpfs mount is always writable');
        out.push({
          type: 'tmpfs',
          target: v.target,
          ...(size === undefined ? {} : { sizeBytes: size }),
        });
        break;
      }
      case 'cluster':
      case 'npipe':
      case 'image':
        issues.add('volumes', `volume type "${v.type}" is not supported`);
        break;
    }
  }
  for (const entry of stringList(svc['tmpfs'])) {
    // Short syntax `PATH[:OPTIONS]`; a size option is honoured, others are the defaults.
    const [target = '', options = ''] = entry.split(':');
    const size = /(?:^|,)size=([^,]+)/.exec(options)?.[1];
    const sizeBytes = size === undefined ? undefined : bytes(size, 'tmpfs', issues);
    out.push({ type: 'tmpfs', target, ...(sizeBytes === undefined ? {} : { sizeBytes }) });
  }
  return out;
}

function fileRefs(
  project: ComposeProject,
  svc: ServiceConfig,
  kind: 'secrets' | 'configs',
  issues: Issues,
): FileReference[] {
  return (svc[kind] ?? []).map((ref, i) => {
    const mode = ref.mode === undefined ? 0o444 : Number.parseInt(ref.mode, 8);
    if (Number.isNaN(mode))
      issues.add(`${kind}[${i}].mode`, `Cannot parse file mode "${ref.mode ?? ''}"`);
    return {
      // Filled with the object's id when the stack is deployed.
      id: '',
      name: resourceName(project, kind, ref.source),
      target: ref.target ?? (kind === 'secrets' ? `/run/secrets/${ref.source}` : `/${ref.source}`),
      uid: ref.uid ?? '0',
      gid: ref.gid ?? '0',
      mode: Number.isNaN(mode) ? 0o444 : mode,
    };
  });
}

function networks(
  project: ComposeProject,
  name: string,
  svc: ServiceConfig,
  issues: Issues,
): NetworkAttachmentConfig[] {
  const mode = svc.network_mode;
  if (mode !== undefined) {
    if (mode !== 'none')
      issues.add('network_mode', `network mode "${mode}" is not supported; use networks`);
    return [];
  }
  const attached = svc.networks ?? { default: null };
  return Object.entries(attached).map(([net, cfg]) => {
    for (const key of [
      'ipv4_address',
      'ipv6_address',
      'mac_address',
      'link_local_ips',
      'interface_name',
      'driver_opts',
    ] as const) {
      if (cfg?.[key] !== undefined)
        issues.add(`networks.${net}.${key}`, `"${key}" is not supported on services`);
    }
    // As `docker stack deploy`: the compose name is an alias on each network, so `web` answers
    // as the service `shop_web` does (ADR 029).
    const aliases = cfg?.aliases ?? [];
    return {
      target: resourceName(project, 'networks', net),
      aliases: aliases.includes(name) ? aliases : [...aliases, name],
    };
  });
}

function ports(svc: ServiceConfig, issues: Issues): PortConfig[] {
  const out: PortConfig[] = [];
  for (const [i, p] of (svc.ports ?? []).entries()) {
    const protocol = p.protocol;
    if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp') {
      issues.add(`ports[${i}].protocol`, `protocol "${protocol}" is not supported`);
      continue;
    }
    // Ranges were expanded by the parser; an empty published port is allocated by the manager.
    const published = p.published === undefined || p.published === '' ? 0 : Number(p.published);
    if (!Number.isInteger(published)) {
      issues.add(`ports[${i}].published`, `published port "${p.published ?? ''}" is not a number`);
      continue;
    }
    out.push({
      ...(p.name === undefined ? {} : { name: p.name }),
      protocol,
      targetPort: p.target,
      publishedPort: published,
      publishMode: p.mode === 'host' ? 'host' : 'ingress',
      ...(p.host_ip === undefined ? {} : { hostIp: p.host_ip }),
    });
  }
  return out;
}

function resources(deploy: DeployConfig | undefined, issues: Issues): ResourceRequirements {
  const out: ResourceRequirements = {};
  for (const kind of ['limits', 'reservations'] as const) {
    const r = deploy?.resources?.[kind];
    if (r === undefined) continue;
    const path = `deploy.resources.${kind}`;
    const nanoCpus = Math.round((r.cpus ?? 0) * 1e9);
    const memoryBytes = bytes(r.memory, `${path}.memory`, issues) ?? 0;
    if (kind === 'limits')
      out.limits = { nanoCpus, memoryBytes, ...(r.pids === undefined ? {} : { pids: r.pids }) };
    else {
      out.reservations = { nanoCpus, memoryBytes };
      if (r.pids !== undefined) issues.add(`${path}.pids`, 'a pids reservation has no meaning');
    }
    if (r.devices !== undefined)
      issues.add(`${path}.devices`, 'device reservations are not supported');
    if (r.generic_resources !== undefined)
      issues.add(`${path}.generic_resources`, 'generic resources are not supported');
  }
  return out;
}

/** Compose's `restart:` in Swarm's terms. */
function restartFromCompose(value: string, issues: Issues): RestartPolicy | undefined {
  const policy = (condition: RestartPolicy['condition'], maxAttempts = 0): RestartPolicy => ({
    condition,
    delayMs: restartDelayDefaultMs,
    maxAttempts,
    windowMs: 0,
  });
  if (value === 'no') return policy('none');
  if (value === 'always' || value === 'unless-stopped') return policy('any');
  const m = /^on-failure(?::(\d+))?$/.exec(value);
  if (m !== null) return policy('on-failure', Number(m[1] ?? 0));
  issues.add(
    'restart',
    `restart policy "${value}" is not one of no, always, on-failure[:N], unless-stopped`,
  );
  return undefined;
}

function restartPolicy(svc: ServiceConfig, target: SpecTarget, issues: Issues): RestartPolicy {
  const rp = svc.deploy?.restart_policy;
  if (rp !== undefined) {
    const condition = rp.condition ?? 'any';
    if (condition !== 'none' && condition !== 'on-failure' && condition !== 'any') {
      issues.add(
        'deploy.restart_policy.condition',
        `condition "${condition}" is not one of none, on-failure, any`,
      );
    }
    return {
      condition: condition === 'none' || condition === 'on-failure' ? condition : 'any',
      delayMs: ms(rp.delay, 'deploy.restart_policy.delay', issues) ?? restartDelayDefaultMs,
      maxAttempts: rp.max_attempts ?? 0,
      windowMs: ms(rp.window, 'deploy.restart_policy.window', issues) ?? 0,
    };
  }
  const fromCompose =
    typeof svc['restart'] === 'string' ? restartFromCompose(svc['restart'], issues) : undefined;
  return (
    fromCompose ?? {
      condition: target === 'compose' ? 'none' : 'any',
      delayMs: restartDelayDefaultMs,
      maxAttempts: 0,
      windowMs: 0,
    }
  );
}

function updateConfig(
  u: DeployConfig['update_config'],
  path: string,
  issues: Issues,
): UpdateConfig | undefined {
  if (u === undefined) return undefined;
  const failureAction = u.failure_action ?? updateDefaults.failureAction;
  if (failureAction !== 'pause' && failureAction !== 'continue' && failureAction !== 'rollback') {
    issues.add(
      `${path}.failure_action`,
      `failure action "${failureAction}" is not one of pause, continue, rollback`,
    );
  }
  const order = u.order ?? updateDefaults.order;
  if (order !== 'stop-first' && order !== 'start-first') {
    issues.add(`${path}.order`, `order "${order}" is not one of stop-first, start-first`);
  }
  return {
    parallelism: u.parallelism ?? updateDefaults.parallelism,
    delayMs: ms(u.delay, `${path}.delay`, issues) ?? updateDefaults.delayMs,
    failureAction:
      failureAction === 'pause' || failureAction === 'continue' ? failureAction : 'rollback',
    monitorMs: ms(u.monitor, `${path}.monitor`, issues) ?? updateDefaults.monitorMs,
    maxFailureRatio: u.max_failure_ratio ?? updateDefaults.maxFailureRatio,
    order: order === 'start-first' ? 'start-first' : 'stop-first',
  };
}

function mode(svc: ServiceConfig, issues: Issues): ServiceMode {
  const deploy = svc.deploy;
  const scale = typeof svc['scale'] === 'number' ? svc['scale'] : undefined;
  const replicas = deploy?.replicas ?? scale ?? 1;
  switch (deploy?.mode ?? 'replicated') {
    case 'replicated':
      return { kind: 'replicated', replicas };
    case 'global':
      if (deploy?.replicas !== undefined)
        issues.add('deploy.replicas', 'replicas has no meaning for a global service');
      return { kind: 'global' };
    case 'replicated-job':
      return { kind: 'replicated-job', maxConcurrent: replicas, totalCompletions: replicas };
    case 'global-job':
      return { kind: 'global-job' };
    default:
      issues.add(
        'deploy.mode',
        `mode "${deploy?.mode ?? ''}" is not one of replicated, global, replicated-job, global-job`,
      );
      return { kind: 'replicated', replicas };
  }
}

function placement(svc: ServiceConfig, issues: Issues): Placement {
  const p = svc.deploy?.placement;
  const platforms: Placement['platforms'] = [];
  const platform = svc['platform'];
  if (typeof platform === 'string') {
    const [os = '', architecture = ''] = platform.split('/');
    if (os === '' || architecture === '')
      issues.add('platform', `platform "${platform}" is not OS/ARCH`);
    else platforms.push({ os, architecture });
  }
  return {
    constraints: p?.constraints ?? [],
    preferences: p?.preferences ?? [],
    maxReplicasPerNode: p?.max_replicas_per_node ?? 0,
    platforms,
  };
}

function containerSpec(
  project: ComposeProject,
  name: string,
  svc: ServiceConfig,
  image: string,
  issues: Issues,
): ContainerSpec {
  const env = Object.entries(svc.environment ?? {})
    // A null value is a bare key the environment did not define: compose leaves it unset.
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([k, v]) => `${k}=${v}`);
  const entrypoint = words(svc.entrypoint, 'entrypoint', issues);
  const cmd = words(svc.command, 'command', issues) ?? [];
  const healthcheck =
    svc.healthcheck === undefined ? undefined : healthCheck(svc.healthcheck, issues);
  const stopGraceMs = ms(
    svc['stop_grace_period'] as string | undefined,
    'stop_grace_period',
    issues,
  );
  const stopTimeoutS = stopGraceMs === undefined ? undefined : Math.ceil(stopGraceMs / 1000);
  const dnsServers = stringList(svc['dns']);
  const dnsSearch = stringList(svc['dns_search']);
  const dnsOptions = stringList(svc['dns_opt']);
  const str = (key: string): string | undefined => {
    const v = svc[key];
    return typeof v === 'string' ? v : undefined;
  };
  const user = str('user');
  const workingDir = str('working_dir');
  const hostname = str('hostname');
  const stopSignal = str('stop_signal');
  const shm = svc['shm_size'];
  const shmSizeBytes =
    typeof shm === 'string' || typeof shm === 'number'
      ? bytes(String(shm), 'shm_size', issues)
      : undefined;
  return {
    image,
    cmd,
    ...(entrypoint === undefined ? {} : { entrypoint }),
    env,
    ...(user === undefined ? {} : { user }),
    ...(workingDir === undefined ? {} : { workingDir }),
    ...(hostname === undefined ? {} : { hostname }),
    mounts: mounts(project, svc, issues),
    secrets: fileRefs(project, svc, 'secrets', issues),
    configs: fileRefs(project, svc, 'configs', issues),
    ...(healthcheck === undefined ? {} : { healthcheck }),
    ...(stopSignal === undefined ? {} : { stopSignal }),
    ...(stopTimeoutS === undefined ? {} : { stopTimeoutS }),
    ...(dnsServers.length + dnsSearch.length + dnsOptions.length === 0
      ? {}
      : { dns: { nameservers: dnsServers, search: dnsSearch, options: dnsOptions } }),
    readOnly: svc['read_only'] === true,
    capAdd: stringList(svc['cap_add']),
    capDrop: stringList(svc['cap_drop']),
    ulimits: ulimits(svc['ulimits']),
    sysctls: { ...((svc['sysctls'] as Record<string, string> | undefined) ?? {}) },
    labels: { ...(svc.labels ?? {}), ...composeLabels(project.name, name) },
    privileged: svc['privileged'] === true,
    init: svc['init'] === true,
    ...(shmSizeBytes === undefined ? {} : { shmSizeBytes }),
  };
}

/**
 * Converts service `name` of `project` into a service spec.
 *
 * @returns the spec and every key that could not be honoured (never thrown: the caller reports
 * them all before anything changes).
 */
export function serviceSpec(
  project: ComposeProject,
  name: string,
  options: ServiceSpecOptions,
): ServiceSpecResult {
  const svc = project.services[name];
  if (svc === undefined) throw new RangeError(`No service "${name}" in project "${project.name}"`);
  const issues = new Issues(name, options.alreadyReported ?? new Set());
  for (const key of Object.keys(svc)) {
    if (key.startsWith('x-') || mappedKeys.has(key) || frontEndKeys.has(key)) continue;
    if (documentationKeys.has(key)) continue;
    issues.add(key, `"${key}" is not supported by tsorch services`);
  }
  // compose names a built image after the project and service when the file names none.
  const image = svc.image ?? `${project.name}-${name}`;
  const deploy = svc.deploy;
  if (
    deploy?.endpoint_mode !== undefined &&
    deploy.endpoint_mode !== 'vip' &&
    deploy.endpoint_mode !== 'dnsrr'
  ) {
    issues.add(
      'deploy.endpoint_mode',
      `endpoint mode "${deploy.endpoint_mode}" is not one of vip, dnsrr`,
    );
  }
  const endpoint: EndpointSpec = {
    mode: deploy?.endpoint_mode === 'dnsrr' ? 'dnsrr' : 'vip',
    ports: ports(svc, issues),
  };
  const update = updateConfig(deploy?.update_config, 'deploy.update_config', issues);
  const rollback = updateConfig(deploy?.rollback_config, 'deploy.rollback_config', issues);
  const spec: ServiceSpec = {
    name: serviceObjectName(project.name, name),
    labels: {
      ...(deploy?.labels ?? {}),
      [STACK_NAMESPACE_LABEL]: project.name,
      ...composeLabels(project.name, name),
      ...(Object.keys(svc.depends_on ?? {}).length === 0
        ? {}
        : { [COMPOSE_DEPENDS_ON_LABEL]: formatDependsOn(svc.depends_on ?? {}) }),
    },
    task: {
      container: containerSpec(project, name, svc, image, issues),
      resources: resources(deploy, issues),
      restartPolicy: restartPolicy(svc, options.target, issues),
      placement: placement(svc, issues),
      networks: networks(project, name, svc, issues),
      forceUpdate: 0,
    },
    mode: mode(svc, issues),
    ...(update === undefined ? {} : { update }),
    ...(rollback === undefined ? {} : { rollback }),
    endpoint,
  };
  return { spec, issues: issues.list };
}
