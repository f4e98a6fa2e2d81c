/**
 * `tsorch node ls|inspect|update|promote|demote|rm` (Docker Swarm's `docker node`).
 *
 * @module
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Registers `tsorch node`. */
export function registerNode(program: Command, io: CliIo): void {
  const node = program
    .command('node')
    .description('manage the nodes of the cluster (on a manager)');
  const run = async (
    verb: string,
    args: string[],
    opts: Record<string, unknown>,
  ): Promise<void> => {
    const { nodeCommand } = await import('./actions.js');
    await nodeCommand(io, verb, args, opts);
  };
  node
    .command('ls')
    .description('list nodes: ID HOSTNAME STATUS AVAILABILITY MANAGER STATUS')
    .option('-q, --quiet', 'only print ids')
    .option('--format <format>', 'table, json or a template such as {{.hostname}}', 'table')
    .action((opts: Record<string, unknown>) => run('ls', [], opts));
  node
    .command('inspect')
    .description('show nodes as JSON ("self" is this node)')
    .argument('<nodes...>', 'node ids, id prefixes or hostnames')
    .action((nodes: string[]) => run('inspect', nodes, {}));
  node
    .command('update')
    .description('change a node: availability, labels, role')
    .argument('<node>', 'node id, id prefix or hostname')
    .option('--availability <state>', 'active, pause or drain')
    .option('--role <role>', 'worker or manager')
    .option('--label-add <key=value>', 'add or change a label (repeatable)', collect)
    .option('--label-rm <key>', 'remove a label (repeatable)', collect)
    .option('-f, --force', 'demote even if the managers lose their majority')
    .action((n: string, opts: Record<string, unknown>) => run('update', [n], opts));
  node
    .command('promote')
    .description('make workers managers')
    .argument('<nodes...>', 'node ids, id prefixes or hostnames')
    .action((nodes: string[]) => run('promote', nodes, {}));
  node
    .command('demote')
    .description('make managers workers (refused if the managers would lose their majority)')
    .argument('<nodes...>', 'node ids, id prefixes or hostnames')
    .option('-f, --force', 'demote even if the managers lose their majority')
    .action((nodes: string[], opts: Record<string, unknown>) => run('demote', nodes, opts));
  node
    .command('rm')
    .description('remove nodes from the cluster')
    .argument('<nodes...>', 'node ids, id prefixes or hostnames')
    .option('-f, --force', 'remove a node that is not down')
    .action((nodes: string[], opts: Record<string, unknown>) => run('rm', nodes, opts));
}
