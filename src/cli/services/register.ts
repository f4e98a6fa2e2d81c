/**
 * The `service` command family and `events` (Docker's flags); implementations load lazily from
 * ./actions.ts.
 *
 * @module
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Flags `create` and `update` share (see SettingFlags in ./spec-flags.ts). */
function settingOptions(cmd: Command): Command {
  return cmd
    .option('--replicas <n>', 'number of tasks (replicated) or completions (replicated-job)')
    .option('--max-concurrent <n>', 'tasks of a replicated job run at once')
    .option('--replicas-max-per-node <n>', 'most tasks per node (0: unlimited)')
    .option('--reserve-memory <bytes>', 'memory reserved per task, e.g. 64M')
    .option('--reserve-cpu <cpus>', 'CPUs reserved per task, e.g. 0.5')
    .option('--limit-memory <bytes>', 'memory limit per task')
    .option('--limit-cpu <cpus>', 'CPU limit per task')
    .option('--limit-pids <n>', 'process limit per task')
    .option('--restart-condition <condition>', 'none, on-failure or any')
    .option('--restart-delay <duration>', 'wait between restarts, e.g. 5s')
    .option('--restart-max-attempts <n>', 'restarts before giving up (0: unlimited)')
    .option('--restart-window <duration>', 'window the attempts are counted in')
    .option('--update-parallelism <n>', 'tasks updated at once (0: all)')
    .option('--update-delay <duration>', 'wait between updates')
    .option('--update-order <order>', 'stop-first or start-first')
    .option('--update-failure-action <action>', 'pause, continue or rollback (default rollback)')
    .option('--update-monitor <duration>', 'how long a new task is watched for failure')
    .option('--update-max-failure-ratio <ratio>', 'failures tolerated, 0 to 1')
    .option('--rollback-parallelism <n>', 'tasks rolled back at once (0: all)')
    .option('--rollback-delay <duration>', 'wait between rollbacks')
    .option('--rollback-order <order>', 'stop-first or start-first')
    .option('--rollback-failure-action <action>', 'pause or continue')
    .option('--rollback-monitor <duration>', 'how long a rolled-back task is watched')
    .option('--rollback-max-failure-ratio <ratio>', 'failures tolerated, 0 to 1')
    .option('--health-cmd <command>', 'command run to check health (shell)')
    .option('--health-interval <duration>', 'time between checks')
    .option('--health-timeout <duration>', 'longest a check may run')
    .option('--health-retries <n>', 'failures in a row that mean unhealthy')
    .option('--health-start-period <duration>', 'start-up time whose failures do not count')
    .option('--health-start-interval <duration>', 'time between checks during the start period')
    .option('--no-healthcheck', "disable the image's health check")
    .option('--hostname <name>', 'container hostname')
    .option('-u, --user <user>', 'user[:group] the process runs as')
    .option('-w, --workdir <dir>', 'working directory')
    .option('--entrypoint <command>', "replace the image's entrypoint")
    .option('--stop-signal <signal>', 'signal that stops the container')
    .option('--stop-grace-period <duration>', 'wait before SIGKILL')
    .option('--endpoint-mode <mode>', 'vip or dnsrr')
    .option('--read-only', 'mount the root filesystem read-only')
    .option('--init', 'run an init process as PID 1');
}

function createCommand(service: Command, io: CliIo): void {
  settingOptions(
    service
      .command('create')
      .description('create a service')
      .argument('<image>', 'image to run')
      .argument('[command...]', 'command and arguments')
      .option('--name <name>', 'service name')
      .option('--mode <mode>', 'replicated, global, replicated-job or global-job', 'replicated')
      .option('-e, --env <KEY=VALUE>', 'set an environment variable (repeatable)', collect)
      .option('--env-file <file>', 'read environment variables from a file (repeatable)', collect)
      .option('-l, --label <KEY=VALUE>', 'service label (repeatable)', collect)
      .option('--container-label <KEY=VALUE>', 'container label (repeatable)', collect)
      .option('--constraint <expr>', 'placement constraint, e.g. node.role==worker', collect)
      .option('--placement-pref <pref>', 'spread=node.labels.NAME (repeatable)', collect)
      .option('-p, --publish <port>', 'publish a port: [PUBLISHED:]TARGET[/PROTO]', collect)
      .option('--mount <mount>', 'type=volume|bind|tmpfs,source=...,target=...', collect)
      .option('--network <network>', 'attach to a network (repeatable)', collect)
      .option('--cap-add <cap>', 'add a Linux capability (repeatable)', collect)
      .option('--cap-drop <cap>', 'drop a Linux capability (repeatable)', collect)
      .option('--with-registry-auth', 'accepted for Docker compatibility; ignored')
      .option('-d, --detach', 'return at once (the default)')
      .option('-q, --quiet', 'print only the id'),
  )
    // Flags after the image belong to the task's command, as in `docker service create`.
    .passThroughOptions()
    .action(async (image: string, command: string[], opts: Record<string, unknown>) => {
      const { createServiceCommand } = await import('./actions.js');
      // Passed through, a `--` after the image stays; it only marks where the command starts.
      await createServiceCommand(io, image, command[0] === '--' ? command.slice(1) : command, opts);
    });
}

