import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import type { RunFlags } from '../containers/run-spec.js';
import { runOptions } from './run-options.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `tsorch run`: creates and starts a container from an image. */
export function registerRun(program: Command, io: CliIo): void {
  // Flags after the image belong to the container's command (docker's rule).
  program.enablePositionalOptions();
  const cmd = program
    .command('run')
    .description('create and start a container from an image; attached unless -d')
    .argument('<image>', 'image reference (name[:tag], name@digest or id)')
    .argument('[command...]', 'command and arguments (replaces the image Cmd)')
    .passThroughOptions();
  for (const o of runOptions) {
    if (o.repeatable === true) cmd.option(o.flags, o.description, collect);
    else if (o.defaultValue !== undefined) cmd.option(o.flags, o.description, o.defaultValue);
    else cmd.option(o.flags, o.description);
  }
  cmd
    .addHelpText(
      'after',
      '\nExamples:\n  tsorch run --rm busybox echo hello\n  tsorch run -d --name web -m 64m --cpus 0.5 busybox httpd -f\n  tsorch run --health-cmd "test -f /tmp/ok" --health-on-failure restart -d busybox sleep 1000',
    )
    .action(
      async (image: string, command: string[], flags: RunFlags & { healthcheck?: boolean }) => {
        const { runContainer } = await import('../containers/run-action.js');
        const f: RunFlags = { ...flags };
        if (flags.healthcheck === false) f.noHealthcheck = true;
        await runContainer(io, image, command, f);
      },
    );
}
