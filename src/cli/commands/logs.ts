import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/** `tsorch logs`: a container's output. */
export function registerLogs(program: Command, io: CliIo): void {
  program
    .command('logs')
    .description("print a container's logs")
    .argument('<container>', 'container name or id')
    .option('-f, --follow', 'keep printing new output until the container stops')
    .option('-n, --tail <n>', 'only the last N lines ("all" for every line)', 'all')
    .option('--since <time>', 'only lines since RFC 3339 time, Unix seconds or a duration (10m)')
    .option('--until <time>', 'only lines before this time')
    .option('-t, --timestamps', 'prefix each line with its time')
    .addHelpText(
      'after',
      '\nExamples:\n  tsorch logs -f --tail 10 web\n  tsorch logs --since 5m web',
    )
    .action(
      async (
        container: string,
        opts: {
          follow?: boolean;
          tail?: string;
          since?: string;
          until?: string;
          timestamps?: boolean;
        },
      ) => {
        const { showLogs } = await import('../containers/actions.js');
        await showLogs(io, container, opts);
      },
    );
}
