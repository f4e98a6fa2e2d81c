/**
 * Implementations of the container and volume commands (loaded lazily by their command
 * registrations in src/cli/commands).
 *
 * @module
 */
import type { ContainerLogsResponse__Output } from '../../api/gen/tsorch/v1/ContainerLogsResponse.js';
import type { ContainerSummary__Output } from '../../api/gen/tsorch/v1/ContainerSummary.js';
import type { ExecContainerResponse__Output } from '../../api/gen/tsorch/v1/ExecContainerResponse.js';
import type { TopContainerResponse__Output } from '../../api/gen/tsorch/v1/TopContainerResponse.js';
import type { VolumeInfo__Output } from '../../api/gen/tsorch/v1/VolumeInfo.js';
import type * as grpc from '@grpc/grpc-js';
import { fromGrpcError } from '../../api/errors.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';
import { containersClient, type ContainersClient } from './client.js';
import { ago, binarySize, shortId, table, truncate, writeList } from '../output.js';

/** Calls without a natural end (wait, follow) get a day; everything else the default. */
const longCallMs = 24 * 3_600_000;

async function withClient<T>(io: CliIo, fn: (c: ContainersClient) => Promise<T>): Promise<T> {
  const c = containersClient(io);
  try {
    return await fn(c);
  } finally {
    c.close();
  }
}

function writeLog(io: CliIo, r: ContainerLogsResponse__Output, timestamps: boolean): void {
  const sink = r.stream === 'stderr' ? io.stderr : io.stdout;
  const text = r.data.toString('utf8');
  sink.write(timestamps ? `${r.time} ${text}` : text);
}

/** `tsorch ps`. */
export async function listContainers(
  io: CliIo,
  opts: { all?: boolean; quiet?: boolean; format?: string },
): Promise<void> {
  await withClient(io, async (c) => {
    const { containers } = await c.call<{ containers: ContainerSummary__Output[] }>('list', {
      all: opts.all === true,
    });
    if (opts.quiet === true && opts.format !== 'json') {
      for (const x of containers) io.stdout.write(`${shortId(x.id)}\n`);
      return;
    }
    const now = Date.now();
    writeList(io.stdout, containers, opts.format, {
      header: ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'],
      row: (x) => [
        shortId(x.id),
        x.image,
        `"${truncate(x.command, 20)}"`,
        ago(x.created, now),
        x.status,
        x.ports.join(', '),
        x.name,
      ],
    });
  });
}

