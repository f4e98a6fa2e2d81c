import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/** `tsorch login [SERVER]` and `tsorch logout [SERVER]`. */
export function registerLogin(program: Command, io: CliIo): void {
  program
    .command('login')
    .description(
      'log in to a registry; credentials go to ${TSORCH_CONFIG:-~/.tsorch}/config.json (0600)',
    )
    .argument('[server]', 'registry host[:port]', undefined)
    .option('-u, --username <user>', 'user name')
    .option('-p, --password <password>', 'password')
    .option('--password-stdin', 'read the password from standard input')
    .option('--insecure', 'use plain http (loopback registries always do)')
    .action(async (server: string | undefined, opts: Record<string, unknown>) => {
      const { loginCommand } = await import('../images/actions.js');
      await loginCommand(io, server, opts);
    });
  program
    .command('logout')
    .description('remove saved credentials of a registry')
    .argument('[server]', 'registry host[:port]', undefined)
    .action(async (server: string | undefined) => {
      const { logoutCommand } = await import('../images/actions.js');
      await logoutCommand(io, server);
    });
}
