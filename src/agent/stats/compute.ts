/**
 * Container statistics as `docker stats` shows them, from two readings of the container's
 * cgroup, its network namespace and the host's CPU time. Pure: parsers of the /proc files and
 * the arithmetic; the reads are in reader.ts.
 *
 * @module
 */
import type { CgroupStats } from '../cgroups/index.js';

/** One reading of a container and of the host, taken together. */
export interface StatsReading {
  cgroup: CgroupStats;
  /** Bytes received and sent on the container's interfaces, loopback excluded. */
  netRxBytes: number;
  netTxBytes: number;
  /** The host's total CPU time (every CPU, every state) from /proc/stat. */
  systemCpuNs: number;
}

/** A cgroup's figures when they cannot be read (the container ended between two reads). */
export const zeroCgroupStats: CgroupStats = {
  cpuUsageNs: 0,
  memoryUsageBytes: 0,
  memoryMaxUsageBytes: undefined,
  memoryLimitBytes: undefined,
  memoryInactiveFileBytes: 0,
  pidsCurrent: 0,
  pidsLimit: undefined,
  blockReadBytes: 0,
  blockWriteBytes: 0,
};

/** What the host contributes to the figures. */
export interface HostFacts {
  onlineCpus: number;
  /** /proc/meminfo MemTotal: the limit shown for a container without one. */
  memTotalBytes: number;
}

/** One container's figures, as the columns of `docker stats`. */
export interface StatsView {
  /** CPU used since the previous reading; 100 is one CPU (docker's scale). */
  cpuPercent: number;
  /** Usage less the reclaimable inactive page cache (docker's MEM USAGE). */
  memoryUsageBytes: number;
  memoryLimitBytes: number;
  memoryPercent: number;
  netRxBytes: number;
  netTxBytes: number;
  blockReadBytes: number;
  blockWriteBytes: number;
  pidsCurrent: number;
}

/**
 * The figures of `cur`; the CPU share is measured against `prev` (docker's formula: the
 * container's CPU time over the host's, times the online CPUs), 0 without a previous reading.
 */
export function computeStats(
  prev: StatsReading | undefined,
  cur: StatsReading,
  host: HostFacts,
): StatsView {
  let cpuPercent = 0;
  if (prev !== undefined) {
    const cpuDelta = cur.cgroup.cpuUsageNs - prev.cgroup.cpuUsageNs;
    const systemDelta = cur.systemCpuNs - prev.systemCpuNs;
    if (cpuDelta > 0 && systemDelta > 0) {
      cpuPercent = (cpuDelta / systemDelta) * host.onlineCpus * 100;
    }
  }
  const used = cur.cgroup.memoryUsageBytes - cur.cgroup.memoryInactiveFileBytes;
  const memoryUsageBytes = Math.max(0, used);
  const limit = cur.cgroup.memoryLimitBytes;
  const memoryLimitBytes =
    limit === undefined || limit <= 0 || limit > host.memTotalBytes ? host.memTotalBytes : limit;
  return {
    cpuPercent,
    memoryUsageBytes,
    memoryLimitBytes,
    memoryPercent: memoryLimitBytes > 0 ? (memoryUsageBytes / memoryLimitBytes) * 100 : 0,
    netRxBytes: cur.netRxBytes,
    netTxBytes: cur.netTxBytes,
    blockReadBytes: cur.cgroup.blockReadBytes,
    blockWriteBytes: cur.cgroup.blockWriteBytes,
    pidsCurrent: cur.cgroup.pidsCurrent,
  };
}

/** USER_HZ: the unit of /proc/stat's times (100 on every Linux architecture tsorch runs on). */
const clockTicksPerS = 100;

/**
 * The host's CPU time from /proc/stat: the `cpu` line's first seven fields (user, nice,
 * system, idle, iowait, irq, softirq), as docker sums them, and the online CPUs (`cpuN` lines).
 */
export function parseProcStat(text: string): { systemCpuNs: number; onlineCpus: number } {
  let systemCpuNs = 0;
  let onlineCpus = 0;
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === 'cpu') {
      const ticks = fields.slice(1, 8).reduce((sum, f) => sum + (Number(f) || 0), 0);
      systemCpuNs = (ticks * 1e9) / clockTicksPerS;
    } else if (/^cpu\d+$/.test(fields[0] ?? '')) {
      onlineCpus += 1;
    }
  }
  return { systemCpuNs, onlineCpus: Math.max(1, onlineCpus) };
}

/** Bytes received and sent over every interface of /proc/PID/net/dev but loopback. */
export function parseNetDev(text: string): { rxBytes: number; txBytes: number } {
  let rxBytes = 0;
  let txBytes = 0;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    if (name === 'lo' || name.includes('|')) continue;
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    rxBytes += Number(f[0]) || 0;
    txBytes += Number(f[8]) || 0;
  }
  return { rxBytes, txBytes };
}

/** MemTotal of /proc/meminfo, in bytes (0 when missing). */
export function parseMemTotal(text: string): number {
  const m = /^MemTotal:\s+(\d+)\s*kB/m.exec(text);
  return m?.[1] === undefined ? 0 : Number(m[1]) * 1024;
}
