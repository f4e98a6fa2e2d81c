/**
 * The runtime-level description of one container ({@link ContainerConfig}): what the container
 * manager builds from the image config plus the user's spec, and what {@link buildOciSpec}
 * turns into an OCI config.json. Pure: no I/O.
 *
 * @module
 */
import type { OciSeccomp } from './oci-types.js';

/** A user and its groups, numeric, as the container's init process runs. */
export interface ContainerUser {
  uid: number;
  gid: number;
  /** Supplementary groups (from /etc/group membership and `--group-add`). */
  additionalGids: number[];
}

/**
 * A mount the user asked for. `bind` and `volume` both bind a host directory (a named volume
 * is resolved by the manager to its directory under --root); `tmpfs` needs no source.
 */
export interface ContainerMount {
  type: 'bind' | 'volume' | 'tmpfs';
  /** Host path (bind, volume); ignored for tmpfs. */
  source?: string;
  /** Absolute path inside the container. */
  target: string;
  readonly?: boolean;
  /** tmpfs size; unlimited (half the RAM, kernel default) when absent. */
  tmpfsSizeBytes?: number;
  /** tmpfs mode, e.g. 0o1777. */
  tmpfsMode?: number;
  /** Bind propagation (`rprivate` by default, as Docker). */
  propagation?: 'private' | 'rprivate' | 'shared' | 'rshared' | 'slave' | 'rslave';
}

/**
 * cgroup limits. Every field is optional: absent means "no limit" (or the kernel default).
 * Docker semantics: `memorySwapBytes` is memory + swap together, -1 for unlimited swap; when
 * only `memoryBytes` is set the container may use as much swap as memory (swap = 2 x memory).
 */
export interface ContainerResources {
  memoryBytes?: number;
  memoryReservationBytes?: number;
  memorySwapBytes?: number;
  cpuQuotaUs?: number;
  cpuPeriodUs?: number;
  /** Relative weight, 2..262144 (Docker's --cpu-shares, default 1024). */
  cpuShares?: number;
  /** CPU list, e.g. `0-1` or `0,2`. */
  cpusetCpus?: string;
  cpusetMems?: string;
  /** Maximum number of tasks; -1 or absent for unlimited. */
  pidsLimit?: number;
  /** Block IO weight, 10..1000. */
  blkioWeight?: number;
  /** Disables the kernel OOM killer for this container (Docker's --oom-kill-disable). */
  oomKillDisable?: boolean;
}

/** A process resource limit, e.g. `{ name: 'nofile', soft: 1024, hard: 4096 }`. */
export interface Ulimit {
  /** Docker's names: `nofile`, `nproc`, `core`, ... (RLIMIT_ suffix, lower case). */
  name: string;
  soft: number;
  hard: number;
}

/** Seccomp choice: tsorch's default profile, none, or a complete OCI seccomp profile. */
export type SeccompOption = 'default' | 'unconfined' | { profile: OciSeccomp };

/** Host files the manager writes and the runtime bind-mounts into the container. */
export interface EtcFiles {
  /** Host path of the file mounted at /etc/hosts. */
  hosts?: string;
  /** Host path of the file mounted at /etc/hostname. */
  hostname?: string;
  /** Host path of the file mounted at /etc/resolv.conf. */
  resolvConf?: string;
}

/**
 * The runtime-level container description. Only `id`, `rootfsPath` and `args` are required;
 * every other field has the default documented on it (Docker's defaults).
 */
export interface ContainerConfig {
  /** Container id; also the runtime's container id and the last cgroup path element. */
  id: string;
  /** Absolute host path of the (mounted) root filesystem. */
  rootfsPath: string;
  /** Mount the root filesystem read-only. Default false. */
  readonlyRootfs?: boolean;
  /** The command line of the init process (entrypoint + cmd, resolved). */
  args: string[];
  /** `KEY=VALUE` entries. Default: PATH only (Docker's default PATH). */
  env?: string[];
  /** Working directory. Default `/`. */
  cwd?: string;
  /** Default root (0:0). Resolve names with {@link resolveUser}. */
  user?: ContainerUser;
  /** Default: the first 12 characters of the id. */
  hostname?: string;
  /** Volumes, binds and tmpfs mounts. */
  mounts?: ContainerMount[];
  etcFiles?: EtcFiles;
  resources?: ContainerResources;
  /** Capability names, with or without `CAP_`, any case, or `ALL`. */
  capAdd?: string[];
  capDrop?: string[];
  /** All capabilities, no seccomp, no masked or read-only paths, all devices. Default false. */
  privileged?: boolean;
  /** Default true (tsorch is stricter than Docker here). */
  noNewPrivileges?: boolean;
  /** Default `default`. */
  seccomp?: SeccompOption;
  /** Replaces the default of each named limit (default: nofile = the daemon's hard limit). */
  ulimits?: Ulimit[];
  /** Namespaced sysctls only (kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*, net.*). */
  sysctls?: Record<string, string>;
  /** Run the host's tini as PID 1 (reaps zombies, forwards signals). Default false. */
  init?: boolean;
  /** Allocate a terminal for the init process. Default false. */
  tty?: boolean;
  /**
   * Join this network namespace; default a new one holding only loopback. `owned`: the
   * namespace is the container's own (made for it by the node's networks), so its `net.*`
   * sysctls are allowed.
   */
  netns?: { path: string; owned?: boolean };
  /**
   * Share the network namespace of the runtime's caller (the host's): the spec lists no
   * network namespace, as Docker does for `--network host`. Excludes `netns`.
   */
  hostNetwork?: boolean;
  /** Size of /dev/shm. Default 64 MiB (as Docker). */
  shmSizeBytes?: number;
  /** Written into the spec's annotations (container labels go here). */
  annotations?: Record<string, string>;
  /**
   * Parent cgroup, relative to each hierarchy's root, e.g. `tsorch-ab12` (the daemon's own);
   * the container's cgroup is `/<cgroupParent>/<id>`. Default `tsorch`.
   */
  cgroupParent?: string;
  /** Default 0; Docker's --oom-score-adj. */
  oomScoreAdj?: number;
}

/** Facts about the host that shape the spec (gathered once at daemon start). */
export interface HostInfo {
  /** Node's `process.arch`: `x64`, `arm64`, ... (selects the seccomp architectures). */
  arch: string;
  /** Host path of a static init binary (tini-static); needed when a container asks for init. */
  initBinaryPath?: string;
  /** The daemon's RLIMIT_NOFILE hard limit, the containers' default open-files limit. */
  nofileHardLimit?: number;
  /** The daemon's capability bounding set (names); a container gets no capability beyond it. */
  capabilityBounding?: readonly string[];
  /** The host's online CPUs (`/sys/devices/system/cpu/online`, e.g. `0-3`). */
  onlineCpus?: string;
  /** The host's online memory nodes (`/sys/devices/system/node/online`). */
  onlineMems?: string;
}

/** Docker's default PATH for containers whose image sets none. */
export const defaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Where the init binary is mounted inside the container (as Docker's docker-init). */
export const initMountTarget = '/sbin/tsorch-init';

export { cpusToQuota } from '../../util/container-flags.js';
