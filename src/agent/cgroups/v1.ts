/**
 * The cgroup v1 driver (also used on hybrid hosts, whose cgroup2 mount holds no controllers
 * tsorch uses). Each controller has its own hierarchy: the container's cgroup is
 * `<controller mount><cgroupsPath>` in each.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TsorchError } from '../../util/errors.js';
import type { CgroupDriver, CgroupLimits, CgroupStats, FreezerState } from './driver.js';
import {
  parseBlockIo,
  parseKeyed,
  parseLimit,
  readCgroupFile,
  readOptional,
  removeCgroupDirs,
} from './files.js';
import type { CgroupLayout } from './layout.js';

const required = ['memory', 'cpu', 'cpuacct', 'pids', 'cpuset', 'freezer'] as const;

/**
 * Creates the v1 driver for `layout`.
 *
 * @throws {TsorchError} UNSUPPORTED naming the controllers that are not mounted.
 */
export function createV1Driver(layout: CgroupLayout): CgroupDriver {
  const missing = required.filter((c) => layout.v1[c] === undefined);
  if (missing.length > 0)
    throw new TsorchError(
      'UNSUPPORTED',
      `Cannot use cgroup v1: controllers not mounted: ${missing.join(', ')}`,
      {
        hint: 'Mount each v1 controller under /sys/fs/cgroup, or boot with cgroup v2',
      },
    );
  const dir = (controller: string, cgroupsPath: string): string =>
    join(layout.v1[controller] ?? '/nonexistent', cgroupsPath);

  async function num(
    controller: string,
    cgroupsPath: string,
    file: string,
  ): Promise<number | undefined> {
    return parseLimit(await readCgroupFile(dir(controller, cgroupsPath), file));
  }

  return {
    mode: layout.mode,
    paths(cgroupsPath) {
      const out: Record<string, string> = {};
      for (const c of Object.keys(layout.v1)) out[c] = dir(c, cgroupsPath);
      return out;
    },
    exists(cgroupsPath) {
      return Promise.resolve(existsSync(dir('memory', cgroupsPath)));
    },
    async readLimits(p) {
      const quota = await num('cpu', p, 'cpu.cfs_quota_us');
      const blkio = dir('blkio', p);
      // Kernels with the BFQ scheduler expose blkio.bfq.weight instead of CFQ's blkio.weight.
      const weight =
        (await readOptional(blkio, 'blkio.weight')) ??
        (await readOptional(blkio, 'blkio.bfq.weight'));
      const limits: CgroupLimits = {
        memoryLimitBytes: await num('memory', p, 'memory.limit_in_bytes'),
        memoryReservationBytes: await num('memory', p, 'memory.soft_limit_in_bytes'),
        memorySwapLimitBytes: parseLimit(
          (await readOptional(dir('memory', p), 'memory.memsw.limit_in_bytes')) ?? 'max',
        ),
        cpuQuotaUs: quota,
        cpuPeriodUs: await num('cpu', p, 'cpu.cfs_period_us'),
        cpuShares: await num('cpu', p, 'cpu.shares'),
        cpusetCpus: (await readCgroupFile(dir('cpuset', p), 'cpuset.cpus')).trim(),
        cpusetMems: (await readCgroupFile(dir('cpuset', p), 'cpuset.mems')).trim(),
        pidsLimit: await num('pids', p, 'pids.max'),
        blkioWeight: weight === undefined ? undefined : parseLimit(weight),
      };
      return limits;
    },
    async readStats(p): Promise<CgroupStats> {
      const memory = dir('memory', p);
      const maxUsage = await readOptional(memory, 'memory.max_usage_in_bytes');
      const memStat = parseKeyed((await readOptional(memory, 'memory.stat')) ?? '');
      const io = parseBlockIo(
        (await readOptional(dir('blkio', p), 'blkio.throttle.io_service_bytes_recursive')) ?? '',
      );
      return {
        cpuUsageNs: (await num('cpuacct', p, 'cpuacct.usage')) ?? 0,
        memoryUsageBytes: (await num('memory', p, 'memory.usage_in_bytes')) ?? 0,
        memoryMaxUsageBytes: maxUsage === undefined ? undefined : parseLimit(maxUsage),
        memoryLimitBytes: await num('memory', p, 'memory.limit_in_bytes'),
        memoryInactiveFileBytes: memStat.get('total_inactive_file') ?? 0,
        pidsCurrent: (await num('pids', p, 'pids.current')) ?? 0,
        pidsLimit: await num('pids', p, 'pids.max'),
        blockReadBytes: io.readBytes,
        blockWriteBytes: io.writeBytes,
      };
    },
    async readOomKills(p) {
      const oom = parseKeyed(await readCgroupFile(dir('memory', p), 'memory.oom_control'));
      // oom_kill exists since Linux 4.13; older kernels only say whether the cgroup is under
      // OOM, so report that as one kill.
      return oom.get('oom_kill') ?? oom.get('under_oom') ?? 0;
    },
    async readFreezerState(p): Promise<FreezerState> {
      const state = (await readCgroupFile(dir('freezer', p), 'freezer.state')).trim();
      return state === 'FROZEN' ? 'frozen' : state === 'FREEZING' ? 'freezing' : 'thawed';
    },
    remove(path) {
      return removeCgroupDirs(layout.mountPoints, path);
    },
  };
}
