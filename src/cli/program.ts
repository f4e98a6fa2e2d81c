/**
 * The command tree (commander), loaded by {@link runCli} for every command line the `run` fast
 * path does not take.
 *
 * @module
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { registerNetworks } from './networks/commands.js';
import { ExitCode, type CliIo } from './io.js';
import { version } from '../util/version.js';
import { routeProjectArgv } from './compose/route.js';

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
  program
    .option(
      '-H, --host <url>',
      'daemon to use: unix:///path, or tcp://MANAGER:2377 over mutual TLS (env TSORCH_HOST)',
    )
    .option(
      '--tlscacert <file>',
      'with a tcp:// host: CA certificate (default <root>/certificates/ca.crt)',
    )
    .option(
      '--tlscert <file>',
      'with a tcp:// host: client certificate (default <root>/certificates/node.crt)',
    )
    .option(
      '--tlskey <file>',
      'with a tcp:// host: client key (default <root>/certificates/node.key)',
    )
    .hook('preAction', () => {
      const o = program.opts<Record<string, string | undefined>>();
      const set = (key: string, value: string | undefined): Record<string, string> =>
        value === undefined ? {} : { [key]: value };
      io.env = {
        ...io.env,
        ...set('TSORCH_HOST', o['host']),
        ...set('TSORCH_TLS_CACERT', o['tlscacert']),
        ...set('TSORCH_TLS_CERT', o['tlscert']),
        ...set('TSORCH_TLS_KEY', o['tlskey']),
      };
    });
  registerCommands(program, io);
  registerNetworks(program, io);
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
 * Parses `argv` with the command tree and runs the command.
 *
 * @returns the exit code; errors other than commander's propagate.
 */
export async function parseAndRun(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    // `tsorch -f stack.yml ps` means `tsorch compose -f stack.yml ps` (docs/adr/023).
    await program.parseAsync([...routeProjectArgv(argv)], { from: 'user' });
    return io.exitCode ?? ExitCode.Ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version end parsing with exit code 0; every other commander error is usage.
      return err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    throw err;
  }
}
