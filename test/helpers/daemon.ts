/**
 * Starts real `tsorch daemon` processes for tests, each with its own root and runtime
 * directories, and runs the CLI against them as separate processes.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { openCgroupDriver } from '../../src/agent/cgroups/index.js';
import type { Cleanup } from './host.js';
import { waitFor } from './host.js';
import { removeAndCheckNodeNetworks } from './node-networks.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const cliEntry = join(repoRoot, 'src', 'cli', 'main.ts');
/** The published command: a launcher running the bundle `npm run build` writes to dist/cli. */
export const tsorchBin = join(repoRoot, 'bin', 'tsorch');

/** Result of one CLI run. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runTsorch}. */
export interface RunOptions {
  env?: Record<string, string>;
  input?: string;
  timeoutMs?: number;
  cwd?: string;
  /** Run the built command (bin/tsorch) instead of the sources. */
  bin?: boolean | undefined;
}

/** The command line that runs the CLI from source (node + tsx), or the built bin/tsorch. */
export function tsorchCommand(
  args: readonly string[],
  o: { bin?: boolean | undefined } = {},
): { cmd: string; args: string[] } {
  if (o.bin === true) return { cmd: tsorchBin, args: [...args] };
  return { cmd: process.execPath, args: ['--import', 'tsx', cliEntry, ...args] };
}

/** Runs the CLI from source as a child process and collects its output. */
export function runTsorch(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const { cmd, args: argv } = tsorchCommand(args, { bin: options.bin });
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `tsorch ${args.join(' ')} timed out after ${options.timeoutMs ?? 60_000} ms\n${stderr}`,
        ),
      );
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A daemon started by {@link startTestDaemon}. */
export interface TestDaemon {
  root: string;
  run: string;
  socket: string;
  /** Environment pointing a CLI at this daemon. */
  env: Record<string, string>;
  process: ChildProcess;
  /** Everything the daemon printed so far. */
  log(): string;
  /** Runs the CLI against this daemon. */
  cli(args: readonly string[], options?: RunOptions): Promise<CliResult>;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for exit (the state stays, for restart tests). */
  kill9(): Promise<void>;
  /** Starts a new daemon process on the same directories (after stop or kill9). */
  restart(): Promise<void>;
}

/** Options of {@link startTestDaemon}. */
export interface TestDaemonOptions {
  runtime?: 'runc' | 'crun';
  extraArgs?: string[];
  readyTimeoutMs?: number;
  /** Run the daemon and `cli` from the built bin/tsorch instead of the sources. */
  bin?: boolean;
}

/**
 * Starts `tsorch daemon` in temp directories and waits until its socket answers. The daemon is
 * killed (by PID) and its directories removed by `cleanup`.
 */
export async function startTestDaemon(
  cleanup: Cleanup,
  options: TestDaemonOptions = {},
): Promise<TestDaemon> {
  const base = mkdtempSync(join(tmpdir(), 'tsorch-daemon-'));
  const root = join(base, 'root');
  const run = join(base, 'run');
  const socket = join(run, 'tsorch.sock');
  const env = { TSORCH_ROOT: root, TSORCH_RUN: run };
  let output = '';
  let child: ChildProcess | undefined;

  const exited = (c: ChildProcess): Promise<void> =>
    c.exitCode !== null || c.signalCode !== null
      ? Promise.resolve()
      : new Promise((r) => c.once('exit', () => r()));

  const launch = async (): Promise<void> => {
    // Only this launch's output counts: a killed daemon leaves its socket and log line behind.
    const from = output.length;
    const { cmd, args } = tsorchCommand(
      [
        'daemon',
        ...(options.runtime ? ['--runtime', options.runtime] : []),
        ...(options.extraArgs ?? []),
      ],
      { bin: options.bin },
    );
    const c = spawn(cmd, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    c.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    c.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    await waitFor(
      `the daemon's socket ${socket}`,
      () => {
        if (c.exitCode !== null) throw new Error(`tsorch daemon exited early:\n${output}`);
        return existsSync(socket) && output.includes('daemon ready', from);
      },
      { timeoutMs: options.readyTimeoutMs ?? 30_000 },
    );
  };

  const signalAndWait = async (signal: NodeJS.Signals): Promise<void> => {
    const c = child;
    if (c?.pid === undefined || c.exitCode !== null || c.signalCode !== null) return;
    const done = exited(c);
    process.kill(c.pid, signal);
    await done;
  };

  cleanup.push(() => {
    rmSync(base, { recursive: true, force: true });
  });
  // After the daemon stopped: its bridges, container namespaces and iptables chains, checked gone.
  cleanup.push(() => removeAndCheckNodeNetworks(root));
  cleanup.push(async () => {
    // Graceful first, so components can release mounts and cgroups; then by force.
    const c = child;
    if (c?.pid === undefined || c.exitCode !== null || c.signalCode !== null) return;
    const done = exited(c);
    process.kill(c.pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (c.exitCode === null && c.pid !== undefined) process.kill(c.pid, 'SIGKILL');
    }, 15_000);
    await done;
    clearTimeout(timer);
  });
  await launch();
  return {
    root,
    run,
    socket,
    env,
    get process() {
      if (child === undefined) throw new Error('daemon not started');
      return child;
    },
    log: () => output,
    cli: (args, o = {}) => runTsorch(args, { bin: options.bin, ...o, env: { ...env, ...o.env } }),
    stop: () => signalAndWait('SIGTERM'),
    kill9: () => signalAndWait('SIGKILL'),
    restart: launch,
  };
}

/**
 * Makes `cleanup` remove every container of `d` and the daemon's parent cgroup before the
 * daemon itself stops (cleanups run last-in first-out): no container, mount or cgroup is left.
 */
export function removeContainersOnCleanup(cleanup: Cleanup, d: TestDaemon): void {
  cleanup.push(async () => {
    const ps = await d.cli(['ps', '-a', '-q']);
    for (const id of ps.stdout.split('\n').filter((l) => l !== '')) await d.cli(['rm', '-f', id]);
    const parent = `tsorch-${createHash('sha256').update(d.root).digest('hex').slice(0, 8)}`;
    await (await openCgroupDriver()).remove(`/${parent}`).catch(() => undefined);
  });
}
