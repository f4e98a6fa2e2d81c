/**
 * Runs an extra process in a running container (`exec`, health probes) through the runtime:
 * its process.json starts from the container's own process (capabilities, rlimits, user,
 * no-new-privileges, AppArmor/SELinux labels) with the args, env, cwd and user overridden.
 *
 * @module
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TsorchError } from '../../util/errors.js';
import { execProcess, type ContainerUser, type OciSpec, type Runtime } from '../runtime/index.js';

/** An exec request. */
export interface ExecOptions {
  args: string[];
  env?: string[];
  cwd?: string;
  /** Default the container's user. */
  user?: ContainerUser;
  /** Allocate a terminal: needs `shimPath` (the shim relays the terminal, see tsorch-shim.c). */
  tty?: boolean;
  ttySize?: { height: number; width: number };
  shimPath?: string;
}

/** A started exec process; `child` is the runtime's `exec` command. */
export interface ExecHandle {
  child: ChildProcessWithoutNullStreams;
  /** Removes the process.json written for this exec. */
  cleanup(): Promise<void>;
}

/**
 * Starts `opts.args` inside container `id` whose directory (holding `bundle/config.json`) is
 * `dir`. The caller reads `child.stdout`/`child.stderr` and waits for `close`: the runtime's
 * exit code is the process's.
 *
 * @throws {TsorchError} CONTAINER_STATE when the container's bundle is gone.
 */
export async function startExec(
  runtime: Runtime,
  id: string,
  dir: string,
  opts: ExecOptions,
): Promise<ExecHandle> {
  let spec: OciSpec;
  try {
    spec = JSON.parse(await fs.readFile(join(dir, 'bundle', 'config.json'), 'utf8')) as OciSpec;
  } catch (err) {
    throw new TsorchError(
      'CONTAINER_STATE',
      `Cannot exec in container "${id}": it is not running`,
      { cause: err },
    );
  }
  const proc = execProcess(spec, {
    args: opts.args,
    tty: opts.tty ?? false,
    ...(opts.env === undefined ? {} : { env: opts.env }),
    ...(opts.cwd === undefined ? {} : { cwd: opts.cwd }),
    ...(opts.user === undefined ? {} : { user: opts.user }),
  });
  const tag = randomBytes(6).toString('hex');
  const file = join(dir, `exec-${tag}.json`);
  // OCI runtime-spec: process.consoleSize sets the terminal's initial size.
  const size = opts.ttySize;
  const withSize =
    opts.tty === true && size !== undefined && size.height > 0 && size.width > 0
      ? { ...proc, consoleSize: size }
      : proc;
  await fs.writeFile(file, JSON.stringify(withSize), { mode: 0o600 });
  let argv: string[];
  const extra: string[] = [];
  if (opts.tty === true) {
    if (opts.shimPath === undefined)
      throw new TsorchError('INTERNAL', 'A terminal exec needs the shim');
    // Short path: unix socket paths are limited to 108 bytes.
    const socket = join(tmpdir(), `tsorch-tty-${tag}.sock`);
    const pidFile = join(dir, `exec-${tag}.pid`);
    extra.push(socket, pidFile);
    argv = [
      opts.shimPath,
      'tty-exec',
      socket,
      pidFile,
      '--',
      ...runtime.argv.exec(id, file, { tty: true, detach: true, consoleSocket: socket, pidFile }),
    ];
  } else {
    argv = runtime.argv.exec(id, file, { tty: false, detach: false });
  }
  const [cmd, ...args] = argv;
  if (cmd === undefined) throw new TsorchError('INTERNAL', 'Empty runtime exec command line');
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  return {
    child,
    cleanup: async () => {
      for (const f of [file, ...extra]) await fs.rm(f, { force: true });
    },
  };
}

/**
 * Runs a process to completion, collecting at most `maxOutputBytes` of its output; kills the
 * runtime's exec command after `timeoutMs` (exit code -1 then).
 */
export async function runExec(
  runtime: Runtime,
  id: string,
  dir: string,
  opts: ExecOptions & { timeoutMs: number; maxOutputBytes: number },
): Promise<{ exitCode: number; output: string; timedOut: boolean }> {
  const h = await startExec(runtime, id, dir, opts);
  let output = '';
  const add = (d: Buffer): void => {
    if (output.length < opts.maxOutputBytes) output += d.toString('utf8');
  };
  h.child.stdout.on('data', add);
  h.child.stderr.on('data', add);
  h.child.stdin.end();
  const state = { timedOut: false };
  const timer = setTimeout(() => {
    state.timedOut = true;
    h.child.kill('SIGKILL');
  }, opts.timeoutMs);
  try {
    const code = await new Promise<number>((resolve) => {
      h.child.once('error', () => resolve(-1));
      h.child.once('close', (c) => resolve(c ?? -1));
    });
    return {
      exitCode: state.timedOut ? -1 : code,
      output: output.slice(0, opts.maxOutputBytes),
      timedOut: state.timedOut,
    };
  } finally {
    clearTimeout(timer);
    await h.cleanup();
  }
}
