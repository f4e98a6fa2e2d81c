/**
 * Conversion between the Containers/Volumes API messages (proto/tsorch/v1/containers.proto)
 * and the manager's domain types, with validation that names the bad field.
 *
 * @module
 */
import {
  healthDefaults,
  parseRestartPolicy,
  type ContainerNetworkRequest,
  type ContainerRecord,
  type ContainerResources,
  type LocalContainerSpec,
  type HealthOnFailure,
  type MountSpec,
} from '../../agent/index.js';
import { InvalidArgumentError } from '../../util/errors.js';
import { parseLogOptions } from '../../util/log-options.js';
import type { ContainerSpec__Output } from '../gen/tsorch/v1/ContainerSpec.js';
import type { ContainerSummary } from '../gen/tsorch/v1/ContainerSummary.js';

/** Note shown when `-p` is given with the host network (docker's warning). */
export const publishNote = 'Published ports are discarded when using host network mode';

/** Whether a container's `-p` flags are discarded (the host network), so the note applies. */
export function publishDiscarded(rec: ContainerRecord): boolean {
  return rec.spec.publish.length > 0 && rec.spec.networkMode === 'host';
}

const num = (s: string | number | undefined): number => Number(s ?? 0);

function positive(v: string | number | undefined): number | undefined {
  const n = num(v);
  return n > 0 ? n : undefined;
}

/**
 * A resource value: 0 (proto3's default) is unset; a negative one is refused, not dropped.
 *
 * @throws {InvalidArgumentError} naming `spec.resources.<field>`.
 */
function resource(v: string | number | undefined, field: string): number | undefined {
  const n = num(v);
  if (n < 0 || Number.isNaN(n))
    throw new InvalidArgumentError(
      `Invalid spec.resources.${field} "${String(v)}": must not be negative`,
      { details: { field: `spec.resources.${field}` } },
    );
  return n > 0 ? n : undefined;
}

function resourcesFrom(r: ContainerSpec__Output['resources']): ContainerResources {
  if (r === null) return {};
  const out: ContainerResources = {};
  const set = <K extends keyof ContainerResources>(
    k: K,
    v: ContainerResources[K] | undefined,
  ): void => {
    if (v !== undefined) out[k] = v;
  };
  set('memoryBytes', resource(r.memoryBytes, 'memoryBytes'));
  set('memoryReservationBytes', resource(r.memoryReservationBytes, 'memoryReservationBytes'));
  set(
    'memorySwapBytes',
    num(r.memorySwapBytes) === -1 ? -1 : resource(r.memorySwapBytes, 'memorySwapBytes'),
  );
  set('cpuQuotaUs', resource(r.cpuQuotaUs, 'cpuQuotaUs'));
  set('cpuPeriodUs', resource(r.cpuPeriodUs, 'cpuPeriodUs'));
  set('cpuShares', resource(r.cpuShares, 'cpuShares'));
  set('cpusetCpus', r.cpusetCpus === '' ? undefined : r.cpusetCpus);
  set('cpusetMems', r.cpusetMems === '' ? undefined : r.cpusetMems);
  // docker: a pids limit of -1 means unlimited.
  set('pidsLimit', num(r.pidsLimit) === -1 ? undefined : resource(r.pidsLimit, 'pidsLimit'));
  set('blkioWeight', resource(r.blkioWeight, 'blkioWeight'));
  return out;
}

function mountFrom(m: ContainerSpec__Output['mounts'][number], i: number): MountSpec {
  const field = `spec.mounts[${i}]`;
  if (!m.target.startsWith('/')) {
    throw new InvalidArgumentError(
      `Invalid ${field}.target "${m.target}": must be an absolute path`,
      { details: { field } },
    );
  }
  switch (m.type) {
    case 'volume':
      return {
        type: 'volume',
        name: m.source === '' ? undefined : m.source,
        target: m.target,
        readonly: m.readonly,
      };
    case 'bind':
      if (!m.source.startsWith('/')) {
        throw new InvalidArgumentError(
          `Invalid ${field}.source "${m.source}": a bind mount needs an absolute host path`,
          { details: { field } },
        );
      }
      return { type: 'bind', source: m.source, target: m.target, readonly: m.readonly };
    case 'tmpfs': {
      const size = positive(m.tmpfsSizeBytes);
      return size === undefined
        ? { type: 'tmpfs', target: m.target }
        : { type: 'tmpfs', target: m.target, sizeBytes: size };
    }
    default:
      throw new InvalidArgumentError(
        `Invalid ${field}.type "${m.type}": use volume, bind or tmpfs`,
        { details: { field } },
      );
  }
}

const onFailureValues = ['none', 'kill', 'restart', 'stop'];

