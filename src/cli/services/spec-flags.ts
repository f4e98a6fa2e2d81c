/**
 * `service create` and `service update` flags → the wire `ServiceSpec` (pure). Flags are
 * Docker's (`docker service create --help`); each bad value is refused naming its flag. Create
 * starts from Docker's defaults; update starts from the service's current spec and changes only
 * what a flag names (`--env-add`, `--constraint-rm`, ...). The manager checks the result again
 * and names spec fields (src/manager/services).
 *
 * @module
 */
import type { ContainerMount__Output } from '../../api/gen/tsorch/v1/ContainerMount.js';
import type { ServicePort__Output } from '../../api/gen/tsorch/v1/ServicePort.js';
import type { ServiceResources__Output } from '../../api/gen/tsorch/v1/ServiceResources.js';
import type { ServiceSpec__Output } from '../../api/gen/tsorch/v1/ServiceSpec.js';
import type { ServiceTaskTemplate__Output } from '../../api/gen/tsorch/v1/ServiceTaskTemplate.js';
import type { ServiceUpdateConfig__Output } from '../../api/gen/tsorch/v1/ServiceUpdateConfig.js';
import { splitShellWords } from '../../compose/index.js';
import { parseBytes, parseDurationMs } from '../../util/container-flags.js';
import {
  RESTART_DELAY_DEFAULT_MS,
  ROLLBACK_DEFAULTS,
  UPDATE_DEFAULTS,
  type UpdateDefaults,
} from '../../util/service-defaults.js';
import { UsageError } from '../io.js';

/** The wire spec as the CLI builds and edits it (every field present). */
export type WireSpec = ServiceSpec__Output;

/** Flags both `create` and `update` take, as commander gives them. */
export interface SettingFlags {
  replicas?: string;
  maxConcurrent?: string;
  replicasMaxPerNode?: string;
  reserveMemory?: string;
  reserveCpu?: string;
  limitMemory?: string;
  limitCpu?: string;
  limitPids?: string;
  restartCondition?: string;
  restartDelay?: string;
  restartMaxAttempts?: string;
  restartWindow?: string;
  updateParallelism?: string;
  updateDelay?: string;
  updateOrder?: string;
  updateFailureAction?: string;
  updateMonitor?: string;
  updateMaxFailureRatio?: string;
  rollbackParallelism?: string;
  rollbackDelay?: string;
  rollbackOrder?: string;
  rollbackFailureAction?: string;
  rollbackMonitor?: string;
  rollbackMaxFailureRatio?: string;
  healthCmd?: string;
  healthInterval?: string;
  healthTimeout?: string;
  healthRetries?: string;
  healthStartPeriod?: string;
  healthStartInterval?: string;
  /** `--no-healthcheck` (commander: `healthcheck: false`). */
  healthcheck?: boolean;
  hostname?: string;
  user?: string;
  workdir?: string;
  entrypoint?: string;
  stopSignal?: string;
  stopGracePeriod?: string;
  endpointMode?: string;
  readOnly?: boolean;
  init?: boolean;
}

/** `service create` flags. */
export interface CreateFlags extends SettingFlags {
  name?: string;
  mode?: string;
  env?: string[];
  /** Lines of the `--env-file` files, read by the caller. */
  envFileLines?: string[];
  label?: string[];
  containerLabel?: string[];
  constraint?: string[];
  placementPref?: string[];
  publish?: string[];
  mount?: string[];
  network?: string[];
  capAdd?: string[];
  capDrop?: string[];
}

/** `service update` flags. */
export interface UpdateFlags extends SettingFlags {
  image?: string;
  args?: string;
  force?: boolean;
  envAdd?: string[];
  envRm?: string[];
  labelAdd?: string[];
  labelRm?: string[];
  containerLabelAdd?: string[];
  containerLabelRm?: string[];
  constraintAdd?: string[];
  constraintRm?: string[];
  placementPrefAdd?: string[];
  placementPrefRm?: string[];
  publishAdd?: string[];
  /** `TARGET[/PROTOCOL]` or `PUBLISHED:TARGET[/PROTOCOL]`: the published port to drop. */
  publishRm?: string[];
  mountAdd?: string[];
  /** Target paths. */
  mountRm?: string[];
  networkAdd?: string[];
  networkRm?: string[];
}

