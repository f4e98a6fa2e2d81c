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
