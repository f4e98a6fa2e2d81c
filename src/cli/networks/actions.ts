/**
 * Implementations of the network commands and `port` (loaded lazily by commands.ts).
 *
 * @module
 */
import type { NetworkInfo__Output } from '../../api/gen/tsorch/v1/NetworkInfo.js';
import type { PublishedPort__Output } from '../../api/gen/tsorch/v1/PublishedPort.js';
import { connectDaemon } from '../client.js';
import { UsageError, type CliIo } from '../io.js';
import { shortId, writeList } from '../output.js';
import { NotFoundError, TsorchError } from '../../util/errors.js';
import {
  createClusterNetwork,
  inspectClusterNetwork,
  keyValues as labelValues,
  listClusterNetworks,
  removeClusterNetwork,
} from '../objects/actions.js';

function keyValues(list: unknown, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of (list as string[] | undefined) ?? []) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new UsageError(`Invalid value for ${flag}: "${kv}": expected KEY=VALUE`);
    out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

async function withNetworks<T>(
  io: CliIo,
  fn: (call: <Res>(method: string, req: unknown) => Promise<Res>) => Promise<T>,
): Promise<T> {
  const daemon = connectDaemon(io.env);
  const client = daemon.service('networks', 'Networks');
  try {
    return await fn(<Res>(method: string, req: unknown) => daemon.unary<Res>(client, method, req));
  } finally {
    daemon.close();
  }
}

/** Whether `err` says the node has no local network of that name or id. */
function localMissing(err: unknown): boolean {
  return err instanceof TsorchError && (err.code === 'NET_NOT_FOUND' || err.code === 'NOT_FOUND');
}

/** The error of a network that is not the node's own (a cluster network's instance). */
function notHere(network: string): TsorchError {
  return new TsorchError('NET_NOT_FOUND', `No such network: ${network}`);
}

/**
 * Runs `cluster` for a network the node does not have; on a daemon that is no manager the
 * node's own not-found error stands.
 */
async function orCluster<T>(local: unknown, cluster: () => Promise<T>): Promise<T> {
  if (!localMissing(local)) throw local;
  try {
    return await cluster();
  } catch (err) {
    throw err instanceof TsorchError && err.code === 'CLUSTER_NOT_MANAGER' ? local : err;
  }
}

/**
 * `network create -d overlay`: a cluster network (scope swarm), made by the manager.
 * `--attachable` and `--ingress` are for overlay networks only.
 */
async function createOverlay(io: CliIo, name: string, opts: Record<string, unknown>) {
  const id = await createClusterNetwork(io, name, {
    subnet: str(opts['subnet']),
    gateway: str(opts['gateway']),
    ipRange: str(opts['ipRange']),
    internal: opts['internal'] === true,
    attachable: opts['attachable'] === true,
    ingress: opts['ingress'] === true,
    labels: labelValues(opts['label'], '--label'),
    options: labelValues(opts['opt'], '--opt'),
  });
  io.stdout.write(`${id}\n`);
}

