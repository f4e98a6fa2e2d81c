/**
 * Builds the OCI runtime spec (config.json) for a container, the way Docker does it: standard
 * mounts, namespaces, default capabilities, no-new-privileges, masked and read-only paths,
 * seccomp, rlimits, sysctls and cgroup resources. Pure: the same input gives the same spec.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { InvalidArgumentError, TsorchError } from '../../util/errors.js';
import { resolveCapabilities } from './capabilities.js';
import {
  defaultPath,
  initMountTarget,
  type ContainerConfig,
  type ContainerMount,
  type ContainerResources,
  type HostInfo,
} from './config.js';
import {
  defaultDeviceRules,
  defaultMaskedPaths,
  defaultMounts,
  defaultReadonlyPaths,
  defaultRlimits,
  defaultShmSizeBytes,
  rlimitNames,
} from './defaults.js';
import type { OciMount, OciNamespace, OciResources, OciRlimit, OciSpec } from './oci-types.js';
import { defaultSeccompProfile } from './seccomp.js';
import { validateSysctls } from './sysctl.js';

/** OCI runtime-spec version tsorch writes (understood by runc 1.1 and crun 1.8). */
export const ociVersion = '1.0.2';

/** Docker's smallest memory limit: below it a container cannot even start its init. */
export const minMemoryBytes = 6 * 1024 * 1024;

const idPattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
const cgroupSegmentPattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

function invalid(field: string, message: string, hint?: string): InvalidArgumentError {
  return new InvalidArgumentError(
    message,
    hint === undefined ? { details: { field } } : { details: { field }, hint },
  );
}

function checkAbsolute(path: string, field: string): void {
  if (!path.startsWith('/') || path.split('/').includes('..'))
    throw invalid(field, `Invalid path "${path}" in ${field}: must be absolute, without ".."`);
}

function checkInt(value: number | undefined, field: string, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw invalid(field, `Invalid ${field} "${value}": must be an integer from ${min} to ${max}`);
}

/**
 * The parent cgroup of everything one daemon runs (its containers and its build steps):
 * `tsorch-<8 hex digits of sha256(root)>`, so daemons side by side (tests) never share one.
 */
export function daemonCgroupParent(root: string): string {
  return `tsorch-${createHash('sha256').update(root).digest('hex').slice(0, 8)}`;
}

/** Normalizes the cgroup parent and returns the container's cgroupsPath (`/<parent>/<id>`). */
export function containerCgroupsPath(parent: string | undefined, id: string): string {
  const segments = (parent ?? 'tsorch').split('/').filter((s) => s !== '');
  for (const s of segments)
    if (!cgroupSegmentPattern.test(s))
      throw invalid('cgroupParent', `Invalid cgroup parent "${parent ?? ''}": bad element "${s}"`);
  return `/${[...segments, id].join('/')}`;
}

function buildResources(r: ContainerResources, privileged: boolean, host: HostInfo): OciResources {
  const out: OciResources = { devices: defaultDeviceRules(privileged) };
  const maxBytes = Number.MAX_SAFE_INTEGER;
  checkInt(r.memoryBytes, 'memoryBytes', minMemoryBytes, maxBytes);
  checkInt(r.memoryReservationBytes, 'memoryReservationBytes', 0, maxBytes);
  checkInt(r.memorySwapBytes, 'memorySwapBytes', -1, maxBytes);
  checkInt(r.cpuQuotaUs, 'cpuQuotaUs', 1000, maxBytes);
  checkInt(r.cpuPeriodUs, 'cpuPeriodUs', 1000, 1_000_000);
  checkInt(r.cpuShares, 'cpuShares', 2, 262_144);
  checkInt(r.pidsLimit, 'pidsLimit', -1, maxBytes);
  checkInt(r.blkioWeight, 'blkioWeight', 10, 1000);
  const mem = r.memoryBytes;
  if (r.memorySwapBytes !== undefined && r.memorySwapBytes !== -1) {
    if (mem === undefined)
      throw invalid(
        'memorySwapBytes',
        'Cannot limit swap without a memory limit',
        'Set memoryBytes too',
      );
    if (r.memorySwapBytes < mem)
      throw invalid('memorySwapBytes', 'Invalid memorySwapBytes: must be at least memoryBytes');
  }
  if (mem !== undefined && r.memoryReservationBytes !== undefined && r.memoryReservationBytes > mem)
    throw invalid(
      'memoryReservationBytes',
      'Invalid memoryReservationBytes: must be at most memoryBytes',
    );

  if (mem !== undefined || r.memoryReservationBytes !== undefined || r.oomKillDisable === true) {
    out.memory = {};
    if (mem !== undefined) {
      out.memory.limit = mem;
      // Docker: swap unset means "as much swap as memory" (memory+swap = 2 x memory).
      out.memory.swap = r.memorySwapBytes ?? 2 * mem;
    }
    if (r.memoryReservationBytes !== undefined) out.memory.reservation = r.memoryReservationBytes;
    if (r.oomKillDisable === true) out.memory.disableOOMKiller = true;
  }
  const cpu: NonNullable<OciResources['cpu']> = {};
  if (r.cpuShares !== undefined) cpu.shares = r.cpuShares;
  if (r.cpuQuotaUs !== undefined) {
    cpu.quota = r.cpuQuotaUs;
    cpu.period = r.cpuPeriodUs ?? 100_000;
  } else if (r.cpuPeriodUs !== undefined) cpu.period = r.cpuPeriodUs;
  checkCpuQuota(r, host);
  if (r.cpusetCpus !== undefined)
    cpu.cpus = checkCpuList(r.cpusetCpus, 'cpusetCpus', host.onlineCpus);
  if (r.cpusetMems !== undefined)
    cpu.mems = checkCpuList(r.cpusetMems, 'cpusetMems', host.onlineMems);
  if (Object.keys(cpu).length > 0) out.cpu = cpu;
  // Docker: a pids limit of 0 or -1 means unlimited.
  if (r.pidsLimit !== undefined && r.pidsLimit > 0) out.pids = { limit: r.pidsLimit };
  if (r.blkioWeight !== undefined) out.blockIO = { weight: r.blkioWeight };
  return out;
}

