/**
 * `tsorch build` through the daemon: FROM an image in the node's store (loaded from a busybox
 * archive), RUN steps in runc, the result stored and tagged in the store, runnable as a
 * container root filesystem, and the cache reported as CACHED on a rebuild.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImageService } from '../../src/image/index.js';
import { startTestDaemon } from '../helpers/daemon.js';
import { requireRoot, requireTool, runPrefix, useCleanup, waitFor } from '../helpers/host.js';
import { buildBusyboxRootfs, writeBusyboxArchive } from '../helpers/images.js';

describe('tsorch build through the daemon', () => {
  const cleanup = useCleanup();

  it('builds FROM a stored image, tags the result and reuses the cache', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'getfattr', 'setfattr');
    const dir = await fs.mkdtemp(path.join(tmpdir(), `${runPrefix()}-bd-`));
    cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
    const d = await startTestDaemon(cleanup);
    await writeBusyboxArchive(path.join(dir, 'bb.tar'), { format: 'docker' });
    expect((await d.cli(['image', 'load', '-i', path.join(dir, 'bb.tar')])).code).toBe(0);

    const context = path.join(dir, 'ctx');
    await fs.mkdir(context);
    await fs.writeFile(path.join(context, 'msg.txt'), 'from the context\n');
    await fs.writeFile(
      path.join(context, 'Dockerfile'),
      [
        'FROM busybox:test',
        'ARG WHO=world',
        'COPY msg.txt /msg.txt',
        'COPY --from=busybox:test /etc/passwd /copied/passwd',
        'RUN echo "hello $WHO" > /hello.txt && rm /etc/group && echo done',
        'CMD ["cat", "/hello.txt"]',
      ].join('\n'),
    );
    let r = await d.cli(['build', '-t', 'built:1', '--build-arg', 'WHO=tsorch', context], {
      timeoutMs: 120_000,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('[0 5/6] RUN echo "hello $WHO" > /hello.txt');
    expect(r.stdout).toContain('  | done\n');
    expect(r.stdout).toMatch(
      /Successfully built [0-9a-f]{12} in [\d.]+s\nSuccessfully tagged built:1\n$/,
    );

    r = await d.cli(['image', 'inspect', 'built:1']);
    expect(r.code, r.stderr).toBe(0);
    const [img] = JSON.parse(r.stdout) as Array<{
      id: string;
      config: { Cmd: string[] };
      diffIds: string[];
    }>;
    expect(img?.config.Cmd).toEqual(['cat', '/hello.txt']);
    expect(img?.diffIds).toHaveLength(4);

    // The built image is a real store image: its root filesystem mounts with the new files.
    await d.stop();
    const svc = await ImageService.open(path.join(d.root, 'image'));
    await svc.prepareRootfs('check', img?.id ?? '');
    const rootfs = await svc.mountRootfs('check');
    cleanup.push(() => svc.removeRootfs('check'));
    expect(await fs.readFile(path.join(rootfs, 'hello.txt'), 'utf8')).toBe('hello tsorch\n');
    expect(await fs.readFile(path.join(rootfs, 'msg.txt'), 'utf8')).toBe('from the context\n');
    await expect(fs.stat(path.join(rootfs, 'etc/group'))).rejects.toThrow(/ENOENT/);
    expect(await fs.readFile(path.join(rootfs, 'etc/passwd'), 'utf8')).toContain('root:x:0:0');
    expect(await fs.readFile(path.join(rootfs, 'copied/passwd'), 'utf8')).toContain(
      'nobody:x:65534',
    );
    await svc.removeRootfs('check');
    await d.restart();

    r = await d.cli(['build', '-q', '-t', 'built:2', '--build-arg', 'WHO=tsorch', context]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${img?.id}\n`);
    r = await d.cli(['build', '-t', 'built:2', '--build-arg', 'WHO=tsorch', context]);
    const steps = r.stdout.split('\n').filter((l) => /^\[0 [2-6]\/6\]/.test(l));
    expect(steps).toHaveLength(5);
    expect(steps.every((l) => l.endsWith('CACHED'))).toBe(true);

    r = await d.cli(['builder', 'prune']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Deleted \d+ cached steps and 3 layers\nTotal reclaimed space: [\d.]+ ?[kMG]?B\n$/,
    );
    expect((await d.cli(['image', 'inspect', 'built:1'])).code).toBe(0);
    r = await d.cli(['build', '-t', 'built:3', '--build-arg', 'WHO=tsorch', context]);
    expect(r.stdout).not.toContain('CACHED\n[0 5/6] RUN');
    expect(r.stdout).toMatch(/\[0 5\/6\] RUN echo .*\n {2}\| done\n/);
  });

  it('refuses to prune the build cache while a build runs', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'getfattr');
    const dir = await fs.mkdtemp(path.join(tmpdir(), `${runPrefix()}-bd-`));
    cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
    const d = await startTestDaemon(cleanup);
    await buildBusyboxRootfs(path.join(dir, 'rootfs'));
    await fs.writeFile(path.join(dir, 'Dockerfile'), 'FROM scratch\nCOPY rootfs/ /\nRUN sleep 4\n');
    const building = d.cli(['build', dir], { timeoutMs: 60_000 });
    const refused = await waitFor(
      'prune to be refused during the build',
      async () => {
        const r = await d.cli(['builder', 'prune']);
        return r.code === 1 ? r : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    expect(refused.stderr).toMatch(
      /^Error: Cannot prune the build cache: 1 build\(s\) running\nHint: /,
    );
    expect((await building).code).toBe(0);
    expect((await d.cli(['builder', 'prune'])).code).toBe(0);
  });

  it('reports a bad Dockerfile with its line, and bad flags as usage errors', async (ctx) => {
    requireRoot(ctx);
    const dir = await fs.mkdtemp(path.join(tmpdir(), `${runPrefix()}-bd-`));
    cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
    const d = await startTestDaemon(cleanup);
    await fs.writeFile(path.join(dir, 'Dockerfile'), 'FROM scratch\nCOPY\n');
    let r = await d.cli(['build', dir]);
    expect(r).toMatchObject({
      code: 1,
      stderr: 'Error: Dockerfile:2: COPY: requires at least one source and a destination\n',
    });
    r = await d.cli(['build', path.join(dir, 'missing')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^Error: Cannot use ".*missing" as the build context: not a directory/,
    );
    r = await d.cli(['build', '-f', '/etc/hostname', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^Error: Cannot use "\/etc\/hostname" as the Dockerfile: it must be inside/,
    );
    await fs.writeFile(path.join(dir, 'Dockerfile'), 'FROM nosuch:image\n');
    r = await d.cli(['build', '-t', 'Bad Tag', dir]);
    expect(r.stderr).toMatch(/^Error: Invalid tag "Bad Tag"/);
    r = await d.cli(['build', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: .*nosuch:image/);
  });
});
