/**
 * The deploy engine's {@link StackTarget} over the manager's gRPC API, for the CLI
 * (`tsorch up`, `down`, `ps`, `logs`). Services and tasks go through the Services API;
 * networks, volumes, secrets and configs through the cluster object services
 * (proto/tsorch/v1/objects.proto). Secrets and configs are read back without their payload.
 *
 * @module
 */
import type { ListServicesResponse__Output } from '../gen/tsorch/v1/ListServicesResponse.js';
import type { ListTasksResponse__Output } from '../gen/tsorch/v1/ListTasksResponse.js';
import type { ServiceInfo__Output } from '../gen/tsorch/v1/ServiceInfo.js';
import type { ServiceLogsResponse__Output } from '../gen/tsorch/v1/ServiceLogsResponse.js';
import type { ServiceTask__Output } from '../gen/tsorch/v1/ServiceTask.js';
import type { CreateServiceResponse__Output } from '../gen/tsorch/v1/CreateServiceResponse.js';
import type { ClusterNetworkInfo__Output } from '../gen/tsorch/v1/ClusterNetworkInfo.js';
import type { ClusterVolumeInfo__Output } from '../gen/tsorch/v1/ClusterVolumeInfo.js';
import type { ConfigInfo__Output } from '../gen/tsorch/v1/ConfigInfo.js';
import type { SecretInfo__Output } from '../gen/tsorch/v1/SecretInfo.js';
import type { ObjectMeta__Output } from '../gen/tsorch/v1/ObjectMeta.js';
import {
  STACK_NAMESPACE_LABEL,
  type Network,
  type Service,
  type Task,
  type TaskState,
  type Volume,
} from '../../store/index.js';
import type { LogLine, LogOptions } from '../../manager/index.js';
import { hasCode } from '../../util/errors.js';
import { metaFromProto, networkSpecFromProto, networkSpecToProto } from '../objects/convert.js';
import { specFromProto, specToProto } from '../services/convert.js';
import { taskView, type DeployedStack, type StackTarget, type TaskView } from './engine.js';

/** The cluster object services of proto/tsorch/v1/objects.proto. */
export type ObjectsServiceName = 'ClusterNetworks' | 'Secrets' | 'Configs' | 'ClusterVolumes';

/** What the target needs of a connection to the daemon (the CLI's client). */
export interface ServicesCaller {
  /** A unary call of the Services API. */
  unary<R>(method: string, request: unknown, signal?: AbortSignal): Promise<R>;
  stream<R>(method: string, request: unknown, signal?: AbortSignal): AsyncIterable<R>;
  /** A unary call of one of the cluster object services. */
  objects<R>(
    service: ObjectsServiceName,
    method: string,
    request: unknown,
    signal?: AbortSignal,
  ): Promise<R>;
}

/** Reads of a stack's services and tasks before a service removed in between is an error. */
const STACK_READ_ATTEMPTS = 5;

/** How often `watchTasks` reads the tasks again. */
const WATCH_INTERVAL_MS = 500;

/** The store form of a listed service (what the planner reads). */
export function serviceFromInfo(s: ServiceInfo__Output): Service {
  return {
    id: s.id,
    meta: { version: Number(s.version), createdAt: s.createdAt, updatedAt: s.updatedAt },
    spec: specFromProto(s.spec),
    specVersion: Number(s.specVersion),
    pendingDelete: false,
  };
}

/** The store form of a listed task, its spec taken from its service's. */
export function taskFromInfo(t: ServiceTask__Output, service: Service): Task {
  const spec = service.spec.task;
  return {
    id: t.id,
    meta: { version: 0, createdAt: t.createdAt, updatedAt: t.stateTimestamp },
    serviceId: t.serviceId,
    slot: Number(t.slot),
    nodeId: t.nodeId,
    desiredState: t.desiredState as TaskState,
    status: {
      state: t.state as TaskState,
      timestamp: t.stateTimestamp,
      message: t.message,
      ...(t.err === '' ? {} : { err: t.err }),
      ...(t.containerId === '' ? {} : { containerId: t.containerId }),
      ...(t.state === 'COMPLETE' || t.state === 'FAILED' ? { exitCode: t.exitCode } : {}),
      ...(t.health === 'starting' || t.health === 'healthy' || t.health === 'unhealthy'
        ? { health: t.health }
        : {}),
    },
    spec: { ...spec, container: { ...spec.container, image: t.image } },
    specVersion: Number(t.specVersion),
    serviceAnnotations: { name: t.serviceName, labels: {} },
    networks: t.networks.map((n) => ({
      networkId: n.networkId,
      addresses: n.addresses,
      aliases: [],
    })),
  };
}

