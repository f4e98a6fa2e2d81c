/**
 * The per-container monitor ("shim", docs/adr/002-container-monitor-shim.md): a small C program
 * (tsorch-shim.c, compiled on first use) that mounts the container's root filesystem (mount(2),
 * no process spawned by the daemon), runs the runtime's `create`, holds the
 * container's stdout/stderr, writes the JSON-lines log with rotation, reaps the container as a
 * subreaper and records its exit status in `<dir>/exit.json`. It outlives the daemon, so
 * containers keep running and logging while the daemon restarts.
 *
 * @module
 */
import { spawn, execFile, type ChildProcessByStdio } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readFileSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { TsorchError } from '../../util/errors.js';
import { shimCompileTimeoutMs, shimDonePollMs, shimReportTimeoutMs } from '../../util/limits.js';

/** File names the shim writes in its state directory. */
export const shimFiles = {
  exit: 'exit.json',
  pid: 'shim.pid',
  log: 'shim.log',
} as const;

function findSource(): string {
  // From src/agent/shim (tsx, vitest) or dist/src/agent/shim (built): the .c file stays in src.
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, 'tsorch-shim.c'),
    join(here, '../../../../src/agent/shim/tsorch-shim.c'),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (found === undefined) {
    throw new TsorchError('RUNTIME_UNAVAILABLE', 'Cannot find the source of tsorch-shim', {
      details: { candidates },
    });
  }
  return found;
}

const compiling = new Map<string, Promise<string>>();

/**
 * Returns the path of the compiled shim, compiling `tsorch-shim.c` with `cc` into `cacheDir`
 * when no binary for the current source exists (the name carries the source's hash).
 *
 * @throws {TsorchError} RUNTIME_UNAVAILABLE when no C compiler works.
 */
export function ensureShimBinary(
  cacheDir: string,
  opts: { compiler?: string } = {},
): Promise<string> {
  let result = compiling.get(cacheDir);
  if (result === undefined) {
    result = compile(cacheDir, opts.compiler ?? 'cc');
    compiling.set(cacheDir, result);
    result.catch(() => compiling.delete(cacheDir));
  }
  return result;
}

async function compile(cacheDir: string, compiler: string): Promise<string> {
  const source = findSource();
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12);
  const bin = join(cacheDir, `tsorch-shim-${hash}`);
  if (existsSync(bin)) return bin;
  await fs.mkdir(cacheDir, { recursive: true, mode: 0o700 });
  const tmp = `${bin}.${process.pid}.tmp`;
  await new Promise<void>((resolve, reject) => {
    execFile(
      compiler,
      ['-O2', '-Wall', '-o', tmp, source],
      { timeout: shimCompileTimeoutMs },
      (err, _out, stderr) => {
        if (err === null) {
          resolve();
          return;
        }
        const why = stderr.trim() === '' ? err.message : stderr.trim();
        reject(
          new TsorchError(
            'RUNTIME_UNAVAILABLE',
            `Cannot compile tsorch-shim with "${compiler}": ${why}`,
            {
              cause: err,
              hint: 'install a C compiler (Debian: apt-get install gcc libc6-dev), or run scripts/setup-host.sh',
            },
          ),
        );
      },
    );
  });
  await fs.rename(tmp, bin);
  return bin;
}

/** A file system the shim mounts with mount(2) before the runtime's create. */
export interface ShimMount {
  fstype: string;
  source: string;
  /** Absolute mount point. */
  target: string;
  /** The options (at most a page, as mount(2) takes them). */
  options: string;
  /** The working directory of the mount: relative paths in `options` are relative to it. */
  cwd?: string;
}

/** How to start one shim. */
export interface ShimStartOptions {
  /** The compiled shim (from {@link ensureShimBinary}). */
  shimPath: string;
  /** Directory for exit.json, shim.pid, shim.log (survives daemon restarts). */
  stateDir: string;
  /** The pid file named in `createArgv`. */
  pidFile: string;
  logPath: string;
  logMaxBytes: number;
  logMaxFiles: number;
  /**
   * The runtime's full create command line, e.g. `['runc', '--root', R, 'create', ...]`, or its
   * `run --detach` line (created and started by one runtime process).
   */
  createArgv: readonly string[];
  /** When given, the shim also starts the container before it reports. */
  startArgv?: readonly string[];
  /** When given, the shim deletes the container after its exit (after reading `oomFile`). */
  deleteArgv?: readonly string[];
  /** The cgroup file with the `oom_kill` counter (v1 memory.oom_control, v2 memory.events). */
  oomFile?: string;
  /**
   * The container's root filesystem, mounted by the shim before the runtime's create (and
   * unmounted again when the create or start fails).
   */
  mount?: ShimMount;
  /** A mount point (the container's root filesystem) the shim unmounts after the exit. */
  unmount?: string;
  /**
   * The runtime's exec fifo (runc): the shim starts the container by reading it, as the
   * runtime's `start` does, without a runtime process; `startArgv` runs when it is missing.
   */
  execFifo?: string;
  /** The socket attached clients connect to (docs/adr/024). */
  attach?: string;
  /** The container's stdin is a pipe the shim holds (written by attached clients). */
  stdin?: boolean;
  /** The runtime's console socket (named in `createArgv`): the container has a terminal. */
  consoleSocket?: string;
}

