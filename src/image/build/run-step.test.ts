import { describe, expect, it } from 'vitest';
import { buildOciSpec, defaultCapabilities, type HostInfo } from '../../agent/runtime/index.js';
import { runStepConfig, runStepPidsLimit } from './run-step.js';

const host: HostInfo = { arch: 'x64', nofileHardLimit: 4096 };

function stepSpec(parent = 'tsorch-ab12cd34') {
  const cfg = runStepConfig(
    {
      id: 'tsorch-build-0123456789ab',
      rootfsPath: '/build/tmp/run-1/bundle/rootfs',
      args: ['/bin/sh', '-c', 'make'],
      env: ['PATH=/bin', 'GREETING=hi'],
      cwd: '/src',
    },
    { user: { uid: 1000, gid: 100 }, cgroupParent: parent },
  );
  return buildOciSpec(cfg, host);
}

describe('runStepConfig()', () => {
  it('gives a step the container defaults: capabilities, seccomp, no-new-privileges', () => {
    const spec = stepSpec();
    expect(new Set(spec.process.capabilities?.bounding)).toEqual(new Set(defaultCapabilities));
    expect(spec.process.noNewPrivileges).toBe(true);
    expect(spec.linux.seccomp?.defaultAction).toBeDefined();
    expect(spec.linux.maskedPaths).toContain('/proc/kcore');
    expect(spec.linux.readonlyPaths).toContain('/proc/sys');
    expect(spec.process.rlimits).toEqual([{ type: 'RLIMIT_NOFILE', soft: 4096, hard: 4096 }]);
  });

  it('limits the number of tasks and puts the cgroup under the daemon parent', () => {
    const spec = stepSpec('tsorch-ab12cd34');
    expect(spec.linux.resources.pids).toEqual({ limit: runStepPidsLimit });
    expect(spec.linux.resources.memory).toBeUndefined();
    expect(spec.linux.cgroupsPath).toBe('/tsorch-ab12cd34/tsorch-build-0123456789ab');
  });

  it('runs the command as its user in its directory, in a network namespace of its own', () => {
    const spec = stepSpec();
    expect(spec.process.args).toEqual(['/bin/sh', '-c', 'make']);
    expect(spec.process.cwd).toBe('/src');
    expect(spec.process.user).toEqual({ uid: 1000, gid: 100, additionalGids: [] });
    expect(spec.process.env).toEqual(['HOSTNAME=tsorch-build', 'PATH=/bin', 'GREETING=hi']);
    expect(spec.hostname).toBe('tsorch-build');
    expect(spec.linux.namespaces).toContainEqual({ type: 'network' });
    expect(spec.root).toEqual({ path: '/build/tmp/run-1/bundle/rootfs', readonly: false });
  });
});
