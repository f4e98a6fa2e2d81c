/**
 * Linux capabilities for containers: Docker's default set and `--cap-add` / `--cap-drop`.
 * Pure.
 *
 * @module
 */
import { InvalidArgumentError } from '../../util/errors.js';

/** Every capability Linux 6.x knows (capability(7)), in kernel order. */
export const allCapabilities: readonly string[] = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_DAC_READ_SEARCH',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETPCAP',
  'CAP_LINUX_IMMUTABLE',
  'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN',
  'CAP_NET_RAW',
  'CAP_IPC_LOCK',
  'CAP_IPC_OWNER',
  'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO',
  'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN',
  'CAP_SYS_BOOT',
  'CAP_SYS_NICE',
  'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG',
  'CAP_MKNOD',
  'CAP_LEASE',
  'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE',
  'CAP_MAC_ADMIN',
  'CAP_SYSLOG',
  'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ',
  'CAP_PERFMON',
  'CAP_BPF',
  'CAP_CHECKPOINT_RESTORE',
];

/** Docker's default capability set for unprivileged containers (14 capabilities). */
export const defaultCapabilities: readonly string[] = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FSETID',
  'CAP_FOWNER',
  'CAP_MKNOD',
  'CAP_NET_RAW',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETFCAP',
  'CAP_SETPCAP',
  'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT',
  'CAP_KILL',
  'CAP_AUDIT_WRITE',
];

/**
 * Normalizes a user-written capability name: `net_admin`, `NET_ADMIN` and `CAP_NET_ADMIN`
 * all become `CAP_NET_ADMIN`; `all` becomes `ALL`.
 *
 * @throws {InvalidArgumentError} naming `field` when the capability does not exist.
 */
export function normalizeCapability(name: string, field: string): string {
  const upper = name.trim().toUpperCase();
  if (upper === 'ALL') return 'ALL';
  const full = upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
  if (!allCapabilities.includes(full))
    throw new InvalidArgumentError(`Unknown capability "${name}" in ${field}`, {
      details: { field },
      hint: 'Capability names are listed in capabilities(7), e.g. NET_ADMIN or SYS_PTRACE',
    });
  return full;
}

/**
 * The capability names of a bounding-set mask (`CapBnd` of /proc/self/status, hexadecimal):
 * bit N is capability number N in {@link allCapabilities}.
 */
export function capabilitiesOfMask(hex: string): string[] {
  const mask = BigInt(`0x${hex.trim()}`);
  return allCapabilities.filter((_, bit) => ((mask >> BigInt(bit)) & 1n) === 1n);
}

/**
 * Computes the capability set: Docker's default set, plus `capAdd`, minus `capDrop`.
 * `ALL` in capAdd starts from every capability; `ALL` in capDrop starts from none (then
 * capAdd applies), as Docker does. Privileged containers get every capability. With
 * `available` (the host's bounding set), `--privileged`, `ALL` and the defaults grant only
 * what the host allows, as Docker does; a capability named in capAdd that the host lacks is
 * refused.
 *
 * @throws {InvalidArgumentError} for an unknown capability name, or one the host lacks.
 */
export function resolveCapabilities(opts: {
  capAdd?: readonly string[];
  capDrop?: readonly string[];
  privileged?: boolean;
  available?: readonly string[];
}): string[] {
  const available = opts.available ?? allCapabilities;
  if (opts.privileged === true) return allCapabilities.filter((c) => available.includes(c));
  const add = (opts.capAdd ?? []).map((c) => normalizeCapability(c, 'capAdd'));
  const drop = (opts.capDrop ?? []).map((c) => normalizeCapability(c, 'capDrop'));
  const missing = add.find((c) => c !== 'ALL' && !available.includes(c));
  if (missing !== undefined)
    throw new InvalidArgumentError(
      `Cannot add capability "${missing}": this host's capability bounding set lacks it`,
      { details: { field: 'capAdd' } },
    );
  let caps: Set<string>;
  if (add.includes('ALL')) {
    caps = new Set(allCapabilities.filter((c) => !drop.includes(c)));
  } else if (drop.includes('ALL')) {
    caps = new Set(add);
  } else {
    // Docker order: drop from the defaults first, then add (an added capability wins).
    caps = new Set(defaultCapabilities.filter((c) => !drop.includes(c)));
    for (const c of add) caps.add(c);
  }
  // Keep the kernel order so specs are stable and diffs readable.
  return allCapabilities.filter((c) => caps.has(c) && available.includes(c));
}
