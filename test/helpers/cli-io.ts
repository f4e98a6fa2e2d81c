/**
 * A {@link CliIo} that records what a command writes, for in-process CLI tests.
 *
 * @module
 */
import type { CliIo } from '../../src/cli/io.js';

/** An io with the given working directory and environment, and its recorded output. */
export function captureIo(
  cwd: string,
  env: Record<string, string>,
): { io: CliIo; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      env,
      cwd,
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
