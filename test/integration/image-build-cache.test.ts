/**
 * `tsorch build` library against the real host: RUN steps executed by runc over overlayfs,
 * multi-stage COPY --from, whiteouts in RUN layers, and the layer cache (an unchanged build
 * rebuilds nothing, a changed late line rebuilds only from there).
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import tar from 'tar-stream';
import { createReadStream } from 'node:fs';
import { beforeEach, describe, expect, it, type TestContext } from 'vitest';
import {
  buildImage,
  type BuildEvent,
  type BuildOptions,
  type BuildResult,
} from '../../src/image/build/index.js';
import { openRunStepRunner } from '../../src/image/build/runner.js';
import type { RunStepRunner } from '../../src/image/build/types.js';
import { openCgroupDriver } from '../../src/agent/cgroups/index.js';
import { hasCode } from '../../src/util/errors.js';
import { requireRoot, requireTool, runPrefix, useCleanup } from '../helpers/host.js';
import { buildBusyboxRootfs } from '../helpers/images.js';

const dockerfile = (label: string): string => `
ARG GREETING=hello
FROM scratch AS base
COPY rootfs/ /
ENV PATH=/bin
RUN echo base > /base.txt && mkdir -p /data && echo x > /data/old && echo keep > /data/keep

FROM base AS build
ARG GREETING
WORKDIR /src
COPY app.txt .
RUN cat app.txt > built.txt && echo "$GREETING" >> built.txt \\
 && rm /data/old && rm -rf /etc && mkdir /etc && echo new > /etc/only

FROM base
COPY --from=build /src/built.txt /out/
RUN cat /out/built.txt > /out/copy.txt
LABEL version=${label}
CMD ["cat", "/out/built.txt"]
`;

interface Env {
  root: string;
  runtimeRoot: string;
  context: string;
  runner: RunStepRunner;
}

async function tarEntries(file: string): Promise<string[]> {
  const names: string[] = [];
  const extract = tar.extract();
  createReadStream(file).pipe(extract);
  for await (const entry of extract) {
    names.push(entry.header.name);
    entry.resume();
  }
  return names;
}

describe('image build (runc, overlayfs)', () => {
  const cleanup = useCleanup();
  let env: Env;

  beforeEach(async (ctx: TestContext) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'getfattr', 'busybox');
    const base = await fs.mkdtemp(path.join(os.tmpdir(), `${runPrefix()}-build-`));
    const root = path.join(base, 'root');
    const runner = await openRunStepRunner({ runtime: 'runc', runDir: base, root });
    env = { root, runtimeRoot: runner.runtime.stateDir, context: path.join(base, 'ctx'), runner };
    cleanup.push(async () => {
      // Each step's cgroup went with its container; the parent (the daemon's) is now empty.
      await (await openCgroupDriver()).remove(`/${runner.cgroupParent}`);
      // Nothing of a build may stay mounted; rm would fail on a mount point anyway.
      const mounts = await fs.readFile('/proc/mounts', 'utf8');
      expect(mounts).not.toContain(base);
      await fs.rm(base, { recursive: true, force: true });
    });
    await buildBusyboxRootfs(path.join(env.context, 'rootfs'));
    await fs.writeFile(path.join(env.context, 'app.txt'), 'app v1\n');
    await fs.writeFile(path.join(env.context, 'Dockerfile'), dockerfile('1'));
  });

  async function build(
    extra: Partial<BuildOptions> = {},
  ): Promise<{ result: BuildResult; events: BuildEvent[] }> {
    const events: BuildEvent[] = [];
    const result = await buildImage({
      root: env.root,
      runner: env.runner,
      contextDir: env.context,
      onEvent: (e) => events.push(e),
      ...extra,
    });
    return { result, events };
  }

  /** Steps as "cached"/"ran" with their text, in order. */
  function steps(events: BuildEvent[]): Array<[string, boolean]> {
    return events.flatMap((e) =>
      e.type === 'step' && !e.text.startsWith('FROM') && !e.text.startsWith('ARG')
        ? [[e.text.split('\n')[0] ?? '', e.cached] as [string, boolean]]
        : [],
    );
  }

  async function readInImage(result: BuildResult, file: string): Promise<string | undefined> {
    for (let i = result.layers.length - 1; i >= 0; i--) {
      const p = path.join(result.layers[i]?.dir ?? '', file);
      const st = await fs.lstat(p).catch(() => undefined);
      if (st === undefined) continue;
      if (st.isCharacterDevice()) return undefined;
      return fs.readFile(p, 'utf8');
    }
    return undefined;
  }

  it('builds a multi-stage Dockerfile with RUN steps executed by runc', async () => {
    const { result } = await build();
    expect(await readInImage(result, 'out/built.txt')).toBe('app v1\nhello\n');
    expect(await readInImage(result, 'out/copy.txt')).toBe('app v1\nhello\n');
    expect(await readInImage(result, 'base.txt')).toBe('base\n');
    expect(result.config.config.Cmd).toEqual(['cat', '/out/built.txt']);
    expect(result.config.config.Labels).toEqual({ version: '1' });
    expect(result.config.config.Env).toEqual(['PATH=/bin']);
    expect(result.config.rootfs.diff_ids).toHaveLength(result.layers.length);
    expect(result.config.history.filter((h) => h.empty_layer !== true)).toHaveLength(
      result.layers.length,
    );
    // The final image really runs: start it with runc and read its CMD's output.
    const bundle = await fs.mkdtemp(path.join(os.tmpdir(), `${runPrefix()}-run-`));
    cleanup.push(() => fs.rm(bundle, { recursive: true, force: true }));
    const lowers = result.layers
      .map((l) => l.dir)
      .reverse()
      .join(':');
    await fs.mkdir(path.join(bundle, 'rootfs'));
    execFileSync('mount', [
      '-t',
      'overlay',
      'overlay',
      '-o',
      `ro,lowerdir=${lowers}`,
      path.join(bundle, 'rootfs'),
    ]);
    cleanup.push(() => execFileSync('umount', [path.join(bundle, 'rootfs')]));
    execFileSync('runc', ['spec'], { cwd: bundle });
    const spec = JSON.parse(await fs.readFile(path.join(bundle, 'config.json'), 'utf8')) as {
      process: { args: string[]; terminal: boolean };
    };
    spec.process.args = result.config.config.Cmd ?? [];
    spec.process.terminal = false;
    await fs.writeFile(path.join(bundle, 'config.json'), JSON.stringify(spec));
    const id = `${runPrefix()}-check`;
    const out = execFileSync('runc', ['--root', env.runtimeRoot, 'run', '--bundle', bundle, id], {
      encoding: 'utf8',
    });
    expect(out).toBe('app v1\nhello\n');
  });

  it('writes whiteouts and opaque directories for deletions in a RUN layer', async () => {
    const { result } = await build({ target: 'build', buildArgs: { GREETING: 'bonjour' } });
    expect(await readInImage(result, 'src/built.txt')).toBe('app v1\nbonjour\n');
    expect(await readInImage(result, 'data/old')).toBeUndefined();
    expect(await readInImage(result, 'data/keep')).toBe('keep\n');
    const runLayer = result.layers[result.layers.length - 1];
    const names = await tarEntries(runLayer?.tarPath ?? '');
    expect(names).toContain('data/.wh.old');
    expect(names).toContain('etc/.wh..wh..opq');
    expect(names).toContain('etc/only');
    // The opaque /etc hides the lower /etc/passwd in the overlay view.
    const view = await fs.mkdtemp(path.join(os.tmpdir(), `${runPrefix()}-view-`));
    cleanup.push(() => fs.rm(view, { recursive: true, force: true }));
    const lowers = result.layers
      .map((l) => l.dir)
      .reverse()
      .join(':');
    execFileSync('mount', ['-t', 'overlay', 'overlay', '-o', `ro,lowerdir=${lowers}`, view]);
    try {
      expect(await fs.readdir(path.join(view, 'etc'))).toEqual(['only']);
    } finally {
      execFileSync('umount', [view]);
    }
  });

  it('rebuilds nothing when nothing changed and only from a changed late line', async () => {
    const first = await build();
    const again = await build();
    expect(steps(again.events).every(([, cached]) => cached)).toBe(true);
    expect(again.result.imageId).toBe(first.result.imageId);

    await fs.writeFile(path.join(env.context, 'Dockerfile'), dockerfile('2'));
    const late = await build();
    expect(steps(late.events)).toEqual([
      ['COPY rootfs/ /', true],
      ['ENV PATH=/bin', true],
      [expect.stringMatching(/^RUN echo base/) as unknown as string, true],
      ['WORKDIR /src', true],
      ['COPY app.txt .', true],
      [expect.stringMatching(/^RUN cat app.txt/) as unknown as string, true],
      ['COPY --from=build /src/built.txt /out/', true],
      ['RUN cat /out/built.txt > /out/copy.txt', true],
      ['LABEL version=2', false],
      ['CMD ["cat", "/out/built.txt"]', false],
    ]);
    expect(late.result.imageId).not.toBe(first.result.imageId);

    // A changed source file invalidates its COPY and what follows, not the base stage.
    await fs.writeFile(path.join(env.context, 'app.txt'), 'app v2\n');
    const changed = await build();
    const ran = steps(changed.events)
      .filter(([, cached]) => !cached)
      .map(([t]) => t);
    expect(ran[0]).toBe('COPY app.txt .');
    expect(ran).not.toContain('COPY rootfs/ /');
    expect(await readInImage(changed.result, 'out/built.txt')).toBe('app v2\nhello\n');
  });

  it('fails a RUN step with its line and exit code, leaving no container or mount behind', async () => {
    await fs.writeFile(
      path.join(env.context, 'Dockerfile'),
      'FROM scratch\nCOPY rootfs/ /\nRUN echo oops >&2; exit 3\n',
    );
    let caught: unknown;
    try {
      await build();
    } catch (err) {
      caught = err;
    }
    expect(hasCode(caught, 'IMAGE_BUILD_RUN_FAILED')).toBe(true);
    expect((caught as Error).message).toMatch(/^Dockerfile:3: RUN: .*non-zero code: 3/);
    expect((caught as { details?: { output?: string } }).details?.output).toContain('oops');
    const list = execFileSync('runc', ['--root', env.runtimeRoot, 'list', '-q'], {
      encoding: 'utf8',
    });
    expect(list.trim()).toBe('');
    expect(await fs.readdir(path.join(env.root, 'image/build-cache/tmp'))).toEqual([]);
  });

  it('honours .dockerignore, --chown, USER and ADD of a local tar archive', async () => {
    await fs.writeFile(path.join(env.context, '.dockerignore'), 'secret*\n');
    await fs.writeFile(path.join(env.context, 'secret.txt'), 'no\n');
    const archive = path.join(env.context, 'files.tar');
    const pack = tar.pack();
    pack.entry({ name: 'dir/inner.txt', mode: 0o640 }, 'inner\n');
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack) chunks.push(c as Buffer);
    await fs.writeFile(archive, Buffer.concat(chunks));
    await fs.writeFile(
      path.join(env.context, 'Dockerfile'),
      [
        'FROM scratch',
        'COPY rootfs/ /',
        'COPY --chown=nobody app.txt /home/app.txt',
        'ADD files.tar /unpacked/',
        'RUN mkdir /real && ln -s /real /link',
        'COPY app.txt /link/',
        'USER nobody',
        'RUN id -u > /tmp/uid && stat -c %u /home/app.txt > /tmp/owner',
        'COPY . /ctx/',
        'COPY *.txt /glob/',
        'RUN <<EOF',
        '# a here-document is a script',
        'echo heredoc > /tmp/h',
        'EOF',
      ].join('\n'),
    );
    const { result } = await build();
    expect(await readInImage(result, 'tmp/uid')).toBe('65534\n');
    expect(await readInImage(result, 'tmp/owner')).toBe('65534\n');
    expect(await readInImage(result, 'unpacked/dir/inner.txt')).toBe('inner\n');
    expect(await readInImage(result, 'ctx/app.txt')).toBe('app v1\n');
    expect(await readInImage(result, 'ctx/secret.txt')).toBeUndefined();
    expect(await readInImage(result, 'glob/app.txt')).toBe('app v1\n');
    expect(await readInImage(result, 'glob/secret.txt')).toBeUndefined();
    expect(await readInImage(result, 'tmp/h')).toBe('heredoc\n');
    // A destination through a symlink lands where the link points, as in Docker.
    expect(await readInImage(result, 'real/app.txt')).toBe('app v1\n');

    await fs.writeFile(path.join(env.context, 'Dockerfile'), 'FROM scratch\nCOPY secret.txt /\n');
    await expect(build()).rejects.toThrow(
      /COPY failed: "secret.txt" not found in the build context \(or excluded by \.dockerignore\)/,
    );
    await fs.writeFile(
      path.join(env.context, 'Dockerfile'),
      'FROM scratch\nADD http://127.0.0.1/x /\n',
    );
    await expect(build()).rejects.toThrow(/Dockerfile:2: ADD: cannot download/);
  });

  it.each([
    [
      'FROM scratch\nCOPY app.txt Dockerfile /dst',
      {},
      'IMAGE_BUILD',
      /destination must be a directory and end with a \//,
    ],
    [
      'FROM scratch\nCOPY app.txt /',
      { target: 'nosuch' },
      'IMAGE_BUILD',
      /Target stage "nosuch" not found/,
    ],
    [
      'FROM scratch\nCOPY rootfs/ /\nCOPY --chown=ghost app.txt /',
      {},
      'IMAGE_BUILD',
      /Dockerfile:3: COPY: --chown: Cannot find user "ghost"/,
    ],
    [
      'FROM scratch\nCOPY rootfs/ /\nUSER ghost\nRUN true',
      {},
      'IMAGE_BUILD',
      /Cannot find user "ghost"/,
    ],
    ['FROM alpine:3', {}, 'IMAGE_NOT_FOUND', /Image "alpine:3" not found/],
    [
      'FROM scratch\nCOPY app.txt /\nRUN true',
      {},
      'IMAGE_BUILD',
      /OCI runtime could not start the step/,
    ],
    [
      'FROM scratch AS first\nCOPY --from=later app.txt /\nFROM scratch AS later',
      { target: 'first' },
      'IMAGE_DOCKERFILE_INVALID',
      /Dockerfile:2: COPY: stage "later" is not built before this step/,
    ],
  ] as const)('rejects %j with %j', async (text, extra, code, message) => {
    await fs.writeFile(path.join(env.context, 'Dockerfile'), text);
    let caught: unknown;
    try {
      await build(extra);
    } catch (err) {
      caught = err;
    }
    expect((caught as Error | undefined)?.message).toMatch(message);
    expect(hasCode(caught, code)).toBe(true);
    expect(await fs.readdir(path.join(env.root, 'image/build-cache/tmp')).catch(() => [])).toEqual(
      [],
    );
  });

  it('cancels a running RUN step: kills its container and removes its mount and files', async () => {
    await fs.writeFile(
      path.join(env.context, 'Dockerfile'),
      'FROM scratch\nCOPY rootfs/ /\nRUN echo started; sleep 60\n',
    );
    const abort = new AbortController();
    const started = Date.now();
    const building = build({
      signal: abort.signal,
      onEvent: (e) => {
        if (e.type === 'output' && e.text.includes('started')) abort.abort();
      },
    });
    await expect(building).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(30_000);
    const list = execFileSync('runc', ['--root', env.runtimeRoot, 'list', '-q'], {
      encoding: 'utf8',
    });
    expect(list.trim()).toBe('');
    expect(await fs.readFile('/proc/mounts', 'utf8')).not.toContain(env.root);
    expect(await fs.readdir(path.join(env.root, 'image/build-cache/tmp'))).toEqual([]);
  });

  it('runs two builds of the same Dockerfile at once on one cache', async () => {
    await fs.writeFile(
      path.join(env.context, 'Dockerfile'),
      'FROM scratch\nCOPY rootfs/ /\nRUN echo same > /same.txt\nCOPY app.txt /\n',
    );
    const [a, b] = await Promise.all([build(), build()]);
    expect(await readInImage(a.result, 'same.txt')).toBe('same\n');
    expect(await readInImage(b.result, 'same.txt')).toBe('same\n');
    expect(a.result.config.rootfs.diff_ids.slice(0, 1)).toEqual(
      b.result.config.rootfs.diff_ids.slice(0, 1),
    );
    // Afterwards the cache is whole: a third build takes every step from it.
    const c = await build();
    expect(steps(c.events).every(([, cached]) => cached)).toBe(true);
    expect(await fs.readdir(path.join(env.root, 'image/build-cache/tmp'))).toEqual([]);
  });

  it('gives COPY layers of the same inputs the same diff IDs, built seconds apart', async () => {
    await fs.writeFile(
      path.join(env.context, 'Dockerfile'),
      'FROM scratch\nCOPY rootfs/ /\nRUN echo x > /x\nCOPY app.txt /opt/app/\n',
    );
    const a = await build({ noCache: true });
    // Longer than the one-second resolution of tar times: the clock would show in the layers.
    await new Promise((r) => setTimeout(r, 1_100));
    const b = await build({ noCache: true });
    const copies = (ids: string[]): string[] => [ids[0] ?? '', ids[2] ?? ''];
    expect(copies(b.result.config.rootfs.diff_ids)).toEqual(
      copies(a.result.config.rootfs.diff_ids),
    );
  });

  it('reports a missing Dockerfile', async () => {
    await fs.rm(path.join(env.context, 'Dockerfile'));
    await expect(build()).rejects.toThrow(/^Cannot read "Dockerfile" in the build context/);
  });

  it('names a malformed .dockerignore line', async () => {
    await fs.writeFile(path.join(env.context, '.dockerignore'), 'ok\n[broken\n');
    await expect(build()).rejects.toThrow(/^\.dockerignore:2: invalid pattern "\[broken"$/);
  });

  it('refuses an ADD archive that climbs out of its directory', async () => {
    const pack = tar.pack();
    pack.entry({ name: '../escape.txt' }, 'x');
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack) chunks.push(c as Buffer);
    await fs.writeFile(path.join(env.context, 'evil.tar'), Buffer.concat(chunks));
    await fs.writeFile(path.join(env.context, 'Dockerfile'), 'FROM scratch\nADD evil.tar /x/\n');
    let caught: unknown;
    try {
      await build();
    } catch (err) {
      caught = err;
    }
    expect(hasCode(caught, 'IMAGE_UNSAFE_LAYER')).toBe(true);
    expect(await fs.readdir(path.join(env.root, 'image/build-cache/tmp'))).toEqual([]);
  });
});
