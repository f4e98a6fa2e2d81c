import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { version } from '../../util/version.js';

interface VersionFlags {
  format: string;
  server?: boolean;
}

/**
 * `tsorch version`: the client's version and the daemon's. When no daemon answers, the client
 * part is still printed and the command fails (exit 1); `--server` fails before printing.
 */
export function registerVersion(program: Command, io: CliIo): void {
  program
    .command('version')
    .description('print the client and daemon versions (exit 1 when no daemon answers)')
    .option('--format <format>', 'output format: text or json', 'text')
    .option('--server', 'print nothing unless a daemon answers')
    .action(async (flags: VersionFlags) => {
      const client = { version, node: process.version, platform: process.platform };
      let server: Record<string, unknown> | undefined;
      let unreachable: Error | undefined;
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
        unreachable = err instanceof Error ? err : new Error(String(err));
      }
      if (flags.format === 'json') {
        io.stdout.write(`${JSON.stringify(server ? { client, server } : { client })}\n`);
      } else {
        io.stdout.write(`Client:\n Version: ${version}\n Node.js: ${process.version}\n`);
        if (server) {
          io.stdout.write(
            `Server:\n Version: ${String(server['version'])}\n Root: ${String(server['root'])}\n` +
              ` Runtime: ${String(server['runtime'])}\n Components: ${String(server['components'])}\n`,
          );
        }
      }
      // As `docker version`: the client part is printed, and a daemon that does not answer is
      // still an error (exit 1), so scripts can tell.
      if (unreachable !== undefined) throw unreachable;
    });
}
