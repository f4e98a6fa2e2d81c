/**
 * The container's root filesystem is mounted by its shim (mount(2)) before the runtime's create,
 * not by the daemon: the container sees its files, `--user name` resolves from the image store's
 * view of /etc/passwd (the container's own copy first), a volume copy-up still mounts in the
 * daemon (and the shim then does not), the rootfs is unmounted after the exit, and a mount that
 * fails ends the start with a clear error and nothing mounted.
 */
import { promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExec } from '../../src/agent/containers/exec.js';
import { readLogs } from '../../src/agent/logs/json-file.js';
import { isMounted } from '../../src/image/snapshots.js';
import { hasCode } from '../../src/util/errors.js';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';
import { openHarness, spec, type Harness } from './containers-harness.js';

/** Counts the root filesystems the daemon mounts itself (mount(8), through the image store). */
function countDaemonMounts(h: Harness): { count: number } {
  const counter = { count: 0 };
  const mount = h.images.mountRootfs.bind(h.images);
  h.images.mountRootfs = (key, target) => {
    counter.count += 1;
    return mount(key, target);
  };
  return counter;
}

function rootfsOf(h: Harness, id: string): string {
  return join(h.images.root, 'snapshots', id, 'merged');
}

async function stdout(h: Harness, id: string): Promise<string[]> {
  return (await readLogs(h.manager.logPath(id), { maxFiles: 3 }))
    .filter((l) => l.stream === 'stdout')
    .map((l) => l.log.trim());
}

describe.each(['runc', 'crun'] as const)('root filesystem mounted by the shim (%s)', (runtime) => {
  const cleanup = useCleanup();

  it('runs with its files, resolves --user and exec --user, and is unmounted after the exit', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, runtime, 'cc');
    const h = await openHarness(cleanup, runtime);
    const daemonMounts = countDaemonMounts(h);
    const rec = await h.manager.create(
      spec({
        cmd: [
          'sh',
          '-c',
          "trap 'exit 0' TERM; ls /usr/bin/busybox; id -u; while true; do sleep 0.05; done",
        ],
        user: 'nobody',
      }),
    );
    await h.manager.start(rec.id);
    const rootfs = rootfsOf(h, rec.id);
    expect(await isMounted(rootfs)).toBe(true);
    const user = await h.manager.resolveUser(rec.id, 'nobody');
    expect(user.uid).toBe(65534);
    const r = await runExec(h.manager.runtime, rec.id, h.manager.dir(rec.id), {
      args: ['id', '-u'],
      user,
      timeoutMs: 5000,
      maxOutputBytes: 100,
    });
    expect(r).toMatchObject({ exitCode: 0, output: '65534\n' });
    await h.manager.stop(rec.id, { timeoutS: 5 });
    expect(await stdout(h, rec.id)).toEqual(['/usr/bin/busybox', '65534']);
    expect(h.manager.get(rec.id).state).toMatchObject({ status: 'exited', exitCode: 0 });
    expect(await isMounted(rootfs)).toBe(false);
    expect(daemonMounts.count).toBe(0);
    // A restart mounts it again, through a new shim.
    await h.manager.start(rec.id);
    expect(await isMounted(rootfs)).toBe(true);
    await h.manager.stop(rec.id, { timeoutS: 5 });
    expect(await isMounted(rootfs)).toBe(false);
    expect(daemonMounts.count).toBe(0);
  });

  it("resolves --user from the container's own /etc/passwd over the image's", async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, runtime, 'cc');
    const h = await openHarness(cleanup, runtime);
    const rec = await h.manager.create(spec({ cmd: ['id'], user: 'app' }));
    // As the container would have left it: its copy of /etc/passwd in the upper directory.
    const upperEtc = join(h.images.root, 'snapshots', rec.id, 'upper/etc');
    await fs.mkdir(upperEtc, { recursive: true });
    const imagePasswd = readFileSync(join(h.images.root, 'snapshots', rec.id, 'meta.json'), 'utf8');
    const lower = (JSON.parse(imagePasswd) as { lower: string[] }).lower[0] ?? '';
    await fs.writeFile(
      join(upperEtc, 'passwd'),
      `${await fs.readFile(join(h.images.root, lower, 'etc/passwd'), 'utf8')}app:x:1234:65534::/:/bin/sh\n`,
    );
    await h.manager.start(rec.id);
    expect((await h.manager.wait(rec.id)).exitCode).toBe(0);
    expect((await stdout(h, rec.id))[0]).toMatch(/^uid=1234\(app\) gid=65534\(nobody\)/);
  });

  it('copies image content up into an empty volume by mounting in the daemon, and the shim does not mount again', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, runtime, 'cc');
    const h = await openHarness(cleanup, runtime);
    const daemonMounts = countDaemonMounts(h);
    const rec = await h.manager.create(
      spec({
        cmd: ['sh', '-c', 'grep -c "^root:" /etc/passwd'],
        mounts: [{ type: 'volume', name: `etc-${runtime}`, target: '/etc', readonly: false }],
      }),
    );
    await h.manager.start(rec.id);
    expect((await h.manager.wait(rec.id)).exitCode).toBe(0);
    expect(await stdout(h, rec.id)).toEqual(['1']);
    expect(daemonMounts.count).toBe(1);
    const vol = await h.volumes.inspect(`etc-${runtime}`);
    expect(readFileSync(join(vol.mountpoint, 'passwd'), 'utf8')).toMatch(/^root:/m);
    expect(await isMounted(rootfsOf(h, rec.id))).toBe(false);
    // The volume has content now: the next start copies nothing and mounts nothing here.
    await h.manager.start(rec.id);
    expect((await h.manager.wait(rec.id)).exitCode).toBe(0);
    expect(daemonMounts.count).toBe(1);
    expect(await isMounted(rootfsOf(h, rec.id))).toBe(false);
  });

  it('fails the start clearly when the mount fails, leaves nothing mounted, and starts once fixed', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, runtime, 'cc');
    const h = await openHarness(cleanup, runtime);
    const rec = await h.manager.create(spec({ cmd: ['true'] }));
    const meta = JSON.parse(
      readFileSync(join(h.images.root, 'snapshots', rec.id, 'meta.json'), 'utf8'),
    ) as { lower: string[] };
    const link = join(h.images.root, meta.lower[0] ?? '');
    await fs.rename(link, `${link}.away`);
    cleanup.push(() => fs.rename(`${link}.away`, link).catch(() => undefined));
    const rootfs = rootfsOf(h, rec.id);
    let err: unknown;
    try {
      await h.manager.start(rec.id);
    } catch (e) {
      err = e;
    }
    expect(hasCode(err, 'RUNTIME_EXEC_FAILED')).toBe(true);
    const message = `Cannot mount the root filesystem of the container at "${rootfs}": No such file or directory`;
    expect((err as Error).message).toBe(message);
    expect(await isMounted(rootfs)).toBe(false);
    expect(h.manager.get(rec.id).state).toMatchObject({ status: 'created', error: message });
    await fs.rename(`${link}.away`, link);
    await h.manager.start(rec.id);
    expect((await h.manager.wait(rec.id)).exitCode).toBe(0);
    expect(await isMounted(rootfs)).toBe(false);
  });
});
