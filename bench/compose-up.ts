/**
 * `npm run bench -- compose-up [runs]`: times `tsorch up -d --wait` and `tsorch down` of a
 * 10-service stack on the embedded default (a single-node cluster in a temp root, ADR 031), and
 * `docker compose up -d` / `down` of the same file when a Docker engine and Compose answer here
 * (measured in the same run; the target: under half of Compose's time). Without Docker
 * it prints "docker: absent" and tsorch's times only. The image (busybox-static FROM scratch,
 * as examples/) is built once before the timed runs. Needs root, busybox-static and
 * `npm run build` (it runs bin/tsorch).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openCgroupDriver } from '../src/agent/cgroups/index.js';
import { removeNodeNetworks } from '../src/agent/index.js';
import { defaultRoot } from '../src/daemon/config.js';

const servicesCount = 10;
const runs = Number(process.argv[2] ?? 3);
const repo = resolve(import.meta.dirname, '..');
const tsorch = join(repo, 'bin', 'tsorch');
const image = 'tsorch-bench/busybox:1';

if (!existsSync(join(repo, 'dist', 'cli', 'tsorch.js'))) {
  process.stderr.write('dist/cli/tsorch.js is missing: run `npm run build` first\n');
  process.exit(1);
}
const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));
if (busybox === undefined) {
  process.stderr.write('busybox-static is missing: run scripts/setup-host.sh\n');
  process.exit(1);
}

function composeFile(): string {
  const svc = (i: number): string => `  svc${i}:
    image: ${image}
    command: ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done & wait"]
`;
  return `name: tsbench\nservices:\n${Array.from({ length: servicesCount }, (_, i) => svc(i)).join('')}`;
}

/** Runs a command and returns its wall time in ms; throws with its output when it fails. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0)
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${String(r.status)}):\n${r.stderr}${r.stdout}`,
    );
  return ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function round(n: number): number {
  return Math.round(n);
}

/** Whether Docker's engine and Compose (plugin or docker-compose) answer; the compose command. */
function dockerCompose(): string[] | undefined {
  const ok = (cmd: string, args: string[]): boolean =>
    spawnSync(cmd, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
  if (!ok('docker', ['info'])) return undefined;
  if (ok('docker', ['compose', 'version'])) return ['docker', 'compose'];
  if (ok('docker-compose', ['version'])) return ['docker-compose'];
  return undefined;
}

const base = mkdtempSync(join(tmpdir(), 'tsorch-bench-up-'));
const env = { ...process.env, TSORCH_ROOT: join(base, 'root'), TSORCH_RUN: join(base, 'run') };
const context = join(base, 'image');
const file = join(base, 'compose.yml');
const results: Record<string, number | string | boolean> = {};
try {
  mkdirSync(context, { recursive: true });
  copyFileSync(busybox, join(context, 'busybox'));
  writeFileSync(
    join(context, 'Dockerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n',
  );
  writeFileSync(file, composeFile());
  process.stdout.write(`stack: ${servicesCount} services of one replica, ${runs} runs each\n`);

  // Not timed: the embedded default's start and the image build.
  timed(tsorch, ['daemon', 'start'], env);
  timed(tsorch, ['build', '-q', '-t', image, context], env);
  const ups: number[] = [];
  const downs: number[] = [];
  for (let i = 0; i < runs; i++) {
    ups.push(timed(tsorch, ['up', '-d', '--wait', '-q', '-f', file], env));
    downs.push(timed(tsorch, ['down', '-q', '-f', file], env));
  }
  const up = median(ups);
  const down = median(downs);
  process.stdout.write(
    `tsorch up -d --wait: median ${up.toFixed(0)} ms (${ups.map((x) => x.toFixed(0)).join(', ')})\n` +
      `tsorch down:         median ${down.toFixed(0)} ms (${downs.map((x) => x.toFixed(0)).join(', ')})\n`,
  );
  Object.assign(results, { tsorch_up_ms: round(up), tsorch_down_ms: round(down) });

  const compose = dockerCompose();
  if (compose === undefined) {
    process.stdout.write('docker: absent (no engine or no compose answers here): no reference\n');
    results['docker'] = 'absent';
  } else {
    const [cmd = 'docker', ...pre] = compose;
    timed('docker', ['build', '-q', '-t', image, context], process.env);
    const dUps: number[] = [];
    const dDowns: number[] = [];
    for (let i = 0; i < runs; i++) {
      dUps.push(timed(cmd, [...pre, '-f', file, 'up', '-d'], process.env));
      dDowns.push(timed(cmd, [...pre, '-f', file, 'down'], process.env));
    }
    spawnSync('docker', ['image', 'rm', image], { stdio: 'ignore' });
    const dUp = median(dUps);
    const dDown = median(dDowns);
    process.stdout.write(
      `${compose.join(' ')} up -d: median ${dUp.toFixed(0)} ms; down: median ${dDown.toFixed(0)} ms\n` +
        `ratio tsorch/compose: up ${(up / dUp).toFixed(2)}, down ${(down / dDown).toFixed(2)} (target < 0.5)\n`,
    );
    Object.assign(results, {
      docker: 'present',
      compose_up_ms: round(dUp),
      compose_down_ms: round(dDown),
      up_ratio: Math.round((up / dUp) * 100) / 100,
      down_ratio: Math.round((down / dDown) * 100) / 100,
      met: up / dUp < 0.5 && down / dDown < 0.5,
    });
  }
  process.stdout.write(`load average ${(loadavg()[0] ?? 0).toFixed(1)}\n`);
  process.stdout.write(
    `${JSON.stringify({ bench: 'compose-up', services: servicesCount, runs, ...results })}\n`,
  );
} finally {
  spawnSync(tsorch, ['down', '-q', '-f', file], { env, stdio: 'ignore', timeout: 120_000 });
  const pidFile = join(base, 'run', 'tsorch.pid');
  if (existsSync(pidFile)) {
    const ids = spawnSync(tsorch, ['ps', '-a', '-q'], { env, encoding: 'utf8' }).stdout;
    for (const id of ids.split('\n').filter((l) => l !== ''))
      spawnSync(tsorch, ['rm', '-f', id], { env, stdio: 'ignore' });
    spawnSync(tsorch, ['daemon', 'stop'], { env, stdio: 'ignore', timeout: 120_000 });
  }
  // The daemon's bridge, chains and parent cgroup (named after its root) go with it.
  await removeNodeNetworks(env.TSORCH_ROOT, defaultRoot).catch(() => undefined);
  const parent = `tsorch-${createHash('sha256').update(env.TSORCH_ROOT).digest('hex').slice(0, 8)}`;
  await (await openCgroupDriver()).remove(`/${parent}`).catch(() => undefined);
  rmSync(base, { recursive: true, force: true });
}
