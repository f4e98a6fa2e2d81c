import { describe, expect, it } from 'vitest';
import { hasCode } from '../../util/errors.js';
import type { ContainerConfig, ContainerResources, HostInfo } from './config.js';
import { defaultCapabilities } from './capabilities.js';
import { cpusToQuota } from './config.js';
import { buildOciSpec, containerCgroupsPath, daemonCgroupParent } from './spec.js';

const host: HostInfo = {
  arch: 'x64',
  initBinaryPath: '/usr/bin/tini-static',
  nofileHardLimit: 20000,
};
const base: ContainerConfig = { id: 'c1', rootfsPath: '/var/lib/x/rootfs', args: ['sh'] };

function fieldOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    if (hasCode(err, 'INVALID_ARGUMENT')) return err.details?.['field'];
    throw err;
  }
  throw new Error('expected an error');
}

describe('buildOciSpec()', () => {
  it('applies Docker defaults for a minimal config', () => {
    const spec = buildOciSpec(base, host);
    expect(spec.process.args).toEqual(['sh']);
    expect(spec.process.cwd).toBe('/');
    expect(spec.process.user).toEqual({ uid: 0, gid: 0, additionalGids: [] });
    expect(spec.process.env[0]).toMatch(/^PATH=\/usr\/local\/sbin:/);
    expect(spec.process.env).toContain('HOSTNAME=c1');
    expect(spec.process.noNewPrivileges).toBe(true);
    expect(spec.process.capabilities?.bounding).toHaveLength(14);
    expect(new Set(spec.process.capabilities?.effective)).toEqual(new Set(defaultCapabilities));
    expect(spec.process.rlimits).toEqual([{ type: 'RLIMIT_NOFILE', soft: 20000, hard: 20000 }]);
    expect(spec.hostname).toBe('c1');
    expect(spec.root).toEqual({ path: '/var/lib/x/rootfs', readonly: false });
    expect(spec.linux.namespaces.map((n) => n.type)).toEqual([
      'pid',
      'network',
      'ipc',
      'uts',
      'mount',
      'cgroup',
    ]);
    expect(spec.linux.cgroupsPath).toBe('/tsorch/c1');
    expect(spec.linux.maskedPaths).toContain('/proc/kcore');
    expect(spec.linux.readonlyPaths).toContain('/proc/sys');
    expect(spec.linux.seccomp?.defaultAction).toBe('SCMP_ACT_ERRNO');
    expect(spec.linux.resources.devices[0]).toEqual({ allow: false, access: 'rwm' });
  });

  it('mounts proc, dev, devpts, sysfs ro, cgroup ro, mqueue and a 64 MiB shm', () => {
    const mounts = buildOciSpec(base, host).mounts;
    expect(mounts.map((m) => m.destination)).toEqual([
      '/proc',
      '/dev',
      '/dev/pts',
      '/sys',
      '/sys/fs/cgroup',
      '/dev/mqueue',
      '/dev/shm',
    ]);
    const byDest = new Map(mounts.map((m) => [m.destination, m]));
    expect(byDest.get('/sys')?.options).toContain('ro');
    expect(byDest.get('/sys/fs/cgroup')?.options).toContain('ro');
    expect(byDest.get('/dev/pts')?.options).toEqual(
      expect.arrayContaining(['newinstance', 'ptmxmode=0666', 'gid=5']),
    );
    expect(byDest.get('/dev/shm')?.options).toContain(`size=${64 * 1024 * 1024}`);
  });

  it('maps resources to linux.resources as Docker does', () => {
    const spec = buildOciSpec(
      {
        ...base,
        resources: {
          memoryBytes: 64 << 20,
          memoryReservationBytes: 32 << 20,
          cpuQuotaUs: 50_000,
          cpuShares: 512,
          cpusetCpus: '0-1',
          pidsLimit: 50,
          blkioWeight: 300,
        },
      },
      host,
    );
    expect(spec.linux.resources.memory).toEqual({
      limit: 64 << 20,
      reservation: 32 << 20,
      swap: 128 << 20,
    });
    expect(spec.linux.resources.cpu).toEqual({
      shares: 512,
      quota: 50_000,
      period: 100_000,
      cpus: '0-1',
    });
    expect(spec.linux.resources.pids).toEqual({ limit: 50 });
    expect(spec.linux.resources.blockIO).toEqual({ weight: 300 });
  });

  it('treats pidsLimit 0 and -1 as unlimited', () => {
    for (const pidsLimit of [0, -1])
      expect(buildOciSpec({ ...base, resources: { pidsLimit } }, host).linux.resources.pids).toBe(
        undefined,
      );
  });

  it('orders user mounts parents first and replaces a default mount with the same target', () => {
    const spec = buildOciSpec(
      {
        ...base,
        mounts: [
          { type: 'bind', source: '/srv/a/b', target: '/data/cache', readonly: true },
          { type: 'volume', source: '/srv/vol', target: '/data' },
          { type: 'tmpfs', target: '/dev/shm', tmpfsSizeBytes: 1 << 20 },
        ],
        etcFiles: { hosts: '/run/x/hosts', resolvConf: '/run/x/resolv.conf' },
      },
      host,
    );
    const dests = spec.mounts.map((m) => m.destination);
    expect(dests.filter((d) => d === '/dev/shm')).toHaveLength(1);
    expect(dests.indexOf('/data')).toBeLessThan(dests.indexOf('/data/cache'));
    const cache = spec.mounts.find((m) => m.destination === '/data/cache');
    expect(cache).toEqual({
      destination: '/data/cache',
      type: 'bind',
      source: '/srv/a/b',
      options: ['rbind', 'ro', 'rprivate'],
    });
    expect(spec.mounts.find((m) => m.destination === '/dev/shm')?.options).toContain(
      `size=${1 << 20}`,
    );
    expect(dests).toContain('/etc/hosts');
    expect(dests).toContain('/etc/resolv.conf');
    expect(dests).not.toContain('/etc/hostname');
  });

  it('runs the init binary as PID 1 when init is asked for', () => {
    const spec = buildOciSpec({ ...base, init: true, args: ['sleep', '1'] }, host);
    expect(spec.process.args).toEqual(['/sbin/tsorch-init', '--', 'sleep', '1']);
    expect(spec.mounts.at(-1)).toMatchObject({
      destination: '/sbin/tsorch-init',
      source: '/usr/bin/tini-static',
      options: expect.arrayContaining(['ro']) as unknown,
    });
  });

  it('refuses init on a host without an init binary', () => {
    expect(() => buildOciSpec({ ...base, init: true }, { arch: 'x64' })).toThrow(
      expect.objectContaining({ code: 'RUNTIME_UNAVAILABLE' }),
    );
  });

  it('joins a given network namespace and allows net.* sysctls only in its own', () => {
    const own = buildOciSpec({ ...base, sysctls: { 'net.ipv4.ip_forward': '1' } }, host);
    expect(own.linux.sysctl).toEqual({ 'net.ipv4.ip_forward': '1' });
    const joined = { ...base, netns: { path: '/run/netns/x' } };
    expect(buildOciSpec(joined, host).linux.namespaces[1]).toEqual({
      type: 'network',
      path: '/run/netns/x',
    });
    expect(
      fieldOf(() => buildOciSpec({ ...joined, sysctls: { 'net.core.somaxconn': '1' } }, host)),
    ).toBe('sysctls.net.core.somaxconn');
  });

  it('lists no network namespace on the host network, and refuses net.* sysctls there', () => {
    const onHost = { ...base, hostNetwork: true };
    const types = buildOciSpec(onHost, host).linux.namespaces.map((n) => n.type);
    expect(types).not.toContain('network');
    expect(types).toEqual(['pid', 'ipc', 'uts', 'mount', 'cgroup']);
    expect(
      fieldOf(() => buildOciSpec({ ...onHost, sysctls: { 'net.core.somaxconn': '1' } }, host)),
    ).toBe('sysctls.net.core.somaxconn');
    expect(fieldOf(() => buildOciSpec({ ...onHost, netns: { path: '/run/netns/x' } }, host))).toBe(
      'netns',
    );
  });

  it('gives privileged containers every capability and no seccomp, masks or device limits', () => {
    const spec = buildOciSpec({ ...base, privileged: true }, host);
    expect(spec.process.capabilities?.bounding).toContain('CAP_SYS_ADMIN');
    expect(spec.linux.seccomp).toBeUndefined();
    expect(spec.linux.maskedPaths).toEqual([]);
    expect(spec.linux.resources.devices).toEqual([{ allow: true, access: 'rwm' }]);
  });

  it('honours seccomp unconfined, read-only rootfs, tty and ulimits', () => {
    const spec = buildOciSpec(
      {
        ...base,
        seccomp: 'unconfined',
        readonlyRootfs: true,
        tty: true,
        ulimits: [
          { name: 'nofile', soft: 100, hard: 200 },
          { name: 'NPROC', soft: -1, hard: -1 },
        ],
      },
      host,
    );
    expect(spec.linux.seccomp).toBeUndefined();
    expect(spec.root.readonly).toBe(true);
    expect(spec.process.terminal).toBe(true);
    expect(spec.process.env).toContain('TERM=xterm');
    expect(spec.process.rlimits).toEqual([
      { type: 'RLIMIT_NOFILE', soft: 100, hard: 200 },
      { type: 'RLIMIT_NPROC', soft: 2 ** 64 - 1, hard: 2 ** 64 - 1 },
    ]);
  });

  it.each<[string, Partial<ContainerConfig>]>([
    ['id', { id: '../x' }],
    ['rootfsPath', { rootfsPath: 'relative' }],
    ['args', { args: [] }],
    ['cwd', { cwd: 'tmp' }],
    ['hostname', { hostname: 'bad_host!' }],
    ['memoryBytes', { resources: { memoryBytes: 1024 } }],
    ['memorySwapBytes', { resources: { memoryBytes: 64 << 20, memorySwapBytes: 32 << 20 } }],
    ['memorySwapBytes', { resources: { memorySwapBytes: 64 << 20 } }],
    [
      'memoryReservationBytes',
      { resources: { memoryBytes: 8 << 20, memoryReservationBytes: 16 << 20 } },
    ],
    ['cpuQuotaUs', { resources: { cpuQuotaUs: 10 } }],
    ['cpuShares', { resources: { cpuShares: 1 } }],
    ['blkioWeight', { resources: { blkioWeight: 5000 } }],
    ['cpusetCpus', { resources: { cpusetCpus: 'abc' } }],
    ['mounts[0].target', { mounts: [{ type: 'tmpfs', target: 'tmp' }] }],
    ['mounts[0].source', { mounts: [{ type: 'bind', target: '/x' }] }],
    [
      'mounts',
      {
        mounts: [
          { type: 'tmpfs', target: '/x' },
          { type: 'tmpfs', target: '/x' },
        ],
      },
    ],
    ['ulimits[0].name', { ulimits: [{ name: 'bogus', soft: 1, hard: 1 }] }],
    ['ulimits[0].soft', { ulimits: [{ name: 'nofile', soft: 10, hard: 1 }] }],
    ['env[0]', { env: ['NOEQUALS'] }],
    ['capAdd', { capAdd: ['NOT_A_CAP'] }],
    ['sysctls.kernel.hostname', { sysctls: { 'kernel.hostname': 'x' } }],
    ['cgroupParent', { cgroupParent: 'a/../b' }],
    ['user.uid', { user: { uid: -1, gid: 0, additionalGids: [] } }],
  ])('rejects a bad %s, naming the field', (field, patch) => {
    expect(fieldOf(() => buildOciSpec({ ...base, ...patch }, host))).toBe(field);
  });
});

