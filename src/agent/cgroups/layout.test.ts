import { describe, expect, it } from 'vitest';
import { classifyCgroupMounts, parseCgroupMounts } from './layout.js';

const hybrid = `31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw`;

const combined = `25 20 0:22 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:9 - cgroup cgroup rw,cpu,cpuacct
26 20 0:23 / /sys/fs/cgroup/memory rw,nosuid shared:10 - cgroup cgroup rw,memory`;

const unified = `24 19 0:21 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate`;

describe('cgroup layout detection', () => {
  it('classifies this kind of hybrid host (v1 controllers + cgroup2 at unified)', () => {
    const layout = classifyCgroupMounts(parseCgroupMounts(hybrid), ['hugetlb']);
    expect(layout.mode).toBe('hybrid');
    expect(layout.v1['memory']).toBe('/sys/fs/cgroup/memory');
    expect(layout.v1['cpuacct']).toBe('/sys/fs/cgroup/cpuacct');
    expect(layout.unified).toBe('/sys/fs/cgroup/unified');
    expect(layout.unifiedControllers).toEqual(['hugetlb']);
    expect(layout.mountPoints).toContain('/sys/fs/cgroup/systemd');
    expect(layout.mountPoints).not.toContain('/sys/fs/cgroup');
  });

  it('maps co-mounted v1 controllers (cpu,cpuacct) to one mount point', () => {
    const layout = classifyCgroupMounts(parseCgroupMounts(combined), []);
    expect(layout.mode).toBe('v1');
    expect(layout.v1['cpu']).toBe('/sys/fs/cgroup/cpu,cpuacct');
    expect(layout.v1['cpuacct']).toBe('/sys/fs/cgroup/cpu,cpuacct');
  });

  it('classifies a pure v2 host', () => {
    const layout = classifyCgroupMounts(parseCgroupMounts(unified), ['cpu', 'memory', 'pids']);
    expect(layout).toMatchObject({ mode: 'v2', unified: '/sys/fs/cgroup', v1: {} });
  });

  it('fails clearly on a host without cgroups', () => {
    expect(() => classifyCgroupMounts(parseCgroupMounts(''), [])).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED' }),
    );
  });
});
