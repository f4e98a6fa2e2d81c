/**
 * The compose command family (ADR 023): `tsorch compose <cmd>` always acts on a project;
 * `tsorch up | down | plan` are its short forms; `tsorch -f FILE <cmd>` and `tsorch -p NAME
 * <cmd>` reach it through route.ts; `tsorch stack deploy | ls | ps | services | rm` run the same
 * code with Swarm's defaults. Implementations load lazily (actions.ts, images.ts, exec.ts).
 *
 * @module
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import type { ComposeDeps, UpFlags } from './actions.js';
import { registerConfig } from '../commands/config.js';
import { addProjectOptions, projectFlagsOf } from './flags.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** The real dependencies: the local daemon (or TSORCH_HOST), the wall clock, Ctrl-C. */
async function realDeps(): Promise<ComposeDeps> {
  const { realClock } = await import('./actions.js');
  const { clusterAccess } = await import('./target.js');
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort(new Error('interrupted')));
  return { access: clusterAccess, clock: realClock, signal: controller.signal };
}

type Opts = Record<string, unknown>;

function addUp(parent: Command, io: CliIo, name = 'up'): Command {
  return addProjectOptions(parent.command(name))
    .description('create and start the project (a stack) on this machine or the cluster')
    .argument('[services...]', 'only these services (and what they depend on)')
    .option('-d, --detach', 'return once deployed instead of following the logs')
    .option('--build', 'build the images of services with build: first')
    .option(
      '--pull <policy>',
      'always: pull the images first; missing (default): as nodes need them; never',
    )
    .option('--scale <service=n>', 'replicas of a service (repeatable)', collect, [])
    .option('--wait', 'wait until every service is running (healthy when it checks health)')
    .option('--wait-timeout <seconds>', 'with --wait: fail after this long, saying why')
    .option('--force-recreate', "replace every service's tasks even when unchanged")
    .option('--no-recreate', 'update changed services without replacing their tasks')
    .option('--no-deps', 'do not include the services the named ones depend on')
    .option('--remove-orphans', 'remove services of the project that the file no longer has')
    .option('--dry-run', 'print the plan (as tsorch plan) and change nothing')
    .option('-q, --quiet', 'no progress display')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  tsorch up -f examples/web/compose.yml -d --wait\n' +
        '  tsorch up --build --scale worker=4 worker',
    )
    .action(async (services: string[], flags: Opts, cmd: Command) => {
      const { runUp } = await import('./actions.js');
      await runUp(io, projectFlagsOf(cmd), services, upFlags(flags), await realDeps());
    });
}

function upFlags(flags: Opts): UpFlags {
  const f = flags as {
    detach?: boolean;
    build?: boolean;
    scale: string[];
    wait?: boolean;
    waitTimeout?: string;
    forceRecreate?: boolean;
    recreate: boolean;
    deps: boolean;
    removeOrphans?: boolean;
    dryRun?: boolean;
    quiet?: boolean;
    pull?: string;
  };
  return {
    detach: f.detach === true,
    build: f.build === true,
    scale: f.scale,
    wait: f.wait === true,
    ...(f.waitTimeout === undefined ? {} : { waitTimeout: f.waitTimeout }),
    forceRecreate: f.forceRecreate === true,
    noRecreate: !f.recreate,
    noDeps: !f.deps,
    removeOrphans: f.removeOrphans === true,
    dryRun: f.dryRun === true,
    quiet: f.quiet === true,
    ...(f.pull === undefined ? {} : { pull: f.pull }),
  };
}

function addDown(parent: Command, io: CliIo): Command {
  return addProjectOptions(parent.command('down'))
    .description("stop and remove the project's services, networks, secrets and configs")
    .argument('[services...]', 'only these services (networks and the rest stay)')
    .option('-v, --volumes', 'also remove the named volumes of the project')
    .option('--rmi <which>', 'also remove images: local (built here, unnamed) or all')
    .option('--remove-orphans', 'accepted for Compose: every service of the project goes anyway')
    .option('-q, --quiet', 'no progress display')
    .action(async (services: string[], flags: Opts, cmd: Command) => {
      const { runDown } = await import('./actions.js');
      await runDown(
        io,
        projectFlagsOf(cmd),
        services,
        {
          volumes: flags['volumes'] === true,
          quiet: flags['quiet'] === true,
          ...(typeof flags['rmi'] === 'string' ? { rmi: flags['rmi'] } : {}),
        },
        await realDeps(),
      );
    });
}

