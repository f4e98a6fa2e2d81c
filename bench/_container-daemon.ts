/**
 * The daemon-side and end-to-end halves of bench/container-start (container manager):
 * - daemon: create, start, wait, remove through the Containers API of a real `tsorch daemon`
 *   child process, from this warm client;
 * - e2e: `tsorch run --rm busybox:test true`, a new CLI process each time, with the published
 *   command (bin/tsorch and the bundle in dist/cli), against `docker run --rm busybox true`
 *   when a Docker engine answers.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCgroupDriver } from '../src/agent/cgroups/index.js';
import { connectDaemon, type DaemonClient } from '../src/cli/client.js';
import { tsorchBin } from '../test/helpers/daemon.js';
import { writeBusyboxArchive } from '../test/helpers/images.js';

const readyTimeoutMs = 60_000;

/** A daemon child process with busybox:test loaded. */
export interface BenchDaemon {
  env: Record<string, string>;
  client: DaemonClient;
  close(): Promise<void>;
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** Starts `tsorch daemon` (bin/tsorch, built first) in temp directories; loads busybox:test. */
export async function startBenchDaemon(runtime: string): Promise<BenchDaemon> {
  const base = mkdtempSync(join(tmpdir(), 'tsorch-bench-daemon-'));
  const env = { TSORCH_ROOT: join(base, 'root'), TSORCH_RUN: join(base, 'run') };
  // The published command (bin/tsorch, the bundle in dist/cli: see bundleCli), as users run it.
  const child = spawn(tsorchBin, ['daemon', '--runtime', runtime], {
    env: { ...process.env, ...env, TSORCH_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const client = connectDaemonWhenUp(env, child.pid ?? 0);
  const c = await client;
  const archive = join(base, 'busybox.tar');
  await writeBusyboxArchive(archive, { format: 'docker' });
  await c.unary(c.service('images', 'Images'), 'load', { path: archive });
  return {
    env,
    client: c,
    async close() {
      const containers = c.service('containers', 'Containers');
      const { containers: list } = await c.unary<{ containers: { id: string }[] }>(
        containers,
        'list',
        { all: true },
      );
      for (const x of list)
        await c.unary(containers, 'remove', { container: x.id, force: true, volumes: true });
      c.close();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      const parent = `tsorch-${createHash('sha256').update(env.TSORCH_ROOT).digest('hex').slice(0, 8)}`;
      await (await openCgroupDriver()).remove(`/${parent}`).catch(() => undefined);
      rmSync(base, { recursive: true, force: true });
    },
  };
}

async function connectDaemonWhenUp(
  env: Record<string, string>,
  pid: number,
): Promise<DaemonClient> {
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (existsSync(join(env['TSORCH_RUN'] ?? '', 'tsorch.sock'))) {
      const c = connectDaemon(env);
      try {
        await c.unary(c.service('system', 'System'), 'ping', {}, { deadlineMs: 2000 });
        return c;
      } catch {
        c.close();
      }
    }
    if (Date.now() > deadline) throw new Error(`tsorch daemon (pid ${pid}) did not come up`);
    await sleep(100);
  }
}

/** Pause between samples, so one sample's background clean-up never overlaps the next one. */
const settleMs = 50;

/**
 * create + start + wait + remove of `true`, `runs` times; one sample (ms) per run. With
 * `reference`, a sample of it is taken before each one (the same minutes, the same pauses), so
 * the ratio does not drift with the machine's speed.
 */
export async function measureDaemonApi(
  d: BenchDaemon,
  runs: number,
  reference?: () => Promise<number>,
): Promise<{ samples: number[]; reference: number[] }> {
  const c = d.client.service('containers', 'Containers');
  const call = <T>(method: string, req: unknown): Promise<T> => d.client.unary<T>(c, method, req);
  const once = async (): Promise<void> => {
    const { id } = await call<{ id: string }>('create', {
      spec: { image: 'busybox:test', cmd: ['true'], stopTimeoutS: -1 },
    });
    await call('start', { container: id });
    const { exitCode } = await call<{ exitCode: number }>('wait', { container: id });
    if (exitCode !== 0) throw new Error(`container exited with ${exitCode}`);
    await call('remove', { container: id, force: false, volumes: true });
  };
  await once(); // warm the daemon (shim compiled, image layers unpacked, code paths JITted)
  const samples: number[] = [];
  const ref: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (reference !== undefined) {
      await sleep(settleMs);
      ref.push(await reference());
    }
    await sleep(settleMs);
    const t0 = process.hrtime.bigint();
    await once();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { samples, reference: ref };
}

function timeCommand(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  base: NodeJS.ProcessEnv = process.env,
): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    env: { ...base, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.toString()}`);
  return ms;
}

/** `tsorch run --rm busybox:test true` with the published command, a new process each time. */
export function measureCliRun(d: BenchDaemon, runs: number): number[] {
  const args = ['run', '--rm', 'busybox:test', 'true'];
  timeCommand(tsorchBin, args, d.env);
  return Array.from({ length: runs }, () => timeCommand(tsorchBin, args, d.env));
}

/**
 * `node -e 0`: the floor any Node CLI pays on this machine, with this environment and without
 * NODE_EXTRA_CA_CERTS (which Node 20 loads at every start; bin/tsorch defers it, ADR 011).
 */
export function measureNodeFloor(runs: number, o: { withoutExtraCa: boolean }): number[] {
  const env = { ...process.env };
  if (o.withoutExtraCa) delete env['NODE_EXTRA_CA_CERTS'];
  return Array.from({ length: runs }, () => timeCommand(process.execPath, ['-e', '0'], {}, env));
}

/** `docker run --rm busybox true` when a Docker engine answers, else undefined. */
export function measureDocker(runs: number): number[] | undefined {
  const ok = spawnSync('docker', ['image', 'inspect', 'busybox'], { stdio: 'ignore' });
  if (ok.status !== 0) return undefined;
  return Array.from({ length: runs }, () =>
    timeCommand('docker', ['run', '--rm', 'busybox', 'true'], {}),
  );
}
