/**
 * Runs the network tools as child processes: the one place in `net` that spawns.
 *
 * @module
 */
import { execFile } from 'node:child_process';
import {
  netCommandOutputMaxBytes,
  netCommandTimeoutMs,
  netStderrTailChars,
} from '../util/limits.js';
import { BatchSession, NetnsSpares } from './batch-session.js';
import { NetError } from './errors.js';

/** Options of one tool run. */
export interface RunOptions {
  /** Written to the tool's stdin, which is then closed (`ip -batch -`). */
  stdin?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** Runs a tool and returns its stdout; the seam tests replace to see the commands. */
export interface CommandRunner {
  /**
   * Runs `file` with `args`.
   *
   * @throws {NetError} when the tool is missing, fails, or outlives its deadline.
   */
  run(file: string, args: readonly string[], options?: RunOptions): Promise<string>;
}

/** The runner that spawns real processes, each bounded by {@link netCommandTimeoutMs}. */
export const processRunner: CommandRunner = {
  run(file, args, options = {}) {
    return new Promise((resolve, reject) => {
      const child = execFile(
        file,
        args,
        {
          timeout: netCommandTimeoutMs,
          maxBuffer: netCommandOutputMaxBytes,
          killSignal: 'SIGKILL',
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        },
        (err, stdout, stderr) => {
          if (err === null) {
            resolve(stdout);
            return;
          }
          reject(toNetError(file, args, err, stderr));
        },
      );
      child.stdin?.on('error', () => {
        // The tool exited before reading all input; its exit status tells what went wrong.
      });
      child.stdin?.end(options.stdin ?? '');
    });
  },
};

function toNetError(
  file: string,
  args: readonly string[],
  err: Error & { code?: unknown; killed?: boolean },
  stderr: string,
): NetError {
  const command = [file, ...args].join(' ');
  if (err.code === 'ENOENT') {
    return new NetError(`Cannot run "${file}": it is not installed`, {
      cause: err,
      hint: 'Install iproute2, iptables and util-linux (bash scripts/setup-host.sh)',
    });
  }
  const tail = stderr.trim().slice(-netStderrTailChars);
  const why =
    err.killed === true ? `timed out after ${netCommandTimeoutMs} ms` : tail || err.message;
  return new NetError(`Network command "${command}" failed: ${why}`, {
    cause: err,
    details: { command, stderr: tail },
  });
}

/**
 * A runner that sends `ip -batch -` in the caller's namespace to one long-lived `ip` process
 * (ADR 034) and spawns everything else through {@link processRunner}.
 */
export function sessionRunner(session: BatchSession = new BatchSession()): CommandRunner {
  return {
    async run(file, args, options = {}) {
      if (file !== 'ip' || args.length !== 2 || args[0] !== '-batch' || args[1] !== '-') {
        return processRunner.run(file, args, options);
      }
      await session.run((options.stdin ?? '').split('\n'), options.signal);
      return '';
    },
  };
}

let shared: { runner: CommandRunner; spares: NetnsSpares } | undefined;

/** The process's shared session runner and namespace spares, made on first use. */
export function sharedBatchTools(): { runner: CommandRunner; spares: NetnsSpares } {
  shared ??= { runner: sessionRunner(), spares: new NetnsSpares() };
  return shared;
}