function shimArgs(opts: ShimStartOptions): string[] {
  return [
    '--dir',
    opts.stateDir,
    '--pid-file',
    opts.pidFile,
    '--log',
    opts.logPath,
    '--log-max-bytes',
    String(opts.logMaxBytes),
    '--log-max-files',
    String(opts.logMaxFiles),
    ...(opts.oomFile === undefined ? [] : ['--oom-file', opts.oomFile]),
    ...(opts.mount === undefined
      ? []
      : [
          '--mount',
          opts.mount.fstype,
          opts.mount.source,
          opts.mount.target,
          opts.mount.options,
          ...(opts.mount.cwd === undefined ? [] : ['--mount-cwd', opts.mount.cwd]),
        ]),
    ...(opts.unmount === undefined ? [] : ['--unmount', opts.unmount]),
    ...(opts.execFifo === undefined ? [] : ['--exec-fifo', opts.execFifo]),
    ...(opts.attach === undefined ? [] : ['--attach', opts.attach]),
    ...(opts.stdin === true ? ['--stdin', '1'] : []),
    ...(opts.consoleSocket === undefined ? [] : ['--console-socket', opts.consoleSocket]),
    '--',
    ...opts.createArgv,
    ...(opts.startArgv === undefined ? [] : ['---', ...opts.startArgv]),
    ...(opts.deleteArgv === undefined ? [] : ['---', ...opts.deleteArgv]),
  ];
}

/** A shim started in standby mode: it waits for its arguments on stdin. */
interface Standby {
  shimPath: string;
  child: ChildProcessByStdio<Writable, Readable, null>;
  /** It ended or could not be started. */
  gone: boolean;
}

function spawnStandby(shimPath: string): Standby {
  const child = spawn(shimPath, ['standby'], {
    stdio: ['pipe', 'pipe', 'ignore'],
    detached: true,
  });
  const s: Standby = { shimPath, child, gone: false };
  child.once('error', () => (s.gone = true));
  child.once('exit', () => (s.gone = true));
  // An EPIPE when it is gone surfaces as its missing report.
  child.stdin.on('error', () => undefined);
  return s;
}

/** Sets a standby shim to work and reads its report. */
async function runStandby(s: Standby, opts: ShimStartOptions): Promise<{ pid: number }> {
  const { child } = s;
  child.ref();
  (child.stdin as Writable & { ref?: () => void }).ref?.();
  (child.stdout as Readable & { ref?: () => void }).ref?.();
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (out += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), shimReportTimeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    const unavailable = (cause?: unknown): TsorchError =>
      new TsorchError('RUNTIME_UNAVAILABLE', `Cannot start tsorch-shim "${s.shimPath}"`, {
        ...(cause === undefined ? {} : { cause }),
      });
    if (s.gone) {
      reject(unavailable());
      return;
    }
    child.once('error', (err) => {
      reject(unavailable(err));
    });
    child.once('close', resolve);
    child.stdin.end(
      shimArgs(opts)
        .map((a) => `${a}\0`)
        .join(''),
    );
  }).finally(() => clearTimeout(timer));
  const line = out.trim();
  const ok = /^ok (\d+)$/.exec(line);
  if (code === 0 && ok?.[1] !== undefined) return { pid: Number(ok[1]) };
  const mountFailed = /^mount-failed (.*)$/s.exec(line);
  if (mountFailed?.[1] !== undefined) {
    throw new TsorchError(
      'RUNTIME_EXEC_FAILED',
      `Cannot mount the root filesystem of the container at "${opts.mount?.target ?? ''}": ${mountFailed[1]}`,
      { details: { target: opts.mount?.target ?? '', error: mountFailed[1] } },
    );
  }
  const failed = /^error (\d+) ?(.*)$/s.exec(line);
  const runtimeExit = failed?.[1] !== undefined ? Number(failed[1]) : (code ?? -1);
  const raw = (failed?.[2] ?? line).trim();
  // runc and crun log as `time=... level=error msg="..."`: keep the message.
  const msg = /msg="((?:[^"\\]|\\.)*)"/.exec(raw)?.[1]?.replace(/\\(.)/g, '$1');
  const stderr = msg ?? raw;
  throw new TsorchError(
    'RUNTIME_EXEC_FAILED',
    `Cannot create the container: ${opts.createArgv[0] ?? 'runtime'} exited with code ${runtimeExit}${stderr === '' ? '' : `: ${stderr}`}`,
    { details: { exitCode: runtimeExit, stderr: stderr.slice(-2000) } },
  );
}

