/**
 * `tsorch secret create|ls|inspect|rm` and the swarm-config subcommands of `tsorch config`
 * (`create|ls|inspect|rm`; plain `tsorch config [flags]` stays the compose command, ADR 023
 * and ADR 027): the registrations; the implementations load lazily (./actions.ts).
 *
 * @module
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

type Run = (verb: string, args: string[], opts: Record<string, unknown>) => Promise<void>;

/**
 * `opts` plus the options of the same name that the parent parsed from the command line:
 * `tsorch config` has its own `-q` and `--format` (the compose command's), and commander
 * gives them to the parent wherever they stand.
 */
function withParent(opts: Record<string, unknown>, cmd: Command): Record<string, unknown> {
  const parent = cmd.parent;
  if (parent === null) return opts;
  const out = { ...opts };
  for (const key of ['quiet', 'format'])
    if (parent.getOptionValueSource(key) === 'cli') out[key] = parent.getOptionValue(key);
  return out;
}

/** The four verbs, as Docker has them for secrets and configs. */
function addVerbs(parent: Command, noun: 'secret' | 'config', run: Run): void {
  parent
    .command('create')
    .description(
      noun === 'secret'
        ? 'create a secret from a file or standard input ("-"); its content is never shown again'
        : 'create a config from a file or standard input ("-")',
    )
    .argument('<name>', `${noun} name`)
    .argument('<file>', 'file to read, or - for standard input')
    .option('-l, --label <KEY=VALUE>', 'set a label (repeatable)', collect)
    .action((name: string, file: string, opts: Record<string, unknown>) =>
      run('create', [name, file], opts),
    );
  parent
    .command('ls')
    .alias('list')
    .description(`list ${noun}s`)
    .option('-q, --quiet', 'only print ids')
    // `tsorch config` has -f (--file) of its own, so the configs' filter has no short form.
    .option(
      noun === 'secret' ? '-f, --filter <label=KEY[=VALUE]>' : '--filter <label=KEY[=VALUE]>',
      'only those with this label (repeatable)',
      collect,
    )
    .option('--format <format>', 'table, json or a template such as {{.name}}', 'table')
    .action((opts: Record<string, unknown>, cmd: Command) => run('ls', [], withParent(opts, cmd)));
  parent
    .command('inspect')
    .description(
      noun === 'secret'
        ? 'show secrets as JSON (without their content)'
        : 'show configs as JSON (content in Spec.Data, base64)',
    )
    .argument(`<${noun}s...>`, `${noun} names or ids`)
    .action((refs: string[]) => run('inspect', refs, {}));
  parent
    .command('rm')
    .alias('remove')
    .description(`remove ${noun}s (refused while a service uses one)`)
    .argument(`<${noun}s...>`, `${noun} names or ids`)
    .action((refs: string[]) => run('rm', refs, {}));
}

/** Registers `tsorch secret`. */
export function registerSecrets(program: Command, io: CliIo): void {
  const secret = program
    .command('secret')
    .description("manage the cluster's secrets (on a swarm manager)");
  addVerbs(secret, 'secret', async (verb, args, opts) => {
    const { secretCommand } = await import('./actions.js');
    await secretCommand(io, verb, args, opts);
  });
}

/**
 * Adds `create|ls|inspect|rm` to the compose command `tsorch config`: a first argument naming
 * one of them runs the swarm-config command; anything else is the compose command.
 */
export function registerSwarmConfigs(config: Command, io: CliIo): void {
  addVerbs(config, 'config', async (verb, args, opts) => {
    const { swarmConfigCommand } = await import('./actions.js');
    await swarmConfigCommand(io, verb, args, opts);
  });
  config.addHelpText(
    'after',
    "\nThe cluster's configs (on a swarm manager, as `docker config`):\n" +
      '  tsorch config create NAME FILE|-   tsorch config ls   tsorch config inspect NAME\n' +
      '  tsorch config rm NAME\n' +
      'A compose service named create, ls, list, inspect, rm or remove is selected with\n' +
      '`tsorch compose config NAME`.',
  );
}
