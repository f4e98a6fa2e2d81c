/**
 * The cgroup v2 (unified) driver: one hierarchy; the container's cgroup is
 * `<unified mount><cgroupsPath>`. runc and crun translate the OCI v1-style resources into v2
 * files (runc libcontainer/cgroups/fs2, crun's cgroup conversion); this driver reads them back
 * in the OCI units:
 * - memory.max = limit; memory.low = reservation; memory.swap.max = swap - limit
 * - cpu.max = "quota period"; cpu.weight = 1 + ((shares - 2) x 9999) / 262142
 * - io.weight (or io.bfq.weight) = 1 + ((weight - 10) x 9999) / 990
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TsorchError } from '../../util/errors.js';
import type { CgroupDriver, CgroupStats, FreezerState } from './driver.js';
import {
  parseBlockIo,
  parseKeyed,
  parseLimit,
  readCgroupFile,
  readOptional,
  removeCgroupDirs,
} from './files.js';
import type { CgroupLayout } from './layout.js';

/** OCI cpu.shares -> cgroup v2 cpu.weight (the runtimes' conversion). */
export function sharesToWeight(shares: number): number {
  return Math.floor(1 + ((shares - 2) * 9999) / 262142);
}

/** cgroup v2 cpu.weight -> OCI cpu.shares (inverse of {@link sharesToWeight}, rounded). */
export function weightToShares(weight: number): number {
  return Math.round(2 + ((weight - 1) * 262142) / 9999);
}

/** OCI blkio weight (10..1000) -> cgroup v2 io.weight (1..10000). */
export function blkioToIoWeight(weight: number): number {
  return Math.floor(1 + ((weight - 10) * 9999) / 990);
}

/** cgroup v2 io.weight -> OCI blkio weight (rounded). */
export function ioWeightToBlkio(weight: number): number {
  return Math.round(10 + ((weight - 1) * 990) / 9999);
}

/**
 * Creates the v2 driver for `layout`.
 *
 * @throws {TsorchError} UNSUPPORTED when the layout has no cgroup2 mount.
 */
export function createV2Driver(layout: CgroupLayout): CgroupDriver {
  const root = layout.unified;
  if (root === undefined)
    throw new TsorchError('UNSUPPORTED', 'Cannot use cgroup v2: no cgroup2 filesystem is mounted');
  const dir = (cgroupsPath: string): string => join(root, cgroupsPath);

  async function num(p: string, file: string): Promise<number | undefined> {
    return parseLimit(await readCgroupFile(dir(p), file));
  }

  return {
    mode: layout.mode,
    paths(cgroupsPath) {
      return { unified: dir(cgroupsPath) };
    },
    exists(cgroupsPath) {
      return Promise.resolve(existsSync(dir(cgroupsPath)));
    },
    async readLimits(p) {
      const [quota, period] = (await readCgroupFile(dir(p), 'cpu.max')).trim().split(/\s+/);
      const memory = await num(p, 'memory.max');
      const swapText = await readOptional(dir(p), 'memory.swap.max');
      const swap = swapText === undefined ? undefined : parseLimit(swapText);
      const low = await num(p, 'memory.low');
      const weight = await num(p, 'cpu.weight');
      const io =
        (await readOptional(dir(p), 'io.weight')) ?? (await readOptional(dir(p), 'io.bfq.weight'));
      // io.weight reads "default N" (plus per-device lines).
      const ioDefault = io === undefined ? undefined : parseKeyed(io).get('default');
      return {
        memoryLimitBytes: memory,
        memoryReservationBytes: low === 0 ? undefined : low,
        memorySwapLimitBytes:
          memory === undefined || swap === undefined ? undefined : memory + swap,
        cpuQuotaUs: parseLimit(quota ?? 'max'),
        cpuPeriodUs: parseLimit(period ?? 'max'),
        cpuShares: weight === undefined ? undefined : weightToShares(weight),
        cpusetCpus: ((await readOptional(dir(p), 'cpuset.cpus')) ?? '').trim(),
        cpusetMems: ((await readOptional(dir(p), 'cpuset.mems')) ?? '').trim(),
        pidsLimit: await num(p, 'pids.max'),
        blkioWeight: ioDefault === undefined ? undefined : ioWeightToBlkio(ioDefault),
      };
    },
    async readStats(p): Promise<CgroupStats> {
      const cpu = parseKeyed(await readCgroupFile(dir(p), 'cpu.stat'));
      const peak = await readOptional(dir(p), 'memory.peak');
      const memStat = parseKeyed((await readOptional(dir(p), 'memory.stat')) ?? '');
      const io = parseBlockIo((await readOptional(dir(p), 'io.stat')) ?? '');
      return {
        cpuUsageNs: (cpu.get('usage_usec') ?? 0) * 1000,
        memoryUsageBytes: (await num(p, 'memory.current')) ?? 0,
        memoryMaxUsageBytes: peak === undefined ? undefined : parseLimit(peak),
        memoryLimitBytes: await num(p, 'memory.max'),
        memoryInactiveFileBytes: memStat.get('inactive_file') ?? 0,
        pidsCurrent: (await num(p, 'pids.current')) ?? 0,
        pidsLimit: await num(p, 'pids.max'),
        blockReadBytes: io.readBytes,
        blockWriteBytes: io.writeBytes,
      };
    },
    async readOomKills(p) {
      return parseKeyed(await readCgroupFile(dir(p), 'memory.events')).get('oom_kill') ?? 0;
    },
    async readFreezerState(p): Promise<FreezerState> {
      const events = parseKeyed(await readCgroupFile(dir(p), 'cgroup.events'));
      const want = parseLimit(await readCgroupFile(dir(p), 'cgroup.freeze'));
      if (events.get('frozen') === 1) return 'frozen';
      return want === 1 ? 'freezing' : 'thawed';
    },
    remove(path) {
      return removeCgroupDirs([root], path);
    },
  };
}