function bad(flag: string, value: string, why: string): UsageError {
  return new UsageError(`Invalid value for --${flag}: "${value}": ${why}`);
}

/** A whole number ≥ 0 from a flag. */
export function wholeNumber(flag: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) throw bad(flag, value, 'must be a whole number of 0 or more');
  return Number(value);
}

function duration(flag: string, value: string): string {
  try {
    return String(parseDurationMs(value, `--${flag}`));
  } catch {
    throw bad(flag, value, 'use a duration such as 30s, 1m30s or 500ms');
  }
}

function bytes(flag: string, value: string): string {
  try {
    return String(parseBytes(value, `--${flag}`));
  } catch {
    throw bad(flag, value, 'use a size such as 64M, 1G or 512K');
  }
}

function nanoCpus(flag: string, value: string): string {
  const cpus = /^\s*\d*\.?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(cpus >= 0)) throw bad(flag, value, 'must be a number of CPUs such as 0.5 or 2');
  return String(Math.round(cpus * 1e9));
}

function oneOf(flag: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw bad(flag, value, `use ${allowed.join(', ')}`);
  return value;
}

/** {@link oneOf} for a part of a composite flag value: the message quotes the whole value. */
function partOf(
  flag: string,
  value: string,
  key: string,
  part: string,
  allowed: readonly string[],
) {
  if (!allowed.includes(part))
    throw bad(flag, value, `${key} "${part}": use ${allowed.join(', ')}`);
  return part;
}

function ratio(flag: string, value: string): number {
  const n = /^\s*\d*\.?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 0 && n <= 1)) throw bad(flag, value, 'must be a number from 0 to 1');
  return n;
}

/** `KEY=VALUE` (or `KEY`, an empty value) pairs into a map, in order. */
export function keyValues(flag: string, values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    const key = eq === -1 ? v : v.slice(0, eq);
    if (key === '') throw bad(flag, v, 'use KEY=VALUE');
    out[key] = eq === -1 ? '' : v.slice(eq + 1);
  }
  return out;
}

function checkEnv(flag: string, values: readonly string[]): string[] {
  for (const v of values) if (v.startsWith('=') || v === '') throw bad(flag, v, 'use KEY=VALUE');
  return [...values];
}

/**
 * `--env-file` content: `KEY=VALUE` lines, `#` comments and blank lines skipped; a bare `KEY`
 * takes its value from `env` (Docker's rule) or is left out.
 */
export function envFileLines(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.includes('=')) out.push(line);
    else if (env[line] !== undefined) out.push(`${line}=${env[line] ?? ''}`);
  }
  return checkEnv('env-file', out);
}

/**
 * Parses `-p`: `PUBLISHED:TARGET[/PROTOCOL]`, `TARGET[/PROTOCOL]` (a port is allocated), or the
 * long form `published=8080,target=80,protocol=udp,mode=host`.
 *
 * @throws {UsageError} naming `--publish`.
 */
export function parsePublish(value: string): ServicePort__Output {
  const port: ServicePort__Output = {
    name: '',
    protocol: 'tcp',
    targetPort: 0,
    publishedPort: 0,
    publishMode: 'ingress',
    hostIp: '',
  };
  const num = (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 65535)
      throw bad('publish', value, `port "${v}" must be a number from 1 to 65535`);
    return Number(v);
  };
  if (value.includes('=')) {
    for (const part of value.split(',')) {
      const [k = '', v = ''] = part.split('=', 2);
      switch (k.trim()) {
        case 'published':
          port.publishedPort = num(v);
          break;
        case 'target':
          port.targetPort = num(v);
          break;
        case 'protocol':
          port.protocol = partOf('publish', value, 'protocol', v, ['tcp', 'udp', 'sctp']);
          break;
        case 'mode':
          port.publishMode = partOf('publish', value, 'mode', v, ['ingress', 'host']);
          break;
        default:
          throw bad('publish', value, `unknown key "${k}": use published, target, protocol, mode`);
      }
    }
    if (port.targetPort === 0) throw bad('publish', value, 'missing target=PORT');
    return port;
  }
  const [ports = '', protocol = 'tcp'] = value.split('/');
  port.protocol = partOf('publish', value, 'protocol', protocol, ['tcp', 'udp', 'sctp']);
  const parts = ports.split(':');
  if (parts.length > 2) throw bad('publish', value, 'use PUBLISHED:TARGET[/PROTOCOL]');
  const [a = '', b] = parts;
  if (b === undefined) port.targetPort = num(a);
  else {
    port.publishedPort = num(a);
    port.targetPort = num(b);
  }
  return port;
}

