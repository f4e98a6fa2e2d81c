/**
 * Runs one runtime command as a child process with a deadline and bounded output capture.
 *
 * @module
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { runtimeOutputMaxBytes } from '../../util/limits.js';

/** Time to wait for a command's pipes to close after it exited. */
const pipeDrainGraceMs = 200;

/** The outcome of a finished command. */
export interface CommandResult {
  /** Exit code, or undefined when a signal ended the process. */
  exitCode: number | undefined;
  signal: NodeJS.Signals | undefined;
  stdout: string;
  stderr: string;
  /** True when the deadline passed and the process was killed. */
  timedOut: boolean;
}

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Data written to stdin, which is then closed. */
  input?: string | undefined;
  /**
   * Stdio for the child: by default stdout and stderr are captured. Give file descriptors when
   * the command starts a long-lived process that inherits them (`runc create`), so waiting
   * never depends on that process closing a pipe.
   */
  stdio?: StdioOptions | undefined;
}

function capture(chunks: Buffer[], state: { bytes: number }, data: Buffer): void {
  if (state.bytes >= runtimeOutputMaxBytes) return;
  const room = runtimeOutputMaxBytes - state.bytes;
  const part = data.length > room ? data.subarray(0, room) : data;
  chunks.push(part);
  state.bytes += part.length;
}

/**
 * Runs `argv` (program first) and resolves when it EXITS (not when its pipes close: a
 * container started by the command may hold them). Never rejects for a non-zero exit; rejects
 * only when the program cannot be started.
 */
export function runCommand(
  argv: readonly string[],
  opts: RunCommandOptions,
): Promise<CommandResult> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.reject(new Error('runCommand: empty argv'));
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: opts.stdio ?? [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const outState = { bytes: 0 };
    const errState = { bytes: 0 };
    child.stdout?.on('data', (d: Buffer) => {
      capture(out, outState, d);
    });
    child.stderr?.on('data', (d: Buffer) => {
      capture(err, errState, d);
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    let settled = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({
        exitCode: code ?? undefined,
        signal: signal ?? undefined,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
      });
    };
    child.on('close', finish);
    child.on('exit', (code, signal) => {
      // A process the command left behind (a container) may keep the pipes open: once the
      // command itself exited, wait only briefly for the rest of its output.
      setTimeout(() => {
        finish(code, signal);
      }, pipeDrainGraceMs).unref();
    });
  });
}