function addPlan(parent: Command, io: CliIo): Command {
  return addProjectOptions(parent.command('plan'))
    .summary('print what up would change, and change nothing')
    .description(
      'print what up would change: services created, updated field by field or removed,\n' +
        'tasks replaced, tasks that cannot be placed; exit 0 no change, 2 changes, 1 errors',
    )
    .argument('[services...]', 'only these services (and what they depend on)')
    .option('--scale <service=n>', 'replicas of a service (repeatable)', collect, [])
    .option('--force-recreate', "plan replacing every service's tasks")
    .option('--no-recreate', 'plan updates without replacing tasks')
    .option('--no-deps', 'do not include the services the named ones depend on')
    .option('--remove-orphans', 'plan removing services the file no longer has')
    .option('--format <format>', 'text or json', 'text')
    .action(async (services: string[], flags: Opts, cmd: Command) => {
      const { runPlan } = await import('./actions.js');
      await runPlan(
        io,
        projectFlagsOf(cmd),
        services,
        { ...upFlags(flags), format: String(flags['format']) },
        await realDeps(),
      );
    });
}

/** The commands that exist for projects only, under `parent` (`compose`, or the top level). */
function addProjectOnly(parent: Command, io: CliIo): void {
  addUp(parent, io);
  addDown(parent, io);
  addPlan(parent, io);
}

function addShared(compose: Command, io: CliIo): void {
  compose
    .command('ps')
    .description("list the project's tasks (one line per replica)")
    .argument('[services...]', 'only these services')
    .option('-a, --all', 'also tasks that ended')
    .option('-q, --quiet', 'only task ids')
    .option('--services', 'only the service names')
    .option('--format <format>', 'table, json or a template such as {{.name}}', 'table')
    .action(async (services: string[], flags: Opts, cmd: Command) => {
      const { runPs } = await import('./actions.js');
      await runPs(io, projectFlagsOf(cmd), services, flags, await realDeps());
    });
  compose
    .command('logs')
    .description("print the services' output, each line prefixed with its replica")
    .argument('[services...]', 'only these services')
    .option('-f, --follow', 'keep printing new output')
    .option('-n, --tail <n>', 'only the last N lines of each task ("all" for every line)', 'all')
    .option('-t, --timestamps', 'prefix each line with its time')
    .option('--no-color', 'no colours')
    .option('--no-log-prefix', 'no service prefix')
    .action(async (services: string[], flags: Opts, cmd: Command) => {
      const { runLogs } = await import('./actions.js');
      await runLogs(
        io,
        projectFlagsOf(cmd),
        services,
        {
          follow: flags['follow'] === true,
          tail: String(flags['tail']),
          timestamps: flags['timestamps'] === true,
          noColor: flags['color'] === false,
          noLogPrefix: flags['logPrefix'] === false,
        },
        await realDeps(),
      );
    });
  for (const [verb, what] of [
    ['stop', 'stop services (scaled to 0; start brings their replicas back)'],
    ['start', 'start services stopped with stop'],
    ['restart', 'replace every task of services (as service update --force)'],
  ] as const) {
    compose
      .command(verb)
      .description(what)
      .argument('[services...]', 'only these services')
      .action(async (services: string[], _flags: Opts, cmd: Command) => {
        const { runLifecycle } = await import('./actions.js');
        await runLifecycle(io, verb, projectFlagsOf(cmd), services, await realDeps());
      });
  }
  compose
    .command('exec')
    .description("run a command in a running task of a service (on this machine's daemon)")
    .argument('<service>', 'compose service name')
    .argument('<command...>', 'command and arguments')
    .passThroughOptions()
    .option('--index <n>', 'which replica (default 1)', '1')
    .option('-e, --env <KEY=VALUE>', 'set an environment variable (repeatable)', collect, [])
    .option('-w, --workdir <dir>', 'working directory')
    .option('-u, --user <user[:group]>', 'user to run as')
    .action(async (service: string, command: string[], flags: Opts, cmd: Command) => {
      const { runExec } = await import('./exec.js');
      await runExec(io, projectFlagsOf(cmd), service, command, flags, await realDeps());
    });
  compose
    .command('top')
    .description("list the processes of a service's running tasks (on this machine's daemon)")
    .argument('[services...]', 'only these services')
    .action(async (services: string[], _flags: Opts, cmd: Command) => {
      const { runTop } = await import('./exec.js');
      await runTop(io, projectFlagsOf(cmd), services, await realDeps());
    });
  compose
    .command('build')
    .description('build the images of services with build: (on the local daemon)')
    .argument('[services...]', 'only these services')
    .option('--no-cache', 'do not use the layer cache')
    .option('--build-arg <arg>', 'KEY=VALUE for every build (repeatable)', collect, [])
    .option('-q, --quiet', 'print only image ids')
    .action(async (services: string[], flags: Opts, cmd: Command) => {
      const { runBuild } = await import('./images.js');
      await runBuild(io, projectFlagsOf(cmd), services, {
        noCache: flags['cache'] === false,
        buildArg: flags['buildArg'] as string[],
        quiet: flags['quiet'] === true,
      });
    });
  for (const verb of ['pull', 'push'] as const) {
    compose
      .command(verb)
      .description(
        verb === 'pull'
          ? 'pull the images of services that are not built here'
          : 'push the images of services that are built here',
      )
      .argument('[services...]', 'only these services')
      .option('-q, --quiet', 'no progress')
      .option('--ignore-push-failures', 'go on when an image fails (push)')
      .option('--ignore-pull-failures', 'go on when an image fails (pull)')
      .action(async (services: string[], flags: Opts, cmd: Command) => {
        const { runTransfer } = await import('./images.js');
        await runTransfer(io, verb, projectFlagsOf(cmd), services, {
          quiet: flags['quiet'] === true,
          ignoreFailures:
            flags['ignorePushFailures'] === true || flags['ignorePullFailures'] === true,
        });
      });
  }
}

