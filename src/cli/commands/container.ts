import type { Command } from 'commander';
import type { CliIo } from '../io.js';

function simple(
  program: Command,
  io: CliIo,
  name: string,
  description: string,
  method: string,
): Command {
  return program
    .command(name)
    .description(description)
    .argument('<containers...>', 'container names or ids')
    .action(async (containers: string[]) => {
      const { eachContainer } = await import('../containers/actions.js');
      await eachContainer(io, containers, method);
    });
}

/** Container lifecycle commands: ps, stop, restart, kill, pause, unpause, rm, inspect, wait, top, stats. */
export function registerContainer(program: Command, io: CliIo): void {
  program
    .command('ps')
    .description('list containers (running only unless -a)')
    .option('-a, --all', 'show all containers')
    .option('-q, --quiet', 'only print ids')
    .option('--format <format>', 'table, json or a template such as {{.name}}', 'table')
    .action(async (opts: { all?: boolean; quiet?: boolean; format?: string }) => {
      const { listContainers } = await import('../containers/actions.js');
      await listContainers(io, opts);
    });
  simple(program, io, 'pause', 'freeze every process of containers', 'pause');
  simple(program, io, 'unpause', 'thaw paused containers', 'unpause');
  for (const [name, method, what] of [
    ['stop', 'stop', 'stop containers: stop signal, then SIGKILL after the grace period'],
    ['restart', 'restart', 'restart containers'],
  ] as const) {
    program
      .command(name)
      .description(what)
      .argument('<containers...>', 'container names or ids')
      .option('-t, --time <s>', 'seconds to wait before SIGKILL')
      .option('-s, --signal <signal>', 'stop signal (stop only)')
      .action(async (containers: string[], opts: { time?: string; signal?: string }) => {
        const { eachContainer } = await import('../containers/actions.js');
        const { UsageError } = await import('../io.js');
        const timeoutS = opts.time === undefined ? -1 : Number(opts.time);
        if (!Number.isInteger(timeoutS))
          throw new UsageError(`Invalid value for --time: "${opts.time ?? ''}"`);
        await eachContainer(io, containers, method, { timeoutS, signal: opts.signal ?? '' });
      });
  }
  program
    .command('kill')
    .description('send a signal to containers (default SIGKILL)')
    .argument('<containers...>', 'container names or ids')
    .option('-s, --signal <signal>', 'signal to send', 'SIGKILL')
    .action(async (containers: string[], opts: { signal: string }) => {
      const { eachContainer } = await import('../containers/actions.js');
      await eachContainer(io, containers, 'kill', { signal: opts.signal });
    });
  program
    .command('rm')
    .description('remove containers')
    .argument('<containers...>', 'container names or ids')
    .option('-f, --force', 'kill running containers first')
    .option('-v, --volumes', 'also remove their anonymous volumes')
    .action(async (containers: string[], opts: { force?: boolean; volumes?: boolean }) => {
      const { eachContainer } = await import('../containers/actions.js');
      await eachContainer(io, containers, 'remove', {
        force: opts.force === true,
        volumes: opts.volumes === true,
      });
    });
  program
    .command('inspect')
    .description('show everything about containers, as JSON')
    .argument('<containers...>', 'container names or ids')
    .action(async (containers: string[]) => {
      const { inspectContainers } = await import('../containers/actions.js');
      await inspectContainers(io, containers);
    });
  program
    .command('wait')
    .description('wait until containers stop, then print their exit codes')
    .argument('<containers...>', 'container names or ids')
    .action(async (containers: string[]) => {
      const { waitContainers } = await import('../containers/actions.js');
      await waitContainers(io, containers);
    });
  program
    .command('top')
    .description("list a container's processes")
    .argument('<container>', 'container name or id')
    .action(async (container: string) => {
      const { topContainer } = await import('../containers/actions.js');
      await topContainer(io, container);
    });
  program
    .command('stats')
    .description('show live CPU, memory, network, block I/O and pids usage of containers')
    .argument('[containers...]', 'container names or ids (default: every running container)')
    .option('-a, --all', 'show every container (default: running ones)')
    .option('--no-stream', 'print one sample and exit')
    .option('--no-trunc', 'show full container ids')
    .option(
      '--format <format>',
      'table, json or a template such as {{.Name}} {{.CPUPerc}}',
      'table',
    )
    .action(
      async (
        containers: string[],
        opts: { all?: boolean; stream?: boolean; trunc?: boolean; format?: string },
      ) => {
        const { showStats } = await import('../containers/stats.js');
        await showStats(io, containers, {
          ...opts,
          noTrunc: opts.trunc === false,
        });
      },
    );
}
