/**
 * Drivers for OCI runtime binaries (runc, crun). Each {@link Runtime} exposes the exact command
 * lines (`argv`), so a container monitor process can run them itself, and async methods that
 * run them with a deadline and turn failures into {@link RuntimeError}s.
 *
 * Every command passes `--root <stateDir>`: the state directory lives under the daemon's
 * `--run` directory, so daemons side by side (and tests) never see each other's containers.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { StdioOptions } from 'node:child_process';
import { NotFoundError } from '../../util/errors.js';
import { runtimeCommandTimeoutMs, runtimeStderrTailChars } from '../../util/limits.js';
import { RuntimeError } from './errors.js';
import type { OciProcess, OciState } from './oci-types.js';
import { runCommand, type CommandResult } from './spawn.js';

/** The OCI runtimes tsorch drives. */
export type RuntimeName = 'runc' | 'crun';

/** Options of `argv.create`. */
export interface CreateArgs {
  /** File the runtime writes the container's init PID into. */
  pidFile?: string;
  /** Unix socket receiving the terminal's master fd (containers with `process.terminal`). */
  consoleSocket?: string;
  /** File the runtime writes its own log into (JSON lines; errors have level "error"). */
  logFile?: string;
}

/** Options of `argv.exec`. */
export interface ExecArgs {
  tty?: boolean;
  detach?: boolean;
  pidFile?: string;
  consoleSocket?: string;
  logFile?: string;
}

/** The command lines of each runtime operation, program first. */
export interface RuntimeArgv {
  create(id: string, bundle: string, opts?: CreateArgs): string[];
  start(id: string): string[];
  /**
   * `run`: create + start in one invocation. In the foreground (default) it also waits for the
   * exit and deletes; with `detach` it returns once the container runs (one process instead
   * of two on the start path).
   */
  run(id: string, bundle: string, opts?: CreateArgs & { detach?: boolean }): string[];
  kill(id: string, signal: string, opts?: { all?: boolean }): string[];
  delete(id: string, opts?: { force?: boolean }): string[];
  state(id: string): string[];
  list(): string[];
  pause(id: string): string[];
  resume(id: string): string[];
  exec(id: string, processJsonPath: string, opts?: ExecArgs): string[];
  ps(id: string): string[];
}

/** Common options of the runtime methods. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Default {@link runtimeCommandTimeoutMs}. */
  timeoutMs?: number;
}

