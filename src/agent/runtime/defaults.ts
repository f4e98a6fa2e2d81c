/**
 * Docker-equivalent defaults for the OCI spec: standard mounts, device cgroup rules, masked and
 * read-only /proc and /sys paths, rlimits. Facts taken from the OCI runtime-spec and Docker's
 * documented behaviour. Pure data.
 *
 * @module
 */
import type { OciDeviceRule, OciMount, OciRlimit } from './oci-types.js';

/** Default size of /dev/shm, as Docker. */
export const defaultShmSizeBytes = 64 * 1024 * 1024;

/** Size of the /dev tmpfs (it only holds device nodes and symlinks). */
const devTmpfsSizeKiB = 65536;

/** The kernel filesystems every container gets, in mount order. */
export function defaultMounts(opts: { shmSizeBytes: number; privileged: boolean }): OciMount[] {
  const sysOpts = ['nosuid', 'noexec', 'nodev', opts.privileged ? 'rw' : 'ro'];
  return [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    {
      destination: '/dev',
      type: 'tmpfs',
      source: 'tmpfs',
      options: ['nosuid', 'strictatime', 'mode=755', `size=${devTmpfsSizeKiB}k`],
    },
    {
      destination: '/dev/pts',
      type: 'devpts',
      source: 'devpts',
      // gid 5 is the conventional "tty" group; ptmxmode lets the container open /dev/ptmx.
      options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'],
    },
    { destination: '/sys', type: 'sysfs', source: 'sysfs', options: sysOpts },
    { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: [...sysOpts] },
    {
      destination: '/dev/mqueue',
      type: 'mqueue',
      source: 'mqueue',
      options: ['nosuid', 'noexec', 'nodev'],
    },
    {
      destination: '/dev/shm',
      type: 'tmpfs',
      source: 'shm',
      options: ['nosuid', 'noexec', 'nodev', 'mode=1777', `size=${opts.shmSizeBytes}`],
    },
  ];
}

function chr(major: number, minor: number | undefined, access = 'rwm'): OciDeviceRule {
  return minor === undefined
    ? { allow: true, type: 'c', major, access }
    : { allow: true, type: 'c', major, minor, access };
}

/**
 * Device cgroup rules: deny everything, then allow mknod of any node and use of the standard
 * character devices (null, zero, full, random, urandom, tty, console, pts, ptmx, tun).
 */
export function defaultDeviceRules(privileged: boolean): OciDeviceRule[] {
  if (privileged) return [{ allow: true, access: 'rwm' }];
  return [
    { allow: false, access: 'rwm' },
    { allow: true, type: 'c', access: 'm' },
    { allow: true, type: 'b', access: 'm' },
    chr(1, 3), // /dev/null
    chr(1, 5), // /dev/zero
    chr(1, 7), // /dev/full
    chr(1, 8), // /dev/random
    chr(1, 9), // /dev/urandom
    chr(5, 0), // /dev/tty
    chr(5, 1), // /dev/console
    chr(5, 2), // /dev/ptmx
    chr(136, undefined), // /dev/pts/*
    chr(10, 200), // /dev/net/tun
  ];
}

/** Paths hidden from unprivileged containers (kernel information leaks). */
export const defaultMaskedPaths: readonly string[] = [
  '/proc/asound',
  '/proc/acpi',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
  '/sys/devices/virtual/powercap',
];

/** Paths mounted read-only in unprivileged containers (host-wide kernel knobs). */
export const defaultReadonlyPaths: readonly string[] = [
  '/proc/bus',
  '/proc/fs',
  '/proc/irq',
  '/proc/sys',
  '/proc/sysrq-trigger',
];

/** Resource limit names accepted in ulimits (setrlimit(2), without the RLIMIT_ prefix). */
export const rlimitNames: readonly string[] = [
  'as',
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack',
];

/**
 * Default open-files limit: Docker containers inherit dockerd's limit, and dockerd runs with
 * soft = hard (LimitNOFILE=infinity under its systemd unit). tsorch does the same with the
 * daemon's hard limit (a container can never raise its hard limit above it without
 * CAP_SYS_RESOURCE), capped at the kernel's usual nr_open.
 */
export function defaultRlimits(nofileHardLimit: number | undefined): OciRlimit[] {
  if (nofileHardLimit === undefined) return [];
  const n = Math.min(nofileHardLimit, 1048576);
  return [{ type: 'RLIMIT_NOFILE', soft: n, hard: n }];
}
