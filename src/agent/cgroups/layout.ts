/**
 * Detects how cgroups are mounted: pure v1, hybrid (v1 controllers plus a cgroup2 mount, e.g.
 * at /sys/fs/cgroup/unified), or pure v2 (unified). The parser is pure; {@link detectCgroupLayout}
 * reads /proc/self/mountinfo and the cgroup2 controllers file.
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { TsorchError } from '../../util/errors.js';

/** The cgroup mode of a host. */
export type CgroupMode = 'v1' | 'hybrid' | 'v2';

/** Where each cgroup hierarchy is mounted. */
export interface CgroupLayout {
  mode: CgroupMode;
  /** v1 controller -> mount point, e.g. `memory` -> `/sys/fs/cgroup/memory` (v1, hybrid). */
  v1: Record<string, string>;
  /** The cgroup2 mount point (hybrid: holds no or few controllers; v2: everything). */
  unified?: string;
  /** Controllers enabled in the cgroup2 root (`cgroup.controllers`). */
  unifiedControllers: string[];
  /** Every cgroup mount point, named v1 hierarchies (name=systemd) included. */
  mountPoints: string[];
}

/** One cgroup filesystem mount from mountinfo. */
export interface CgroupMount {
  mountPoint: string;
  fsType: 'cgroup' | 'cgroup2';
  /** Controllers from the super options (v1 only), e.g. `['cpu', 'cpuacct']`. */
  controllers: string[];
}

/** The v1 controllers tsorch uses. */
export const v1Controllers = [
  'cpu',
  'cpuacct',
  'cpuset',
  'memory',
  'pids',
  'blkio',
  'freezer',
  'devices',
] as const;

/** Parses the cgroup and cgroup2 mounts out of /proc/self/mountinfo text. */
export function parseCgroupMounts(mountinfo: string): CgroupMount[] {
  const out: CgroupMount[] = [];
  for (const line of mountinfo.split('\n')) {
    // Fields: id parent major:minor root mountpoint options [optional...] - fstype source superopts
    const [pre, post] = line.split(' - ');
    if (pre === undefined || post === undefined) continue;
    const mountPoint = pre.split(' ')[4];
    const [fsType, , superOpts = ''] = post.split(' ');
    if (mountPoint === undefined || (fsType !== 'cgroup' && fsType !== 'cgroup2')) continue;
    const known = new Set<string>(v1Controllers);
    const controllers = fsType === 'cgroup' ? superOpts.split(',').filter((o) => known.has(o)) : [];
    out.push({ mountPoint: unescapeMountPath(mountPoint), fsType, controllers });
  }
  return out;
}

function unescapeMountPath(p: string): string {
  return p.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/**
 * Classifies the mounts: any v1 controller mounted means v1 or hybrid (hybrid when a cgroup2
 * mount exists too); otherwise a cgroup2 mount means v2.
 *
 * @throws {TsorchError} UNSUPPORTED when the host mounts no cgroups tsorch can use.
 */
export function classifyCgroupMounts(
  mounts: readonly CgroupMount[],
  unifiedControllers: readonly string[],
): CgroupLayout {
  const v1: Record<string, string> = {};
  for (const m of mounts)
    if (m.fsType === 'cgroup') for (const c of m.controllers) v1[c] ??= m.mountPoint;
  const unified = mounts.find((m) => m.fsType === 'cgroup2')?.mountPoint;
  const hasV1 = Object.keys(v1).length > 0;
  if (!hasV1 && unified === undefined)
    throw new TsorchError('UNSUPPORTED', 'Cannot find cgroups on this host: no cgroup mounts', {
      hint: 'Mount cgroup2 at /sys/fs/cgroup (or the v1 controllers) before starting tsorch',
    });
  const mode: CgroupMode = hasV1 ? (unified === undefined ? 'v1' : 'hybrid') : 'v2';
  return {
    mode,
    v1,
    ...(unified === undefined ? {} : { unified }),
    unifiedControllers: [...unifiedControllers],
    mountPoints: [...new Set(mounts.map((m) => m.mountPoint))],
  };
}

/**
 * Detects the cgroup layout of this host.
 *
 * @param opts.procSelf directory standing in for /proc/self (tests); default `/proc/self`.
 */
export async function detectCgroupLayout(opts: { procSelf?: string } = {}): Promise<CgroupLayout> {
  const mountinfo = await fs.readFile(join(opts.procSelf ?? '/proc/self', 'mountinfo'), 'utf8');
  const mounts = parseCgroupMounts(mountinfo);
  const unified = mounts.find((m) => m.fsType === 'cgroup2')?.mountPoint;
  const controllers =
    unified === undefined
      ? ''
      : await fs.readFile(join(unified, 'cgroup.controllers'), 'utf8').catch(() => '');
  return classifyCgroupMounts(
    mounts,
    controllers.split(/\s+/).filter((c) => c !== ''),
  );
}