/**
 * Parses `--mount type=volume,src=data,dst=/data[,readonly]` (also `source`, `target`,
 * `destination`, `ro`, `tmpfs-size`).
 *
 * @throws {UsageError} naming `--mount`.
 */
export function parseMount(value: string): ContainerMount__Output {
  const m: ContainerMount__Output = {
    type: 'volume',
    source: '',
    target: '',
    readonly: false,
    tmpfsSizeBytes: '0',
  };
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    const k = (eq === -1 ? part : part.slice(0, eq)).trim();
    const v = eq === -1 ? '' : part.slice(eq + 1);
    switch (k) {
      case 'type':
        m.type = partOf('mount', value, 'type', v, ['volume', 'bind', 'tmpfs']);
        break;
      case 'src':
      case 'source':
        m.source = v;
        break;
      case 'dst':
      case 'destination':
      case 'target':
        m.target = v;
        break;
      case 'ro':
      case 'readonly':
        m.readonly = v === '' || v === 'true' || v === '1';
        if (!['', 'true', '1', 'false', '0'].includes(v))
          throw bad('mount', value, `"${k}" is true or false`);
        break;
      case 'tmpfs-size':
        m.tmpfsSizeBytes = bytes('mount', v);
        break;
      default:
        throw bad(
          'mount',
          value,
          `unknown key "${k}": use type, source, target, readonly, tmpfs-size`,
        );
    }
  }
  if (m.target === '') throw bad('mount', value, 'missing target=PATH');
  if (m.type === 'bind' && m.source === '') throw bad('mount', value, 'a bind needs source=PATH');
  return m;
}

/** Parses `--placement-pref spread=node.labels.rack` into the spread descriptor. */
function parsePreference(value: string): string {
  const m = /^spread=(.+)$/.exec(value);
  if (m?.[1] === undefined) throw bad('placement-pref', value, 'use spread=node.labels.NAME');
  return m[1];
}

function resources(
  current: ServiceResources__Output | null,
  memory: string | undefined,
  cpus: string | undefined,
  flags: [string, string],
): ServiceResources__Output | null {
  if (memory === undefined && cpus === undefined) return current;
  const r = current ?? { nanoCpus: '0', memoryBytes: '0', pids: '0' };
  return {
    ...r,
    ...(memory === undefined ? {} : { memoryBytes: bytes(flags[0], memory) }),
    ...(cpus === undefined ? {} : { nanoCpus: nanoCpus(flags[1], cpus) }),
  };
}

function updateConfig(
  current: ServiceUpdateConfig__Output | null,
  defaults: UpdateDefaults,
  prefix: 'update' | 'rollback',
  f: SettingFlags,
): ServiceUpdateConfig__Output | null {
  const v = {
    parallelism: prefix === 'update' ? f.updateParallelism : f.rollbackParallelism,
    delay: prefix === 'update' ? f.updateDelay : f.rollbackDelay,
    order: prefix === 'update' ? f.updateOrder : f.rollbackOrder,
    failureAction: prefix === 'update' ? f.updateFailureAction : f.rollbackFailureAction,
    monitor: prefix === 'update' ? f.updateMonitor : f.rollbackMonitor,
    ratio: prefix === 'update' ? f.updateMaxFailureRatio : f.rollbackMaxFailureRatio,
  };
  if (Object.values(v).every((x) => x === undefined)) return current;
  const base: ServiceUpdateConfig__Output = current ?? {
    parallelism: String(defaults.parallelism),
    delayMs: String(defaults.delayMs),
    failureAction: defaults.failureAction,
    monitorMs: String(defaults.monitorMs),
    maxFailureRatio: defaults.maxFailureRatio,
    order: defaults.order,
  };
  const actions = prefix === 'update' ? ['pause', 'continue', 'rollback'] : ['pause', 'continue'];
  return {
    parallelism:
      v.parallelism === undefined
        ? base.parallelism
        : String(wholeNumber(`${prefix}-parallelism`, v.parallelism)),
    delayMs: v.delay === undefined ? base.delayMs : duration(`${prefix}-delay`, v.delay),
    failureAction:
      v.failureAction === undefined
        ? base.failureAction
        : oneOf(`${prefix}-failure-action`, v.failureAction, actions),
    monitorMs: v.monitor === undefined ? base.monitorMs : duration(`${prefix}-monitor`, v.monitor),
    maxFailureRatio:
      v.ratio === undefined ? base.maxFailureRatio : ratio(`${prefix}-max-failure-ratio`, v.ratio),
    order:
      v.order === undefined
        ? base.order
        : oneOf(`${prefix}-order`, v.order, ['stop-first', 'start-first']),
  };
}