/** The store form of a listed cluster network. */
export function networkFromInfo(n: ClusterNetworkInfo__Output): Network {
  return {
    ...metaFromProto(n.meta),
    spec: networkSpecFromProto(n.spec),
    ipam: n.allocated.map((a) => ({ subnet: a.subnet, gateway: a.gateway })),
    ...(n.vni === 0 ? {} : { vni: n.vni }),
    pendingDelete: n.pendingDelete,
  };
}

/** The store form of a listed cluster volume. */
export function volumeFromInfo(v: ClusterVolumeInfo__Output): Volume {
  return {
    ...metaFromProto(v.meta),
    spec: {
      name: v.name,
      labels: { ...v.labels },
      driver: 'local',
      driverOpts: { ...v.driverOpts },
    },
    nodeId: v.nodeId,
  };
}

/** A secret or config as the planner sees it: name and labels. */
function namedFromInfo(o: {
  meta: ObjectMeta__Output | null;
  name: string;
  labels: Record<string, string>;
}): {
  id: string;
  spec: { name: string; labels: Record<string, string> };
} {
  return { id: o.meta?.id ?? '', spec: { name: o.name, labels: { ...o.labels } } };
}

/** The stack target over `caller`. */
export function servicesStackTarget(caller: ServicesCaller): StackTarget {
  const services = async (labels: string[], signal?: AbortSignal): Promise<Service[]> =>
    (
      await caller.unary<ListServicesResponse__Output>('listServices', { labels }, signal)
    ).services.map(serviceFromInfo);
  const tasksOf = async (stack: readonly Service[], signal?: AbortSignal): Promise<Task[]> => {
    if (stack.length === 0) return [];
    const byId = new Map(stack.map((s) => [s.id, s]));
    const { tasks } = await caller.unary<ListTasksResponse__Output>(
      'listTasks',
      { services: stack.map((s) => s.id) },
      signal,
    );
    return tasks.flatMap((t) => {
      const service = byId.get(t.serviceId);
      return service === undefined ? [] : [taskFromInfo(t, service)];
    });
  };
  const label = (namespace: string): string => `${STACK_NAMESPACE_LABEL}=${namespace}`;
  // A service removed between the two reads makes ListTasks answer STORE_NOT_FOUND: read both
  // again (bounded), as `down` removes services while it watches their tasks.
  const stackTasks = async (namespace: string, signal?: AbortSignal): Promise<Task[]> => {
    for (let attempt = 1; ; attempt += 1) {
      const stack = await services([label(namespace)], signal);
      try {
        return await tasksOf(stack, signal);
      } catch (err) {
        if (!hasCode(err, 'STORE_NOT_FOUND') || attempt >= STACK_READ_ATTEMPTS) throw err;
      }
    }
  };
  return {
    async read(namespace, signal): Promise<DeployedStack> {
      const stack = await services([label(namespace)], signal);
      const [tasks, networks, volumes, secrets, configs] = await Promise.all([
        tasksOf(stack, signal),
        caller.objects<{ networks: ClusterNetworkInfo__Output[] }>(
          'ClusterNetworks',
          'listClusterNetworks',
          {},
          signal,
        ),
        caller.objects<{ volumes: ClusterVolumeInfo__Output[] }>(
          'ClusterVolumes',
          'listClusterVolumes',
          {},
          signal,
        ),
        caller.objects<{ secrets: SecretInfo__Output[] }>('Secrets', 'listSecrets', {}, signal),
        caller.objects<{ configs: ConfigInfo__Output[] }>('Configs', 'listConfigs', {}, signal),
      ]);
      return {
        services: stack,
        tasks,
        networks: networks.networks.map(networkFromInfo),
        volumes: volumes.volumes.map(volumeFromInfo),
        secrets: secrets.secrets.map(namedFromInfo),
        configs: configs.configs.map(namedFromInfo),
      };
    },
    async listStacks(signal) {
      const counts = new Map<string, number>();
      for (const s of await services([STACK_NAMESPACE_LABEL], signal)) {
        const ns = s.spec.labels[STACK_NAMESPACE_LABEL] ?? '';
        counts.set(ns, (counts.get(ns) ?? 0) + 1);
      }
      return [...counts]
        .map(([namespace, n]) => ({ namespace, services: n }))
        .sort((a, b) => a.namespace.localeCompare(b.namespace));
    },
    async createNetwork(spec) {
      const r = await caller.objects<{ network: ClusterNetworkInfo__Output | null }>(
        'ClusterNetworks',
        'createClusterNetwork',
        { spec: networkSpecToProto(spec), options: {} },
      );
      return r.network?.meta?.id ?? '';
    },
    async createVolume(spec) {
      const r = await caller.objects<{ volume: ClusterVolumeInfo__Output | null }>(
        'ClusterVolumes',
        'createClusterVolume',
        { name: spec.name, labels: spec.labels, driver: spec.driver, driverOpts: spec.driverOpts },
      );
      return r.volume?.meta?.id ?? '';
    },
    async createSecret(spec) {
      const r = await caller.objects<{ secret: SecretInfo__Output | null }>(
        'Secrets',
        'createSecret',
        { name: spec.name, labels: spec.labels, data: Buffer.from(spec.data) },
      );
      return r.secret?.meta?.id ?? '';
    },
    async createConfig(spec) {
      const r = await caller.objects<{ config: ConfigInfo__Output | null }>(
        'Configs',
        'createConfig',
        { name: spec.name, labels: spec.labels, data: Buffer.from(spec.data) },
      );
      return r.config?.meta?.id ?? '';
    },
    async removeNetwork(id) {
      await caller.objects('ClusterNetworks', 'removeClusterNetwork', { network: id });
    },
    async removeVolume(id) {
      await caller.objects('ClusterVolumes', 'removeClusterVolume', { volume: id });
    },
    async removeSecret(id) {
      await caller.objects('Secrets', 'removeSecret', { secret: id });
    },
    async removeConfig(id) {
      await caller.objects('Configs', 'removeConfig', { config: id });
    },
    async createService(spec) {
      const res = await caller.unary<CreateServiceResponse__Output>('createService', {
        spec: specToProto(spec),
      });
      return res.service?.id ?? '';
    },
    async updateService(id, version, spec) {
      await caller.unary('updateService', {
        service: id,
        version: String(version),
        spec: specToProto(spec),
        force: false,
      });
    },
    async removeService(id) {
      await caller.unary('removeService', { service: id });
    },
    async *watchTasks(namespace, signal): AsyncIterable<TaskView[]> {
      while (!signal.aborted) {
        yield (await stackTasks(namespace, signal)).map(taskView);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, WATCH_INTERVAL_MS);
          signal.addEventListener(
            'abort',
            () => {
              clearTimeout(timer);
              resolve();
            },
            { once: true },
          );
        });
      }
    },
    logs(serviceIds, options) {
      return merge(serviceIds.map((serviceId) => serviceLogs(caller, serviceId, options)));
    },
  };
}

