/**
 * `tsorch run` on the lean client (lean-grpc.ts): create, start, then stream the log while
 * attached, and exit with the container's code. Loads neither @grpc/grpc-js nor proto-loader.
 *
 * @module
 */
import type { CliIo } from '../io.js';
import { LeanClient } from './lean-grpc.js';
import { runSpec, type RunFlags } from './run-spec.js';

/** Calls without a natural end (wait) get a day. */
const longCallMs = 24 * 3_600_000;

/** `tsorch run`. Attached: streams output and exits with the container's code. */
export async function runContainer(
  io: CliIo,
  image: string,
  command: string[],
  flags: RunFlags,
): Promise<void> {
  const spec = runSpec(image, command, flags);
  const c = LeanClient.connect(io.env);
  try {
    const created = await c.unary(
      'Create',
      'tsorch.v1.CreateContainerRequest',
      'tsorch.v1.CreateContainerResponse',
      { spec },
    );
    const id = String(created['id']);
    for (const w of created['warnings'] as string[]) io.stderr.write(`Warning: ${w}\n`);
    try {
      await c.unary(
        'Start',
        'tsorch.v1.StartContainerRequest',
        'tsorch.v1.StartContainerResponse',
        { container: id },
      );
    } catch (err) {
      // docker run --rm leaves nothing behind when the container cannot start.
      if (flags.rm === true) {
        await c
          .unary(
            'Remove',
            'tsorch.v1.RemoveContainerRequest',
            'tsorch.v1.RemoveContainerResponse',
            { container: id, force: true, volumes: true },
          )
          .catch(() => undefined);
      }
      throw err;
    }
    if (flags.detach === true) {
      io.stdout.write(`${id}\n`);
      return;
    }
    const abort = new AbortController();
    const onSignal = (): void => {
      abort.abort();
    };
    process.once('SIGINT', onSignal);
    try {
      // Asked together with the log stream (one round trip less): answered at the exit.
      const exited = c.unary(
        'Wait',
        'tsorch.v1.WaitContainerRequest',
        'tsorch.v1.WaitContainerResponse',
        { container: id },
        longCallMs,
      );
      // Closing the client on Ctrl-C fails the call: nothing waits for it then.
      exited.catch(() => undefined);
      for await (const r of c.stream(
        'Logs',
        'tsorch.v1.ContainerLogsRequest',
        'tsorch.v1.ContainerLogsResponse',
        { container: id, follow: true, tail: -1 },
        { signal: abort.signal },
      )) {
        (r['stream'] === 'stderr' ? io.stderr : io.stdout).write(
          (r['data'] as Buffer).toString('utf8'),
        );
      }
      if (abort.signal.aborted) return;
      const res = await exited;
      if (res['oomKilled'] === true)
        io.stderr.write('Error: the container was killed: out of memory (OOMKilled)\n');
      io.exitCode = Number(res['exitCode']);
    } finally {
      process.off('SIGINT', onSignal);
    }
  } finally {
    c.close();
  }
}