function healthcheck(
  current: ServiceTaskTemplate__Output['container'],
  f: SettingFlags,
): NonNullable<ServiceTaskTemplate__Output['container']>['healthcheck'] {
  const h = current?.healthcheck ?? null;
  const timing = [
    f.healthInterval,
    f.healthTimeout,
    f.healthRetries,
    f.healthStartPeriod,
    f.healthStartInterval,
  ];
  if (f.healthcheck === false) {
    if (f.healthCmd !== undefined || timing.some((t) => t !== undefined))
      throw new UsageError('Cannot use --no-healthcheck with other --health-* flags');
    return {
      test: ['NONE'],
      intervalMs: '0',
      timeoutMs: '0',
      retries: 0,
      startPeriodMs: '0',
      startIntervalMs: '0',
    };
  }
  if (f.healthCmd === undefined && timing.every((t) => t === undefined)) return h;
  const base = h ?? {
    test: [],
    intervalMs: '0',
    timeoutMs: '0',
    retries: 0,
    startPeriodMs: '0',
    startIntervalMs: '0',
  };
  const d = (flag: string, v: string | undefined, old: string): string =>
    v === undefined ? old : duration(flag, v);
  return {
    test: f.healthCmd === undefined ? base.test : ['CMD-SHELL', f.healthCmd],
    intervalMs: d('health-interval', f.healthInterval, base.intervalMs),
    timeoutMs: d('health-timeout', f.healthTimeout, base.timeoutMs),
    retries:
      f.healthRetries === undefined ? base.retries : wholeNumber('health-retries', f.healthRetries),
    startPeriodMs: d('health-start-period', f.healthStartPeriod, base.startPeriodMs),
    startIntervalMs: d('health-start-interval', f.healthStartInterval, base.startIntervalMs),
  };
}

