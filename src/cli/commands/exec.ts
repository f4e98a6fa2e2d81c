import type { Command } from 'commander';
import type { CliIo } from '../io.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `tsorch exec`: runs a command in a running container. */
export function registerExec(program: Command, io: CliIo): void {
  program
    .command('exec')
    .description('run a command in a running container')
    .argument('<container>', 'container name or id')
    .argument('<command...>', 'command and arguments')
    .passThroughOptions()
    .option('-e, --env <KEY=VALUE>', 'set an environment variable (repeatable)', collect)
    .option('-w, --workdir <dir>', 'working directory')
    .option('-u, --user <user[:group]>', 'user to run as')
    .option('-i, --interactive', 'forward stdin to the process')
    .option('-t, --tty', 'allocate a terminal (with -i: an interactive shell)')
    .action(
      async (
        container: string,
        command: string[],
        opts: {
          env?: string[];
          workdir?: string;
          user?: string;
          interactive?: boolean;
          tty?: boolean;
        },
      ) => {
        const { execInContainer } = await import('../containers/actions.js');
        await execInContainer(io, container, command, opts);
      },
    );
}
