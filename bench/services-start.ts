/**
 * The scheduler with real containers (issue 11): on one daemon made a single-node cluster, the
 * time from `tsorch service create --replicas 20` to all 20 tasks RUNNING, against 20
 * `tsorch run -d` of the same container one after another (the same daemon, the same minutes),
 * and against 20 `docker run -d` when a Docker engine answers. Prints the ratios and a last
 * line of JSON.
 *
 * Run as root: `npm run build && npm run bench -- services-start`.
 */
import { spawnSync } from 'node:child_process';
import { tsorchBin } from '../test/helpers/daemon.js';
import { freePorts } from '../test/integration/fixtures/raft-cluster.js';
import { startBenchDaemon } from './_container-daemon.js';

const replicas = 20;
const pollMs = 100;
const deadlineMs = 180_000;
const loop = ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"];

function cli(env: Record<string, string>, args: string[]): string {
  const r = spawnSync(tsorchBin, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tsorch ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function running(env: Record<string, string>): number {
  const out = cli(env, ['service', 'ps', '--format', '{{.desiredState}}|{{.state}}', 'bench']);
  return out.split('\n').filter((l) => l === 'RUNNING|RUNNING').length;
}

async function serviceToRunningMs(env: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  cli(env, [
    'service',
    'create',
    '--name',
    'bench',
    '--replicas',
    String(replicas),
    'busybox:test',
    ...loop,
  ]);
  while (running(env) < replicas) {
    if (performance.now() - t0 > deadlineMs) throw new Error('the service did not start in time');
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return performance.now() - t0;
}

function runsMs(
  cmd: string,
  image: string,
  env: Record<string, string>,
): { ms: number; ids: string[] } {
  const ids: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < replicas; i++) {
    const r = spawnSync(cmd, ['run', '-d', image, ...loop], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`${cmd} run failed: ${r.stderr}`);
    ids.push(r.stdout.trim());
  }
  return { ms: performance.now() - t0, ids };
}

function dockerRunsMs(): number | undefined {
  if (spawnSync('docker', ['image', 'inspect', 'busybox'], { stdio: 'ignore' }).status !== 0)
    return undefined;
  const { ms, ids } = runsMs('docker', 'busybox', {});
  spawnSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
  return ms;
}

const d = await startBenchDaemon('runc');
try {
  const [port] = await freePorts(1);
  const addr = `127.0.0.1:${String(port)}`;
  cli(d.env, ['swarm', 'init', '--listen-addr', addr, '--advertise-addr', addr]);
  const run = runsMs(tsorchBin, 'busybox:test', d.env);
  cli(d.env, ['rm', '-f', ...run.ids]);
  const service = await serviceToRunningMs(d.env);
  cli(d.env, ['service', 'rm', 'bench']);
  const docker = dockerRunsMs();
  // Leaving removes the tasks' containers (docs/adr/033).
  cli(d.env, ['swarm', 'leave', '--force']);
  const ratio = service / run.ms;
  process.stdout.write(
    `service create --replicas ${replicas} to all RUNNING: ${service.toFixed(0)} ms\n` +
      `tsorch run -d x ${replicas} (sequential CLIs): ${run.ms.toFixed(0)} ms (service/run ${ratio.toFixed(2)}x)\n` +
      (docker === undefined
        ? 'docker: no engine here\n'
        : `docker run -d x ${replicas}: ${docker.toFixed(0)} ms (service/docker ${(service / docker).toFixed(2)}x)\n`),
  );
  process.stdout.write(
    `${JSON.stringify({ replicas, serviceMs: service, runMs: run.ms, dockerMs: docker ?? null, ratio })}\n`,
  );
} finally {
  await d.close();
}
