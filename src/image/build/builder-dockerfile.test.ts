import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasCode } from '../../util/errors.js';
import { buildImage } from './builder.js';
import type { RunStepRunner } from './types.js';

/** These builds fail while reading the Dockerfile: a RUN step reaching the runner is a bug. */
const noRunner = new Proxy({} as RunStepRunner, {
  get(): never {
    throw new Error('no RUN step may run: the Dockerfile must be refused first');
  },
});

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

async function setup(): Promise<{ base: string; context: string; secret: string }> {
  const base = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-dockerfile-'));
  dirs.push(base);
  const context = path.join(base, 'ctx');
  await fs.mkdir(context);
  const secret = path.join(base, 'shadow');
  await fs.writeFile(secret, 'TOPSECRET-LINE\n');
  return { base, context, secret };
}

async function buildError(base: string, context: string, dockerfile?: string): Promise<unknown> {
  return buildImage({
    root: path.join(base, 'root'),
    runner: noRunner,
    contextDir: context,
    ...(dockerfile === undefined ? {} : { dockerfile }),
  }).then(
    () => undefined,
    (err: unknown) => err,
  );
}

describe('buildImage() reading the Dockerfile', () => {
  it('never reads a host file through a Dockerfile symlink', async () => {
    const { base, context, secret } = await setup();
    await fs.symlink(secret, path.join(context, 'Dockerfile'));
    const err = await buildError(base, context);
    expect(hasCode(err, 'IMAGE_BUILD')).toBe(true);
    expect((err as Error).message).toMatch(/^Cannot read "Dockerfile" in the build context/);
    expect((err as Error).message).not.toContain('TOPSECRET');
  });

  it('never reads a host file through a symlinked directory on the Dockerfile path', async () => {
    const { base, context } = await setup();
    await fs.symlink(base, path.join(context, 'up'));
    const err = await buildError(base, context, 'up/shadow');
    expect(hasCode(err, 'IMAGE_BUILD')).toBe(true);
    expect((err as Error).message).not.toContain('TOPSECRET');
  });

  it('follows a symlink that stays inside the context', async () => {
    const { base, context } = await setup();
    await fs.mkdir(path.join(context, 'docker'));
    await fs.writeFile(path.join(context, 'docker', 'Dockerfile.prod'), 'FROM scratch\nBOGUS x\n');
    await fs.symlink('docker/Dockerfile.prod', path.join(context, 'Dockerfile'));
    const err = await buildError(base, context);
    // It was read: the parser names the bad line.
    expect(hasCode(err, 'IMAGE_DOCKERFILE_INVALID')).toBe(true);
  });

  it.each([
    ['a FIFO', 'not a regular file'],
    ['a file over the size cap', 'larger than 1 MiB'],
  ])('refuses a Dockerfile that is %s', async (kind, why) => {
    const { base, context } = await setup();
    const file = path.join(context, 'Dockerfile');
    if (kind === 'a FIFO') execFileSync('mkfifo', [file]);
    else await fs.writeFile(file, `FROM scratch\n${'#'.repeat(2 * 1024 * 1024)}\n`);
    const err = await buildError(base, context);
    expect(hasCode(err, 'IMAGE_BUILD')).toBe(true);
    expect((err as Error).message).toContain(why);
  });
});
