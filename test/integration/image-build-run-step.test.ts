/**
 * RUN steps go through the same OCI spec path as containers, with each runtime tsorch drives
 * (runc, and crun through its hybrid-host wrapper): seccomp, no-new-privileges, default
 * capabilities, a pids limit, a network namespace with only loopback, a cgroup under the
 * daemon's parent that is gone after the step (also after a failed step), and the daemon's
 * `--runtime` choosing the runtime of its builds.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, expect, it, type TestContext } from 'vitest';
import {
  createCgroupDriver,
  detectCgroupLayout,
  type CgroupLayout,
} from '../../src/agent/cgroups/index.js';
import { daemonCgroupParent } from '../../src/agent/runtime/index.js';
import { buildImage, type BuildOptions, type BuildResult } from '../../src/image/build/index.js';
import { runStepPidsLimit } from '../../src/image/build/run-step.js';
import { openRunStepRunner } from '../../src/image/build/runner.js';
import type { RunStepRunner } from '../../src/image/build/types.js';
import { hasCode } from '../../src/util/errors.js';
import { startTestDaemon } from '../helpers/daemon.js';
import { requireRoot, requireTool, runPrefix, useCleanup } from '../helpers/host.js';
import { buildBusyboxRootfs, writeBusyboxArchive } from '../helpers/images.js';

/** Names of the cgroups directly under `parent`, in any hierarchy. */
async function childCgroups(layout: CgroupLayout, parent: string): Promise<string[]> {
  const names = new Set<string>();
  for (const mount of layout.mountPoints) {
    const entries = await fs
      .readdir(path.join(mount, parent), { withFileTypes: true })
      .catch(() => []);
    for (const e of entries) if (e.isDirectory()) names.add(e.name);
  }
  return [...names].sort();
}

/** The last layer's copy of `file` in a built image (RUN steps here write fresh files). */
async function readInImage(result: BuildResult, file: string): Promise<string> {
  for (const layer of [...result.layers].reverse()) {
    const text = await fs.readFile(path.join(layer.dir, file), 'utf8').catch(() => undefined);
    if (text !== undefined) return text;
  }
  throw new Error(`${file} is in no layer of the image`);
}

/** The root filesystem of the RUN step running now, found among the host's mounts. */
async function runningStepRootfs(root: string): Promise<string> {
  const mounts = await fs.readFile('/proc/mounts', 'utf8');
  const target = mounts
    .split('\n')
    .map((l) => l.split(' ')[1] ?? '')
    .find((t) => t.startsWith(root) && t.endsWith('/bundle/rootfs'));
  if (target === undefined) throw new Error('No RUN step is mounted');
  return target;
}

