/**
 * `npm run bench -- image-build`: build times of a multi-stage Dockerfile (FROM a busybox image
 * in the node's store, RUN steps in runc, or crun with `BENCH_RUNTIME=crun`, COPY of context
 * files and --from a stage) in three cases: cold (--no-cache), one late line changed, nothing
 * changed. Each case runs `BENCH_ROUNDS` times (default 5); the median is reported.
 * `docker build` runs side by side when a Docker engine answers. Needs root, runc (or crun)
 * and getfattr.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openCgroupDriver } from '../src/agent/cgroups/index.js';
import { buildImage, type BuildOptions } from '../src/image/build/index.js';
import { openRunStepRunner } from '../src/image/build/runner.js';
import { StoreAdapter } from '../src/image/build/store-adapter.js';
import { ImageService } from '../src/image/index.js';
import { writeBusyboxArchive } from '../test/helpers/images.js';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 5);

const dockerfile = (late: number): string => `
FROM busybox:test AS build
WORKDIR /src
COPY src/ ./
RUN for i in 1 2 3 4 5 6 7 8; do cat *.txt > out$i.txt; done && dd if=/dev/zero of=blob bs=1M count=8 2>/dev/null
RUN ls -l > listing.txt

FROM busybox:test
COPY --from=build /src/listing.txt /src/blob /app/
COPY src/a.txt /app/
ENV MODE=production
RUN echo "late change ${late}" > /app/late.txt
CMD ["cat", "/app/late.txt"]
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

function dockerAvailable(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/** The same three cases with `docker build` (the busybox archive loaded into Docker). */
async function dockerFigures(
  base: string,
  context: string,
): Promise<{ cold_ms: number; late_line_ms: number; no_change_ms: number }> {
  execFileSync('docker', ['load', '-i', path.join(base, 'bb.tar')], { stdio: 'ignore' });
  const file = path.join(context, 'Dockerfile');
  const build = (late: number, noCache: boolean) => async () => {
    await fs.writeFile(file, dockerfile(late));
    execFileSync(
      'docker',
      ['build', '-q', ...(noCache ? ['--no-cache'] : []), '-t', 'tsorch-bench:latest', context],
      {
        stdio: 'ignore',
      },
    );
  };
  const cold: number[] = [];
  const late: number[] = [];
  const none: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      cold.push(await timed(build(0, true)));
      late.push(await timed(build(i + 1, false)));
      none.push(await timed(build(i + 1, false)));
    }
  } finally {
    await fs.rm(file, { force: true });
    execFileSync('docker', ['rmi', '-f', 'tsorch-bench:latest', 'busybox:test'], {
      stdio: 'ignore',
    });
  }
  return {
    cold_ms: Math.round(median(cold)),
    late_line_ms: Math.round(median(late)),
    no_change_ms: Math.round(median(none)),
  };
}

async function main(): Promise<void> {
  const base = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-bench-build-'));
  const root = path.join(base, 'root');
  const runtime = process.env['BENCH_RUNTIME'] === 'crun' ? 'crun' : 'runc';
  const runner = await openRunStepRunner({ runtime, runDir: base, root });
  try {
    const svc = await ImageService.open(path.join(root, 'image'));
    await writeBusyboxArchive(path.join(base, 'bb.tar'), { format: 'docker' });
    await svc.load(path.join(base, 'bb.tar'));
    const context = path.join(base, 'ctx');
    await fs.mkdir(path.join(context, 'src'), { recursive: true });
    for (const n of ['a', 'b', 'c'])
      await fs.writeFile(path.join(context, 'src', `${n}.txt`), `${n}\n`.repeat(10_000));
    const adapter = new StoreAdapter(svc);
    const opts = (late: number, extra: Partial<BuildOptions> = {}): BuildOptions => ({
      root,
      runner,
      contextDir: context,
      dockerfileText: dockerfile(late),
      tags: ['bench:latest'],
      baseImages: adapter,
      sink: adapter,
      ...extra,
    });
    const cold: number[] = [];
    const late: number[] = [];
    const none: number[] = [];
    for (let i = 0; i < rounds; i++) {
      cold.push(await timed(() => buildImage(opts(0, { noCache: true }))));
      late.push(await timed(() => buildImage(opts(i + 1))));
      none.push(await timed(() => buildImage(opts(i + 1))));
    }
    const figures = {
      cold_ms: Math.round(median(cold)),
      late_line_ms: Math.round(median(late)),
      no_change_ms: Math.round(median(none)),
    };
    process.stdout.write(
      `tsorch build (${runtime}), median of ${rounds} (multi-stage, 3 RUN steps, 8 MiB layer):\n`,
    );
    process.stdout.write(`  cold (--no-cache):     ${figures.cold_ms} ms\n`);
    process.stdout.write(`  one late line changed: ${figures.late_line_ms} ms\n`);
    process.stdout.write(`  nothing changed:       ${figures.no_change_ms} ms\n`);
    if (!dockerAvailable()) {
      process.stdout.write('docker: not available (no Docker engine answers on this machine)\n');
      process.stdout.write(
        `${JSON.stringify({ bench: 'image-build', runtime, rounds, ...figures, docker: null })}\n`,
      );
      return;
    }
    const docker = await dockerFigures(base, context);
    process.stdout.write(`docker build, median of ${rounds}:\n`);
    process.stdout.write(`  cold (--no-cache):     ${docker.cold_ms} ms\n`);
    process.stdout.write(`  one late line changed: ${docker.late_line_ms} ms\n`);
    process.stdout.write(`  nothing changed:       ${docker.no_change_ms} ms\n`);
    const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
    process.stdout.write(
      `${JSON.stringify({
        bench: 'image-build',
        runtime,
        rounds,
        ...figures,
        docker,
        ratio_cold: ratio(figures.cold_ms, docker.cold_ms),
        ratio_late_line: ratio(figures.late_line_ms, docker.late_line_ms),
        ratio_no_change: ratio(figures.no_change_ms, docker.no_change_ms),
      })}\n`,
    );
  } finally {
    await fs.rm(base, { recursive: true, force: true });
    // The steps' cgroups are gone; their parent is the daemon's, which the bench plays.
    await (await openCgroupDriver()).remove(`/${runner.cgroupParent}`);
  }
}

await main();
