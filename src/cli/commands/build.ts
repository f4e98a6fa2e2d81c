import type { Command } from 'commander';
import type { CliIo } from '../io.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `tsorch build [OPTIONS] CONTEXT`: builds an image from a Dockerfile through the daemon. */
export function registerBuild(program: Command, io: CliIo): void {
  program
    .command('build')
    .description('build an image from a Dockerfile (with a layer cache)')
    .argument('<context>', 'build context directory')
    .option('-t, --tag <name>', 'name[:tag] for the image (repeatable)', collect, [])
    .option('-f, --file <path>', 'Dockerfile path (default CONTEXT/Dockerfile)')
    .option(
      '--build-arg <arg>',
      'KEY=VALUE, or KEY to take it from the environment (repeatable)',
      collect,
      [],
    )
    .option('--target <stage>', 'build this stage instead of the last')
    .option('--no-cache', 'do not use the layer cache')
    .option('-q, --quiet', 'print only the image ID')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  tsorch build -t web:1 .                     build ./Dockerfile, tag web:1\n' +
        '  tsorch build --target test --build-arg V=2 app',
    )
    .action(async (context: string, opts: Record<string, unknown>) => {
      const { buildCommand } = await import('../images/build-actions.js');
      await buildCommand(io, context, opts);
    });
}

/** `tsorch builder prune`: empties the build cache. */
export function registerBuilder(program: Command, io: CliIo): void {
  const builder = program.command('builder').description('manage the build cache');
  builder
    .command('prune')
    .description('remove every cached build step and layer (built images stay)')
    .option('-f, --force', 'do not ask (tsorch never asks)')
    .action(async () => {
      const { pruneCommand } = await import('../images/build-actions.js');
      await pruneCommand(io);
    });
}