/** Applies the flags `create` and `update` share to `spec` (a copy is returned). */
export function applySettings(spec: WireSpec, f: SettingFlags): WireSpec {
  const out = structuredClone(spec);
  const task = out.task;
  const c = task?.container;
  if (task === null || c === null || c === undefined || out.mode === null)
    throw new UsageError('The service has no task template to change');
  if (f.replicas !== undefined) {
    const n = String(wholeNumber('replicas', f.replicas));
    if (out.mode.kind === 'replicated') out.mode.replicas = n;
    else if (out.mode.kind === 'replicated-job') out.mode.totalCompletions = n;
    else throw new UsageError(`Cannot use --replicas with a ${out.mode.kind} service`);
  }
  if (f.maxConcurrent !== undefined) {
    if (out.mode.kind !== 'replicated-job')
      throw new UsageError('Cannot use --max-concurrent: it is only for --mode replicated-job');
    out.mode.maxConcurrent = String(wholeNumber('max-concurrent', f.maxConcurrent));
  }
  if (task.placement === null)
    task.placement = { constraints: [], preferences: [], maxReplicasPerNode: '0', platforms: [] };
  if (f.replicasMaxPerNode !== undefined)
    task.placement.maxReplicasPerNode = String(
      wholeNumber('replicas-max-per-node', f.replicasMaxPerNode),
    );
  task.reservations = resources(task.reservations, f.reserveMemory, f.reserveCpu, [
    'reserve-memory',
    'reserve-cpu',
  ]);
  task.limits = resources(task.limits, f.limitMemory, f.limitCpu, ['limit-memory', 'limit-cpu']);
  if (f.limitPids !== undefined)
    task.limits = {
      ...(task.limits ?? { nanoCpus: '0', memoryBytes: '0' }),
      pids: String(wholeNumber('limit-pids', f.limitPids)),
    };
  const rp = task.restartPolicy ?? {
    condition: 'any',
    delayMs: String(RESTART_DELAY_DEFAULT_MS),
    maxAttempts: '0',
    windowMs: '0',
  };
  task.restartPolicy = {
    condition:
      f.restartCondition === undefined
        ? rp.condition
        : oneOf('restart-condition', f.restartCondition, ['none', 'on-failure', 'any']),
    delayMs: f.restartDelay === undefined ? rp.delayMs : duration('restart-delay', f.restartDelay),
    maxAttempts:
      f.restartMaxAttempts === undefined
        ? rp.maxAttempts
        : String(wholeNumber('restart-max-attempts', f.restartMaxAttempts)),
    windowMs:
      f.restartWindow === undefined ? rp.windowMs : duration('restart-window', f.restartWindow),
  };
  out.update = updateConfig(out.update, UPDATE_DEFAULTS, 'update', f);
  out.rollback = updateConfig(out.rollback, ROLLBACK_DEFAULTS, 'rollback', f);
  c.healthcheck = healthcheck(c, f);
  if (f.hostname !== undefined) c.hostname = f.hostname;
  if (f.user !== undefined) c.user = f.user;
  if (f.workdir !== undefined) c.workingDir = f.workdir;
  if (f.entrypoint !== undefined) {
    c.entrypoint = f.entrypoint === '' ? [] : f.entrypoint.split(/\s+/);
    c.hasEntrypoint = true;
  }
  if (f.stopSignal !== undefined) c.stopSignal = f.stopSignal;
  if (f.stopGracePeriod !== undefined)
    c.stopTimeoutS = Math.ceil(Number(duration('stop-grace-period', f.stopGracePeriod)) / 1000);
  if (f.readOnly !== undefined) c.readOnly = f.readOnly;
  if (f.init !== undefined) c.init = f.init;
  if (f.endpointMode !== undefined) {
    out.endpoint ??= { mode: 'vip', ports: [] };
    out.endpoint.mode = oneOf('endpoint-mode', f.endpointMode, ['vip', 'dnsrr']);
  }
  return out;
}

const MODES = ['replicated', 'global', 'replicated-job', 'global-job'];

function modeOf(f: CreateFlags): WireSpec['mode'] {
  const kind = oneOf('mode', f.mode ?? 'replicated', MODES);
  const base = { kind, replicas: '0', maxConcurrent: '0', totalCompletions: '0' };
  if ((kind === 'global' || kind === 'global-job') && f.replicas !== undefined)
    throw new UsageError(`Cannot use --replicas with --mode ${kind}`);
  if (kind === 'replicated') return { ...base, replicas: '1' };
  // Docker: a replicated job runs --replicas completions (1 by default), --max-concurrent at
  // once (default: as many as the completions).
  if (kind === 'replicated-job') {
    const total = f.replicas === undefined ? 1 : wholeNumber('replicas', f.replicas);
    return { ...base, totalCompletions: String(total), maxConcurrent: String(total) };
  }
  return base;
}

/**
 * The spec `service create` sends, from its flags, image and command.
 *
 * @throws {UsageError} naming the flag of a bad value.
 */
export function createSpec(image: string, command: readonly string[], f: CreateFlags): WireSpec {
  const name = f.name ?? '';
  const spec: WireSpec = {
    name,
    labels: keyValues('label', f.label ?? []),
    task: {
      container: {
        image,
        cmd: [...command],
        entrypoint: [],
        hasEntrypoint: false,
        env: [...(f.envFileLines ?? []), ...checkEnv('env', f.env ?? [])],
        workingDir: '',
        user: '',
        hostname: '',
        mounts: (f.mount ?? []).map(parseMount),
        readOnly: false,
        capAdd: f.capAdd ?? [],
        capDrop: f.capDrop ?? [],
        privileged: false,
        init: false,
        ulimits: [],
        sysctls: {},
        labels: keyValues('container-label', f.containerLabel ?? []),
        healthcheck: null,
        stopSignal: '',
        stopTimeoutS: -1,
        shmSizeBytes: '0',
        dns: null,
        secrets: [],
        configs: [],
      },
      limits: null,
      reservations: null,
      restartPolicy: null,
      placement: {
        constraints: f.constraint ?? [],
        preferences: (f.placementPref ?? []).map(parsePreference),
        maxReplicasPerNode: '0',
        platforms: [],
      },
      networks: (f.network ?? []).map((target) => ({ target, aliases: [] })),
      forceUpdate: '0',
    },
    mode: modeOf(f),
    update: null,
    rollback: null,
    endpoint: { mode: 'vip', ports: (f.publish ?? []).map(parsePublish) },
  };
  // A replicated job's --replicas is its completions, set above with its concurrency.
  const { replicas, ...rest } = f;
  return applySettings(spec, f.mode === 'replicated-job' || replicas === undefined ? rest : f);
}

