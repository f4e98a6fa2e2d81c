/**
 * The per-container monitor ("shim", docs/adr/002-container-monitor-shim.md): a small C program
 * (tsorch-shim.c, compiled on first use) that runs the runtime's `create`, holds the
 * container's stdout/stderr, writes the JSON-lines log with rotation, reaps the container as a
 * subreaper and records its exit status in `<dir>/exit.json`. It outlives the daemon, so
 * containers keep running and logging while the daemon restarts.
 *
 * @module
 */
import { spawn, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TsorchError } from '../../util/errors.js';
import { shimCompileTimeoutMs, shimReportTimeoutMs } from '../../util/limits.js';

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
  /** A mount point (the container's root filesystem) the shim unmounts after the exit. */
  unmount?: string;
}

/**
 * Starts a shim, which runs the runtime's create (and start, with `startArgv`). Resolves with
 * the container's init pid once the container is created (and started).
 *
 * @throws {TsorchError} RUNTIME_EXEC_FAILED with the runtime's exit code and stderr.
 */
export async function startShim(opts: ShimStartOptions): Promise<{ pid: number }> {
  const args = [
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
    ...(opts.unmount === undefined ? [] : ['--unmount', opts.unmount]),
    '--',
    ...opts.createArgv,
    ...(opts.startArgv === undefined ? [] : ['---', ...opts.startArgv]),
    ...(opts.deleteArgv === undefined ? [] : ['---', ...opts.deleteArgv]),
  ];
  const child = spawn(opts.shimPath, args, {
    stdio: ['ignore', 'pipe', 'ignore'],
    detached: true,
    timeout: shimReportTimeoutMs,
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => (out += s));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const line = out.trim();
  const ok = /^ok (\d+)$/.exec(line);
  if (code === 0 && ok?.[1] !== undefined) return { pid: Number(ok[1]) };
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