/** `tsorch network VERB`. */
export async function networkCommand(
  io: CliIo,
  verb: string,
  args: string[],
  opts: Record<string, unknown>,
): Promise<void> {
  await withNetworks(io, async (call) => {
    switch (verb) {
      case 'create': {
        if (str(opts['driver']) === 'overlay') {
          await createOverlay(io, args[0] ?? '', opts);
          return;
        }
        if (opts['attachable'] === true || opts['ingress'] === true)
          throw new UsageError(
            `Invalid flag ${opts['ingress'] === true ? '--ingress' : '--attachable'}: only overlay networks (-d overlay) take it`,
          );
        const r = await call<{ network: NetworkInfo__Output }>('create', {
          name: args[0] ?? '',
          driver: str(opts['driver']),
          subnet: str(opts['subnet']),
          gateway: str(opts['gateway']),
          ipRange: str(opts['ipRange']),
          internal: opts['internal'] === true,
          labels: keyValues(opts['label'], '--label'),
          options: keyValues(opts['opt'], '--opt'),
        });
        io.stdout.write(`${r.network.id}\n`);
        return;
      }
      case 'ls': {
        // The node's own networks and, on a manager, the cluster's, as Docker lists them. The
        // node's instance of a cluster network (overlay) is that network: listed once, swarm.
        const r = await call<{ networks: NetworkInfo__Output[] }>('list', {});
        const cluster = await listClusterNetworks(io);
        const clusterIds = new Set(cluster.map((n) => n.id));
        const all = [
          ...r.networks
            .filter((n) => !clusterIds.has(n.id))
            .map((n) => ({ ...n, scope: n.driver === 'overlay' ? 'swarm' : 'local' })),
          ...cluster,
        ].sort((a, b) => a.name.localeCompare(b.name));
        if (opts['quiet'] === true && opts['format'] !== 'json') {
          for (const n of all) io.stdout.write(`${shortId(n.id)}\n`);
          return;
        }
        writeList(io.stdout, all, str(opts['format']), {
          header: ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE', 'SUBNET'],
          row: (n) => [shortId(n.id), n.name, n.driver, n.scope, n.subnet],
        });
        return;
      }
      case 'inspect': {
        const docs = [];
        for (const network of args) {
          try {
            const local = (await call<{ network: NetworkInfo__Output }>('inspect', { network }))
              .network;
            docs.push(
              local.driver === 'overlay'
                ? await orCluster(notHere(network), () => inspectClusterNetwork(io, network))
                : local,
            );
          } catch (err) {
            docs.push(await orCluster(err, () => inspectClusterNetwork(io, network)));
          }
        }
        io.stdout.write(`${JSON.stringify(docs, null, 4)}\n`);
        return;
      }
      case 'rm':
        for (const network of args) {
          try {
            // The node's instance of a cluster network goes with the cluster's network.
            const local = await call<{ network: NetworkInfo__Output }>('inspect', { network });
            if (local.network.driver === 'overlay') throw notHere(network);
            await call('remove', { network });
          } catch (err) {
            if (await orCluster(err, () => removeClusterNetwork(io, network)))
              io.stderr.write(
                `Network "${network}" is removed once the tasks still on it have stopped\n`,
              );
          }
          io.stdout.write(`${network}\n`);
        }
        return;
      case 'prune': {
        const r = await call<{ removed: string[] }>('prune', {});
        if (r.removed.length > 0) {
          io.stdout.write(`Deleted Networks:\n${r.removed.map((n) => `${n}\n`).join('')}`);
        }
        return;
      }
      case 'connect':
        await call('connect', {
          network: args[0] ?? '',
          container: args[1] ?? '',
          aliases: (opts['alias'] as string[] | undefined) ?? [],
          ipv4Address: str(opts['ip']),
          macAddress: str(opts['macAddress']),
        });
        return;
      case 'disconnect':
        await call('disconnect', { network: args[0] ?? '', container: args[1] ?? '' });
        return;
      default:
        throw new UsageError(`Unknown network command "${verb}"`);
    }
  });
}

/** `tsorch port CONTAINER [PORT[/PROTO]]`: docker's lines, `80/tcp -> 0.0.0.0:8080`. */
export async function portCommand(
  io: CliIo,
  container: string,
  only: string | undefined,
): Promise<void> {
  const filter = only === undefined ? undefined : only.includes('/') ? only : `${only}/tcp`;
  await withNetworks(io, async (call) => {
    const r = await call<{ ports: PublishedPort__Output[] }>('containerPorts', { container });
    const lines = r.ports
      .filter((p) => filter === undefined || `${p.containerPort}/${p.protocol}` === filter)
      .map((p) => {
        const host = `${p.hostIp === '' ? '0.0.0.0' : p.hostIp}:${p.hostPort}`;
        return filter === undefined ? `${p.containerPort}/${p.protocol} -> ${host}` : host;
      });
    if (filter !== undefined && lines.length === 0) {
      throw new NotFoundError(`No public port "${filter}" published for container "${container}"`);
    }
    for (const l of lines) io.stdout.write(`${l}\n`);
  });
}