/** The numbers of a list like `0-2,4` (checked by the caller's pattern). */
export function expandCpuList(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(',')) {
    const [from = '', to = from] = part.split('-');
    // A range is bounded by the host's CPU count when checked; 4096 bounds a bad one.
    for (let n = Number(from); n <= Number(to) && out.length < 4096; n++) out.push(n);
  }
  return out;
}

const cpuListPattern = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

function checkCpuList(list: string, field: string, online: string | undefined): string {
  if (!cpuListPattern.test(list))
    throw invalid(field, `Invalid ${field} "${list}": expected a list like "0-2,4"`);
  if (online === undefined || !cpuListPattern.test(online)) return list;
  const have = new Set(expandCpuList(online));
  const missing = expandCpuList(list).find((n) => !have.has(n));
  if (missing !== undefined) {
    const what = field === 'cpusetCpus' ? 'CPU' : 'memory node';
    throw invalid(
      field,
      `Invalid ${field} "${list}": this host has no ${what} ${missing} (online: ${online})`,
    );
  }
  return list;
}

/** Refuses a CPU quota above the host's CPU count (docker: "range of CPUs is from 0.01 to N"). */
function checkCpuQuota(r: ContainerResources, host: HostInfo): void {
  if (r.cpuQuotaUs === undefined || host.onlineCpus === undefined) return;
  if (!cpuListPattern.test(host.onlineCpus)) return;
  const count = expandCpuList(host.onlineCpus).length;
  const cpus = r.cpuQuotaUs / (r.cpuPeriodUs ?? 100_000);
  if (cpus > count)
    throw invalid(
      'cpus',
      `Invalid CPU count "${cpus}": this host has ${count} CPUs`,
      `Give at most ${count}`,
    );
}

function userMount(m: ContainerMount, i: number): OciMount {
  const field = `mounts[${i}]`;
  checkAbsolute(m.target, `${field}.target`);
  if (m.type === 'tmpfs') {
    const options = ['nosuid', 'nodev', 'noexec'];
    if (m.readonly === true) options.push('ro');
    if (m.tmpfsSizeBytes !== undefined) {
      checkInt(m.tmpfsSizeBytes, `${field}.tmpfsSizeBytes`, 4096, Number.MAX_SAFE_INTEGER);
      options.push(`size=${m.tmpfsSizeBytes}`);
    }
    if (m.tmpfsMode !== undefined) {
      checkInt(m.tmpfsMode, `${field}.tmpfsMode`, 0, 0o7777);
      options.push(`mode=${m.tmpfsMode.toString(8)}`);
    }
    return { destination: m.target, type: 'tmpfs', source: 'tmpfs', options };
  }
  if (m.source === undefined || m.source === '')
    throw invalid(`${field}.source`, `Missing ${field}.source for a ${m.type} mount`);
  checkAbsolute(m.source, `${field}.source`);
  return {
    destination: m.target,
    type: 'bind',
    source: m.source,
    options: ['rbind', m.readonly === true ? 'ro' : 'rw', m.propagation ?? 'rprivate'],
  };
}

