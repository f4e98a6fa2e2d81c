/**
 * Build isolation against the real host (issue 14, items 1, 2, 3 and 12): an ADD archive, the
 * Dockerfile and COPY sources cannot make a build read a host file, and COPY keeps setuid and
 * setgid bits. The host file used is the real /etc/shadow (root only), as in the report.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs, type Stats } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { openCgroupDriver } from '../../src/agent/cgroups/index.js';
import { buildImage, type BuildResult } from '../../src/image/build/index.js';
import { openRunStepRunner } from '../../src/image/build/runner.js';
import type { RunStepRunner } from '../../src/image/build/types.js';
import { hasCode } from '../../src/util/errors.js';
import { requireRoot, requireTool, runPrefix, useCleanup } from '../helpers/host.js';
import { buildBusyboxRootfs, tarFromEntries } from '../helpers/images.js';

const hostFile = '/etc/shadow';

/** Every regular file below `dir` sharing the inode of `target`. */
async function sameInode(dir: string, target: Stats): Promise<string[]> {
  const found: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const name of await fs.readdir(d).catch(() => [] as string[])) {
      const full = path.join(d, name);
      const st = await fs.lstat(full);
      if (st.isDirectory()) await walk(full);
      else if (st.ino === target.ino && st.dev === target.dev) found.push(full);
    }
  };
  await walk(dir);
  return found;
}

describe('image build isolation (host files never enter an image)', () => {
  const cleanup = useCleanup();
  let root: string;
  let context: string;
  let runner: RunStepRunner;

  beforeEach(async (ctx: TestContext) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'getfattr', 'busybox');
    const base = await fs.mkdtemp(path.join(os.tmpdir(), `${runPrefix()}-buildsec-`));
    cleanup.push(() => fs.rm(base, { recursive: true, force: true }));
    root = path.join(base, 'root');
    context = path.join(base, 'ctx');
    await fs.mkdir(context);
    runner = await openRunStepRunner({ runtime: 'runc', runDir: base, root });
    const parent = runner.cgroupParent;
    cleanup.push(async () => (await openCgroupDriver()).remove(`/${parent}`));
  });

  const build = (): Promise<BuildResult> => buildImage({ root, runner, contextDir: context });

  async function failure(): Promise<unknown> {
    return build().then(
      () => undefined,
      (err: unknown) => err,
    );
  }

  it('refuses ADD of an archive linking through "d -> /etc" to the host /etc/shadow', async () => {
    await fs.writeFile(
      path.join(context, 'evil.tar'),
      await tarFromEntries([
        { name: 'd', type: 'symlink', linkname: '/etc' },
        { name: 'h', type: 'link', linkname: 'd/shadow' },
      ]),
    );
    await fs.writeFile(path.join(context, 'Dockerfile'), 'FROM scratch\nADD evil.tar /x/\n');
    const err = await failure();
    expect(hasCode(err, 'IMAGE_UNSAFE_LAYER')).toBe(true);
    // Neither the cache nor its scratch space holds a link to the host inode.
    expect(await sameInode(path.join(root, 'image'), await fs.stat(hostFile))).toEqual([]);
    expect(await fs.readdir(path.join(root, 'image/build-cache/tmp'))).toEqual([]);
  });

  it('never echoes a host file named by a Dockerfile symlink', async () => {
    await fs.symlink(hostFile, path.join(context, 'Dockerfile'));
    const firstLine = (await fs.readFile(hostFile, 'utf8')).split('\n')[0] ?? '';
    expect(firstLine).not.toBe('');
    const err = await failure();
    expect(hasCode(err, 'IMAGE_BUILD')).toBe(true);
    expect((err as Error).message).toMatch(/^Cannot read "Dockerfile" in the build context/);
    expect((err as Error).message).not.toContain(firstLine);
  });

  it.each([
    ['/dev/zero', '/dev/zero'],
    ['a device node inside the context', 'zero'],
  ])('refuses a Dockerfile linking to %s without reading it', async (_what, target) => {
    execFileSync('mknod', [path.join(context, 'zero'), 'c', '1', '5']);
    await fs.symlink(target, path.join(context, 'Dockerfile'));
    const rssBefore = process.memoryUsage().rss;
    const err = await failure();
    expect(hasCode(err, 'IMAGE_BUILD')).toBe(true);
    expect((err as Error).message).toMatch(/^Cannot read "Dockerfile" in the build context/);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('keeps setuid and setgid bits through COPY, also with --chown', async () => {
    await buildBusyboxRootfs(path.join(context, 'rootfs'));
    await fs.writeFile(path.join(context, 'tool'), '#!/bin/sh\n');
    await fs.chmod(path.join(context, 'tool'), 0o4755);
    await fs.mkdir(path.join(context, 'shared'));
    await fs.chmod(path.join(context, 'shared'), 0o2775);
    await fs.writeFile(
      path.join(context, 'Dockerfile'),
      [
        'FROM scratch',
        'COPY rootfs/ /',
        'COPY tool /usr/local/bin/tool',
        'COPY --chown=1:1 tool /opt/tool',
        'COPY --chmod=2755 tool /opt/tool2',
        'COPY shared /srv/shared/',
        'RUN stat -c %a /usr/local/bin/tool /opt/tool /opt/tool2 > /modes',
      ].join('\n'),
    );
    const result = await build();
    const top = result.layers[result.layers.length - 1]?.dir ?? '';
    expect(await fs.readFile(path.join(top, 'modes'), 'utf8')).toBe('4755\n4755\n2755\n');
  });
});
