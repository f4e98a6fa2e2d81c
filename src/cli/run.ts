/**
 * The CLI's entry point as a function, so tests can drive it in-process.
 *
 * Exit codes: 0 success, 1 user error (a {@link TsorchError}), 2 usage error, 70 internal
 * error (a bug in tsorch). A stack trace is printed only with `TSORCH_DEBUG=1`.
 *
 * A plainly valid `tsorch run` skips commander (src/cli/run-fast.ts); every other command
 * line, and `run` with help or anything unusual, goes through the command tree.
 *
 * @module
 */
import { ExitCode, formatError, type CliIo, processIo } from './io.js';
import { parseFastRun } from './run-fast.js';

/**
 * Runs the CLI with `argv` (without the node and script paths).
 *
 * @returns the process exit code.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    const fast = parseFastRun(argv);
    if (fast !== undefined) {
      const { runContainer } = await import('./containers/run-action.js');
      await runContainer(io, fast.image, fast.command, fast.flags);
      return io.exitCode ?? ExitCode.Ok;
    }
    const { parseAndRun } = await import('./program.js');
    return await parseAndRun(argv, io);
  } catch (err) {
    const { text, code } = formatError(err, io.env['TSORCH_DEBUG'] === '1');
    io.stderr.write(text);
    return code;
  }
}