/** Result of {@link Runtime.exec} run in the foreground. */
export interface ExecResult {
  exitCode: number | undefined;
  signal: NodeJS.Signals | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** A driver for one OCI runtime binary and one state directory. */
export interface Runtime {
  readonly name: RuntimeName;
  /** The runtime's `--root`. */
  readonly stateDir: string;
  readonly argv: RuntimeArgv;
  /**
   * The fifo a created container's init waits on until started (runc's `exec.fifo`), for a
   * monitor that starts it without a runtime process; undefined when the runtime has none
   * tsorch knows (crun).
   */
  readonly execFifo?: (id: string) => string;
  /**
   * Creates the container from `bundle` (config.json + rootfs). The container's stdio is
   * `opts.stdio` (default /dev/null for all three).
   */
  create(
    id: string,
    bundle: string,
    opts?: CallOptions & { pidFile?: string; consoleSocket?: string; stdio?: StdioOptions },
  ): Promise<void>;
  start(id: string, opts?: CallOptions): Promise<void>;
  /** {@link Runtime.create} and {@link Runtime.start} in one runtime invocation (`run --detach`). */
  run(
    id: string,
    bundle: string,
    opts?: CallOptions & { pidFile?: string; consoleSocket?: string; stdio?: StdioOptions },
  ): Promise<void>;
  /** Sends `signal` (a name like `SIGTERM` or `TERM`, or a number) to init, or to all (`all`). */
  kill(id: string, signal: string | number, opts?: CallOptions & { all?: boolean }): Promise<void>;
  /** Deletes the container and its cgroup; `force` kills it first and ignores "not found". */
  delete(id: string, opts?: CallOptions & { force?: boolean }): Promise<void>;
  /** @throws {NotFoundError} CONTAINER_NOT_FOUND when the runtime does not know `id`. */
  state(id: string, opts?: CallOptions): Promise<OciState>;
  list(opts?: CallOptions): Promise<OciState[]>;
  /** Freezes every process of the container; resolves once the state shows `paused`. */
  pause(id: string, opts?: CallOptions): Promise<void>;
  resume(id: string, opts?: CallOptions): Promise<void>;
  /** Host PIDs of every process in the container. */
  ps(id: string, opts?: CallOptions): Promise<number[]>;
  /**
   * Runs `process` in the container in the foreground and captures its output (bounded).
   * A non-zero exit of the process is a result, not an error.
   *
   * @throws {RuntimeError} when the runtime itself fails (container not running, bad process).
   */
  exec(
    id: string,
    process: OciProcess,
    opts?: CallOptions & { input?: string },
  ): Promise<ExecResult>;
}

/** Options of {@link createRuntime}. */
export interface RuntimeOptions {
  /** The runtime's state directory (`--root`), e.g. `<--run>/runc`. Created if missing. */
  stateDir: string;
  /** Binary to run; default the runtime's name, looked up on PATH. */
  binary?: string;
  /**
   * Command prefix placed before the binary for the commands that create or delete cgroups
   * (create, run, delete), e.g. the private-mount-namespace wrapper crun
   * needs on hybrid cgroup hosts (see open.ts). Default none.
   */
  wrapper?: string[];
}

/** Polls of the state after a pause, and the interval between them (2 s in all). */
const pauseSettlePolls = 200;
const pauseSettleIntervalMs = 10;

function tail(text: string): string {
  return text.length > runtimeStderrTailChars ? text.slice(-runtimeStderrTailChars) : text;
}

/** Extracts error messages from a runtime JSON log (`{"level":"error","msg":...}` lines). */
export function errorsFromLog(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const rec = JSON.parse(line) as { level?: unknown; msg?: unknown };
      if (rec.level === 'error' && typeof rec.msg === 'string') out.push(rec.msg);
    } catch {
      // Not JSON (crun prints plain text before its logger is set up): keep it as is.
      out.push(line);
    }
  }
  return out;
}

/**
 * tsorch's own files for a runtime (exec process files, runtime logs, pid files): next to the
 * state directory, never inside it, where runc would take them for containers.
 */
export function scratchDirOf(stateDir: string): string {
  return `${stateDir.replace(/\/+$/, '')}.tsorch`;
}

