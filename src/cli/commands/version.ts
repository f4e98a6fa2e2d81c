import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { version } from '../../util/version.js';

interface VersionFlags {
  format: string;
  server?: boolean;
}

/** `tsorch version`: the client's version and, when a daemon answers, the daemon's. */
export function registerVersion(program: Command, io: CliIo): void {
  program
    .command('version')
    .description('print the client version and, when a daemon runs, the daemon version')
    .option('--format <format>', 'output format: text or json', 'text')
    .option('--server', 'fail when no daemon answers')
    .action(async (flags: VersionFlags) => {
      const client = { version, node: process.version, platform: process.platform };
      let server: Record<string, unknown> | undefined;
      const { connectDaemon } = await import('../client.js');
      try {
        const daemon = connectDaemon(io.env);
        try {
          server = await daemon.unary(
            daemon.service('system', 'System'),
            'info',
            {},
            {
              deadlineMs: 5_000,
            },
          );
        } finally {
          daemon.close();
        }
      } catch (err) {
        if (flags.server === true) throw err;
      }
      if (flags.format === 'json') {
        io.stdout.write(`${JSON.stringify(server ? { client, server } : { client })}\n`);
        return;
      }
      io.stdout.write(`Client:\n Version: ${version}\n Node.js: ${process.version}\n`);
      if (server) {
        io.stdout.write(
          `Server:\n Version: ${String(server['version'])}\n Root: ${String(server['root'])}\n` +
            ` Runtime: ${String(server['runtime'])}\n Components: ${String(server['components'])}\n`,
        );
      }
    });
}
