/**
 * The embedded default (DESIGN.md §2): `tsorch daemon start` starts a daemon in the background
 * on this machine (default root, or TSORCH_ROOT/TSORCH_RUN and the daemon's flags) as a
 * single-node cluster manager listening on loopback only (`--single-node`, ADR 031), waits until
 * its socket answers and says where its log goes; `tsorch daemon stop` stops it cleanly by the
 * pid in its pid file and waits for it to exit. `up` calls {@link ensureDaemon}.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDaemonConfig, type DaemonConfig, type DaemonFlags } from '../../daemon/index.js';
import { TsorchError } from '../../util/errors.js';
import type { CliIo } from '../io.js';
import { processAlive } from '../../util/process.js';

/** How long `daemon start` waits for the socket to answer. */
export const daemonStartTimeoutMs = 60_000;
/** How long `daemon stop` waits for the process to exit (its own grace is 10 s per part). */
export const daemonStopTimeoutMs = 60_000;
const pollMs = 100;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The daemon's log file: beside its state, so it survives a reboot. */
export function daemonLogPath(config: DaemonConfig): string {
  return join(config.root, 'daemon.log');
}

/** Whether a daemon answers on the socket `env` points at. */
export async function daemonAnswers(env: CliIo['env']): Promise<boolean> {
  const { connectDaemon } = await import('../client.js');
  let client;
  try {
    client = connectDaemon(env);
  } catch {
    return false;
  }
  try {
    await client.unary(client.service('system', 'System'), 'info', {}, { deadlineMs: 2_000 });
    return true;
  } catch (err) {
    if (err instanceof TsorchError && err.code === 'CLI_DAEMON_UNREACHABLE') return false;
    throw err;
  } finally {
    client.close();
  }
}

/** The pid in the pid file, when that process is alive and is a tsorch daemon. */
function daemonPid(config: DaemonConfig): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(config.pidFile, 'utf8'), 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return undefined;
  // A stale pid file may name a reused pid: only a process running `... daemon` is ours.
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (!argv.includes('daemon')) return undefined;
  } catch {
    return undefined;
  }
  return pid;
}

/** Environment that points a CLI at the daemon of `config`. */
function envFor(io: CliIo, config: DaemonConfig): CliIo['env'] {
  return { ...io.env, TSORCH_RUN: config.run, TSORCH_HOST: undefined };
}

/**
 * Starts a daemon in the background and waits until it answers.
 *
 * @returns its pid and log file; `started: false` when one was running already.
 * @throws {TsorchError} FAILED_PRECONDITION with the log's tail when it exits or does not answer.
 */
export async function startDaemonInBackground(
  io: CliIo,
  flags: DaemonFlags,
): Promise<{ pid: number; log: string; started: boolean }> {
  const config = resolveDaemonConfig(flags, io.env, io.cwd);
  const env = envFor(io, config);
  const log = daemonLogPath(config);
  if (await daemonAnswers(env)) return { pid: daemonPid(config) ?? 0, log, started: false };
  mkdirSync(config.root, { recursive: true, mode: 0o700 });
  const fd = openSync(log, 'a', 0o600);
  const args = [
    ...process.execArgv,
    process.argv[1] ?? '',
    'daemon',
    '--root',
    config.root,
    '--run',
    config.run,
    '--runtime',
    config.runtime,
    '--log-level',
    config.logLevel,
    // The embedded default is a cluster of its own (ADR 031), so the stack commands work at once.
    '--single-node',
  ];
  for (const r of config.insecureRegistries) args.push('--insecure-registry', r);
  if (config.listenAddr !== '') args.push('--listen-addr', config.listenAddr);
  if (config.advertiseAddr !== '') args.push('--advertise-addr', config.advertiseAddr);
  args.push('--data-path-port', String(config.dataPathPort));
  let child;
  try {
    child = spawn(process.execPath, args, {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: {
        ...process.env,
        ...Object.fromEntries(
          Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
        ),
      },
    });
  } finally {
    closeSync(fd);
  }
  child.unref();
  const pid = child.pid ?? 0;
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = signal ?? `exit code ${String(code)}`));
  const deadline = Date.now() + daemonStartTimeoutMs;
  while (Date.now() < deadline) {
    if (exit !== undefined) break;
    if (await daemonAnswers(env)) return { pid, log, started: true };
    await sleep(pollMs);
  }
  const tail = readFileSync(log, 'utf8').split('\n').slice(-10).join('\n').trim();
  throw new TsorchError(
    'FAILED_PRECONDITION',
    exit === undefined
      ? `The tsorch daemon (pid ${pid}) did not answer within ${daemonStartTimeoutMs / 1000} s`
      : `The tsorch daemon exited (${exit}) before it answered`,
    { hint: `its log "${log}" ends with:\n${tail}` },
  );
}

/**
 * Stops the daemon of `flags` (SIGTERM to the pid in its pid file) and waits until it exits.
 *
 * @throws {TsorchError} NOT_FOUND when none runs, TIMEOUT when it does not exit in time.
 */
export async function stopDaemon(io: CliIo, flags: DaemonFlags): Promise<{ pid: number }> {
  const config = resolveDaemonConfig(flags, io.env, io.cwd);
  const pid = daemonPid(config);
  if (pid === undefined)
    throw new TsorchError(
      'NOT_FOUND',
      `No tsorch daemon is running for "${config.run}"`,
      existsSync(config.pidFile) ? { hint: `the pid file "${config.pidFile}" is stale` } : {},
    );
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + daemonStopTimeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return { pid };
    await sleep(pollMs);
  }
  throw new TsorchError(
    'TIMEOUT',
    `The tsorch daemon (pid ${pid}) did not exit within ${daemonStopTimeoutMs / 1000} s of SIGTERM`,
    { hint: `see its log "${daemonLogPath(config)}"` },
  );
}

/**
 * Makes sure a daemon answers: with none reachable on this machine (no TSORCH_HOST), starts the
 * embedded one and says so on stderr.
 */
export async function ensureDaemon(io: CliIo): Promise<void> {
  if (io.env['TSORCH_HOST'] !== undefined && io.env['TSORCH_HOST'] !== '') return;
  if (await daemonAnswers(io.env)) return;
  const { pid, log } = await startDaemonInBackground(io, {});
  io.stderr.write(`Started a tsorch daemon on this machine (pid ${pid}); log: ${log}\n`);
}