function networksFrom(list: ContainerSpec__Output['networks']): ContainerNetworkRequest[] {
  return list.map((n, i) => {
    if (n.network === '') {
      throw new InvalidArgumentError(`Missing spec.networks[${i}].network`, {
        details: { field: `spec.networks[${i}].network` },
      });
    }
    return {
      network: n.network,
      ...(n.aliases.length > 0 ? { aliases: n.aliases } : {}),
      ...(n.ipv4Address === '' ? {} : { ipv4Address: n.ipv4Address }),
      ...(n.macAddress === '' ? {} : { macAddress: n.macAddress }),
    };
  });
}

/**
 * Converts and validates an API spec.
 *
 * @throws {InvalidArgumentError} naming the field.
 */
export function specFromProto(s: ContainerSpec__Output | null): LocalContainerSpec {
  if (s === null || s.image === '') {
    throw new InvalidArgumentError('Missing spec.image: give the image to run', {
      details: { field: 'spec.image' },
    });
  }
  const networks = networksFrom(s.networks);
  const networkMode =
    networks[0]?.network ??
    (s.networkMode === '' || s.networkMode === 'default' ? 'bridge' : s.networkMode);
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/.test(networkMode)) {
    throw new InvalidArgumentError(
      `Invalid spec.network_mode "${s.networkMode}": use none, host, bridge or a network's name`,
      { details: { field: 'spec.network_mode' } },
    );
  }
  const healthOnFailure = s.healthOnFailure === '' ? 'none' : s.healthOnFailure;
  if (!onFailureValues.includes(healthOnFailure)) {
    throw new InvalidArgumentError(
      `Invalid spec.health_on_failure "${s.healthOnFailure}": use none, kill, restart or stop`,
      {
        details: { field: 'spec.health_on_failure' },
      },
    );
  }
  const hc = s.healthcheck;
  const spec: LocalContainerSpec = {
    image: s.image,
    cmd: s.cmd,
    env: s.env,
    mounts: s.mounts.map(mountFrom),
    publish: s.publish,
    networkMode,
    ...(networks.length > 0 ? { networks } : {}),
    resources: resourcesFrom(s.resources),
    readOnly: s.readOnly,
    capAdd: s.capAdd,
    capDrop: s.capDrop,
    privileged: s.privileged,
    init: s.init,
    ulimits: s.ulimits.map((u) => ({ name: u.name, soft: num(u.soft), hard: num(u.hard) })),
    sysctls: s.sysctls,
    labels: s.labels,
    restartPolicy: parseRestartPolicy(s.restartPolicy === '' ? 'no' : s.restartPolicy),
    autoRemove: s.autoRemove,
    healthOnFailure: healthOnFailure as HealthOnFailure,
  };
  if (spec.autoRemove && spec.restartPolicy.name !== 'no') {
    throw new InvalidArgumentError(
      'Conflicting options: --rm and a restart policy other than "no"',
      {
        details: { field: 'spec.restart_policy' },
      },
    );
  }
  if (s.name !== '') spec.name = s.name;
  if (s.tty) spec.tty = true;
  if (s.openStdin) spec.openStdin = true;
  if (Object.keys(s.logOpts).length > 0) {
    parseLogOptions(s.logOpts);
    spec.logOpts = { ...s.logOpts };
  }
  if (s.hasEntrypoint) spec.entrypoint = s.entrypoint;
  if (s.workingDir !== '') spec.workingDir = s.workingDir;
  if (s.user !== '') spec.user = s.user;
  if (s.hostname !== '') spec.hostname = s.hostname;
  if (s.stopSignal !== '') spec.stopSignal = s.stopSignal;
  if (s.stopTimeoutS >= 0 && s.stopTimeoutS !== 0) spec.stopTimeoutS = s.stopTimeoutS;
  if (hc !== null && hc.test.length > 0) {
    spec.healthcheck = {
      test: hc.test,
      intervalMs: positive(hc.intervalMs) ?? healthDefaults.intervalMs,
      timeoutMs: positive(hc.timeoutMs) ?? healthDefaults.timeoutMs,
      retries: hc.retries > 0 ? hc.retries : healthDefaults.retries,
      startPeriodMs: positive(hc.startPeriodMs) ?? healthDefaults.startPeriodMs,
      startIntervalMs: positive(hc.startIntervalMs) ?? healthDefaults.startIntervalMs,
    };
  }
  return spec;
}

function ago(iso: string, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  if (s < 1) return 'Less than a second';
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.round(s / 60);
  if (m < 60) return m === 1 ? 'About a minute' : `${m} minutes`;
  const h = Math.round(m / 60);
  if (h < 48) return h === 1 ? 'About an hour' : `${h} hours`;
  return `${Math.round(h / 24)} days`;
}

