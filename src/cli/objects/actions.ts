/**
 * Implementations of `tsorch secret ...` and `tsorch config create|ls|inspect|rm` (the swarm
 * configs; loaded lazily by ./commands.ts), and the cluster half of `tsorch network`: flags →
 * the cluster object services (proto/tsorch/v1/objects.proto) → Docker's output. A secret's
 * payload is sent once and never shown.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ObjectsServiceName } from '../../api/stacks/services-target.js';
import type { ClusterNetworkInfo__Output } from '../../api/gen/tsorch/v1/ClusterNetworkInfo.js';
import type { ClusterVolumeInfo__Output } from '../../api/gen/tsorch/v1/ClusterVolumeInfo.js';
import type { ConfigInfo__Output } from '../../api/gen/tsorch/v1/ConfigInfo.js';
import type { ObjectMeta__Output } from '../../api/gen/tsorch/v1/ObjectMeta.js';
import type { SecretInfo__Output } from '../../api/gen/tsorch/v1/SecretInfo.js';
import { TsorchError } from '../../util/errors.js';
import { storeSecretDataMaxBytes } from '../../util/limits.js';
import { connectDaemon } from '../client.js';
import { UsageError, type CliIo } from '../io.js';
import { ago, writeList } from '../output.js';

/** A call of one of the cluster object services. */
export type ObjectsCall = <R>(
  service: ObjectsServiceName,
  method: string,
  request: unknown,
) => Promise<R>;

const notImplemented = /does not implement the method|UNIMPLEMENTED/;

/** Whether `err` says the daemon serves no cluster object API (it is no swarm manager). */
export function isNotManager(err: unknown): boolean {
  return err instanceof Error && notImplemented.test(err.message);
}

/** The error for a command that needs a swarm manager, said as such. */
export function notManagerError(what: string, cause: unknown): TsorchError {
  return new TsorchError(
    'CLUSTER_NOT_MANAGER',
    `Cannot ${what}: this daemon is not a swarm manager`,
    { cause, hint: 'Run `tsorch swarm init` first, or point --host at a manager' },
  );
}

/** Runs `fn` with a connection to the daemon's cluster object services. */
export async function withObjects<T>(
  io: CliIo,
  what: string,
  fn: (call: ObjectsCall) => Promise<T>,
): Promise<T> {
  const daemon = connectDaemon(io.env);
  try {
    return await fn(<R>(service: ObjectsServiceName, method: string, request: unknown) =>
      daemon.unary<R>(daemon.service('objects', service), method, request),
    );
  } catch (err) {
    throw isNotManager(err) ? notManagerError(what, err) : err;
  } finally {
    daemon.close();
  }
}

/**
 * Parses repeated `KEY=VALUE` flags (a bare `KEY` is an empty value, as Docker's `--label`).
 *
 * @throws {UsageError} naming the flag for an empty key.
 */
export function keyValues(list: unknown, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of (list as string[] | undefined) ?? []) {
    const i = kv.indexOf('=');
    const key = i === -1 ? kv : kv.slice(0, i);
    if (key === '') throw new UsageError(`Invalid value for ${flag}: "${kv}": expected KEY=VALUE`);
    out[key] = i === -1 ? '' : kv.slice(i + 1);
  }
  return out;
}

/**
 * Reads a payload from `file`, or from standard input when it is `-`; one byte past the
 * store's limit is read at most, so the manager names the size.
 *
 * @throws {UsageError} when the file cannot be read.
 */
