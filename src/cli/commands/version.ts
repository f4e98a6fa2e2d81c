import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { version } from '../version.js';

/** `tsorch version`: prints the client version (and, later, the daemon's). */
export function registerVersion(program: Command, io: CliIo): void {
  program
    .command('version')
    .description('print version information')
    .option('--format <format>', 'output format: text or json', 'text')
    .action((opts: { format: string }) => {
      const info = { client: { version, node: process.version, platform: process.platform } };
      io.stdout.write(
        opts.format === 'json' ? `${JSON.stringify(info)}\n` : `tsorch version ${version}\n`,
      );
    });
}
