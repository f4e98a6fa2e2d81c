import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import type { RunFlags } from '../containers/run-spec.js';
import { runOptions } from './run-options.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Whether a container has a terminal and an open stdin (from inspect). */
async function inspectTerminal(
  io: CliIo,
  container: string,
): Promise<{ id: string; tty: boolean; openStdin: boolean }> {
  const { containersClient } = await import('../containers/client.js');
  const c = containersClient(io);
  try {
    const r = await c.call<{ json: string }>('inspect', { container });
    const doc = JSON.parse(r.json) as {
      Id: string;
      Config: { Tty?: boolean; OpenStdin?: boolean };
    };
    return { id: doc.Id, tty: doc.Config.Tty === true, openStdin: doc.Config.OpenStdin === true };
  } finally {
    c.close();
  }
}

/** Attaches to `container` with the terminal and stdin it was created with. */
async function attachTo(
  io: CliIo,
  container: string,
  o: { interactive: boolean; start: boolean; detachKeys: string | undefined },
): Promise<void> {
  const t = await inspectTerminal(io, container);
  const stdin = o.interactive && t.openStdin;
  const { checkInputTerminal } = await import('../containers/attach-check.js');
  checkInputTerminal(stdin, t.tty);
  const { attachContainer } = await import('../containers/attach.js');
  await attachContainer(io, {
    container: t.id,
    stdin,
    tty: t.tty,
    start: o.start,
    detachKeys: o.detachKeys,
    interruptDetaches: true,
  });
}

/** `tsorch create`, `tsorch start [-a] [-i]` and `tsorch attach`. */
export function registerAttach(program: Command, io: CliIo): void {
  const create = program
    .command('create')
    .description('create a container from an image without starting it; prints its id')
    .argument('<image>', 'image reference (name[:tag], name@digest or id)')
    .argument('[command...]', 'command and arguments (replaces the image Cmd)')
    .passThroughOptions();
  for (const o of runOptions) {
    if (o.flags.startsWith('-d,') || o.flags.startsWith('--detach-keys')) continue;
    if (o.repeatable === true) create.option(o.flags, o.description, collect);
    else if (o.defaultValue !== undefined) create.option(o.flags, o.description, o.defaultValue);
    else create.option(o.flags, o.description);
  }
  create.action(
    async (image: string, command: string[], flags: RunFlags & { healthcheck?: boolean }) => {
      const { createContainer } = await import('../containers/run-action.js');
      const f: RunFlags = { ...flags };
      if (flags.healthcheck === false) f.noHealthcheck = true;
      await createContainer(io, image, command, f);
    },
  );

  program
    .command('start')
    .description('start stopped containers (-a: attach to one and exit with its code)')
    .argument('<containers...>', 'container names or ids')
    .option('-a, --attach', "attach to the container's output")
    .option('-i, --interactive', "attach the container's stdin")
    .option('--detach-keys <keys>', 'keys that detach from the container (default ctrl-p,ctrl-q)')
    .action(
      async (
        containers: string[],
        opts: { attach?: boolean; interactive?: boolean; detachKeys?: string },
      ) => {
        if (opts.attach !== true && opts.interactive !== true) {
          const { eachContainer } = await import('../containers/actions.js');
          await eachContainer(io, containers, 'start');
          return;
        }
        const { UsageError } = await import('../io.js');
        const [container] = containers;
        if (container === undefined || containers.length > 1)
          throw new UsageError('start -a and -i take one container');
        await attachTo(io, container, {
          interactive: opts.interactive === true,
          start: true,
          detachKeys: opts.detachKeys,
        });
      },
    );

  program
    .command('attach')
    .description("attach this terminal's input and output to a running container")
    .argument('<container>', 'container name or id')
    .option('--no-stdin', 'do not attach stdin')
    .option('--detach-keys <keys>', 'keys that detach from the container (default ctrl-p,ctrl-q)')
    .action(async (container: string, opts: { stdin?: boolean; detachKeys?: string }) => {
      await attachTo(io, container, {
        interactive: opts.stdin !== false,
        start: false,
        detachKeys: opts.detachKeys,
      });
    });
}
