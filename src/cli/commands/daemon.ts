import { Option, type Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerDaemonControl } from '../compose/daemon-commands.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `tsorch daemon`: runs the node daemon in the foreground. */
export function registerDaemon(program: Command, io: CliIo): void {
  const daemon = program
    .command('daemon')
    .summary('run the tsorch daemon (a node) in the foreground')
    .description(
      'run the tsorch daemon (a node) in the foreground: it runs containers, stores images and\n' +
        'serves the local API on <run>/tsorch.sock (mode 0600). Needs root.',
    )
    .option('--root <dir>', 'persistent state directory (env TSORCH_ROOT)', undefined)
    .option('--run <dir>', 'runtime directory: socket, pid file (env TSORCH_RUN)', undefined)
    .option('--runtime <name>', 'OCI runtime: runc or crun (env TSORCH_RUNTIME)')
    .option('--listen-addr <addr>', 'cluster listen address (used by swarm mode)')
    .option('--advertise-addr <addr>', 'address other nodes reach this one at')
    .option('--data-path-port <port>', 'UDP port for VXLAN overlay traffic', '4789')
    .option(
      '--insecure-registry <host>',
      'allow plain http for this registry (repeatable)',
      collect,
      [],
    )
    .option('--log-level <level>', 'debug, info, warn or error (env TSORCH_LOG_LEVEL)')
    .option(
      '--single-node',
      'unless in a cluster already, become a single-node cluster manager on a loopback address (what daemon start does)',
    )
    // Test seams, not for production: short certificate lives and a skewed clock.
    .addOption(new Option('--min-cert-expiry <duration>').hideHelp())
    .addOption(new Option('--clock-offset <duration>').hideHelp())
    .addHelpText(
      'after',
      '\nExamples:\n  tsorch daemon\n  tsorch daemon start          in the background (tsorch daemon stop ends it)\n  TSORCH_ROOT=/tmp/n1 TSORCH_RUN=/tmp/n1/run tsorch daemon --runtime crun',
    )
    .action(async (flags: Record<string, unknown>) => {
      const { runDaemonCommand } = await import('./daemon-action.js');
      await runDaemonCommand(flags, io);
    });
  registerDaemonControl(daemon, io);
}
