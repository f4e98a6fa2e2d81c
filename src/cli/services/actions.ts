/**
 * Implementations of `tsorch service ...` and `tsorch events` (loaded lazily by their command
 * registrations in src/cli/commands): flags → Services API calls → Docker-like output.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import type { EventsResponse__Output } from '../../api/gen/tsorch/v1/EventsResponse.js';
import type { ExplainTasksResponse__Output } from '../../api/gen/tsorch/v1/ExplainTasksResponse.js';
import type { ListServicesResponse__Output } from '../../api/gen/tsorch/v1/ListServicesResponse.js';
import type { ListTasksResponse__Output } from '../../api/gen/tsorch/v1/ListTasksResponse.js';
import type { ServiceInfo__Output } from '../../api/gen/tsorch/v1/ServiceInfo.js';
import { connectDaemon, type DaemonClient } from '../client.js';
import { UsageError, type CliIo } from '../io.js';
import { shortId, table, writeList } from '../output.js';
import {
  SERVICE_LS_HEADER,
  SERVICE_PS_HEADER,
  eventLine,
  explanationText,
  prettyService,
  serviceRow,
  taskRows,
} from './render.js';
import {
  createSpec,
  envFileLines,
  updateSpec,
  wholeNumber,
  type CreateFlags,
  type UpdateFlags,
} from './spec-flags.js';

/** A connection to the Services API. */
interface ServicesClient {
  daemon: DaemonClient;
  client: grpc.Client;
  call<R>(method: string, request: unknown): Promise<R>;
}

async function withServices<T>(io: CliIo, fn: (c: ServicesClient) => Promise<T>): Promise<T> {
  const daemon = connectDaemon(io.env);
  const client = daemon.service('services', 'Services');
  try {
    return await fn({
      daemon,
      client,
      call: <R>(method: string, request: unknown) => daemon.unary<R>(client, method, request),
    });
  } finally {
    daemon.close();
  }
}

/**
 * Parses `--filter KEY=VALUE` flags into lists by key.
 *
 * @throws {UsageError} naming the filter for a key not in `allowed`.
 */
export function parseFilters(
  values: readonly string[],
  allowed: readonly string[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    const key = eq === -1 ? '' : v.slice(0, eq);
    if (!allowed.includes(key))
      throw new UsageError(
        `Invalid value for --filter: "${v}": use ${allowed.map((a) => `${a}=...`).join(', ')}`,
      );
    (out[key] ??= []).push(v.slice(eq + 1));
  }
  return out;
}

/** `tsorch service create [flags] IMAGE [COMMAND] [ARG...]`. */
export async function createServiceCommand(
  io: CliIo,
  image: string,
  command: string[],
  flags: CreateFlags & { envFile?: string[]; withRegistryAuth?: boolean; quiet?: boolean },
): Promise<void> {
  const lines: string[] = [];
  for (const file of flags.envFile ?? []) {
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (err) {
      throw new UsageError(`Invalid value for --env-file: "${file}": ${(err as Error).message}`);
    }
    lines.push(...envFileLines(text, io.env));
  }
  const spec = createSpec(image, command, { ...flags, envFileLines: lines });
  if (flags.withRegistryAuth === true)
    io.stderr.write(
      'Note: --with-registry-auth is ignored: each node pulls with its own credentials\n',
    );
  await withServices(io, async (c) => {
    const { service } = await c.call<{ service: ServiceInfo__Output }>('createService', { spec });
    io.stdout.write(`${service.id}\n`);
  });
}

/** `tsorch service ls`. */
export async function listServicesCommand(
  io: CliIo,
  opts: { filter?: string[]; quiet?: boolean; format?: string },
): Promise<void> {
  const f = parseFilters(opts.filter ?? [], ['name', 'id', 'label', 'mode']);
  await withServices(io, async (c) => {
    const { services } = await c.call<ListServicesResponse__Output>('listServices', {
      names: f['name'] ?? [],
      ids: f['id'] ?? [],
      labels: f['label'] ?? [],
      modes: f['mode'] ?? [],
    });
    if (opts.quiet === true) {
      for (const s of services) io.stdout.write(`${shortId(s.id)}\n`);
      return;
    }
    writeList(io.stdout, services, opts.format, { header: SERVICE_LS_HEADER, row: serviceRow });
  });
}

/** `tsorch service ps SERVICE...`. */
export async function listTasksCommand(
  io: CliIo,
  services: string[],
  opts: {
    filter?: string[];
    noTrunc?: boolean;
    quiet?: boolean;
    format?: string;
    explain?: boolean;
  },
): Promise<void> {
  const f = parseFilters(opts.filter ?? [], ['node', 'desired-state', 'name', 'id']);
  await withServices(io, async (c) => {
    if (opts.explain === true) {
      for (const service of services) {
        const { tasks } = await c.call<ExplainTasksResponse__Output>('explainTasks', { service });
        io.stdout.write(explanationText(tasks));
      }
      return;
    }
    const { tasks } = await c.call<ListTasksResponse__Output>('listTasks', {
      services,
      nodes: f['node'] ?? [],
      desiredStates: f['desired-state'] ?? [],
      names: f['name'] ?? [],
    });
    const ids = f['id'];
    const shown =
      ids === undefined ? tasks : tasks.filter((t) => ids.some((p) => t.id.startsWith(p)));
    if (opts.quiet === true) {
      for (const t of shown) io.stdout.write(`${opts.noTrunc === true ? t.id : shortId(t.id)}\n`);
      return;
    }
    if (opts.format !== undefined && opts.format !== 'table') {
      writeList(io.stdout, shown, opts.format, { header: SERVICE_PS_HEADER, row: () => [] });
      return;
    }
    io.stdout.write(
      table(
        SERVICE_PS_HEADER,
        taskRows(shown, { nowMs: Date.now(), noTrunc: opts.noTrunc === true }),
      ),
    );
  });
}

