/**
 * Conversion between the Services API messages (proto/tsorch/v1/services.proto) and the store's
 * types. The wire carries enums as strings; they are passed through as they are and checked,
 * with every other field, by the domain's spec checks (src/manager/services), which name the
 * field. Only what cannot be expressed in the domain type (a missing message) is refused here.
 *
 * @module
 */
import type { ServiceCounts } from '../../manager/index.js';
import type {
  ContainerSpec,
  HealthCheck,
  MountSpec,
  PortConfig,
  Resources,
  Service,
  ServiceMode,
  ServiceSpec,
  Task,
  TaskSpec,
  UpdateConfig,
} from '../../store/index.js';
import { InvalidArgumentError } from '../../util/errors.js';
import type {
  ServiceContainer,
  ServiceContainer__Output,
} from '../gen/tsorch/v1/ServiceContainer.js';
import type { ServiceInfo } from '../gen/tsorch/v1/ServiceInfo.js';
import type {
  ServiceMode as ServiceModeMsg,
  ServiceMode__Output,
} from '../gen/tsorch/v1/ServiceMode.js';
import type { ContainerMount, ContainerMount__Output } from '../gen/tsorch/v1/ContainerMount.js';
import type { ServicePort, ServicePort__Output } from '../gen/tsorch/v1/ServicePort.js';
import type { ServiceResources__Output } from '../gen/tsorch/v1/ServiceResources.js';
import type {
  ServiceSpec as ServiceSpecMsg,
  ServiceSpec__Output,
} from '../gen/tsorch/v1/ServiceSpec.js';
import type { ServiceTask } from '../gen/tsorch/v1/ServiceTask.js';
import type { ServiceTaskTemplate__Output } from '../gen/tsorch/v1/ServiceTaskTemplate.js';
import type { ServiceUpdateConfig__Output } from '../gen/tsorch/v1/ServiceUpdateConfig.js';

const num = (v: string | number): number => Number(v);

function missing(field: string): InvalidArgumentError {
  return new InvalidArgumentError(`Missing ${field}`, { details: { field } });
}

function mountFrom(m: ContainerMount__Output): MountSpec {
  switch (m.type) {
    case 'bind':
      return { type: 'bind', source: m.source, target: m.target, readonly: m.readonly };
    case 'tmpfs': {
      const size = num(m.tmpfsSizeBytes);
      return size === 0
        ? { type: 'tmpfs', target: m.target }
        : { type: 'tmpfs', target: m.target, sizeBytes: size };
    }
    case 'volume':
      return {
        type: 'volume',
        name: m.source === '' ? undefined : m.source,
        target: m.target,
        readonly: m.readonly,
      };
    default:
      // Left for the spec checks to name: spec.task.container.mounts[i].type.
      return { type: m.type, target: m.target } as unknown as MountSpec;
  }
}

function containerFrom(c: ServiceContainer__Output): ContainerSpec {
  const h = c.healthcheck;
  const healthcheck: HealthCheck | undefined =
    h === null
      ? undefined
      : {
          test: h.test,
          intervalMs: num(h.intervalMs),
          timeoutMs: num(h.timeoutMs),
          retries: h.retries,
          startPeriodMs: num(h.startPeriodMs),
          startIntervalMs: num(h.startIntervalMs),
        };
  const shm = num(c.shmSizeBytes);
  const ref = (r: ServiceContainer__Output['secrets'][number]) => ({ ...r });
  return {
    image: c.image,
    cmd: c.cmd,
    ...(c.hasEntrypoint ? { entrypoint: c.entrypoint } : {}),
    env: c.env,
    ...(c.workingDir === '' ? {} : { workingDir: c.workingDir }),
    ...(c.user === '' ? {} : { user: c.user }),
    ...(c.hostname === '' ? {} : { hostname: c.hostname }),
    mounts: c.mounts.map(mountFrom),
    readOnly: c.readOnly,
    capAdd: c.capAdd,
    capDrop: c.capDrop,
    privileged: c.privileged,
    init: c.init,
    ulimits: c.ulimits.map((u) => ({ name: u.name, soft: num(u.soft), hard: num(u.hard) })),
    sysctls: c.sysctls,
    labels: c.labels,
    ...(healthcheck === undefined ? {} : { healthcheck }),
    ...(c.stopSignal === '' ? {} : { stopSignal: c.stopSignal }),
    ...(c.stopTimeoutS < 0 ? {} : { stopTimeoutS: c.stopTimeoutS }),
    ...(shm === 0 ? {} : { shmSizeBytes: shm }),
    ...(c.dns === null ? {} : { dns: { ...c.dns } }),
    ...(c.secrets.length === 0 ? {} : { secrets: c.secrets.map(ref) }),
    ...(c.configs.length === 0 ? {} : { configs: c.configs.map(ref) }),
  };
}

