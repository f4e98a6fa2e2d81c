// The cgroup driver conformance suite against the host's real cgroup v1 hierarchies (this
// host is hybrid), with limits written by real runc containers.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createV1Driver,
  detectCgroupLayout,
  type CgroupDriver,
} from '../../src/agent/cgroups/index.js';
import {
  buildOciSpec,
  detectHostInfo,
  execProcess,
  openRuntime,
  writeBundle,
  type Runtime,
} from '../../src/agent/runtime/index.js';
import {
  conformanceResources,
  describeCgroupDriver,
  type CgroupSubject,
} from '../helpers/cgroup-conformance.js';
import {
  hostHas,
  requireHost,
  requireRoot,
  requireTool,
  runPrefix,
  useCleanup,
} from '../helpers/host.js';
import { buildBusyboxRootfs } from '../helpers/images.js';

const cleanup = useCleanup();
const parent = `tsorch-test-${runPrefix()}-cg`;
let work = '';
let rootfs = '';
let runtime: Runtime | undefined;
let driver: CgroupDriver | undefined;
let seq = 0;
/** Why the v1 tests cannot run when the host has no cgroup v1 hierarchy. */
const noV1 = 'needs a cgroup v1 or hybrid host';

beforeAll(async () => {
  if (!hostHas('runc')) return;
  const layout = await detectCgroupLayout();
  if (layout.mode === 'v2') return; // real v2 is not available on this kind of host
  work = mkdtempSync(join(tmpdir(), 'tsorch-cg-'));
  rootfs = join(work, 'rootfs');
  await buildBusyboxRootfs(rootfs);
  runtime = await openRuntime('runc', { stateDir: join(work, 'state') });
  driver = createV1Driver(layout);
});

afterAll(async () => {
  if (work === '') return;
  await driver?.remove(`/${parent}`);
  rmSync(work, { recursive: true, force: true });
});

describeCgroupDriver('v1 (real, runc)', () => {
  const d = driver;
  return {
    // The suite calls start() first, which requires root and runc (skip or CI failure).
    get driver(): CgroupDriver {
      if (d === undefined) throw new Error('no v1 driver: needs root, runc and a v1/hybrid host');
      return d;
    },
    get blkioWeight(): boolean {
      // BFQ or CFQ must be active for blkio weights; otherwise runc skips the weight.
      return (
        d !== undefined &&
        ['blkio.weight', 'blkio.bfq.weight'].some((f) =>
          existsSync(join(d.paths(`/${parent}`)['blkio'] ?? '', f)),
        )
      );
    },
    async start(ctx): Promise<CgroupSubject> {
      requireRoot(ctx);
      requireTool(ctx, 'runc');
      requireHost(ctx, runtime === undefined || d === undefined ? noV1 : undefined);
      if (runtime === undefined || d === undefined) throw new Error(noV1);
      const rt = runtime;
      const id = `${runPrefix()}-cg-${++seq}`;
      const spec = buildOciSpec(
        {
          id,
          rootfsPath: rootfs,
          cgroupParent: parent,
          args: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done'],
          resources: { ...conformanceResources },
        },
        detectHostInfo(),
      );
      const bundle = join(work, id);
      await writeBundle(bundle, spec);
      cleanup.push(() => rt.delete(id, { force: true }));
      await rt.create(id, bundle);
      await rt.start(id);
      return {
        cgroupsPath: spec.linux.cgroupsPath,
        freeze: () => rt.pause(id),
        thaw: () => rt.resume(id),
        async oomKill() {
          const hog = 'a=0123456789abcdef; while true; do a="$a$a"; done';
          const r = await rt.exec(id, execProcess(spec, { args: ['sh', '-c', hog] }));
          // SIGKILL from the OOM killer: runc reports 137 (128 + 9).
          expect(r.exitCode).toBe(137);
        },
      };
    },
  };
});

describe('cgroup v1 removal', () => {
  it('refuses to remove a parent cgroup that still holds a container', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc');
    requireHost(ctx, runtime === undefined || driver === undefined ? noV1 : undefined);
    if (runtime === undefined || driver === undefined) throw new Error(noV1);
    const rt = runtime;
    const id = `${runPrefix()}-cg-busy`;
    const spec = buildOciSpec(
      {
        id,
        rootfsPath: rootfs,
        cgroupParent: parent,
        args: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done'],
      },
      detectHostInfo(),
    );
    await writeBundle(join(work, id), spec);
    cleanup.push(() => rt.delete(id, { force: true }));
    await rt.run(id, join(work, id));
    await expect(driver.remove(`/${parent}`)).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
    });
    expect(await driver.exists(spec.linux.cgroupsPath)).toBe(true);
  });
});
