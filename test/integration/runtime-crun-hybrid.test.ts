// crun on this hybrid cgroup host: plain crun refuses it; tsorch's private-mount-namespace
// wrapper makes it work without touching the host; a missing runtime is a clear error.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectCgroupLayout, openCgroupDriver } from '../../src/agent/cgroups/index.js';
import {
  buildOciSpec,
  detectHostInfo,
  openRuntime,
  writeBundle,
} from '../../src/agent/runtime/index.js';
import { runCommand } from '../../src/agent/runtime/spawn.js';
import {
  requireHost,
  requireRoot,
  requireTool,
  runPrefix,
  useCleanup,
  waitFor,
} from '../helpers/host.js';
import { buildBusyboxRootfs } from '../helpers/images.js';

describe('crun on a hybrid cgroup host', () => {
  const cleanup = useCleanup();

  it('runs containers through the wrapper while the host keeps its cgroup2 controllers', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'crun', 'unshare');
    const layout = await detectCgroupLayout();
    requireHost(
      ctx,
      layout.mode !== 'hybrid' || layout.unifiedControllers.length === 0
        ? 'needs a hybrid host with cgroup2 controllers (nothing to work around otherwise)'
        : undefined,
    );
    const controllersFile = join(layout.unified ?? '', 'cgroup.controllers');
    const before = readFileSync(controllersFile, 'utf8');
    const work = mkdtempSync(join(tmpdir(), 'tsorch-crunhy-'));
    cleanup.push(() => {
      rmSync(work, { recursive: true, force: true });
    });
    await buildBusyboxRootfs(join(work, 'rootfs'));
    const id = `${runPrefix()}-crunhy`;
    const parent = `tsorch-test-${runPrefix()}-crunhy`;
    const spec = buildOciSpec(
      {
        id,
        rootfsPath: join(work, 'rootfs'),
        args: ['sh', '-c', 'echo hello-from-crun'],
        cgroupParent: parent,
      },
      detectHostInfo(),
    );
    await writeBundle(join(work, 'b'), spec);
    const cgroups = await openCgroupDriver();
    cleanup.push(() => cgroups.remove(`/${parent}`));

    // Plain crun: the documented refusal.
    const plain = await runCommand(
      ['crun', '--root', join(work, 'plain'), 'run', '--bundle', join(work, 'b'), `${id}-plain`],
      {
        timeoutMs: 20_000,
      },
    );
    expect(plain.exitCode).not.toBe(0);
    expect(plain.stderr).toMatch(/hybrid mode not supported/);

    // Through tsorch: works.
    const crun = await openRuntime('crun', { stateDir: join(work, 'state'), layout });
    cleanup.push(() => crun.delete(id, { force: true }));
    const out = join(work, 'out.log');
    const fd = openSync(out, 'a');
    try {
      await crun.create(id, join(work, 'b'), { stdio: ['ignore', fd, fd] });
    } finally {
      closeSync(fd);
    }
    await crun.start(id);
    await waitFor('crun container output', () =>
      readFileSync(out, 'utf8').includes('hello-from-crun'),
    );

    // The host saw nothing: same controllers, no mount over the file in our namespace.
    expect(readFileSync(controllersFile, 'utf8')).toBe(before);
    expect(readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain(controllersFile);
  });

  it.each(['runc', 'crun'] as const)(
    'fails clearly when the %s binary is missing',
    async (name) => {
      const work = mkdtempSync(join(tmpdir(), 'tsorch-nobin-'));
      try {
        const err = await openRuntime(name, {
          stateDir: join(work, 's'),
          binary: '/nonexistent/bin',
        }).catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'RUNTIME_UNAVAILABLE' });
        expect((err as Error).message).toContain(`Cannot use the ${name} runtime`);
        expect((err as { hint?: string }).hint).toContain(`apt-get install ${name}`);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  );
});

describe('crun wrapper failures', () => {
  const hybrid = {
    mode: 'hybrid' as const,
    v1: { memory: '/sys/fs/cgroup/memory' },
    unifiedControllers: ['hugetlb'],
    mountPoints: [],
  };

  it('refuses crun on a hybrid host when not root', async (ctx) => {
    requireTool(ctx, 'crun');
    const work = mkdtempSync(join(tmpdir(), 'tsorch-crunuid-'));
    try {
      const err = await openRuntime('crun', {
        stateDir: join(work, 's'),
        layout: { ...hybrid, unified: '/sys/fs/cgroup/unified' },
        uid: 1000,
      }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'RUNTIME_UNAVAILABLE' });
      expect((err as { hint?: string }).hint).toContain('--runtime runc');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('fails clearly when the controllers file cannot be hidden', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'crun', 'unshare');
    const work = mkdtempSync(join(tmpdir(), 'tsorch-crunbad-'));
    try {
      const err = await openRuntime('crun', {
        stateDir: join(work, 's'),
        layout: { ...hybrid, unified: join(work, 'no-such-cgroup2') },
      }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'RUNTIME_UNAVAILABLE' });
      expect((err as Error).message).toContain('cannot hide the cgroup2 controllers');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
