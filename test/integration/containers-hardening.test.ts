import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImagePort } from '../../src/agent/containers/image-port.js';
import type { LocalContainerSpec } from '../../src/agent/containers/types.js';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';
import { openHarness, spec, type Harness } from './containers-harness.js';

/** Container directories under the harness's root. */
function containerDirs(h: Harness): string[] {
  const dir = join(h.root, 'containers');
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** The image store, but preparing a root filesystem fails with ENOSPC (a full disk). */
function fullDisk(real: ImagePort): ImagePort {
  return new Proxy(real, {
    get(target, prop, receiver) {
      if (prop === 'prepareRootfs')
        return () =>
          Promise.reject(
            Object.assign(new Error('ENOSPC: no space left on device, write'), {
              code: 'ENOSPC',
              path: '/var/lib/tsorch/snapshots/x',
            }),
          );
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

const refused: [string, Partial<LocalContainerSpec>, RegExp][] = [
  ['a 10,000-character name', { name: 'a'.repeat(10_000) }, /more than the 128 allowed/],
  ['a 60 MB environment', { env: [`BIG=${'x'.repeat(60 * 1024 * 1024)}`] }, /env: 60/],
  ['a NUL byte in the environment', { env: ['A=b\0c'] }, /env\[0\].*NUL/],
  [
    'a "../" volume name',
    { mounts: [{ type: 'volume', name: '../etc', target: '/data', readonly: false }] },
    /Invalid volume name "\.\.\/etc"/,
  ],
  [
    'a mount over "/"',
    { mounts: [{ type: 'bind', source: '/tmp', target: '/', readonly: false }] },
    /cannot be mounted over the root filesystem/,
  ],
  ['a non-namespaced sysctl', { sysctls: { 'kernel.pid_max': '100' } }, /not namespaced/],
  ['an unknown capability', { capAdd: ['NOT_A_CAP'] }, /Unknown capability "NOT_A_CAP"/],
  ['1000 CPUs', { resources: { cpuQuotaUs: 100_000_000, cpuPeriodUs: 100_000 } }, /host has/],
  ['negative CPU shares', { resources: { cpuShares: -5 } }, /cpuShares "-5"/],
  ['a CPU set the host lacks', { resources: { cpusetCpus: '99' } }, /no CPU 99/],
  ['an unknown stop signal', { stopSignal: 'SIGBOGUS' }, /stop signal "SIGBOGUS"/],
];

describe('container create refuses what cannot start', () => {
  const cleanup = useCleanup();

  it.for(refused)('%s, storing nothing', async ([, over, message], ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    await expect(h.manager.create(spec({ cmd: ['true'], ...over }))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(message) as unknown,
    });
    expect(h.manager.list()).toEqual([]);
    expect(containerDirs(h)).toEqual([]);
  });

  it('reports a full disk as CONTAINER_NO_SPACE, naming the container and the file', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup, 'runc', { wrapImages: fullDisk });
    await expect(h.manager.create(spec({ name: 'db', cmd: ['true'] }))).rejects.toMatchObject({
      code: 'CONTAINER_NO_SPACE',
      message:
        'Cannot create container "db": no space left on device (writing "/var/lib/tsorch/snapshots/x")',
    });
  });
});

describe('container start', () => {
  const cleanup = useCleanup();

  it('bind-mounts a single file as a file, and creates a missing source as a directory', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const file = join(h.root, '..', 'nginx.conf');
    writeFileSync(file, 'worker_processes 1;\n');
    const missing = join(h.root, '..', 'made', 'here');
    const rec = await h.manager.create(
      spec({
        cmd: ['sh', '-c', 'cat /etc/app.conf && test -d /data'],
        mounts: [
          { type: 'bind', source: file, target: '/etc/app.conf', readonly: true },
          { type: 'bind', source: missing, target: '/data', readonly: false },
        ],
      }),
    );
    await h.manager.start(rec.id);
    expect(await h.manager.wait(rec.id)).toMatchObject({ exitCode: 0 });
    expect(existsSync(missing)).toBe(true);
  });

  it('refuses a bind source it cannot make, naming it, without hanging', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const source = '/proc/nonexistent/x';
    const rec = await h.manager.create(
      spec({ cmd: ['true'], mounts: [{ type: 'bind', source, target: '/x', readonly: false }] }),
    );
    await expect(h.manager.start(rec.id)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: `Cannot create the bind mount source "${source}": ENOENT`,
    });
    expect(h.manager.get(rec.id).state.status).toBe('created');
  }, 20_000);

  const allCaps: [string, Partial<LocalContainerSpec>][] = [
    ['--privileged', { privileged: true }],
    ['--cap-add ALL', { capAdd: ['ALL'] }],
  ];
  it.for(allCaps)("runs %s with what the host's bounding set allows", async ([, over], ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const rec = await h.manager.create(spec({ cmd: ['true'], ...over }));
    await h.manager.start(rec.id);
    expect(await h.manager.wait(rec.id)).toMatchObject({ exitCode: 0 });
  });
});

/** Rewrites the stored record of `id` as the daemon had it before the start (`created`). */
function storedAsCreated(h: Harness, id: string): void {
  const file = join(h.root, 'containers', id, 'container.json');
  const rec = JSON.parse(readFileSync(file, 'utf8')) as { state: Record<string, unknown> };
  rec.state = {
    ...rec.state,
    status: 'created',
    pid: 0,
    exitCode: 0,
    startedAt: '',
    finishedAt: '',
  };
  writeFileSync(file, JSON.stringify(rec));
}

describe('a daemon killed between a start and its record', () => {
  const cleanup = useCleanup();

  it('adopts the running container: stop stops it and records its exit', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const script = "trap 'exit 7' TERM; while :; do sleep 0.1; done";
    const rec = await h.manager.create(spec({ name: 'web', cmd: ['sh', '-c', script] }));
    await h.manager.start(rec.id);
    const pid = rec.state.pid;
    storedAsCreated(h, rec.id);
    const m = await h.reopen();
    expect(m.get('web').state).toMatchObject({ status: 'running', pid });
    await m.stop('web', { timeoutS: 5 });
    expect(m.get('web').state).toMatchObject({ status: 'exited', exitCode: 7 });
  });

  it('records the exit of a container that ended while no daemon ran', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const rec = await h.manager.create(spec({ name: 'job', cmd: ['sh', '-c', 'exit 3'] }));
    await h.manager.start(rec.id);
    await h.manager.wait(rec.id);
    await h.manager.settle(1000);
    storedAsCreated(h, rec.id);
    const m = await h.reopen();
    await m.wait('job');
    expect(m.get('job').state).toMatchObject({ status: 'exited', exitCode: 3 });
  });
});
