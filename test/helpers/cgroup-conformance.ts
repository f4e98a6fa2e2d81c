/**
 * One conformance suite for every cgroup driver (hono's common.case.test.ts idea): the same
 * expectations run against the real v1 hierarchy (test/integration/cgroups-v1.test.ts, limits
 * written by runc) and against fake v1/v2 trees (src/agent/cgroups/*.test.ts, files written the
 * way runc documents its mapping: path and format coverage only, no kernel behind them).
 *
 * @module
 */
import { describe, expect, it, type TestContext } from 'vitest';
import type { CgroupDriver } from '../../src/agent/cgroups/index.js';

/** Resources every fixture applies (Docker's `-m 64m --cpus 0.5 --pids-limit 50 ...`). */
export const conformanceResources = {
  memoryBytes: 64 * 1024 * 1024,
  memoryReservationBytes: 32 * 1024 * 1024,
  cpuQuotaUs: 50_000,
  cpuPeriodUs: 100_000,
  cpuShares: 512,
  cpusetCpus: '0',
  pidsLimit: 50,
  blkioWeight: 300,
} as const;

/** A running cgroup under test. */
export interface CgroupSubject {
  cgroupsPath: string;
  /** Freezes the cgroup (real: `runc pause`). */
  freeze(): Promise<void>;
  thaw(): Promise<void>;
  /** Makes the kernel OOM-kill a process in the cgroup and returns when it happened. */
  oomKill(): Promise<void>;
}

/** What each driver's test file supplies. */
export interface CgroupFixture {
  driver: CgroupDriver;
  /** Creates a cgroup with {@link conformanceResources} and a process in it. */
  start(ctx: TestContext): Promise<CgroupSubject>;
  /** True when blkio weight is settable on this host (v1 needs CFQ or BFQ). */
  blkioWeight: boolean;
  /**
   * Exact block IO and inactive-cache figures the fixture wrote (fake trees); absent for real
   * cgroups, whose figures depend on the kernel (then only their shape is checked).
   */
  expectedIo?: { readBytes: number; writeBytes: number; inactiveFileBytes: number };
}

/** Registers the conformance suite for one driver. */
export function describeCgroupDriver(name: string, fixture: () => CgroupFixture): void {
  describe(`cgroup driver conformance: ${name}`, () => {
    it('reads back the limits the runtime wrote', async (ctx) => {
      const f = fixture();
      const s = await f.start(ctx);
      const limits = await f.driver.readLimits(s.cgroupsPath);
      expect(limits.memoryLimitBytes).toBe(conformanceResources.memoryBytes);
      expect(limits.memoryReservationBytes).toBe(conformanceResources.memoryReservationBytes);
      // Docker: swap unset -> memory + swap = 2 x memory.
      expect(limits.memorySwapLimitBytes).toBe(2 * conformanceResources.memoryBytes);
      expect(limits.cpuQuotaUs).toBe(conformanceResources.cpuQuotaUs);
      expect(limits.cpuPeriodUs).toBe(conformanceResources.cpuPeriodUs);
      expect(limits.cpuShares).toBeGreaterThanOrEqual(conformanceResources.cpuShares - 26);
      expect(limits.cpuShares).toBeLessThanOrEqual(conformanceResources.cpuShares + 26);
      expect(limits.cpusetCpus).toBe(conformanceResources.cpusetCpus);
      expect(limits.pidsLimit).toBe(conformanceResources.pidsLimit);
      if (f.blkioWeight) expect(limits.blkioWeight).toBe(conformanceResources.blkioWeight);
    });

    it('reports usage: CPU time, memory and tasks', async (ctx) => {
      const f = fixture();
      const s = await f.start(ctx);
      const stats = await f.driver.readStats(s.cgroupsPath);
      expect(stats.pidsCurrent).toBeGreaterThanOrEqual(1);
      expect(stats.pidsLimit).toBe(conformanceResources.pidsLimit);
      expect(stats.memoryUsageBytes).toBeGreaterThan(0);
      expect(stats.memoryLimitBytes).toBe(conformanceResources.memoryBytes);
      expect(stats.cpuUsageNs).toBeGreaterThan(0);
      if (f.expectedIo === undefined) {
        for (const n of [
          stats.blockReadBytes,
          stats.blockWriteBytes,
          stats.memoryInactiveFileBytes,
        ])
          expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
      } else {
        expect(stats.blockReadBytes).toBe(f.expectedIo.readBytes);
        expect(stats.blockWriteBytes).toBe(f.expectedIo.writeBytes);
        expect(stats.memoryInactiveFileBytes).toBe(f.expectedIo.inactiveFileBytes);
      }
    });

    it('counts OOM kills', async (ctx) => {
      const f = fixture();
      const s = await f.start(ctx);
      expect(await f.driver.readOomKills(s.cgroupsPath)).toBe(0);
      await s.oomKill();
      expect(await f.driver.readOomKills(s.cgroupsPath)).toBeGreaterThanOrEqual(1);
    });

    it('reports the freezer state', async (ctx) => {
      const f = fixture();
      const s = await f.start(ctx);
      expect(await f.driver.readFreezerState(s.cgroupsPath)).toBe('thawed');
      await s.freeze();
      expect(await f.driver.readFreezerState(s.cgroupsPath)).toBe('frozen');
      await s.thaw();
      expect(await f.driver.readFreezerState(s.cgroupsPath)).toBe('thawed');
    });

    it('knows whether the cgroup exists and fails clearly when it does not', async (ctx) => {
      const f = fixture();
      const s = await f.start(ctx);
      expect(await f.driver.exists(s.cgroupsPath)).toBe(true);
      const gone = `${s.cgroupsPath}-missing`;
      expect(await f.driver.exists(gone)).toBe(false);
      await expect(f.driver.readStats(gone)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
}