/** Commands that act on each named container and print its name (start, stop, rm, ...). */
export async function eachContainer(
  io: CliIo,
  containers: string[],
  method: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await withClient(io, async (c) => {
    let failed = 0;
    for (const container of containers) {
      try {
        await c.call(method, { container, ...extra }, longCallMs);
        io.stdout.write(`${container}\n`);
      } catch (err) {
        if (containers.length === 1) throw err;
        failed += 1;
        io.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
    if (failed > 0) io.exitCode = 1;
  });
}

/** `tsorch wait`: prints each container's exit code. */
export async function waitContainers(io: CliIo, containers: string[]): Promise<void> {
  await withClient(io, async (c) => {
    for (const container of containers) {
      const r = await c.call<{ exitCode: number }>('wait', { container }, longCallMs);
      io.stdout.write(`${r.exitCode}\n`);
    }
  });
}

/** `tsorch inspect`: a JSON array, like docker. */
export async function inspectContainers(io: CliIo, containers: string[]): Promise<void> {
  await withClient(io, async (c) => {
    const docs: unknown[] = [];
    for (const container of containers) {
      const r = await c.call<{ json: string }>('inspect', { container });
      docs.push(JSON.parse(r.json));
    }
    io.stdout.write(`${JSON.stringify(docs, null, 4)}\n`);
  });
}

/** `tsorch logs`. */
export async function showLogs(
  io: CliIo,
  container: string,
  opts: { follow?: boolean; tail?: string; since?: string; until?: string; timestamps?: boolean },
): Promise<void> {
  const tail = opts.tail === undefined || opts.tail === 'all' ? -1 : Number(opts.tail);
  if (!Number.isInteger(tail) || tail < -1)
    throw new UsageError(`Invalid value for --tail: "${opts.tail ?? ''}": use a number or "all"`);
  await withClient(io, async (c) => {
    const abort = new AbortController();
    const onSignal = (): void => {
      abort.abort();
    };
    process.once('SIGINT', onSignal);
    try {
      for await (const r of c.daemon.stream<ContainerLogsResponse__Output>(
        c.containers,
        'logs',
        {
          container,
          follow: opts.follow === true,
          tail,
          since: opts.since ?? '',
          until: opts.until ?? '',
        },
        { signal: abort.signal },
      )) {
        writeLog(io, r, opts.timestamps === true);
      }
    } finally {
      process.off('SIGINT', onSignal);
    }
  });
}

/** `tsorch exec`: streams output; exits with the process's code. */
export async function execInContainer(
  io: CliIo,
  container: string,
  args: string[],
  opts: { env?: string[]; workdir?: string; user?: string; tty?: boolean; interactive?: boolean },
): Promise<void> {
  if (opts.tty === true || opts.interactive === true) {
    await execInteractive(io, container, args, opts);
    return;
  }
  await withClient(io, async (c) => {
    for await (const ev of c.daemon.stream<ExecContainerResponse__Output>(c.containers, 'exec', {
      container,
      args,
      env: opts.env ?? [],
      workingDir: opts.workdir ?? '',
      user: opts.user ?? '',
    })) {
      if (ev.event === 'stdout' && ev.stdout !== undefined)
        io.stdout.write(ev.stdout.toString('utf8'));
      else if (ev.event === 'stderr' && ev.stderr !== undefined)
        io.stderr.write(ev.stderr.toString('utf8'));
      else if (ev.event === 'exitCode') io.exitCode = ev.exitCode ?? 0;
    }
  });
}

/** `tsorch top`. */
export async function topContainer(io: CliIo, container: string): Promise<void> {
  await withClient(io, async (c) => {
    const r = await c.call<TopContainerResponse__Output>('top', { container });
    io.stdout.write(
      table(
        ['UID', 'PID', 'PPID', 'CMD'],
        r.processes.map((p) => [String(p.uid), String(p.pid), String(p.ppid), p.cmd]),
      ),
    );
  });
}

/**
 * Removes volume `name`: the cluster's record of it too on a manager (which removes the data
 * here with it), else the node's own.
 */
async function removeVolume(
  io: CliIo,
  c: ContainersClient,
  name: string,
  force: boolean,
): Promise<void> {
  const { listClusterVolumes, removeClusterVolume } = await import('../objects/actions.js');
  if ((await listClusterVolumes(io)).some((v) => v.name === name)) {
    await removeClusterVolume(io, name);
    // The cluster removed the data when it was on this node; a copy made here stays otherwise.
    await c.callVolumes('remove', { name, force: true });
    return;
  }
  await c.callVolumes('remove', { name, force });
}

/** `tsorch volume ...`. */
export async function volumeCommand(
  io: CliIo,
  verb: string,
  names: string[],
  opts: { force?: boolean; format?: string; quiet?: boolean; label?: string[] },
): Promise<void> {
  await withClient(io, async (c) => {
    switch (verb) {
      case 'create': {
        const labels: Record<string, string> = {};
        for (const kv of opts.label ?? []) {
          const i = kv.indexOf('=');
          labels[i < 0 ? kv : kv.slice(0, i)] = i < 0 ? '' : kv.slice(i + 1);
        }
        const r = await c.callVolumes<{ volume: VolumeInfo__Output }>('create', {
          name: names[0] ?? '',
          labels,
        });
        io.stdout.write(`${r.volume.name}\n`);
        return;
      }
      case 'ls': {
        const r = await c.callVolumes<{ volumes: VolumeInfo__Output[] }>('list', {});
        // On a manager, the cluster's volumes whose data is not on this node list too (ADR 027).
        const { listClusterVolumes } = await import('../objects/actions.js');
        const local = new Set(r.volumes.map((v) => v.name));
        const volumes = [
          ...r.volumes,
          ...(await listClusterVolumes(io)).filter((v) => !local.has(v.name)),
        ];
        if (opts.quiet === true && opts.format !== 'json')
          for (const v of volumes) io.stdout.write(`${v.name}\n`);
        else
          writeList(io.stdout, volumes, opts.format, {
            header: ['DRIVER', 'VOLUME NAME'],
            row: (v) => [v.driver, v.name],
          });
        return;
      }
      case 'inspect': {
        const docs = [];
        for (const name of names)
          docs.push(
            (await c.callVolumes<{ volume: VolumeInfo__Output }>('inspect', { name })).volume,
          );
        io.stdout.write(`${JSON.stringify(docs, null, 4)}\n`);
        return;
      }
      case 'rm':
        for (const name of names) {
          await removeVolume(io, c, name, opts.force === true);
          io.stdout.write(`${name}\n`);
        }
        return;
      case 'prune': {
        const r = await c.callVolumes<{ removed: string[]; reclaimedBytes: string }>('prune', {});
        if (r.removed.length > 0)
          io.stdout.write(`Deleted Volumes:\n${r.removed.map((n) => `${n}\n`).join('')}\n`);
        io.stdout.write(`Total reclaimed space: ${binarySize(Number(r.reclaimedBytes))}\n`);
        return;
      }
      default:
        throw new UsageError(`Unknown volume command "${verb}"`);
    }
  });
}

type Duplex = grpc.ClientDuplexStream<Record<string, unknown>, ExecContainerResponse__Output>;

/** `exec -i` / `exec -it`: stdin forwarded; with -t, a terminal in raw mode. */
async function execInteractive(
  io: CliIo,
  container: string,
  args: string[],
  opts: { env?: string[]; workdir?: string; user?: string; tty?: boolean },
): Promise<void> {
  const tty = opts.tty === true;
  const stdin = process.stdin;
  if (tty && !stdin.isTTY) {
    throw new UsageError('The input device is not a TTY: use exec -i without -t');
  }
  await withClient(io, async (c) => {
    const client = c.containers as unknown as { execInteractive(): Duplex };
    const call = client.execInteractive();
    const rows = process.stdout.rows;
    const cols = process.stdout.columns;
    call.write({
      start: {
        container,
        args,
        env: opts.env ?? [],
        workingDir: opts.workdir ?? '',
        user: opts.user ?? '',
        tty,
        ttyHeight: tty ? rows : 0,
        ttyWidth: tty ? cols : 0,
      },
    });
    const onData = (d: Buffer): void => {
      call.write({ stdin: d });
    };
    const onEnd = (): void => {
      call.write({ stdinClose: true });
    };
    if (tty) stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    try {
      await new Promise<void>((resolve, reject) => {
        call.on('data', (ev: ExecContainerResponse__Output) => {
          if (ev.event === 'stdout' && ev.stdout !== undefined)
            io.stdout.write(ev.stdout.toString('utf8'));
          else if (ev.event === 'stderr' && ev.stderr !== undefined)
            io.stderr.write(ev.stderr.toString('utf8'));
          else if (ev.event === 'exitCode') io.exitCode = ev.exitCode ?? 0;
        });
        call.on('end', resolve);
        call.on('error', (err: grpc.ServiceError) => {
          reject(fromGrpcError(err));
        });
      });
    } finally {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      if (tty) stdin.setRawMode(false);
      stdin.pause();
      stdin.unref();
      call.end();
    }
  });
}