function resourcesFrom(r: ServiceResources__Output): Resources {
  return { nanoCpus: num(r.nanoCpus), memoryBytes: num(r.memoryBytes) };
}

function taskFrom(t: ServiceTaskTemplate__Output | null): TaskSpec {
  if (t === null) throw missing('spec.task');
  if (t.container === null) throw missing('spec.task.container');
  const rp = t.restartPolicy;
  const p = t.placement;
  const pids = t.limits === null ? 0 : num(t.limits.pids);
  return {
    container: containerFrom(t.container),
    resources: {
      ...(t.limits === null
        ? {}
        : { limits: { ...resourcesFrom(t.limits), ...(pids === 0 ? {} : { pids }) } }),
      ...(t.reservations === null ? {} : { reservations: resourcesFrom(t.reservations) }),
    },
    restartPolicy:
      rp === null
        ? { condition: 'any', delayMs: 5_000, maxAttempts: 0, windowMs: 0 }
        : {
            condition: rp.condition as TaskSpec['restartPolicy']['condition'],
            delayMs: num(rp.delayMs),
            maxAttempts: num(rp.maxAttempts),
            windowMs: num(rp.windowMs),
          },
    placement: {
      constraints: p?.constraints ?? [],
      preferences: (p?.preferences ?? []).map((spread) => ({ spread })),
      maxReplicasPerNode: num(p?.maxReplicasPerNode ?? 0),
      platforms: (p?.platforms ?? []).map((x) => ({ os: x.os, architecture: x.architecture })),
    },
    networks: t.networks.map((n) => ({ target: n.target, aliases: n.aliases })),
    forceUpdate: num(t.forceUpdate),
  };
}

function modeFrom(m: ServiceMode__Output | null): ServiceMode {
  if (m === null) throw missing('spec.mode');
  switch (m.kind) {
    case 'replicated':
      return { kind: 'replicated', replicas: num(m.replicas) };
    case 'replicated-job':
      return {
        kind: 'replicated-job',
        maxConcurrent: num(m.maxConcurrent),
        totalCompletions: num(m.totalCompletions),
      };
    case 'global':
    case 'global-job':
      return { kind: m.kind };
    default:
      // Left for the spec checks to name: spec.mode.kind.
      return { kind: m.kind } as unknown as ServiceMode;
  }
}

function updateFrom(u: ServiceUpdateConfig__Output | null): UpdateConfig | undefined {
  if (u === null) return undefined;
  return {
    parallelism: num(u.parallelism),
    delayMs: num(u.delayMs),
    failureAction: u.failureAction as UpdateConfig['failureAction'],
    monitorMs: num(u.monitorMs),
    maxFailureRatio: u.maxFailureRatio,
    order: u.order as UpdateConfig['order'],
  };
}

function portFrom(p: ServicePort__Output): PortConfig {
  return {
    ...(p.name === '' ? {} : { name: p.name }),
    protocol: p.protocol as PortConfig['protocol'],
    targetPort: p.targetPort,
    publishedPort: p.publishedPort,
    publishMode: p.publishMode as PortConfig['publishMode'],
    ...(p.hostIp === '' ? {} : { hostIp: p.hostIp }),
  };
}

/**
 * The domain spec of a wire spec.
 *
 * @throws {InvalidArgumentError} naming a missing message (`spec`, `spec.task`, `spec.mode`).
 */
export function specFromProto(s: ServiceSpec__Output | null): ServiceSpec {
  if (s === null) throw missing('spec');
  const update = updateFrom(s.update);
  const rollback = updateFrom(s.rollback);
  return {
    name: s.name,
    labels: s.labels,
    task: taskFrom(s.task),
    mode: modeFrom(s.mode),
    ...(update === undefined ? {} : { update }),
    ...(rollback === undefined ? {} : { rollback }),
    endpoint: {
      mode: (s.endpoint?.mode ?? 'vip') as ServiceSpec['endpoint']['mode'],
      ports: (s.endpoint?.ports ?? []).map(portFrom),
    },
  };
}

function portTo(p: PortConfig): ServicePort {
  return {
    name: p.name ?? '',
    protocol: p.protocol,
    targetPort: p.targetPort,
    publishedPort: p.publishedPort,
    publishMode: p.publishMode,
    hostIp: p.hostIp ?? '',
  };
}