describe.each(['runc', 'crun'] as const)('RUN steps with %s', (runtimeName) => {
  const cleanup = useCleanup();
  let root: string;
  let context: string;
  let runner: RunStepRunner;
  let layout: CgroupLayout;

  beforeEach(async (ctx: TestContext) => {
    requireRoot(ctx);
    requireTool(ctx, runtimeName, 'getfattr', 'busybox', 'unshare');
    const base = await fs.mkdtemp(path.join(os.tmpdir(), `${runPrefix()}-runstep-`));
    root = path.join(base, 'root');
    context = path.join(base, 'ctx');
    layout = await detectCgroupLayout();
    runner = await openRunStepRunner({ runtime: runtimeName, runDir: base, root });
    const parent = runner.cgroupParent;
    cleanup.push(async () => {
      await fs.rm(base, { recursive: true, force: true });
      await createCgroupDriver(layout).remove(`/${parent}`);
    });
    await buildBusyboxRootfs(path.join(context, 'rootfs'));
  });

  async function build(lines: string[], extra: Partial<BuildOptions> = {}): Promise<BuildResult> {
    await fs.writeFile(
      path.join(context, 'Dockerfile'),
      ['FROM scratch', 'COPY rootfs/ /', ...lines].join('\n'),
    );
    return buildImage({ root, runner, contextDir: context, ...extra });
  }

  it('runs a step with seccomp, no-new-privileges, a pids limit and no network', async () => {
    const result = await build([
      'RUN cat /proc/self/status > /status' +
        ' && (cat /sys/fs/cgroup/pids/pids.max || cat /sys/fs/cgroup/pids.max) > /pids-max' +
        ' && cat /proc/net/dev > /net-dev && cat /proc/1/status > /init-status' +
        ' && (cat /proc/kcore | wc -c) > /kcore-bytes',
    ]);
    const status = await readInImage(result, 'status');
    expect(status).toMatch(/^Seccomp:\s+2$/m);
    expect(status).toMatch(/^NoNewPrivs:\s+1$/m);
    // Docker's default set, not every capability: CAP_SYS_ADMIN (bit 21) is not in it.
    const capBnd = BigInt(`0x${/^CapBnd:\s+([0-9a-f]+)$/m.exec(status)?.[1] ?? '0'}`);
    expect(capBnd).not.toBe(0n);
    expect(capBnd & (1n << 21n)).toBe(0n);
    expect((await readInImage(result, 'pids-max')).trim()).toBe(String(runStepPidsLimit));
    // A fresh network namespace holding only loopback, as before: a build has no network.
    const interfaces = (await readInImage(result, 'net-dev'))
      .split('\n')
      .slice(2)
      .map((l) => l.split(':')[0]?.trim())
      .filter((n) => n !== undefined && n !== '');
    expect(interfaces).toEqual(['lo']);
    // Its own PID namespace, and the masked paths of containers.
    expect(await readInImage(result, 'init-status')).toMatch(/^Name:\s+sh$/m);
    expect((await readInImage(result, 'kcore-bytes')).trim()).toBe('0');
  });

  it('runs a step in a cgroup under the daemon parent, gone after the step', async () => {
    const parent = runner.cgroupParent;
    const seen: { child?: string; pidsLimit?: number | undefined; state?: string[] } = {};
    let inspecting: Promise<void> | undefined;
    const inspect = async (): Promise<void> => {
      try {
        const [child] = await childCgroups(layout, parent);
        if (child === undefined) return;
        seen.child = child;
        seen.pidsLimit = (
          await createCgroupDriver(layout).readLimits(`/${parent}/${child}`)
        ).pidsLimit;
        seen.state = await fs.readdir(path.join(runner.runtime.stateDir, child));
      } finally {
        // Let the step finish whatever was seen.
        await fs.writeFile(path.join(await runningStepRootfs(root), 'go'), '');
      }
    };
    const result = await build(
      [
        // Waits (bounded) until the test has looked at the host, then goes on.
        'RUN echo ready; i=0; while [ ! -e /go ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; rm -f /go; echo done > /done',
      ],
      {
        onEvent: (e) => {
          if (e.type === 'output' && e.text.includes('ready')) inspecting ??= inspect();
        },
      },
    );
    await inspecting;
    expect(await readInImage(result, 'done')).toBe('done\n');
    expect(seen.child).toMatch(/^tsorch-build-[0-9a-f]+$/);
    expect(seen.pidsLimit).toBe(runStepPidsLimit);
    // The runtime that ran the step keeps its own kind of state: crun a `status` file, runc
    // a `state.json`.
    expect(seen.state).toContain(runtimeName === 'crun' ? 'status' : 'state.json');
    expect(await childCgroups(layout, parent)).toEqual([]);

    // A failing step leaves no cgroup either.
    let caught: unknown;
    try {
      await build(['RUN exit 3']);
    } catch (err) {
      caught = err;
    }
    expect(hasCode(caught, 'IMAGE_BUILD_RUN_FAILED')).toBe(true);
    expect(await childCgroups(layout, parent)).toEqual([]);
    expect(await fs.readdir(runner.runtime.stateDir)).toEqual([]);
  });

  it('keeps the mount points the runtime had to create out of the layer', async () => {
    for (const d of ['proc', 'sys', 'dev'])
      await fs.rm(path.join(context, 'rootfs', d), { recursive: true });
    const result = await build(['RUN echo x > /x']);
    expect(await fs.readdir(result.layers[result.layers.length - 1]?.dir ?? '')).toEqual(['x']);
  });

  it('kills a cancelled step, leaving no container or cgroup behind', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const building = build(['RUN echo started; sleep 60'], {
      signal: abort.signal,
      onEvent: (e) => {
        if (e.type === 'output' && e.text.includes('started')) abort.abort();
      },
    });
    await expect(building).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await fs.readdir(runner.runtime.stateDir)).toEqual([]);
    expect(await childCgroups(layout, runner.cgroupParent)).toEqual([]);
  });

  it('reports a step the runtime cannot start as a runtime failure', async () => {
    await fs.writeFile(
      path.join(context, 'Dockerfile'),
      'FROM scratch\nCOPY Dockerfile /\nRUN true',
    );
    let caught: unknown;
    try {
      await buildImage({ root, runner, contextDir: context });
    } catch (err) {
      caught = err;
    }
    expect((caught as Error | undefined)?.message).toMatch(
      /^The OCI runtime could not start the step: .*\/bin\/sh/,
    );
    expect(hasCode(caught, 'IMAGE_BUILD')).toBe(true);
    expect(await childCgroups(layout, runner.cgroupParent)).toEqual([]);
  });
});

describe('RUN steps through the daemon', () => {
  const cleanup = useCleanup();

  it('run with the daemon --runtime crun, under the daemon cgroup parent', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'crun', 'unshare', 'getfattr', 'setfattr');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), `${runPrefix()}-bdcrun-`));
    cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
    const d = await startTestDaemon(cleanup, { runtime: 'crun' });
    const layout = await detectCgroupLayout();
    const parent = daemonCgroupParent(d.root);
    // The daemon has no container: its parent cgroup goes, whether the daemon removed it or not.
    cleanup.push(() => createCgroupDriver(layout).remove(`/${parent}`));
    await writeBusyboxArchive(path.join(dir, 'bb.tar'), { format: 'docker' });
    expect((await d.cli(['image', 'load', '-i', path.join(dir, 'bb.tar')])).code).toBe(0);
    const contextDir = path.join(dir, 'ctx');
    await fs.mkdir(contextDir);
    await fs.writeFile(
      path.join(contextDir, 'Dockerfile'),
      'FROM busybox:test\nRUN grep -E "^(Seccomp|NoNewPrivs):" /proc/self/status\n',
    );
    const r = await d.cli(['build', '--no-cache', '-t', 'crun-built:1', contextDir], {
      timeoutMs: 120_000,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\| Seccomp:\s+2\n/);
    expect(r.stdout).toMatch(/\| NoNewPrivs:\s+1\n/);
    // crun ran the step: its state directory exists and runc's never did.
    expect(await fs.readdir(d.run)).toContain('build-crun');
    expect(await fs.readdir(d.run)).not.toContain('build-runc');
    expect(await fs.readdir(path.join(d.run, 'build-crun'))).toEqual([]);
    expect(await childCgroups(layout, parent)).toEqual([]);
    // A daemon that stops with no container leaves not even its parent cgroup behind.
    await d.stop();
    for (const mount of layout.mountPoints)
      expect(existsSync(path.join(mount, parent)), `${mount}/${parent}`).toBe(false);
  });
});