describe('containerCgroupsPath()', () => {
  it.each([
    [undefined, '/tsorch/c1'],
    ['tsorch-ab12', '/tsorch-ab12/c1'],
    ['/a/b/', '/a/b/c1'],
  ])('puts the container under %s', (parent, expected) => {
    expect(containerCgroupsPath(parent, 'c1')).toBe(expected);
  });
});

describe('daemonCgroupParent()', () => {
  it('gives each state directory its own parent, stable across restarts', () => {
    expect(daemonCgroupParent('/var/lib/tsorch')).toMatch(/^tsorch-[0-9a-f]{8}$/);
    expect(daemonCgroupParent('/var/lib/tsorch')).toBe(daemonCgroupParent('/var/lib/tsorch'));
    expect(daemonCgroupParent('/tmp/a')).not.toBe(daemonCgroupParent('/tmp/b'));
  });
});

describe('cpusToQuota()', () => {
  it('converts --cpus into a quota over a 100 ms period', () => {
    expect(cpusToQuota(0.5)).toEqual({ cpuQuotaUs: 50_000, cpuPeriodUs: 100_000 });
    expect(cpusToQuota(2)).toEqual({ cpuQuotaUs: 200_000, cpuPeriodUs: 100_000 });
  });

  it.each([0, -1, Number.NaN])('rejects %s, naming the cpus field', (cpus) => {
    expect(() => cpusToQuota(cpus)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field: 'cpus' } }),
    );
  });
});