function mountTo(m: MountSpec): ContainerMount {
  switch (m.type) {
    case 'bind':
      return { type: 'bind', source: m.source, target: m.target, readonly: m.readonly };
    case 'volume':
      return { type: 'volume', source: m.name ?? '', target: m.target, readonly: m.readonly };
    case 'tmpfs':
      return { type: 'tmpfs', target: m.target, tmpfsSizeBytes: m.sizeBytes ?? 0 };
  }
}

function containerTo(c: ContainerSpec): ServiceContainer {
  return {
    image: c.image,
    cmd: c.cmd,
    entrypoint: c.entrypoint ?? [],
    hasEntrypoint: c.entrypoint !== undefined,
    env: c.env,
    workingDir: c.workingDir ?? '',
    user: c.user ?? '',
    hostname: c.hostname ?? '',
    mounts: c.mounts.map(mountTo),
    readOnly: c.readOnly,
    capAdd: c.capAdd,
    capDrop: c.capDrop,
    privileged: c.privileged,
    init: c.init,
    ulimits: c.ulimits,
    sysctls: c.sysctls,
    labels: c.labels,
    healthcheck: c.healthcheck ?? null,
    stopSignal: c.stopSignal ?? '',
    stopTimeoutS: c.stopTimeoutS ?? -1,
    shmSizeBytes: c.shmSizeBytes ?? 0,
    dns: c.dns ?? null,
    secrets: c.secrets ?? [],
    configs: c.configs ?? [],
  };
}

function modeTo(m: ServiceMode): ServiceModeMsg {
  switch (m.kind) {
    case 'replicated':
      return { kind: m.kind, replicas: m.replicas };
    case 'replicated-job':
      return {
        kind: m.kind,
        maxConcurrent: m.maxConcurrent,
        totalCompletions: m.totalCompletions,
      };
    case 'global':
    case 'global-job':
      return { kind: m.kind };
  }
}

/** The wire form of a domain spec. */
export function specToProto(s: ServiceSpec): ServiceSpecMsg {
  const t = s.task;
  return {
    name: s.name,
    labels: s.labels,
    task: {
      container: containerTo(t.container),
      limits: t.resources.limits ?? null,
      reservations: t.resources.reservations ?? null,
      restartPolicy: t.restartPolicy,
      placement: {
        constraints: t.placement.constraints,
        preferences: t.placement.preferences.map((p) => p.spread),
        maxReplicasPerNode: t.placement.maxReplicasPerNode,
        platforms: t.placement.platforms,
      },
      networks: t.networks,
      forceUpdate: t.forceUpdate,
    },
    mode: modeTo(s.mode),
    update: s.update ?? null,
    rollback: s.rollback ?? null,
    endpoint: { mode: s.endpoint.mode, ports: s.endpoint.ports.map(portTo) },
  };
}

/** The wire form of a stored service with its task counts. */
export function serviceToProto(s: Service, counts: ServiceCounts): ServiceInfo {
  return {
    id: s.id,
    version: s.meta.version,
    createdAt: s.meta.createdAt,
    updatedAt: s.meta.updatedAt,
    spec: specToProto(s.spec),
    previousSpec: s.previousSpec === undefined ? null : specToProto(s.previousSpec),
    specVersion: s.specVersion,
    ports: (s.endpoint?.ports ?? []).map(portTo),
    virtualIps: s.endpoint?.virtualIps ?? [],
    updateStatus:
      s.updateStatus === undefined
        ? null
        : {
            state: s.updateStatus.state,
            startedAt: s.updateStatus.startedAt,
            completedAt: s.updateStatus.completedAt ?? '',
            message: s.updateStatus.message,
          },
    runningTasks: counts.running,
    desiredTasks: counts.desired,
    completedTasks: counts.completed,
  };
}

/** The wire form of a task for `service ps`. */
export function taskToProto(
  t: Task,
  names: { service: string; task: string; nodeHostname: string },
): ServiceTask {
  return {
    id: t.id,
    serviceId: t.serviceId,
    serviceName: names.service,
    name: names.task,
    slot: t.slot,
    nodeId: t.nodeId,
    nodeHostname: names.nodeHostname,
    desiredState: t.desiredState,
    state: t.status.state,
    stateTimestamp: t.status.timestamp,
    message: t.status.message,
    err: t.status.err ?? '',
    containerId: t.status.containerId ?? '',
    exitCode: t.status.exitCode ?? 0,
    health: t.status.health ?? '',
    specVersion: t.specVersion,
    image: t.spec.container.image,
    ports: (t.endpoint?.ports ?? []).map(portTo),
    networks: t.networks.map((n) => ({ networkId: n.networkId, addresses: n.addresses })),
    createdAt: t.meta.createdAt,
  };
}
