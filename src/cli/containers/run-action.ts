/**
 * `tsorch run` on the lean client (lean-grpc.ts). Attached, one Run call creates and starts the
 * container and streams its output from the first byte to its exit code; detached (-d), Create
 * and Start, then the id is printed. Loads neither @grpc/grpc-js nor proto-loader.
 *
 * @module
 */
import type { ContainerSpec } from '../../api/gen/tsorch/v1/ContainerSpec.js';
import type { CliIo } from '../io.js';
import { checkInputTerminal } from './attach-check.js';
import { LeanClient } from './lean-grpc.js';
import { runSpec, type RunFlags } from './run-spec.js';

/** `tsorch run`. Attached: streams output and exits with the container's code. */
export async function runContainer(
  io: CliIo,
  image: string,
  command: string[],
  flags: RunFlags,
): Promise<void> {
  const spec = runSpec(image, command, flags);
  const interactive = flags.detach !== true && (flags.interactive === true || flags.tty === true);
  if (interactive) checkInputTerminal(flags.interactive === true, flags.tty === true);
  const c = LeanClient.connect(io.env);
  try {
    if (flags.detach === true) await runDetached(io, c, spec, flags);
    else if (interactive) {
      const created = await create(io, c, spec);
      c.close();
      // Attach (a bidirectional stream) is on the regular client: the lean one has none.
      const { attachContainer } = await import('./attach.js');
      await attachContainer(io, {
        container: created,
        stdin: flags.interactive === true,
        tty: flags.tty === true,
        start: true,
        detachKeys: flags.detachKeys,
        interruptDetaches: true,
      });
    } else await runAttached(io, c, spec);
  } finally {
    c.close();
  }
}

/** `tsorch create`: prints the new container's id. */
export async function createContainer(
  io: CliIo,
  image: string,
  command: string[],
  flags: RunFlags,
): Promise<void> {
  const c = LeanClient.connect(io.env);
  try {
    io.stdout.write(`${await create(io, c, runSpec(image, command, flags))}\n`);
  } finally {
    c.close();
  }
}

/** Creates the container; returns its id. */
async function create(io: CliIo, c: LeanClient, spec: ContainerSpec): Promise<string> {
  const created = await c.unary(
    'Create',
    'tsorch.v1.CreateContainerRequest',
    'tsorch.v1.CreateContainerResponse',
    { spec },
  );
  warn(io, created['warnings']);
  return String(created['id']);
}

function warn(io: CliIo, warnings: unknown): void {
  for (const w of warnings as string[]) io.stderr.write(`Warning: ${w}\n`);
}

async function runDetached(
  io: CliIo,
  c: LeanClient,
  spec: ContainerSpec,
  flags: RunFlags,
): Promise<void> {
  const id = await create(io, c, spec);
  try {
    await c.unary('Start', 'tsorch.v1.StartContainerRequest', 'tsorch.v1.StartContainerResponse', {
      container: id,
    });
  } catch (err) {
    // docker run --rm leaves nothing behind when the container cannot start.
    if (flags.rm === true) {
      await c
        .unary('Remove', 'tsorch.v1.RemoveContainerRequest', 'tsorch.v1.RemoveContainerResponse', {
          container: id,
          force: true,
          volumes: true,
        })
        .catch(() => undefined);
    }
    throw err;
  }
  io.stdout.write(`${id}\n`);
}

async function runAttached(io: CliIo, c: LeanClient, spec: ContainerSpec): Promise<void> {
  // Ctrl-C detaches: the container keeps running (docker run without --sig-proxy).
  const abort = new AbortController();
  const onSignal = (): void => {
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  try {
    for await (const r of c.stream(
      'Run',
      'tsorch.v1.RunContainerRequest',
      'tsorch.v1.RunContainerResponse',
      { spec },
      { signal: abort.signal },
    )) {
      const created = r['created'] as Record<string, unknown> | null;
      const output = r['output'] as Record<string, unknown> | null;
      const exited = r['exited'] as Record<string, unknown> | null;
      if (created !== null) warn(io, created['warnings']);
      if (output !== null) {
        (output['stream'] === 'stderr' ? io.stderr : io.stdout).write(
          (output['data'] as Buffer).toString('utf8'),
        );
      }
      if (exited !== null) {
        if (exited['oomKilled'] === true)
          io.stderr.write('Error: the container was killed: out of memory (OOMKilled)\n');
        io.exitCode = Number(exited['exitCode']);
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
  }
}
