import type { Command } from 'commander';
import type { CliIo } from '../io.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `tsorch volume ls|create|rm|inspect|prune`. */
export function registerVolume(program: Command, io: CliIo): void {
  const volume = program.command('volume').description('manage named volumes (local driver)');
  const run = async (
    verb: string,
    names: string[],
    opts: Record<string, unknown>,
  ): Promise<void> => {
    const { volumeCommand } = await import('../containers/actions.js');
    await volumeCommand(io, verb, names, opts);
  };
  volume
    .command('create')
    .description('create a volume (an existing one is returned as is)')
    .argument('<name>', 'volume name')
    .option('-l, --label <KEY=VALUE>', 'set a label (repeatable)', collect)
    .action((name: string, opts: Record<string, unknown>) => run('create', [name], opts));
  volume
    .command('ls')
    .description('list volumes')
    .option('-q, --quiet', 'only print names')
    .option('--format <format>', 'table, json or a template such as {{.name}}', 'table')
    .action((opts: Record<string, unknown>) => run('ls', [], opts));
  volume
    .command('inspect')
    .description('show volumes as JSON')
    .argument('<names...>', 'volume names')
    .action((names: string[]) => run('inspect', names, {}));
  volume
    .command('rm')
    .description('remove volumes (refused while a container uses them)')
    .argument('<names...>', 'volume names')
    .option('-f, --force', 'no error for missing volumes')
    .action((names: string[], opts: Record<string, unknown>) => run('rm', names, opts));
  volume
    .command('prune')
    .description('remove every volume no container uses')
    .action(() => run('prune', [], {}));
}
