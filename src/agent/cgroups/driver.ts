/**
 * The cgroup driver interface: where a container's cgroup lives on this host and how to read
 * its limits, usage, OOM kills and freezer state. runc/crun create the cgroups and write the
 * limits (OCI runtime-spec: linux.resources); tsorch only reads them, and removes the daemon's
 * parent cgroup when it is empty.
 *
 * @module
 */
import type { CgroupMode } from './layout.js';

/** Limits as set in the cgroup files, in the OCI spec's units; undefined = unlimited/unset. */
export interface CgroupLimits {
  memoryLimitBytes: number | undefined;
  memoryReservationBytes: number | undefined;
  /** Memory + swap (Docker's --memory-swap). */
  memorySwapLimitBytes: number | undefined;
  cpuQuotaUs: number | undefined;
  cpuPeriodUs: number | undefined;
  /** cgroup v1 cpu.shares (v2: converted back from cpu.weight, approximate). */
  cpuShares: number | undefined;
  cpusetCpus: string;
  cpusetMems: string;
  pidsLimit: number | undefined;
  blkioWeight: number | undefined;
}

/** A point-in-time usage sample. */
export interface CgroupStats {
  /** Total CPU time used by the cgroup's tasks. */
  cpuUsageNs: number;
  memoryUsageBytes: number;
  /** Peak memory usage, when the kernel reports it. */
  memoryMaxUsageBytes: number | undefined;
  memoryLimitBytes: number | undefined;
  /**
   * Inactive page cache, reclaimable: Docker's `stats` shows usage minus this
   * (v1 memory.stat total_inactive_file, v2 inactive_file).
   */
  memoryInactiveFileBytes: number;
  pidsCurrent: number;
  pidsLimit: number | undefined;
  /** Bytes read from and written to block devices, all devices together. */
  blockReadBytes: number;
  blockWriteBytes: number;
}

/** The freezer state of a cgroup. */
export type FreezerState = 'thawed' | 'freezing' | 'frozen';

/** Reads one cgroup layout's files. `cgroupsPath` is the spec's linux.cgroupsPath. */
export interface CgroupDriver {
  readonly mode: CgroupMode;
  /** Host directories of the container's cgroup, by controller (v2: one entry, `unified`). */
  paths(cgroupsPath: string): Record<string, string>;
  /** True while the cgroup exists (runc/crun delete removes it). */
  exists(cgroupsPath: string): Promise<boolean>;
  readLimits(cgroupsPath: string): Promise<CgroupLimits>;
  readStats(cgroupsPath: string): Promise<CgroupStats>;
  /**
   * How many processes the kernel OOM killer killed in the cgroup. Read it before the runtime
   * deletes the container: the counter goes with the cgroup.
   */
  readOomKills(cgroupsPath: string): Promise<number>;
  readFreezerState(cgroupsPath: string): Promise<FreezerState>;
  /**
   * Removes the (empty) cgroup directories at `path` in every hierarchy, deepest first; absent
   * directories are fine. Used for the daemon's parent cgroup and after forced deletes.
   *
   * @throws {TsorchError} FAILED_PRECONDITION when a directory still holds processes.
   */
  remove(path: string): Promise<void>;
}