async function* serviceLogs(
  caller: ServicesCaller,
  serviceId: string,
  options: LogOptions,
): AsyncIterable<LogLine> {
  for await (const m of caller.stream<ServiceLogsResponse__Output>(
    'serviceLogs',
    { service: serviceId, follow: options.follow, tail: options.tail ?? -1 },
    options.signal,
  )) {
    const r = m.record;
    if (r == null) continue;
    yield {
      serviceId,
      slot: Number(/\.(\d+)$/.exec(r.taskName)?.[1] ?? 0),
      stream: r.stream === 'stderr' ? 'stderr' : 'stdout',
      time: r.time,
      text: r.data.toString('utf8'),
    };
  }
}

/** The items of `sources` in arrival order; ends when all end, throws the first error. */
async function* merge<T>(sources: readonly AsyncIterable<T>[]): AsyncIterable<T> {
  const iterators = sources.map((s) => s[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ i: number; r: IteratorResult<T> }>>();
  const next = (i: number): void => {
    const it = iterators[i];
    if (it !== undefined)
      pending.set(
        i,
        it.next().then((r) => ({ i, r })),
      );
  };
  iterators.forEach((_it, i) => {
    next(i);
  });
  while (pending.size > 0) {
    const { i, r } = await Promise.race(pending.values());
    if (r.done === true) {
      pending.delete(i);
      continue;
    }
    next(i);
    yield r.value;
  }
}