describe('buildOciSpec() against the host', () => {
  const twoCpus: HostInfo = { ...host, onlineCpus: '0-1', onlineMems: '0' };

  it('refuses CPUs and memory nodes the host does not have, naming them', () => {
    const spec = (resources: ContainerResources) => () =>
      buildOciSpec({ ...base, resources }, twoCpus);
    expect(spec({ cpusetCpus: '99' })).toThrow(
      'Invalid cpusetCpus "99": this host has no CPU 99 (online: 0-1)',
    );
    expect(fieldOf(spec({ cpusetMems: '0-1' }))).toBe('cpusetMems');
    expect(spec({ cpuQuotaUs: 100_000_000, cpuPeriodUs: 100_000 })).toThrow(
      'Invalid CPU count "1000": this host has 2 CPUs',
    );
    expect(
      buildOciSpec({ ...base, resources: { cpusetCpus: '0-1' } }, twoCpus).linux.resources,
    ).toMatchObject({ cpu: { cpus: '0-1' } });
  });

  it('grants a privileged container only the host bounding set', () => {
    const bounding = ['CAP_CHOWN', 'CAP_KILL'];
    const spec = buildOciSpec(
      { ...base, privileged: true },
      { ...host, capabilityBounding: bounding },
    );
    expect(spec.process.capabilities?.bounding).toEqual(bounding);
  });
});