function withoutKeys(map: Record<string, string>, keys: readonly string[] | undefined) {
  const drop = new Set(keys ?? []);
  return Object.fromEntries(Object.entries(map).filter(([k]) => !drop.has(k)));
}

function envUpdate(env: readonly string[], add: string[] | undefined, rm: string[] | undefined) {
  const key = (e: string): string => e.split('=', 1)[0] ?? '';
  const added = checkEnv('env-add', add ?? []);
  const drop = new Set([...(rm ?? []), ...added.map(key)]);
  return [...env.filter((e) => !drop.has(key(e))), ...added];
}

function portMatches(port: ServicePort__Output, spec: string): boolean {
  const [ports = '', protocol = 'tcp'] = spec.split('/');
  const parts = ports.split(':').map(Number);
  const published = parts.length === 2 ? parts[0] : undefined;
  const target = parts.length === 2 ? parts[1] : parts[0];
  if (port.protocol !== protocol) return false;
  if (published !== undefined)
    return port.publishedPort === published && port.targetPort === target;
  return port.targetPort === target || port.publishedPort === target;
}

/**
 * The spec `service update` sends: the current spec with the flags applied.
 *
 * @throws {UsageError} naming the flag of a bad value.
 */
export function updateSpec(current: WireSpec, f: UpdateFlags): WireSpec {
  const out = applySettings(current, f);
  const task = out.task;
  const c = task?.container;
  if (task == null || c == null) throw new UsageError('The service has no task template');
  if (f.image !== undefined) c.image = f.image;
  if (f.args !== undefined) {
    const split = splitShellWords(f.args);
    if (!split.ok) throw new UsageError(`Invalid --args: ${split.message}`);
    c.cmd = split.words;
  }
  c.env = envUpdate(c.env, f.envAdd, f.envRm);
  out.labels = {
    ...withoutKeys(out.labels, f.labelRm),
    ...keyValues('label-add', f.labelAdd ?? []),
  };
  c.labels = {
    ...withoutKeys(c.labels, f.containerLabelRm),
    ...keyValues('container-label-add', f.containerLabelAdd ?? []),
  };
  const placement = task.placement;
  if (placement !== null) {
    const rmC = new Set(f.constraintRm ?? []);
    placement.constraints = [
      ...placement.constraints.filter((x) => !rmC.has(x)),
      ...(f.constraintAdd ?? []),
    ];
    const rmP = new Set((f.placementPrefRm ?? []).map(parsePreference));
    placement.preferences = [
      ...placement.preferences.filter((x) => !rmP.has(x)),
      ...(f.placementPrefAdd ?? []).map(parsePreference),
    ];
  }
  const rmMounts = new Set(f.mountRm ?? []);
  c.mounts = [
    ...c.mounts.filter((m) => !rmMounts.has(m.target)),
    ...(f.mountAdd ?? []).map(parseMount),
  ];
  const rmNets = new Set(f.networkRm ?? []);
  task.networks = [
    ...task.networks.filter((n) => !rmNets.has(n.target)),
    ...(f.networkAdd ?? []).map((target) => ({ target, aliases: [] })),
  ];
  const endpoint = out.endpoint ?? { mode: 'vip', ports: [] };
  endpoint.ports = [
    ...endpoint.ports.filter((p) => !(f.publishRm ?? []).some((r) => portMatches(p, r))),
    ...(f.publishAdd ?? []).map(parsePublish),
  ];
  out.endpoint = endpoint;
  return out;
}
