/**
 * `tsorch network create|ls|inspect|rm|prune|connect|disconnect` and `tsorch port`: the
 * registrations; the implementations load lazily (actions.ts).
 *
 * @module
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Registers the network commands and `port`. */
export function registerNetworks(program: Command, io: CliIo): void {
  const network = program
    .command('network')
    .description("manage this node's networks and, on a swarm manager, the cluster's");
  const run = async (verb: string, args: string[], opts: Record<string, unknown>) => {
    const { networkCommand } = await import('./actions.js');
    await networkCommand(io, verb, args, opts);
  };
  network
    .command('create')
    .description('create a bridge network (this node) or an overlay network (the cluster)')
    .argument('<name>', 'network name')
    .option('-d, --driver <driver>', 'bridge (this node) or overlay (the cluster)', 'bridge')
    .option('--attachable', 'overlay: standalone containers may attach too')
    .option('--ingress', "overlay: the routing mesh's network (one per cluster)")
    .option('--subnet <cidr>', 'subnet, e.g. 172.30.0.0/16 (default: a free one)')
    .option('--gateway <ip>', 'gateway address in the subnet')
    .option('--ip-range <cidr>', 'where container addresses come from, inside the subnet')
    .option('--internal', 'no traffic in or out of the network')
    .option(
      '-o, --opt <KEY=VALUE>',
      'driver option, e.g. com.docker.network.driver.mtu=1400 (bridge; overlay takes none, and refuses encrypted)',
      collect,
    )
    .option('-l, --label <KEY=VALUE>', 'set a label (repeatable)', collect)
    .action((name: string, opts: Record<string, unknown>) => run('create', [name], opts));
  network
    .command('ls')
    .alias('list')
    .description('list networks')
    .option('-q, --quiet', 'only print ids')
    .option('--format <format>', 'table, json or a template such as {{.name}}', 'table')
    .action((opts: Record<string, unknown>) => run('ls', [], opts));
  network
    .command('inspect')
    .description('show networks as JSON')
    .argument('<networks...>', 'network names or ids')
    .action((names: string[]) => run('inspect', names, {}));
  network
    .command('rm')
    .alias('remove')
    .description('remove networks (refused while containers or services use them)')
    .argument('<networks...>', 'network names or ids')
    .action((names: string[]) => run('rm', names, {}));
  network
    .command('prune')
    .description('remove every user-defined network no container is connected to')
    .option('-f, --force', 'do not ask (there is no prompt)')
    .action(() => run('prune', [], {}));
  network
    .command('connect')
    .description('connect a container to a network')
    .argument('<network>', 'network name or id')
    .argument('<container>', 'container name or id')
    .option('--alias <alias>', 'another name on this network (repeatable)', collect)
    .option('--ip <address>', 'IPv4 address on this network')
    .option('--mac-address <mac>', 'MAC address on this network')
    .action((net: string, container: string, opts: Record<string, unknown>) =>
      run('connect', [net, container], opts),
    );
  network
    .command('disconnect')
    .description('disconnect a container from a network')
    .argument('<network>', 'network name or id')
    .argument('<container>', 'container name or id')
    .action((net: string, container: string) => run('disconnect', [net, container], {}));
  program
    .command('port')
    .description("list a container's published ports")
    .argument('<container>', 'container name or id')
    .argument('[port]', 'only this container port, e.g. 80 or 80/udp')
    .action(async (container: string, port: string | undefined) => {
      const { portCommand } = await import('./actions.js');
      await portCommand(io, container, port);
    });
}