/** Sends SIGKILL to the PID written in `pidFile`, if any (gone processes are fine). */
async function killPidFile(pidFile: string): Promise<void> {
  const pid = Number((await fs.readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isSafeInteger(pid) || pid <= 1) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function signalName(signal: string | number): string {
  if (typeof signal === 'number') return String(signal);
  const s = signal.toUpperCase();
  return s.startsWith('SIG') ? s.slice(3) : s;
}

function makeArgv(
  name: RuntimeName,
  binary: string,
  wrapper: readonly string[],
  stateDir: string,
): RuntimeArgv {
  // Only the commands that set up or tear down cgroups need the wrapper (see open.ts): the
  // others would pay for three extra processes (unshare, sh, mount) for nothing.
  const plain = [binary, '--root', stateDir];
  const base = [...wrapper, ...plain];
  const withLog = (logFile: string | undefined): string[] =>
    logFile === undefined
      ? base
      : name === 'runc'
        ? [...base, '--log', logFile, '--log-format', 'json']
        : [...base, `--log=file:${logFile}`, '--log-format=json'];
  const plainWithLog = (logFile: string | undefined): string[] =>
    withLog(logFile).slice(wrapper.length);
  return {
    create: (id, bundle, o = {}) => [
      ...withLog(o.logFile),
      'create',
      '--bundle',
      bundle,
      ...(o.pidFile === undefined ? [] : ['--pid-file', o.pidFile]),
      ...(o.consoleSocket === undefined ? [] : ['--console-socket', o.consoleSocket]),
      id,
    ],
    start: (id) => [...plain, 'start', id],
    run: (id, bundle, o = {}) => [
      ...withLog(o.logFile),
      'run',
      ...(o.detach === true ? ['--detach'] : []),
      '--bundle',
      bundle,
      ...(o.pidFile === undefined ? [] : ['--pid-file', o.pidFile]),
      ...(o.consoleSocket === undefined ? [] : ['--console-socket', o.consoleSocket]),
      id,
    ],
    kill: (id, signal, o = {}) => [
      ...plain,
      'kill',
      ...(o.all === true ? ['--all'] : []),
      id,
      signal,
    ],
    delete: (id, o = {}) => [...base, 'delete', ...(o.force === true ? ['--force'] : []), id],
    state: (id) => [...plain, 'state', id],
    list: () => [...plain, 'list', '--format', 'json'],
    pause: (id) => [...plain, 'pause', id],
    resume: (id) => [...plain, 'resume', id],
    exec: (id, processJsonPath, o = {}) => [
      ...plainWithLog(o.logFile),
      'exec',
      '--process',
      processJsonPath,
      ...(o.tty === true ? ['--tty'] : []),
      ...(o.detach === true ? ['--detach'] : []),
      ...(o.pidFile === undefined ? [] : ['--pid-file', o.pidFile]),
      ...(o.consoleSocket === undefined ? [] : ['--console-socket', o.consoleSocket]),
      id,
    ],
    ps: (id) => [...plain, 'ps', '--format', 'json', id],
  };
}

/**
 * Creates the driver for `name`. Does no I/O: use {@link openRuntime} to also check that the
 * binary works on this host.
 */
export function createRuntime(name: RuntimeName, opts: RuntimeOptions): Runtime {
  const stateDir = opts.stateDir;
  const argv = makeArgv(name, opts.binary ?? name, opts.wrapper ?? [], stateDir);
  const scratch = scratchDirOf(stateDir);

  async function scratchFile(suffix: string): Promise<string> {
    await fs.mkdir(scratch, { recursive: true, mode: 0o700 });
    return join(scratch, `${randomBytes(6).toString('hex')}${suffix}`);
  }

  function failure(
    what: string,
    id: string,
    cmd: string[],
    r: CommandResult,
    logErrors: string[] = [],
  ): RuntimeError {
    const lines = [...logErrors, ...r.stderr.split('\n')].map((l) => l.trim());
    const detail = [...new Set(lines.filter((l) => l !== ''))].join('; ');
    const why = r.timedOut
      ? 'timed out'
      : detail === ''
        ? `exit code ${String(r.exitCode ?? r.signal)}`
        : detail;
    const subject = id === '' ? 'containers' : `container "${id}"`;
    return new RuntimeError(`Cannot ${what} ${subject} with ${name}: ${tail(why)}`, {
      details: {
        runtime: name,
        argv: cmd,
        exitCode: r.exitCode ?? null,
        signal: r.signal ?? null,
        stderrTail: tail(detail),
      },
    });
  }

  function notFound(id: string): NotFoundError {
    return new NotFoundError(`No such container "${id}" in runtime ${name}`, {
      code: 'CONTAINER_NOT_FOUND',
      details: { id, runtime: name },
    });
  }

  // Runtime state lives in `<stateDir>/<id>` for runc and crun alike; an id that is not a
  // plain name (no "/", no "..") can never be a container.
  const known = (id: string): boolean =>
    /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(id) && existsSync(join(stateDir, id));

  /** Runs `cmd`; a failure for an `id` the runtime does not know is CONTAINER_NOT_FOUND. */
  async function run(
    what: string,
    id: string | undefined,
    cmd: string[],
    o: CallOptions = {},
  ): Promise<string> {
    const r = await runCommand(cmd, {
      timeoutMs: o.timeoutMs ?? runtimeCommandTimeoutMs,
      signal: o.signal,
    });
    if (r.exitCode === 0) return r.stdout;
    if (id !== undefined && !known(id)) throw notFound(id);
    throw failure(what, id ?? '', cmd, r);
  }

  async function readLogErrors(logFile: string): Promise<string[]> {
    const text = await fs.readFile(logFile, 'utf8').catch(() => '');
    await fs.rm(logFile, { force: true });
    return errorsFromLog(text);
  }

  async function launch(
    what: 'create' | 'run',
    id: string,
    bundle: string,
    o: CallOptions & { pidFile?: string; consoleSocket?: string; stdio?: StdioOptions },
  ): Promise<void> {
    await fs.mkdir(stateDir, { recursive: true, mode: 0o700 });
    const logFile = await scratchFile('.log');
    const args: CreateArgs = {
      logFile,
      ...(o.pidFile === undefined ? {} : { pidFile: o.pidFile }),
      ...(o.consoleSocket === undefined ? {} : { consoleSocket: o.consoleSocket }),
    };
    const cmd =
      what === 'create'
        ? argv.create(id, bundle, args)
        : argv.run(id, bundle, { ...args, detach: true });
    // The container inherits the command's stdio: never a pipe we would wait on.
    const r = await runCommand(cmd, {
      timeoutMs: o.timeoutMs ?? runtimeCommandTimeoutMs,
      signal: o.signal,
      stdio: o.stdio ?? 'ignore',
    });
    const errors = await readLogErrors(logFile);
    if (r.exitCode !== 0) throw failure(what, id, cmd, r, errors);
  }

  return {
    name,
    stateDir,
    argv,
    ...(name === 'runc' ? { execFifo: (id: string) => join(stateDir, id, 'exec.fifo') } : {}),
    create(id, bundle, o = {}) {
      return launch('create', id, bundle, o);
    },
    run(id, bundle, o = {}) {
      return launch('run', id, bundle, o);
    },
    async start(id, o) {
      await run('start', id, argv.start(id), o);
    },
    async kill(id, signal, o = {}) {
      await run('signal', id, argv.kill(id, signalName(signal), { all: o.all === true }), o);
    },
    async delete(id, o = {}) {
      if (o.force === true && !known(id)) return;
      await run('delete', id, argv.delete(id, { force: o.force === true }), o);
    },
    async state(id, o) {
      if (!known(id)) throw notFound(id);
      return JSON.parse(await run('inspect', id, argv.state(id), o)) as OciState;
    },
    async list(o) {
      if (!existsSync(stateDir)) return [];
      const text = await run('list', undefined, argv.list(), o);
      // runc prints `null` when there are no containers.
      return (JSON.parse(text.trim() === '' ? 'null' : text) as OciState[] | null) ?? [];
    },
    async pause(id, o) {
      await run('pause', id, argv.pause(id), o);
      // crun returns while the freezer may still be FREEZING: settle so every runtime means
      // "frozen" when pause resolves.
      for (let i = 0; i < pauseSettlePolls; i++) {
        const st = JSON.parse(await run('inspect', id, argv.state(id), o)) as OciState;
        if (st.status !== 'running') return;
        await new Promise((r) => setTimeout(r, pauseSettleIntervalMs));
      }
      throw new RuntimeError(`Cannot pause container "${id}" with ${name}: it did not freeze`, {
        details: { runtime: name },
      });
    },
    async resume(id, o) {
      await run('resume', id, argv.resume(id), o);
    },
    async ps(id, o) {
      const text = await run('list processes of', id, argv.ps(id), o);
      return (JSON.parse(text.trim() === '' ? 'null' : text) as number[] | null) ?? [];
    },
    async exec(id, process, o = {}) {
      if (!known(id)) throw notFound(id);
      const processFile = await scratchFile('.json');
      const logFile = await scratchFile('.log');
      const pidFile = await scratchFile('.pid');
      await fs.writeFile(processFile, JSON.stringify(process), { mode: 0o600 });
      const cmd = argv.exec(id, processFile, { logFile, pidFile });
      let exited = false;
      try {
        const r = await runCommand(cmd, {
          timeoutMs: o.timeoutMs ?? runtimeCommandTimeoutMs,
          signal: o.signal,
          input: o.input,
        });
        exited = !r.timedOut;
        const errors = await readLogErrors(logFile);
        if (
          errors.length > 0 ||
          (r.exitCode === undefined && !r.timedOut && r.signal === undefined)
        )
          throw failure('exec in', id, cmd, r, errors);
        return r;
      } finally {
        // A deadline or an abort killed the runtime's exec command, which cannot forward
        // SIGKILL: kill the process it started, or it would outlive its health check.
        if (!exited) await killPidFile(pidFile);
        await Promise.all([processFile, logFile, pidFile].map((f) => fs.rm(f, { force: true })));
      }
    },
  };
}
