/**
 * The CLI's entry point as a function, so tests can drive it in-process.
 *
 * Exit codes: 0 success, 1 user error (a {@link TsorchError}), 2 usage error, 70 internal
 * error (a bug in tsorch). A stack trace is printed only with `TSORCH_DEBUG=1`.
 *
 * @module
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { ExitCode, formatError, type CliIo, processIo } from './io.js';
import { version } from './version.js';

/**
 * Builds the command tree. Command actions load their implementation lazily, so `tsorch --help`
 * and short commands do not pay for modules they do not use.
 */
export function buildProgram(io: CliIo): Command {
  const program = new Command('tsorch')
    .description(
      'Run multi-container applications from compose files, on one machine or a cluster.\n\n' +
        'tsorch reads Docker Compose files and runs them on a Swarm-style cluster of nodes; ' +
        'with no cluster, it runs them on this machine.',
    )
    .version(version, '-v, --version', 'print the tsorch version')
    .helpOption('-h, --help', 'show help for a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => {
        write(s.replace(/^error: /, 'Error: '));
      },
    });
  program.addHelpText(
    'after',
    '\nExamples:\n' +
      '  tsorch config -f compose.yml          print the normalized compose project\n' +
      '  tsorch config --services              list the services of ./compose.yaml\n\n' +
      'Set TSORCH_DEBUG=1 to print stack traces for errors.',
  );
  registerCommands(program, io);
  for (const cmd of program.commands) applyCommonSettings(cmd, io);
  return program;
}

function applyCommonSettings(cmd: Command, io: CliIo): void {
  cmd.exitOverride().configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    outputError: (s, write) => {
      write(s.replace(/^error: /, 'Error: '));
    },
  });
  for (const sub of cmd.commands) applyCommonSettings(sub, io);
}

/**
 * Runs the CLI with `argv` (without the node and script paths).
 *
 * @returns the process exit code.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return io.exitCode ?? ExitCode.Ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version end parsing with exit code 0; every other commander error is usage.
      return err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    const { text, code } = formatError(err, io.env['TSORCH_DEBUG'] === '1');
    io.stderr.write(text);
    return code;
  }
}