function addStack(program: Command, io: CliIo): void {
  const stack = program
    .command('stack')
    .description(
      'Swarm-style stacks: the compose commands with Swarm defaults (restart: any, overlay networks)',
    );
  stack
    .command('deploy')
    .description('deploy a compose file as stack NAME (tsorch up -d -f FILE -p NAME)')
    .argument('<name>', 'stack name')
    .option('-c, --compose-file <file>', 'compose file (repeatable; required)', collect, [])
    .option('--prune', 'remove services the file no longer has')
    .option('--wait', 'wait until every service is ready')
    .option('--wait-timeout <seconds>', 'with --wait: fail after this long')
    .action(async (name: string, flags: Opts) => {
      const { runUp } = await import('./actions.js');
      if ((flags['composeFile'] as string[]).length === 0) {
        const { UsageError } = await import('../io.js');
        throw new UsageError('stack deploy needs a compose file: -c FILE');
      }
      await runUp(
        io,
        { file: flags['composeFile'] as string[], projectName: name, profile: [], envFile: [] },
        [],
        {
          detach: true,
          target: 'stack',
          removeOrphans: flags['prune'] === true,
          wait: flags['wait'] === true,
          ...(typeof flags['waitTimeout'] === 'string'
            ? { waitTimeout: flags['waitTimeout'] }
            : {}),
        },
        await realDeps(),
      );
    });
  stack
    .command('ls')
    .description('list stacks')
    .option('--format <format>', 'table, json or a template such as {{.name}}', 'table')
    .action(async (flags: Opts) => {
      const { runStackLs } = await import('./stack.js');
      await runStackLs(io, String(flags['format']), await realDeps());
    });
  stack
    .command('ps')
    .description('list the tasks of stack NAME')
    .argument('<name>', 'stack name')
    .option('-a, --all', 'also tasks that ended')
    .option('-q, --quiet', 'only task ids')
    .option('--format <format>', 'table, json or a template such as {{.name}}', 'table')
    .action(async (name: string, flags: Opts) => {
      const { runPs } = await import('./actions.js');
      await runPs(
        io,
        { file: [], projectName: name, profile: [], envFile: [] },
        [],
        flags,
        await realDeps(),
      );
    });
  stack
    .command('services')
    .description('list the services of stack NAME')
    .argument('<name>', 'stack name')
    .option('--format <format>', 'table, json or a template such as {{.name}}', 'table')
    .action(async (name: string, flags: Opts) => {
      const { runStackServices } = await import('./stack.js');
      await runStackServices(io, name, String(flags['format']), await realDeps());
    });
  stack
    .command('rm')
    .description('remove stack NAME (tsorch down -p NAME)')
    .argument('<names...>', 'stack names')
    .action(async (names: string[]) => {
      const { runDown } = await import('./actions.js');
      const deps = await realDeps();
      for (const name of names)
        await runDown(io, { file: [], projectName: name, profile: [], envFile: [] }, [], {}, deps);
    });
}

/** Registers `compose`, `up`, `down`, `plan` and `stack` on `program`. */
export function registerCompose(program: Command, io: CliIo): void {
  const compose = addProjectOptions(program.command('compose'))
    .description('act on a compose project (tsorch compose -f FILE <command>)')
    .enablePositionalOptions();
  addProjectOnly(compose, io);
  registerConfig(compose, io);
  addShared(compose, io);
  addProjectOnly(program, io);
  addStack(program, io);
  program.addHelpText(
    'after',
    '\nProjects (docs/adr/023): up, down, plan and config act on compose files. ps, logs, exec,\n' +
      'stop, start, restart, top, build, pull and push act on containers, as with docker, unless\n' +
      'a project is named before them: `tsorch -f stack.yml ps`, `tsorch -p shop logs -f web`,\n' +
      'or `tsorch compose <command>`, which always means the project.',
  );
}