function updateCommand(service: Command, io: CliIo): void {
  settingOptions(
    service
      .command('update')
      .description('update a service (only what the flags name changes)')
      .argument('<service>', 'service name or id')
      .option('--image <image>', 'new image')
      .option('--args <command>', 'new command arguments')
      .option('--force', 'roll the tasks out again even if nothing changed')
      .option('--rollback', 'roll back to the previous spec')
      .option('--env-add <KEY=VALUE>', 'add or change an environment variable', collect)
      .option('--env-rm <KEY>', 'remove an environment variable', collect)
      .option('--label-add <KEY=VALUE>', 'add or change a service label', collect)
      .option('--label-rm <KEY>', 'remove a service label', collect)
      .option('--container-label-add <KEY=VALUE>', 'add or change a container label', collect)
      .option('--container-label-rm <KEY>', 'remove a container label', collect)
      .option('--constraint-add <expr>', 'add a placement constraint', collect)
      .option('--constraint-rm <expr>', 'remove a placement constraint', collect)
      .option('--placement-pref-add <pref>', 'add a placement preference', collect)
      .option('--placement-pref-rm <pref>', 'remove a placement preference', collect)
      .option('--publish-add <port>', 'publish a port', collect)
      .option('--publish-rm <port>', 'stop publishing a port ([PUBLISHED:]TARGET[/PROTO])', collect)
      .option('--mount-add <mount>', 'add a mount', collect)
      .option('--mount-rm <target>', 'remove the mount at a target path', collect)
      .option('--network-add <network>', 'attach to a network', collect)
      .option('--network-rm <network>', 'detach from a network', collect)
      .option('--with-registry-auth', 'accepted for Docker compatibility; ignored')
      .option('-d, --detach', 'return at once (the default)'),
  ).action(async (name: string, opts: Record<string, unknown>) => {
    const { updateServiceCommand } = await import('./actions.js');
    await updateServiceCommand(io, name, opts);
  });
}

/** `tsorch service create|ls|ps|inspect|scale|update|rollback|rm`. */
export function registerService(program: Command, io: CliIo): void {
  // Options after a subcommand are its own: `create` passes those after the image through.
  program.enablePositionalOptions();
  const service = program
    .command('service')
    .description('manage services on the cluster')
    .enablePositionalOptions();
  createCommand(service, io);
  updateCommand(service, io);
  service
    .command('ls')
    .alias('list')
    .description('list services')
    .option('-f, --filter <KEY=VALUE>', 'name, id, label or mode (repeatable)', collect)
    .option('-q, --quiet', 'only print ids')
    .option('--format <format>', 'table, json or a template such as {{.id}}', 'table')
    .action(async (opts: Record<string, unknown>) => {
      const { listServicesCommand } = await import('./actions.js');
      await listServicesCommand(io, opts);
    });
  service
    .command('ps')
    .description('list the tasks of services')
    .argument('<services...>', 'service names or ids')
    .option('-f, --filter <KEY=VALUE>', 'node, desired-state, name or id (repeatable)', collect)
    .option('--no-trunc', 'do not shorten ids and errors')
    .option('-q, --quiet', 'only print task ids')
    .option('--format <format>', 'table, json or a template such as {{.name}}', 'table')
    .option('--explain', 'for each pending task, say which filter excluded each node')
    .action(async (services: string[], opts: Record<string, unknown>) => {
      const { listTasksCommand } = await import('./actions.js');
      // commander turns --no-trunc into `trunc: false`.
      await listTasksCommand(io, services, { ...opts, noTrunc: opts['trunc'] === false });
    });
  service
    .command('inspect')
    .description('show services as JSON (or --pretty)')
    .argument('<services...>', 'service names or ids')
    .option('--pretty', 'print in a human-friendly format')
    .action(async (services: string[], opts: { pretty?: boolean }) => {
      const { inspectServicesCommand } = await import('./actions.js');
      await inspectServicesCommand(io, services, opts);
    });
  service
    .command('scale')
    .description('set the replicas of services')
    .argument('<service=replicas...>', 'e.g. web=10 api=3')
    .option('-d, --detach', 'return at once (the default)')
    .action(async (args: string[]) => {
      const { scaleServicesCommand } = await import('./actions.js');
      await scaleServicesCommand(io, args);
    });
  service
    .command('rollback')
    .description('roll a service back to its previous spec')
    .argument('<service>', 'service name or id')
    .option('-d, --detach', 'return at once (the default)')
    .action(async (name: string) => {
      const { rollbackServiceCommand } = await import('./actions.js');
      await rollbackServiceCommand(io, name);
    });
  service
    .command('logs')
    .description("show the logs of a service's tasks running on this node")
    .argument('<service>', 'service name or id')
    .option('-f, --follow', 'follow the output')
    .option('-n, --tail <n>', 'last N lines per task, or all', 'all')
    .option('-t, --timestamps', 'show timestamps')
    .action(
      async (name: string, opts: { follow?: boolean; tail?: string; timestamps?: boolean }) => {
        const { serviceLogsCommand } = await import('./actions.js');
        await serviceLogsCommand(io, name, opts);
      },
    );
  service
    .command('rm')
    .alias('remove')
    .description('remove services (their tasks are stopped)')
    .argument('<services...>', 'service names or ids')
    .action(async (services: string[]) => {
      const { removeServicesCommand } = await import('./actions.js');
      await removeServicesCommand(io, services);
    });
}

/** `tsorch events`. */
export function registerEvents(program: Command, io: CliIo): void {
  program
    .command('events')
    .description('stream changes of services, tasks, nodes and networks until interrupted')
    .option('-f, --filter <type=TYPE>', 'service, task, node or network (repeatable)', collect)
    .option('--format <format>', 'json or a template such as {{.type}}')
    .option('--since <version>', 'first replay the kept changes after this store version')
    .action(async (opts: { filter?: string[]; format?: string; since?: string }) => {
      const { eventsCommand } = await import('./actions.js');
      await eventsCommand(io, opts);
    });
}
