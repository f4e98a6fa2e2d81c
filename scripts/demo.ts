/**
 * `npm run demo`: the main job on this machine, end to end, with what tsorch can do today.
 *
 * 1. Reads examples/hello/compose.yml the way Docker Compose does (`tsorch config`).
 * 2. Starts a tsorch daemon (a single node) in a temporary directory.
 * 3. Builds the stack's image from scratch with `tsorch build` (busybox from busybox-static).
 * 4. Runs each service as a container with the compose file's limits and health check, in
 *    dependency order, waiting for `service_healthy` dependencies.
 * 5. Shows ps, exec, stats and logs, then removes everything it created.
 *
 * Needs root and the host packages from scripts/setup-host.sh. Run `npm run build` first
 * (`npm run demo` does).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '..');
/** The published command (a launcher running the bundle `npm run build` writes to dist/cli). */
const cli = join(repo, 'bin/tsorch');
const stack = join(repo, 'examples/hello/compose.yml');
const base = mkdtempSync(join(tmpdir(), 'tsorch-demo-'));
const env = { ...process.env, TSORCH_ROOT: join(base, 'root'), TSORCH_RUN: join(base, 'run') };

interface Service {
  image: string;
  command?: string[];
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[]; interval?: string; timeout?: string; retries?: number };
  deploy?: { resources?: { limits?: { cpus?: number; memory?: string; pids?: number } } };
}

function say(text: string): void {
  process.stdout.write(`\n\x1b[1m${text}\x1b[0m\n`);
}

/** Runs the CLI, echoing the command line; returns stdout. Throws on a non-zero exit. */
function tsorch(args: string[], { quiet = false } = {}): string {
  if (!quiet)
    process.stdout.write(`$ tsorch ${args.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ')}\n`);
  const r = spawnSync(cli, args, { env, encoding: 'utf8' });
  if (!quiet) process.stdout.write(r.stdout);
  if (r.status !== 0) {
    throw new Error(`tsorch ${args[0] ?? ''} failed (exit code ${String(r.status)}):\n${r.stderr}`);
  }
  if (!quiet) process.stderr.write(r.stderr);
  return r.stdout;
}

function startOrder(services: Record<string, Service>): string[] {
  const order: string[] = [];
  const visit = (name: string): void => {
    if (order.includes(name)) return;
    for (const dep of Object.keys(services[name]?.depends_on ?? {})) visit(dep);
    order.push(name);
  };
  for (const name of Object.keys(services).sort()) visit(name);
  return order;
}

/** The canonical output escapes a literal `$` as `$$` (compose-spec: interpolation). */
function literal(value: string): string {
  return value.replaceAll('$$', '$');
}

function runArgs(project: string, name: string, svc: Service): string[] {
  const args = [
    'run',
    '-d',
    '--name',
    `${project}-${name}`,
    '--label',
    `com.docker.compose.project=${project}`,
  ];
  const limits = svc.deploy?.resources?.limits;
  if (limits?.memory !== undefined) args.push('--memory', limits.memory);
  if (limits?.cpus !== undefined) args.push('--cpus', String(limits.cpus));
  if (limits?.pids !== undefined) args.push('--pids-limit', String(limits.pids));
  for (const [k, v] of Object.entries(svc.environment ?? {})) {
    if (v !== null) args.push('-e', `${k}=${literal(v)}`);
  }
  const hc = svc.healthcheck;
  if (hc !== undefined && hc.test.length > 1) {
    const [kind, ...rest] = hc.test;
    // The daemon runs --health-cmd with /bin/sh -c, which suits both CMD and CMD-SHELL here.
    args.push('--health-cmd', literal(rest.join(' ')));
    if (kind === 'NONE') args.pop();
    if (hc.interval !== undefined) args.push('--health-interval', hc.interval);
    if (hc.timeout !== undefined) args.push('--health-timeout', hc.timeout);
    if (hc.retries !== undefined) args.push('--health-retries', String(hc.retries));
  }
  return [...args, svc.image, ...(svc.command ?? []).map(literal)];
}

async function waitHealthy(container: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [info] = JSON.parse(tsorch(['inspect', container], { quiet: true })) as {
      State?: { Health?: { Status?: string } };
    }[];
    const status = info?.State?.Health?.Status;
    if (status === 'healthy') return;
    if (status === 'unhealthy') throw new Error(`${container} became unhealthy`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${container} not healthy after ${timeoutMs} ms`);
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('the demo runs containers: run it as root');
  if (!existsSync('/usr/bin/busybox'))
    throw new Error('busybox-static is missing: run scripts/setup-host.sh');

  say('1. Read the compose file (normalized as `docker compose config` prints it)');
  tsorch(['config', '-f', stack]);
  const project = JSON.parse(
    tsorch(['config', '-f', stack, '--format', 'json'], { quiet: true }),
  ) as {
    name: string;
    services: Record<string, Service>;
  };

  const containers = Object.keys(project.services).map((s) => `${project.name}-${s}`);

  say('2. Start a single-node tsorch daemon');
  const daemon = spawn(cli, ['daemon'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let daemonLog = '';
  daemon.stderr.on('data', (d: Buffer) => (daemonLog += d.toString()));
  try {
    for (let i = 0; i < 300 && !daemonLog.includes('daemon ready'); i += 1) {
      if (daemon.exitCode !== null) throw new Error(`the daemon exited:\n${daemonLog}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!daemonLog.includes('daemon ready'))
      throw new Error(`the daemon did not start:\n${daemonLog}`);
    tsorch(['version']);

    say('3. Build the image from scratch');
    const context = join(base, 'app');
    cpSync(join(repo, 'examples/hello/app'), context, { recursive: true });
    copyFileSync('/usr/bin/busybox', join(context, 'busybox'));
    const images = new Set(Object.values(project.services).map((s) => s.image));
    for (const image of images) tsorch(['build', '-t', image, context]);
    tsorch(['image', 'ls']);

    say('4. Run the services in dependency order');
    for (const name of startOrder(project.services)) {
      const svc = project.services[name];
      if (svc === undefined) continue;
      for (const [dep, { condition }] of Object.entries(svc.depends_on ?? {})) {
        if (condition === 'service_healthy') {
          process.stdout.write(`waiting for ${project.name}-${dep} to be healthy...\n`);
          await waitHealthy(`${project.name}-${dep}`, 30_000);
        }
      }
      tsorch(runArgs(project.name, name, svc));
    }

    say('5. Look at them');
    tsorch(['ps']);
    tsorch(['exec', `${project.name}-web`, 'wget', '-qO-', 'http://127.0.0.1:8080/']);
    tsorch(['stats', '--no-stream', `${project.name}-web`, `${project.name}-counter`]);
    await new Promise((r) => setTimeout(r, 2_500));
    tsorch(['logs', '--tail', '3', `${project.name}-counter`]);

    say('6. Clean up');
    tsorch(['rm', '-f', ...containers]);
  } finally {
    // Containers outlive the daemon by design: remove them (even after a failure) before it stops.
    try {
      tsorch(['rm', '-f', ...containers], { quiet: true });
    } catch {
      // Already removed, or never created.
    }
    if (daemon.exitCode === null && daemon.pid !== undefined) {
      const exited = new Promise((r) => daemon.once('exit', r));
      process.kill(daemon.pid, 'SIGTERM');
      await exited;
    }
    rmSync(base, { recursive: true, force: true });
  }
  say('Done: the stack was read, built, run and removed.');
}

main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
