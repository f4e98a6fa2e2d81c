/**
 * A full file system under the daemon's root is reported as IMAGE_NO_SPACE naming the
 * directory and how to free space, for image loads and builds alike (not "internal error").
 * Each case runs on its own 1 MiB tmpfs.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Builder, ImageService } from '../../src/image/index.js';
import { hasCode } from '../../src/util/errors.js';
import { createLogger } from '../../src/util/log.js';
import { requireRoot, requireTool, runPrefix, useCleanup } from '../helpers/host.js';
import { tarFromEntries, writeImageArchive } from '../helpers/images.js';

/** More than the tmpfs holds, and incompressible. */
const bigBytes = 2 * 1024 * 1024;

describe('a full file system under the root', () => {
  const cleanup = useCleanup();

  /** A scratch directory holding `small`, a 1 MiB tmpfs (unmounted after the test). */
  async function smallDisk(): Promise<{ dir: string; small: string }> {
    const dir = await fs.mkdtemp(path.join(tmpdir(), `${runPrefix()}-nospace-`));
    cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
    const small = path.join(dir, 'small');
    await fs.mkdir(small);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small]);
    cleanup.push(() => execFileSync('umount', [small]));
    return { dir, small };
  }

  it('fails an image load with IMAGE_NO_SPACE naming the image directory', async (ctx) => {
    requireRoot(ctx);
    const { dir, small } = await smallDisk();
    const archive = path.join(dir, 'big.tar');
    const layer = await tarFromEntries([{ name: 'big', content: randomBytes(bigBytes) }]);
    await writeImageArchive(archive, [layer], { format: 'docker', tag: 'big:1' });
    const images = await ImageService.open(path.join(small, 'image'));
    const err = await images.load(archive).catch((e: unknown) => e);
    expect(hasCode(err, 'IMAGE_NO_SPACE')).toBe(true);
    expect((err as Error).message).toBe(
      `Cannot store the image: no space left on the file system of "${small}/image"`,
    );
  });

  it('fails a build with IMAGE_NO_SPACE naming the state directory', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'getfattr');
    const { dir, small } = await smallDisk();
    const context = path.join(dir, 'ctx');
    await fs.mkdir(context);
    await fs.writeFile(path.join(context, 'big'), randomBytes(bigBytes));
    await fs.writeFile(path.join(context, 'Dockerfile'), 'FROM scratch\nCOPY big /big\n');
    const images = await ImageService.open(path.join(small, 'image'));
    const builder = new Builder({
      root: small,
      run: path.join(dir, 'run'),
      runtime: 'runc',
      images,
      log: createLogger({ write: () => undefined }),
    });
    const err = await builder
      .build(
        { contextDir: context },
        { onEvent: () => undefined, signal: new AbortController().signal },
      )
      .catch((e: unknown) => e);
    expect(hasCode(err, 'IMAGE_NO_SPACE')).toBe(true);
    expect((err as Error).message).toBe(
      `Cannot build the image: no space left on the file system of "${small}"`,
    );
  });
});