async function readPayload(io: CliIo, file: string): Promise<Buffer> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      chunks.push(b);
      size += b.length;
      if (size > storeSecretDataMaxBytes) break;
    }
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(resolve(io.cwd, file));
  } catch (err) {
    throw new UsageError(
      `Cannot read "${file}": ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
}

/** Docker's inspect form of an object's meta. */
function inspectMeta(meta: ObjectMeta__Output | null): Record<string, unknown> {
  return {
    ID: meta?.id ?? '',
    Version: { Index: Number(meta?.version ?? 0) },
    CreatedAt: meta?.createdAt ?? '',
    UpdatedAt: meta?.updatedAt ?? '',
  };
}

interface FileObjectKind {
  service: 'Secrets' | 'Configs';
  singular: 'secret' | 'config';
  plural: 'secrets' | 'configs';
  method: 'Secret' | 'Config';
}

const SECRETS: FileObjectKind = {
  service: 'Secrets',
  singular: 'secret',
  plural: 'secrets',
  method: 'Secret',
};
const CONFIGS: FileObjectKind = {
  service: 'Configs',
  singular: 'config',
  plural: 'configs',
  method: 'Config',
};

type FileObjectInfo = SecretInfo__Output & Partial<Pick<ConfigInfo__Output, 'data'>>;

/** `tsorch secret VERB` and `tsorch config VERB` (create, ls, inspect, rm). */
async function fileObjectCommand(
  io: CliIo,
  kind: FileObjectKind,
  verb: string,
  args: string[],
  opts: Record<string, unknown>,
): Promise<void> {
  await withObjects(io, `${verb} ${kind.plural}`, async (call) => {
    const get = async (ref: string): Promise<FileObjectInfo> =>
      (
        await call<Record<string, FileObjectInfo>>(kind.service, `get${kind.method}`, {
          [kind.singular]: ref,
        })
      )[kind.singular] as FileObjectInfo;
    switch (verb) {
      case 'create': {
        const [name = '', file = ''] = args;
        const data = await readPayload(io, file);
        const r = await call<Record<string, FileObjectInfo>>(kind.service, `create${kind.method}`, {
          name,
          labels: keyValues(opts['label'], '--label'),
          data,
        });
        io.stdout.write(`${r[kind.singular]?.meta?.id ?? ''}\n`);
        return;
      }
      case 'ls': {
        const labels = ((opts['filter'] as string[] | undefined) ?? []).map((f) => {
          if (!f.startsWith('label='))
            throw new UsageError(
              `Invalid value for --filter: "${f}": use label=KEY or label=KEY=VALUE`,
            );
          return f.slice('label='.length);
        });
        const r = await call<Record<string, FileObjectInfo[]>>(
          kind.service,
          `list${kind.method}s`,
          { labels },
        );
        const list = r[kind.plural] ?? [];
        if (opts['quiet'] === true) {
          for (const o of list) io.stdout.write(`${o.meta?.id ?? ''}\n`);
          return;
        }
        const now = Date.now();
        writeList(io.stdout, list, typeof opts['format'] === 'string' ? opts['format'] : 'table', {
          header:
            kind.singular === 'secret'
              ? ['ID', 'NAME', 'DRIVER', 'CREATED', 'UPDATED']
              : ['ID', 'NAME', 'CREATED', 'UPDATED'],
          row: (o) => [
            o.meta?.id ?? '',
            o.name,
            ...(kind.singular === 'secret' ? [''] : []),
            ago(o.meta?.createdAt ?? '', now),
            ago(o.meta?.updatedAt ?? '', now),
          ],
          data: (o) => ({ id: o.meta?.id ?? '', name: o.name, labels: o.labels }),
        });
        return;
      }
      case 'inspect': {
        const docs = [];
        for (const ref of args) {
          const o = await get(ref);
          docs.push({
            ...inspectMeta(o.meta),
            Spec: {
              Name: o.name,
              Labels: o.labels,
              // Docker shows a config's payload (base64); a secret's never leaves the manager.
              ...(o.data === undefined ? {} : { Data: o.data.toString('base64') }),
            },
          });
        }
        io.stdout.write(`${JSON.stringify(docs, null, 4)}\n`);
        return;
      }
      case 'rm':
        for (const ref of args) {
          await call(kind.service, `remove${kind.method}`, { [kind.singular]: ref });
          io.stdout.write(`${ref}\n`);
        }
        return;
      default:
        throw new UsageError(`Unknown ${kind.singular} command "${verb}"`);
    }
  });
}

/** `tsorch secret create|ls|inspect|rm`. */
export function secretCommand(
  io: CliIo,
  verb: string,
  args: string[],
  opts: Record<string, unknown>,
): Promise<void> {
  return fileObjectCommand(io, SECRETS, verb, args, opts);
}

/** `tsorch config create|ls|inspect|rm` (the swarm's configs, not the compose command). */
export function swarmConfigCommand(
  io: CliIo,
  verb: string,
  args: string[],
  opts: Record<string, unknown>,
): Promise<void> {
  return fileObjectCommand(io, CONFIGS, verb, args, opts);
}

/** A cluster network as `network ls` and `network inspect` show it beside the node's own. */
export interface ClusterNetworkView {
  id: string;
  name: string;
  driver: string;
  scope: 'swarm';
  created: string;
  subnet: string;
  gateway: string;
  ipRange: string;
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  labels: Record<string, string>;
  vni: number;
  pendingDelete: boolean;
}

function clusterNetworkView(n: ClusterNetworkInfo__Output): ClusterNetworkView {
  const asked = n.spec?.ipam[0];
  const given = n.allocated[0];
  return {
    id: n.meta?.id ?? '',
    name: n.spec?.name ?? '',
    driver: n.spec?.driver ?? '',
    scope: 'swarm',
    created: n.meta?.createdAt ?? '',
    subnet: given?.subnet ?? asked?.subnet ?? '',
    gateway: given?.gateway ?? asked?.gateway ?? '',
    ipRange: asked?.ipRange ?? '',
    internal: n.spec?.internal ?? false,
    attachable: n.spec?.attachable ?? false,
    ingress: n.spec?.ingress ?? false,
    labels: { ...(n.spec?.labels ?? {}) },
    vni: n.vni,
    pendingDelete: n.pendingDelete,
  };
}

/** The flags of `network create` that a cluster network takes. */
export interface ClusterNetworkFlags {
  subnet: string;
  gateway: string;
  ipRange: string;
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
}

/** `network create -d overlay`: a cluster network; returns its id. */
export async function createClusterNetwork(
  io: CliIo,
  name: string,
  flags: ClusterNetworkFlags,
): Promise<string> {
  return withObjects(io, `create overlay network "${name}"`, async (call) => {
    const ipam =
      flags.subnet === '' && flags.gateway === '' && flags.ipRange === ''
        ? []
        : [{ subnet: flags.subnet, gateway: flags.gateway, ipRange: flags.ipRange }];
    const r = await call<{ network: ClusterNetworkInfo__Output | null }>(
      'ClusterNetworks',
      'createClusterNetwork',
      {
        spec: {
          name,
          labels: flags.labels,
          driver: 'overlay',
          ipam,
          attachable: flags.attachable,
          internal: flags.internal,
          ingress: flags.ingress,
        },
        options: flags.options,
      },
    );
    return r.network?.meta?.id ?? '';
  });
}

/** The cluster's networks; none when the daemon is no manager (a node's own `network ls`). */
export async function listClusterNetworks(io: CliIo): Promise<ClusterNetworkView[]> {
  try {
    return await withObjects(io, 'list cluster networks', async (call) =>
      (
        await call<{ networks: ClusterNetworkInfo__Output[] }>(
          'ClusterNetworks',
          'listClusterNetworks',
          {},
        )
      ).networks.map(clusterNetworkView),
    );
  } catch (err) {
    if (err instanceof TsorchError && err.code === 'CLUSTER_NOT_MANAGER') return [];
    throw err;
  }
}

/** The cluster network `ref` names. @throws STORE_NOT_FOUND, CLUSTER_NOT_MANAGER. */
export async function inspectClusterNetwork(io: CliIo, ref: string): Promise<ClusterNetworkView> {
  return withObjects(io, `inspect network "${ref}"`, async (call) => {
    const r = await call<{ network: ClusterNetworkInfo__Output | null }>(
      'ClusterNetworks',
      'getClusterNetwork',
      { network: ref },
    );
    if (r.network === null) throw new TsorchError('INTERNAL', 'The manager sent no network');
    return clusterNetworkView(r.network);
  });
}

/** Removes the cluster network `ref`; true when it waits for its tasks to stop. */
export async function removeClusterNetwork(io: CliIo, ref: string): Promise<boolean> {
  return withObjects(io, `remove network "${ref}"`, async (call) => {
    const r = await call<{ pendingDelete: boolean }>('ClusterNetworks', 'removeClusterNetwork', {
      network: ref,
    });
    return r.pendingDelete;
  });
}

/**
 * The cluster's volumes as `volume ls` lists them beside the node's own; none when the daemon
 * is no manager.
 */
export async function listClusterVolumes(
  io: CliIo,
): Promise<{ name: string; driver: string; scope: 'swarm'; nodeId: string }[]> {
  try {
    return await withObjects(io, 'list cluster volumes', async (call) =>
      (
        await call<{ volumes: ClusterVolumeInfo__Output[] }>(
          'ClusterVolumes',
          'listClusterVolumes',
          {},
        )
      ).volumes.map((v) => ({ name: v.name, driver: v.driver, scope: 'swarm', nodeId: v.nodeId })),
    );
  } catch (err) {
    if (err instanceof TsorchError && err.code === 'CLUSTER_NOT_MANAGER') return [];
    throw err;
  }
}

/** Removes the cluster volume `ref` (and its data when it is on this node). */
export async function removeClusterVolume(io: CliIo, ref: string): Promise<void> {
  await withObjects(io, `remove volume "${ref}"`, (call) =>
    call('ClusterVolumes', 'removeClusterVolume', { volume: ref }),
  );
}
