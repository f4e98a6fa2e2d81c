/**
 * `tsorch swarm init|join|join-token|leave|update|inspect|ca` (Docker Swarm's `docker swarm`).
 *
 * @module
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/** Registers `tsorch swarm`. */
export function registerSwarm(program: Command, io: CliIo): void {
  const swarm = program.command('swarm').description('manage the cluster (swarm mode)');
  const run = async (
    verb: string,
    args: string[],
    opts: Record<string, unknown>,
  ): Promise<void> => {
    const { swarmCommand } = await import('./actions.js');
    await swarmCommand(io, verb, args, opts);
  };
  swarm
    .command('init')
    .description('make this node the first manager of a new cluster')
    .option('--advertise-addr <addr[:port]>', 'address other nodes reach this one at')
    .option('--listen-addr <addr[:port]>', 'cluster listener (default 0.0.0.0:2377)')
    .option('--cert-expiry <duration>', 'life of node certificates, e.g. 2160h (default 90 days)')
    .option('--autolock', 'keep the manager keys locked: a restarted manager needs "swarm unlock"')
    .addHelpText('after', '\nExamples:\n  tsorch swarm init --advertise-addr 10.0.0.1')
    .action((opts: Record<string, unknown>) => run('init', [], opts));
  swarm
    .command('join')
    .description('join this node to a cluster as a worker or a manager (the token decides)')
    .argument('<manager>', 'address of a manager, HOST[:PORT] (default port 2377)')
    .requiredOption('--token <token>', 'join token (from "tsorch swarm join-token")')
    .option('--advertise-addr <addr[:port]>', 'address other nodes reach this one at')
    .option('--listen-addr <addr[:port]>', 'cluster listener of a manager (default 0.0.0.0:2377)')
    .addHelpText('after', '\nExamples:\n  tsorch swarm join --token SWMTKN-1-... 10.0.0.1:2377')
    .action((manager: string, opts: Record<string, unknown>) => run('join', [manager], opts));
  swarm
    .command('join-token')
    .description('print the command that joins a worker or a manager')
    .argument('<role>', 'worker or manager')
    .option('-q, --quiet', 'only print the token')
    .option('--rotate', 'replace the token; the old one stops working at once')
    .action((role: string, opts: Record<string, unknown>) => run('join-token', [role], opts));
  swarm
    .command('leave')
    .description('leave the cluster')
    .option('-f, --force', 'leave even as a manager (can cost the cluster its quorum)')
    .action((opts: Record<string, unknown>) => run('leave', [], opts));
  swarm
    .command('update')
    .description('change cluster settings')
    .option('--cert-expiry <duration>', 'life of node certificates, e.g. 720h')
    .option('--snapshot-interval <n>', 'Raft entries between snapshots')
    .option('--dispatcher-heartbeat <duration>', 'heartbeat period of nodes, e.g. 5s')
    .option('--task-history-limit <n>', 'finished tasks kept per slot')
    .action((opts: Record<string, unknown>) => run('update', [], opts));
  swarm
    .command('inspect')
    .description('show the cluster as JSON')
    .action((opts: Record<string, unknown>) => run('inspect', [], opts));
  swarm
    .command('ca')
    .description('print the root CA certificate; with --rotate, move the cluster to a new root CA')
    .option('--rotate', 'create a new root CA; every node renews its certificate under it')
    .option('-d, --detach', 'with --rotate: do not wait for every node to move')
    .option('--timeout <duration>', 'with --rotate: how long to wait (default 2m)')
    .addHelpText('after', '\nExamples:\n  tsorch swarm ca --rotate')
    .action((opts: Record<string, unknown>) => run('ca', [], opts));
  swarm
    .command('unlock')
    .description('unlock a restarted manager of an autolocked cluster (the key is read from stdin)')
    .addHelpText('after', '\nExamples:\n  tsorch swarm unlock < unlock-key.txt')
    .action((opts: Record<string, unknown>) => run('unlock', [], opts));
  swarm
    .command('unlock-key')
    .description("print this manager's unlock key (autolock); --rotate replaces it")
    .option('-q, --quiet', 'only print the key')
    .option('--rotate', 'make a new unlock key; the old one stops working at once')
    .action((opts: Record<string, unknown>) => run('unlock-key', [], opts));
}