/**
 * Starts a shim, which runs the runtime's create (and start, with `startArgv`). Resolves with
 * the container's init pid once the container is created (and started).
 *
 * @throws {TsorchError} RUNTIME_EXEC_FAILED with the runtime's exit code and stderr, or when
 *   the root filesystem cannot be mounted.
 */
export function startShim(opts: ShimStartOptions): Promise<{ pid: number }> {
  return runStandby(spawnStandby(opts.shimPath), opts);
}

/**
 * Starts shims with one kept in standby, started ahead of need: forking the daemon, a large
 * process, costs milliseconds that grow with its memory (page tables are copied), so the next
 * shim is forked while the current container is being created, off the start path.
 */
export class ShimLauncher {
  #standby: Standby | undefined;
  #closed = false;

  /**
   * As {@link startShim}, with the standby shim when there is one.
   *
   * @throws {TsorchError} RUNTIME_EXEC_FAILED with the runtime's exit code and stderr, or when
   *   the root filesystem cannot be mounted.
   */
  start(opts: ShimStartOptions): Promise<{ pid: number }> {
    let s = this.#standby;
    this.#standby = undefined;
    if (s === undefined || s.gone || s.shimPath !== opts.shimPath) {
      if (s !== undefined) this.#discard(s);
      s = spawnStandby(opts.shimPath);
    }
    // After this turn of the event loop: the fork overlaps the runtime's work.
    setImmediate(() => {
      this.#refill(opts.shimPath);
    });
    return runStandby(s, opts);
  }

  #refill(shimPath: string): void {
    if (this.#closed || this.#standby !== undefined) return;
    const s = spawnStandby(shimPath);
    // Idle, it must not keep the process alive.
    s.child.unref();
    (s.child.stdin as Writable & { unref?: () => void }).unref?.();
    (s.child.stdout as Readable & { unref?: () => void }).unref?.();
    this.#standby = s;
  }

  #discard(s: Standby): void {
    // Closing its stdin without arguments ends it quietly.
    s.child.stdin.end();
    s.child.stdout.destroy();
  }

  /** Ends the standby shim; running containers' shims are not affected. */
  close(): void {
    this.#closed = true;
    if (this.#standby !== undefined) this.#discard(this.#standby);
    this.#standby = undefined;
  }
}

/** How a container's init process ended, as the shim recorded it. */
export interface ExitRecord {
  /** Exit status; 128 + signal number when killed by a signal (as docker). */
  exitCode: number;
  /** The killing signal's number, 0 when it exited normally. */
  signal: number;
  /** Whether the kernel OOM-killed a process of the container (when the shim could tell). */
  oomKilled?: boolean;
  /** RFC 3339 time, nanoseconds. */
  finishedAt: string;
}

/** Reads `<stateDir>/exit.json`, or undefined while the container has not exited. */
export async function readExitRecord(stateDir: string): Promise<ExitRecord | undefined> {
  try {
    return JSON.parse(await fs.readFile(join(stateDir, shimFiles.exit), 'utf8')) as ExitRecord;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Resolves once the shim of `stateDir` is done (after recording the exit it deletes the
 * container, then removes shim.pid) or gone: true then, false after `timeoutMs`.
 */
export async function waitShimDone(stateDir: string, timeoutMs: number): Promise<boolean> {
  if (!(await shimAlive(stateDir))) return true;
  return new Promise((resolve) => {
    let settled = false;
    let w: FSWatcher | undefined;
    const finish = (done: boolean): void => {
      if (settled) return;
      settled = true;
      w?.close();
      clearInterval(poll);
      clearTimeout(timer);
      resolve(done);
    };
    const check = (): void => {
      void shimAlive(stateDir).then((alive) => {
        if (!alive) finish(true);
      });
    };
    try {
      w = watch(stateDir, (_event, file) => {
        if (file === shimFiles.pid) check();
      });
    } catch {
      w = undefined;
    }
    const poll = setInterval(check, shimDonePollMs);
    const timer = setTimeout(() => {
      finish(false);
    }, timeoutMs);
    // After the watcher is in place, so a removal in between is not missed.
    check();
  });
}

/** True while the shim recorded in `<stateDir>/shim.pid` runs. */
export async function shimAlive(stateDir: string): Promise<boolean> {
  let pid: number;
  try {
    pid = Number.parseInt(await fs.readFile(join(stateDir, shimFiles.pid), 'utf8'), 10);
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('tsorch-shim') && cmdline.includes(stateDir);
  } catch {
    return false;
  }
}