function buildMounts(cfg: ContainerConfig, host: HostInfo, privileged: boolean): OciMount[] {
  const shmSizeBytes = cfg.shmSizeBytes ?? defaultShmSizeBytes;
  checkInt(shmSizeBytes, 'shmSizeBytes', 4096, Number.MAX_SAFE_INTEGER);
  const mounts = defaultMounts({ shmSizeBytes, privileged });
  const user = (cfg.mounts ?? []).map(userMount);
  const seen = new Set<string>();
  for (const m of user) {
    if (seen.has(m.destination))
      throw invalid('mounts', `Duplicate mount target "${m.destination}"`);
    seen.add(m.destination);
  }
  // A user mount over a default one (e.g. a bigger /dev/shm) replaces it, as in Docker.
  const kept = mounts.filter((m) => !seen.has(m.destination));
  // Parents before children, so /data is mounted before /data/cache.
  user.sort((a, b) => a.destination.split('/').length - b.destination.split('/').length);
  const etc: OciMount[] = [];
  const etcMode = cfg.readonlyRootfs === true ? 'ro' : 'rw';
  const files: [string | undefined, string][] = [
    [cfg.etcFiles?.resolvConf, '/etc/resolv.conf'],
    [cfg.etcFiles?.hostname, '/etc/hostname'],
    [cfg.etcFiles?.hosts, '/etc/hosts'],
  ];
  for (const [source, destination] of files) {
    if (source === undefined || seen.has(destination)) continue;
    checkAbsolute(source, `etcFiles(${destination})`);
    etc.push({ destination, type: 'bind', source, options: ['rbind', 'rprivate', etcMode] });
  }
  if (cfg.init === true) {
    if (host.initBinaryPath === undefined)
      throw new TsorchError(
        'RUNTIME_UNAVAILABLE',
        'Cannot run an init process: no init binary on this host',
        {
          hint: 'Install tini (apt-get install tini), which provides /usr/bin/tini-static',
        },
      );
    etc.push({
      destination: initMountTarget,
      type: 'bind',
      source: host.initBinaryPath,
      options: ['rbind', 'ro', 'rprivate'],
    });
  }
  return [...kept, ...user, ...etc];
}

function buildRlimits(cfg: ContainerConfig, host: HostInfo): OciRlimit[] {
  const byType = new Map<string, OciRlimit>(
    defaultRlimits(host.nofileHardLimit).map((r) => [r.type, r]),
  );
  for (const [i, u] of (cfg.ulimits ?? []).entries()) {
    const name = u.name.toLowerCase();
    if (!rlimitNames.includes(name))
      throw invalid(
        `ulimits[${i}].name`,
        `Unknown ulimit "${u.name}"`,
        `Known: ${rlimitNames.join(', ')}`,
      );
    checkInt(u.soft, `ulimits[${i}].soft`, -1, Number.MAX_SAFE_INTEGER);
    checkInt(u.hard, `ulimits[${i}].hard`, -1, Number.MAX_SAFE_INTEGER);
    // -1 means unlimited (RLIM_INFINITY); the spec wants the 64-bit all-ones value.
    const soft = u.soft === -1 ? 2 ** 64 - 1 : u.soft;
    const hard = u.hard === -1 ? 2 ** 64 - 1 : u.hard;
    if (soft > hard)
      throw invalid(
        `ulimits[${i}].soft`,
        `Invalid ulimit "${u.name}": soft limit above hard limit`,
      );
    const type = `RLIMIT_${name.toUpperCase()}`;
    byType.set(type, { type, soft, hard });
  }
  return [...byType.values()];
}

function buildEnv(cfg: ContainerConfig, hostname: string): string[] {
  const env = [...(cfg.env ?? [])];
  for (const [i, e] of env.entries())
    if (!e.includes('=') || e.startsWith('='))
      throw invalid(`env[${i}]`, `Invalid environment entry "${e}": expected KEY=VALUE`);
  const has = (key: string): boolean => env.some((e) => e.startsWith(`${key}=`));
  // Docker puts PATH and HOSTNAME first (and TERM for terminals) unless the user set them.
  const base: string[] = [];
  if (!has('PATH')) base.push(`PATH=${defaultPath}`);
  if (!has('HOSTNAME')) base.push(`HOSTNAME=${hostname}`);
  if (cfg.tty === true && !has('TERM')) base.push('TERM=xterm');
  return [...base, ...env];
}

