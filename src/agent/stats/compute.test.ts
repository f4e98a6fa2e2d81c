import { describe, expect, it } from 'vitest';
import type { CgroupStats } from '../cgroups/index.js';
import {
  computeStats,
  parseMemTotal,
  parseNetDev,
  parseProcStat,
  zeroCgroupStats,
  type StatsReading,
} from './compute.js';

function cg(over: Partial<CgroupStats> = {}): CgroupStats {
  return { ...zeroCgroupStats, ...over };
}

function reading(
  over: Partial<Omit<StatsReading, 'cgroup'>> & { cgroup?: Partial<CgroupStats> } = {},
): StatsReading {
  return { netRxBytes: 0, netTxBytes: 0, systemCpuNs: 0, ...over, cgroup: cg(over.cgroup) };
}

const host = { onlineCpus: 2, memTotalBytes: 8 * 1024 ** 3 };

describe('computeStats()', () => {
  it.each([
    // One CPU busy on a 2-CPU host: half the host's time, shown as 100% (docker's scale).
    ['one CPU busy', 0, 1e9, 0, 2e9, 100],
    ['a quarter of one CPU', 0, 0.25e9, 0, 2e9, 25],
    ['both CPUs busy', 5e9, 7e9, 10e9, 12e9, 200],
    ['no host time passed', 0, 1e9, 5, 5, 0],
    ['a counter that went back (restart)', 9e9, 1e9, 0, 2e9, 0],
  ])('CPU: %s', (_name, cpu0, cpu1, sys0, sys1, want) => {
    const v = computeStats(
      reading({ cgroup: { cpuUsageNs: cpu0 }, systemCpuNs: sys0 }),
      reading({ cgroup: { cpuUsageNs: cpu1 }, systemCpuNs: sys1 }),
      host,
    );
    expect(v.cpuPercent).toBeCloseTo(want, 6);
  });

  it('shows 0% CPU without a previous reading', () => {
    expect(computeStats(undefined, reading({ cgroup: { cpuUsageNs: 9e9 } }), host).cpuPercent).toBe(
      0,
    );
  });

  it.each([
    ['a limit', 64 * 1024 ** 2, 64 * 1024 ** 2],
    ['no limit', undefined, host.memTotalBytes],
    ['a limit above the host memory (v1 unlimited)', 2 ** 62, host.memTotalBytes],
  ])('memory with %s: usage less inactive file over the limit', (_n, limit, shown) => {
    const v = computeStats(
      undefined,
      reading({
        cgroup: {
          memoryUsageBytes: 20 * 1024 ** 2,
          memoryInactiveFileBytes: 4 * 1024 ** 2,
          memoryLimitBytes: limit,
        },
      }),
      host,
    );
    expect(v.memoryUsageBytes).toBe(16 * 1024 ** 2);
    expect(v.memoryLimitBytes).toBe(shown);
    expect(v.memoryPercent).toBeCloseTo((16 * 1024 ** 2 * 100) / shown, 9);
  });

  it('never shows negative memory, and passes I/O and pids through', () => {
    const v = computeStats(
      undefined,
      reading({
        cgroup: {
          memoryUsageBytes: 1,
          memoryInactiveFileBytes: 5,
          blockReadBytes: 7,
          blockWriteBytes: 8,
          pidsCurrent: 3,
        },
        netRxBytes: 5,
        netTxBytes: 6,
      }),
      host,
    );
    expect(v).toMatchObject({
      memoryUsageBytes: 0,
      netRxBytes: 5,
      netTxBytes: 6,
      blockReadBytes: 7,
      blockWriteBytes: 8,
      pidsCurrent: 3,
    });
  });
});

describe('/proc parsers', () => {
  it('parseProcStat() sums the first seven fields of "cpu" and counts the CPUs', () => {
    const text = [
      'cpu  100 1 20 300 4 0 5 8893 0 0',
      'cpu0 50 0 10 150 2 0 3 0 0 0',
      'cpu1 50 1 10 150 2 0 2 0 0 0',
      'intr 1 2 3',
      '',
    ].join('\n');
    expect(parseProcStat(text)).toEqual({ systemCpuNs: 430 * 1e7, onlineCpus: 2 });
  });

  it('parseNetDev() sums every interface but loopback', () => {
    const text = [
      'Inter-|   Receive                                                |  Transmit',
      ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
      '    lo: 951076390  457357    0    0    0     0          0         0 951076390  457357    0    0    0     0       0          0',
      '  eth0:    1000      10    0    0    0     0          0         0     2000      20    0    0    0     0       0          0',
      '  eth1:      24       1    0    0    0     0          0         0       48       1    0    0    0     0       0          0',
    ].join('\n');
    expect(parseNetDev(text)).toEqual({ rxBytes: 1024, txBytes: 2048 });
    expect(parseNetDev(text.split('\n').slice(0, 3).join('\n'))).toEqual({
      rxBytes: 0,
      txBytes: 0,
    });
  });

  it('parseMemTotal() reads kB', () => {
    expect(parseMemTotal('MemTotal:        4028396 kB\nMemFree: 1 kB\n')).toBe(4028396 * 1024);
    expect(parseMemTotal('')).toBe(0);
  });
});