/** Docker's human status, e.g. `Up 3 minutes (healthy)` or `Exited (0) 2 seconds ago`. */
export function humanStatus(rec: ContainerRecord, nowMs: number): string {
  const st = rec.state;
  const health =
    st.health === undefined
      ? ''
      : ` (${st.health.status === 'starting' ? 'health: starting' : st.health.status})`;
  switch (st.status) {
    case 'created':
      return 'Created';
    case 'running':
      return `Up ${ago(st.startedAt, nowMs)}${health}`;
    case 'paused':
      return `Up ${ago(st.startedAt, nowMs)} (Paused)`;
    case 'restarting':
      return `Restarting (${st.exitCode}) ${ago(st.finishedAt, nowMs).toLowerCase()} ago`;
    case 'exited':
      return st.finishedAt === ''
        ? `Exited (${st.exitCode})`
        : `Exited (${st.exitCode}) ${ago(st.finishedAt, nowMs).toLowerCase()} ago`;
    case 'dead':
      return 'Dead';
    case 'removing':
      return 'Removal In Progress';
  }
}

/** The `ps` line of a container. */
export function summaryOf(rec: ContainerRecord, nowMs: number): ContainerSummary {
  return {
    id: rec.id,
    name: rec.name,
    image: rec.image,
    command: rec.args.join(' '),
    created: rec.created,
    state: rec.state.status,
    status: humanStatus(rec, nowMs),
    ports: rec.spec.publish,
  };
}

/** The `inspect` document: docker's shape where it has one. */
export function inspectOf(
  rec: ContainerRecord,
  extra: {
    logPath: string;
    publishNote: string | undefined;
    /** docker's NetworkSettings (src/api/networks). */
    networkSettings?: object | undefined;
  },
): object {
  return {
    Id: rec.id,
    Name: rec.name,
    Created: rec.created,
    Path: rec.args[0] ?? '',
    Args: rec.args.slice(1),
    State: {
      Status: rec.state.status,
      Running: rec.state.status === 'running' || rec.state.status === 'paused',
      Paused: rec.state.status === 'paused',
      Restarting: rec.state.status === 'restarting',
      OOMKilled: rec.state.oomKilled,
      Dead: rec.state.status === 'dead',
      Pid: rec.state.pid,
      ExitCode: rec.state.exitCode,
      Error: rec.state.error,
      StartedAt: rec.state.startedAt,
      FinishedAt: rec.state.finishedAt,
      ...(rec.state.health === undefined
        ? {}
        : {
            Health: {
              Status: rec.state.health.status,
              FailingStreak: rec.state.health.failingStreak,
              Log: rec.state.health.log.map((l) => ({
                Start: l.start,
                End: l.end,
                ExitCode: l.exitCode,
                Output: l.output,
              })),
            },
          }),
    },
    Image: rec.imageId,
    ImageRef: rec.image,
    LogPath: extra.logPath,
    RestartCount: rec.state.restartCount,
    Config: {
      Hostname: rec.hostname,
      User: rec.user,
      Env: rec.env,
      Cmd: rec.spec.cmd,
      Entrypoint: rec.spec.entrypoint ?? null,
      WorkingDir: rec.workingDir,
      Labels: rec.spec.labels,
      StopSignal: rec.stopSignal,
      Healthcheck: rec.healthcheck ?? null,
      Tty: rec.spec.tty === true,
      OpenStdin: rec.spec.openStdin === true,
    },
    HostConfig: {
      NetworkMode: rec.spec.networkMode,
      PortBindings: rec.spec.publish,
      RestartPolicy: {
        Name: rec.spec.restartPolicy.name,
        MaximumRetryCount: rec.spec.restartPolicy.maxRetries,
      },
      AutoRemove: rec.spec.autoRemove,
      ReadonlyRootfs: rec.spec.readOnly,
      CapAdd: rec.spec.capAdd,
      CapDrop: rec.spec.capDrop,
      Privileged: rec.spec.privileged,
      Init: rec.spec.init,
      Resources: rec.spec.resources,
      Ulimits: rec.spec.ulimits,
      Sysctls: rec.spec.sysctls,
      HealthOnFailure: rec.spec.healthOnFailure,
      LogConfig: { Type: 'json-file', Config: rec.spec.logOpts ?? {} },
    },
    Mounts: rec.spec.mounts,
    ...(extra.networkSettings === undefined ? {} : { NetworkSettings: extra.networkSettings }),
    ...(extra.publishNote === undefined ? {} : { Notes: [extra.publishNote] }),
  };
}