/** `tsorch service inspect SERVICE...`. */
export async function inspectServicesCommand(
  io: CliIo,
  services: string[],
  opts: { pretty?: boolean },
): Promise<void> {
  await withServices(io, async (c) => {
    const found: ServiceInfo__Output[] = [];
    for (const service of services)
      found.push(
        (await c.call<{ service: ServiceInfo__Output }>('getService', { service })).service,
      );
    if (opts.pretty === true) io.stdout.write(found.map(prettyService).join('\n'));
    else io.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
  });
}

/**
 * Parses `scale` arguments: `SERVICE=REPLICAS`.
 *
 * @throws {UsageError} naming the argument.
 */
export function parseScaleArgs(args: readonly string[]): { service: string; replicas: number }[] {
  return args.map((a) => {
    const eq = a.lastIndexOf('=');
    if (eq <= 0) throw new UsageError(`Invalid argument "${a}": use SERVICE=REPLICAS, e.g. web=10`);
    return { service: a.slice(0, eq), replicas: wholeNumber('replicas', a.slice(eq + 1)) };
  });
}

/** `tsorch service scale web=10 api=3`: each one scaled; failures reported, exit 1. */
export async function scaleServicesCommand(io: CliIo, args: string[]): Promise<void> {
  const wanted = parseScaleArgs(args);
  await withServices(io, async (c) => {
    for (const { service, replicas } of wanted) {
      try {
        await c.call('scaleService', { service, replicas });
        io.stdout.write(`${service} scaled to ${replicas}\n`);
      } catch (err) {
        io.stderr.write(`Error: ${(err as Error).message}\n`);
        io.exitCode = 1;
      }
    }
  });
}

/** `tsorch service update [flags] SERVICE`. */
export async function updateServiceCommand(
  io: CliIo,
  service: string,
  flags: UpdateFlags & { rollback?: boolean },
): Promise<void> {
  await withServices(io, async (c) => {
    if (flags.rollback === true) {
      await c.call('rollbackService', { service });
      io.stdout.write(`${service}\n`);
      return;
    }
    const { service: current } = await c.call<{ service: ServiceInfo__Output }>('getService', {
      service,
    });
    if (current.spec === null) throw new UsageError(`Service "${service}" has no spec`);
    const spec = updateSpec(current.spec, flags);
    await c.call('updateService', {
      service: current.id,
      version: current.version,
      spec,
      force: flags.force === true,
    });
    io.stdout.write(`${service}\n`);
  });
}

/** `tsorch service rollback SERVICE`. */
export async function rollbackServiceCommand(io: CliIo, service: string): Promise<void> {
  await withServices(io, async (c) => {
    await c.call('rollbackService', { service });
    io.stdout.write(`${service}\n`);
  });
}

/** `tsorch service rm SERVICE...`: each one removed; failures reported, exit 1. */
export async function removeServicesCommand(io: CliIo, services: string[]): Promise<void> {
  await withServices(io, async (c) => {
    for (const service of services) {
      try {
        await c.call('removeService', { service });
        io.stdout.write(`${service}\n`);
      } catch (err) {
        io.stderr.write(`Error: ${(err as Error).message}\n`);
        io.exitCode = 1;
      }
    }
  });
}

/** `tsorch events [--filter type=...] [--format json]`: streams until interrupted. */
export async function eventsCommand(
  io: CliIo,
  opts: { filter?: string[]; format?: string; since?: string },
  signal?: AbortSignal,
): Promise<void> {
  const f = parseFilters(opts.filter ?? [], ['type']);
  const format = opts.format ?? '';
  if (format !== '' && format !== 'json' && !format.includes('{{'))
    throw new UsageError(`Invalid value for --format: "${format}": use json or a template`);
  const since = opts.since === undefined ? undefined : wholeNumber('since', opts.since);
  await withServices(io, async (c) => {
    for await (const e of c.daemon.stream<EventsResponse__Output>(
      c.client,
      'events',
      { types: f['type'] ?? [], sinceVersion: since ?? 0, hasSince: since !== undefined },
      signal === undefined ? {} : { signal },
    )) {
      if (format === '') io.stdout.write(`${eventLine(e)}\n`);
      else
        writeList(
          io.stdout,
          [
            {
              type: e.type,
              action: e.action,
              id: e.id,
              version: e.version,
              time: e.time,
              attributes: e.attributes,
            },
          ],
          format,
          { header: [], row: () => [] },
        );
    }
  });
}
