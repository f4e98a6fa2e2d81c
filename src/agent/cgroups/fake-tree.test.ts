import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  conformanceResources as r,
  describeCgroupDriver,
  type CgroupSubject,
} from '../../../test/helpers/cgroup-conformance.js';
import { classifyCgroupMounts, type CgroupLayout } from './layout.js';
import { createV1Driver } from './v1.js';
import { createV2Driver } from './v2.js';

// Fake sysfs trees holding the files runc writes for the conformance resources (path and
// format mapping only: no kernel behind them). Real v1 runs in test/integration.
const root = mkdtempSync(join(tmpdir(), 'tsorch-cgfake-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});
let seq = 0;

async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await fs.writeFile(join(dir, name), content);
}

function v1Layout(base: string): CgroupLayout {
  const controllers = ['cpu', 'cpuacct', 'cpuset', 'memory', 'pids', 'blkio', 'freezer', 'devices'];
  return classifyCgroupMounts(
    controllers.map((c) => ({ mountPoint: join(base, c), fsType: 'cgroup', controllers: [c] })),
    [],
  );
}

describeCgroupDriver('v1 (fake tree)', () => {
  const base = join(root, `v1-${++seq}`);
  const layout = v1Layout(base);
  const driver = createV1Driver(layout);
  return {
    driver,
    blkioWeight: true,
    expectedIo: { readBytes: 4196, writeBytes: 522, inactiveFileBytes: 1000 },
    async start(): Promise<CgroupSubject> {
      const cgroupsPath = '/tsorch-fake/c1';
      const p = driver.paths(cgroupsPath);
      const at = (c: string): string => p[c] ?? '';
      await writeFiles(at('memory'), {
        'memory.limit_in_bytes': `${r.memoryBytes}\n`,
        'memory.soft_limit_in_bytes': `${r.memoryReservationBytes}\n`,
        'memory.memsw.limit_in_bytes': `${2 * r.memoryBytes}\n`,
        'memory.usage_in_bytes': '4096\n',
        'memory.max_usage_in_bytes': '8192\n',
        'memory.oom_control': 'oom_kill_disable 0\nunder_oom 0\noom_kill 0\n',
        'memory.stat': 'cache 8192\nrss 4096\ninactive_file 100\ntotal_inactive_file 1000\n',
      });
      await writeFiles(at('cpu'), {
        'cpu.cfs_quota_us': `${r.cpuQuotaUs}\n`,
        'cpu.cfs_period_us': `${r.cpuPeriodUs}\n`,
        'cpu.shares': `${r.cpuShares}\n`,
      });
      await writeFiles(at('cpuacct'), { 'cpuacct.usage': '123456\n' });
      await writeFiles(at('cpuset'), { 'cpuset.cpus': `${r.cpusetCpus}\n`, 'cpuset.mems': '0\n' });
      await writeFiles(at('pids'), { 'pids.max': `${r.pidsLimit}\n`, 'pids.current': '1\n' });
      await writeFiles(at('blkio'), {
        'blkio.bfq.weight': `${r.blkioWeight}\n`,
        'blkio.throttle.io_service_bytes_recursive':
          '8:0 Read 4096\n8:0 Write 512\n8:0 Sync 0\n8:0 Total 4608\n8:16 Read 100\n8:16 Write 10\nTotal 4718\n',
      });
      await writeFiles(at('freezer'), { 'freezer.state': 'THAWED\n' });
      const freezer = join(at('freezer'), 'freezer.state');
      return {
        cgroupsPath,
        freeze: () => fs.writeFile(freezer, 'FROZEN\n'),
        thaw: () => fs.writeFile(freezer, 'THAWED\n'),
        oomKill: () =>
          fs.writeFile(
            join(at('memory'), 'memory.oom_control'),
            'oom_kill_disable 0\nunder_oom 0\noom_kill 1\n',
          ),
      };
    },
  };
});

describeCgroupDriver('v2 (fake tree)', () => {
  const base = join(root, `v2-${++seq}`);
  const layout = classifyCgroupMounts(
    [{ mountPoint: base, fsType: 'cgroup2', controllers: [] }],
    ['cpuset', 'cpu', 'io', 'memory', 'pids'],
  );
  const driver = createV2Driver(layout);
  return {
    driver,
    blkioWeight: true,
    expectedIo: { readBytes: 4196, writeBytes: 522, inactiveFileBytes: 2000 },
    async start(): Promise<CgroupSubject> {
      const cgroupsPath = '/tsorch-fake/c1';
      const dir = driver.paths(cgroupsPath)['unified'] ?? '';
      await writeFiles(dir, {
        'memory.max': `${r.memoryBytes}\n`,
        'memory.low': `${r.memoryReservationBytes}\n`,
        // runc: memory.swap.max = (memory + swap) - memory.
        'memory.swap.max': `${r.memoryBytes}\n`,
        'memory.current': '4096\n',
        'memory.peak': '8192\n',
        'memory.events': 'low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n',
        'cpu.max': `${r.cpuQuotaUs} ${r.cpuPeriodUs}\n`,
        // runc: weight = 1 + ((512 - 2) * 9999) / 262142 = 20.
        'cpu.weight': '20\n',
        'cpu.stat': 'usage_usec 123\nuser_usec 100\nsystem_usec 23\n',
        'cpuset.cpus': `${r.cpusetCpus}\n`,
        'cpuset.mems': '0\n',
        'pids.max': `${r.pidsLimit}\n`,
        'pids.current': '1\n',
        // runc: io weight = 1 + ((300 - 10) * 9999) / 990 = 2929.
        'io.weight': 'default 2929\n',
        'cgroup.freeze': '0\n',
        'cgroup.events': 'populated 1\nfrozen 0\n',
        'memory.stat': 'anon 4096\nfile 8192\ninactive_file 2000\nactive_file 6192\n',
        'io.stat':
          '8:0 rbytes=4096 wbytes=512 rios=1 wios=1 dbytes=0 dios=0\n8:16 rbytes=100 wbytes=10 rios=1 wios=1\n',
      });
      const setFrozen = async (on: boolean): Promise<void> => {
        await fs.writeFile(join(dir, 'cgroup.freeze'), on ? '1\n' : '0\n');
        await fs.writeFile(join(dir, 'cgroup.events'), `populated 1\nfrozen ${on ? 1 : 0}\n`);
      };
      return {
        cgroupsPath,
        freeze: () => setFrozen(true),
        thaw: () => setFrozen(false),
        oomKill: () =>
          fs.writeFile(join(dir, 'memory.events'), 'low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n'),
      };
    },
  };
});

describe('cgroup drivers', () => {
  it('v2 reports unlimited values as undefined', async () => {
    const base = join(root, `v2-unlimited`);
    const driver = createV2Driver(
      classifyCgroupMounts([{ mountPoint: base, fsType: 'cgroup2', controllers: [] }], []),
    );
    const dir = driver.paths('/x')['unified'] ?? '';
    await writeFiles(dir, {
      'memory.max': 'max\n',
      'memory.low': '0\n',
      'memory.swap.max': 'max\n',
      'cpu.max': 'max 100000\n',
      'cpu.weight': '100\n',
      'pids.max': 'max\n',
    });
    const limits = await driver.readLimits('/x');
    expect(limits).toMatchObject({
      memoryLimitBytes: undefined,
      memoryReservationBytes: undefined,
      memorySwapLimitBytes: undefined,
      cpuQuotaUs: undefined,
      cpuPeriodUs: 100000,
      // The v2 default weight 100 maps back to 2597 shares under the runtimes' formula.
      cpuShares: 2597,
      pidsLimit: undefined,
      blkioWeight: undefined,
    });
  });

  it('v1 refuses a layout missing a controller, naming it', () => {
    const layout = v1Layout(join(root, 'partial'));
    delete layout.v1['pids'];
    expect(() => createV1Driver(layout)).toThrow(/pids/);
  });

  it('v2 refuses a layout without a cgroup2 mount', () => {
    expect(() => createV2Driver(v1Layout(join(root, 'nov2')))).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED' }),
    );
  });
});