/**
 * Builds the OCI spec for `cfg` on a host described by `host`.
 *
 * @throws {InvalidArgumentError} naming the offending field (`details.field`) for bad input:
 *   id, paths, resources, ulimits, capabilities, sysctls, user mounts.
 * @throws {TsorchError} RUNTIME_UNAVAILABLE when `init` is asked for and the host has none.
 */
export function buildOciSpec(cfg: ContainerConfig, host: HostInfo): OciSpec {
  if (!idPattern.test(cfg.id))
    throw invalid('id', `Invalid container id "${cfg.id}": use letters, digits, "_", "." and "-"`);
  checkAbsolute(cfg.rootfsPath, 'rootfsPath');
  if (cfg.args.length === 0 || cfg.args[0] === '')
    throw invalid(
      'args',
      'No command to run: the image has no entrypoint or cmd',
      'Pass a command',
    );
  const cwd = cfg.cwd === undefined || cfg.cwd === '' ? '/' : cfg.cwd;
  checkAbsolute(cwd, 'cwd');
  const privileged = cfg.privileged === true;
  const hostname = cfg.hostname ?? cfg.id.slice(0, 12);
  if (!/^[a-zA-Z0-9]([a-zA-Z0-9.-]{0,62})$/.test(hostname))
    throw invalid('hostname', `Invalid hostname "${hostname}"`);
  const caps = resolveCapabilities({
    ...(cfg.capAdd === undefined ? {} : { capAdd: cfg.capAdd }),
    ...(cfg.capDrop === undefined ? {} : { capDrop: cfg.capDrop }),
    privileged,
    ...(host.capabilityBounding === undefined ? {} : { available: host.capabilityBounding }),
  });
  const user = cfg.user ?? { uid: 0, gid: 0, additionalGids: [] };
  checkInt(user.uid, 'user.uid', 0, 2 ** 32 - 2);
  checkInt(user.gid, 'user.gid', 0, 2 ** 32 - 2);
  checkInt(cfg.oomScoreAdj, 'oomScoreAdj', -1000, 1000);
  const hostNetwork = cfg.hostNetwork === true;
  if (hostNetwork && cfg.netns !== undefined)
    throw invalid('netns', 'A container on the host network cannot also join a namespace');
  const namespaces: OciNamespace[] = [
    { type: 'pid' },
    ...(hostNetwork
      ? []
      : [
          cfg.netns === undefined
            ? { type: 'network' as const }
            : { type: 'network' as const, path: cfg.netns.path },
        ]),
    { type: 'ipc' },
    { type: 'uts' },
    { type: 'mount' },
    { type: 'cgroup' },
  ];
  if (cfg.netns !== undefined) checkAbsolute(cfg.netns.path, 'netns.path');
  const sysctl = validateSysctls(cfg.sysctls ?? {}, {
    sharedNetns: (cfg.netns !== undefined && cfg.netns.owned !== true) || hostNetwork,
  });
  const args = cfg.init === true ? [initMountTarget, '--', ...cfg.args] : [...cfg.args];

  const spec: OciSpec = {
    ociVersion,
    process: {
      terminal: cfg.tty === true,
      user: { uid: user.uid, gid: user.gid, additionalGids: [...user.additionalGids] },
      args,
      env: buildEnv(cfg, hostname),
      cwd,
      capabilities: {
        bounding: caps,
        effective: caps,
        permitted: caps,
        inheritable: [],
        ambient: [],
      },
      rlimits: buildRlimits(cfg, host),
      noNewPrivileges: cfg.noNewPrivileges ?? true,
      oomScoreAdj: cfg.oomScoreAdj ?? 0,
    },
    root: { path: cfg.rootfsPath, readonly: cfg.readonlyRootfs === true },
    hostname,
    mounts: buildMounts(cfg, host, privileged),
    linux: {
      namespaces,
      resources: buildResources(cfg.resources ?? {}, privileged, host),
      cgroupsPath: containerCgroupsPath(cfg.cgroupParent, cfg.id),
      sysctl,
      maskedPaths: privileged ? [] : [...defaultMaskedPaths],
      readonlyPaths: privileged ? [] : [...defaultReadonlyPaths],
    },
    annotations: { ...(cfg.annotations ?? {}) },
  };
  const seccomp = cfg.seccomp ?? 'default';
  if (!privileged && seccomp !== 'unconfined')
    spec.linux.seccomp =
      seccomp === 'default' ? defaultSeccompProfile(host.arch, caps) : seccomp.profile;
  return spec;
}
