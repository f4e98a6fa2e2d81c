/**
 * The node's worker, wired: the agent's containers run the tasks the managers assign, images
 * missing on the node are pulled from their registry, and the dispatcher is reached over the
 * local unix socket (on a manager, whose own agent is a worker too) or over mutual TLS.
 *
 * @module
 */
import { availableParallelism, hostname, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  openTaskFiles,
  startWorker,
  TASK_ID_LABEL,
  type Containers,
  type IngressNodeView,
  type IngressSync,
  type NetworkManager,
  type RuntimeName,
  type ServiceDiscovery,
  type TaskNetworkPort,
  type Worker,
} from '../agent/index.js';
import { connectDispatcher } from '../api/dispatcher/client.js';
import type { ClientTls } from '../api/tls.js';
import { hostPlatform, pullImage, type ImageService } from '../image/index.js';
import { newDispatcher, type Dispatcher } from '../manager/index.js';
import type { DriverStatus } from '../raft/index.js';
import type { Network, NodeDescription, Store } from '../store/index.js';
import { ingressSyncIntervalMs } from '../util/limits.js';
import type { Logger } from '../util/log.js';
import type { DaemonConfig } from './config.js';

const dispatchers = new WeakMap<object, Dispatcher>();

/**
 * The dispatcher of a running manager (one per manager start): it serves sessions while this
 * manager leads the Raft group and sends agents to the leader otherwise.
 */
export function managerDispatcher(
  manager: { readonly store: Store; readonly raft: { status(): DriverStatus } },
  log: Logger,
): Dispatcher {
  let d = dispatchers.get(manager);
  if (d === undefined) {
    d = newDispatcher(manager.store, {
      log: log.with({ component: 'dispatcher' }),
      leadership: () => {
        const s = manager.raft.status();
        return { leader: s.role === 'leader', leaderAddress: s.leaderAddress };
      },
    });
    dispatchers.set(manager, d);
  }
  return d;
}

/** What this host tells the dispatcher about itself: name, platform, CPUs, memory, runtime. */
export function hostDescription(runtime: RuntimeName): NodeDescription {
  return {
    hostname: hostname(),
    platform: hostPlatform(),
    resources: { nanoCpus: availableParallelism() * 1_000_000_000, memoryBytes: totalmem() },
    engine: { runtime, version: '', labels: {} },
  };
}

/** Options of {@link startNodeWorker}. */
export interface NodeWorkerOptions {
  /** Managers to try: `unix:/path` for the local manager, or `host:port`. */
  managers: readonly string[];
  /**
   * Client TLS for TCP managers (the node's current certificate, read at each connection so a
   * renewed one is used); not used on the unix socket.
   */
  tls?: () => ClientTls;
  /**
   * The node's address in its cluster (its swarm state's advertise address), told to the
   * managers and used as the overlay underlay; the daemon's `--advertise-addr` when absent.
   */
  advertiseAddr?: string;
  /** Called when the managers to try changed (to keep them for the next start). */
  onManagers?: (managers: readonly string[]) => void;
}

/** The directory of the tasks' secret and config tmpfs mounts. */
function taskFilesDir(config: DaemonConfig): string {
  return join(config.run, 'task-files');
}

/** Starts the worker of a node whose agent parts are `agent`. */
export function startNodeWorker(
  agent: {
    readonly images: ImageService;
    readonly containers: Containers;
    readonly networks?: {
      readonly cluster: TaskNetworkPort & { setUnderlay(advertiseAddr: string): void };
      readonly manager?: NetworkManager;
      readonly ingress?: IngressSync;
      readonly discovery?: ServiceDiscovery;
    };
  },
  config: DaemonConfig,
  options: NodeWorkerOptions,
  log: Logger,
): Worker {
  const { tls } = options;
  const advertiseAddr =
    options.advertiseAddr === undefined || options.advertiseAddr === ''
      ? config.advertiseAddr
      : options.advertiseAddr;
  agent.networks?.cluster.setUnderlay(advertiseAddr);
  const worker = startWorker({
    managers: options.managers,
    connect: (target) =>
      connectDispatcher(
        target,
        target.startsWith('unix:') || tls === undefined ? {} : { tls: tls() },
      ),
    engine: agent.containers.manager,
    ...(agent.networks === undefined ? {} : { networks: agent.networks.cluster }),
    pullImage: async (ref, { signal }) => {
      // Plain http only for loopback and --insecure-registry hosts (the image store knows them).
      await pullImage(agent.images, ref, { signal });
    },
    description: () => hostDescription(config.runtime),
    advertiseAddr,
    log: log.with({ component: 'worker' }),
    // Secrets and configs on a tmpfs per task, under the runtime directory (docs/adr/033).
    files: openTaskFiles(taskFilesDir(config)),
    ...(options.onManagers === undefined ? {} : { onManagers: options.onManagers }),
  });
  const { manager, ingress, discovery } = agent.networks ?? {};
  const discovering = discovery === undefined ? worker : withDiscovery(worker, discovery);
  return manager === undefined || ingress === undefined
    ? discovering
    : withIngress(discovering, manager, ingress);
}

/**
 * Keeps the node's routing mesh in step with the worker (ADR 030): at each endpoint list
 * change and every {@link ingressSyncIntervalMs} (task states); stopped with the worker.
 */
function withIngress(worker: Worker, manager: NetworkManager, ingress: IngressSync): Worker {
  const view: IngressNodeView = {
    get nodeId() {
      return worker.tasks.nodeId;
    },
    ingress: () => {
      for (const id of worker.tasks.taskIds()) {
        for (const a of worker.tasks.task(id)?.task.networks ?? []) {
          const n = worker.tasks.dependency('network', a.networkId) as Network | undefined;
          if (n?.spec.ingress === true) return n;
        }
      }
      return undefined;
    },
    endpoints: (id) => worker.endpoints().get(id),
    tasks: () => worker.tasks.taskIds().flatMap((id) => worker.tasks.task(id) ?? []),
    localNetwork: (id) => manager.network(id),
    endpointOf: (containerId, networkId) => {
      const sb = manager.sandbox(containerId);
      const ep = sb?.endpoints.find((e) => e.networkId === networkId);
      return sb === undefined || ep === undefined
        ? undefined
        : { netnsPath: manager.netnsPath(sb), ifName: ep.ifName };
    },
  };
  const sync = (): void => void ingress.sync(view);
  const unsubscribe = worker.onEndpoints(sync);
  const timer = setInterval(sync, ingressSyncIntervalMs);
  timer.unref();
  const stop = worker.stop.bind(worker);
  return Object.assign(worker, {
    stop: async () => {
      clearInterval(timer);
      unsubscribe();
      await stop();
    },
  });
}

/**
 * Gives the node's service discovery every endpoint list the worker holds, at each change
 * (ADR 029); it stops following them when the worker stops (the names and rules stay for the
 * containers, which outlive the session).
 */
function withDiscovery(worker: Worker, discovery: ServiceDiscovery): Worker {
  const unsubscribe = worker.onEndpoints(() => {
    void discovery.setEndpoints([...worker.endpoints().values()]);
  });
  const stop = worker.stop.bind(worker);
  return Object.assign(worker, {
    stop: async () => {
      unsubscribe();
      await stop();
    },
  });
}

/**
 * Stops and removes the containers of the node's tasks, with their anonymous volumes and their
 * secret and config files (the node left the cluster: no manager will ever ask for them again).
 * Each stop takes the task's stop timeout; failures are logged and the others go on.
 */
export async function removeTaskContainers(
  agent: { readonly containers: Containers },
  config: DaemonConfig,
  log: Logger,
): Promise<void> {
  const engine = agent.containers.manager;
  const tasks = engine.list().filter((r) => r.spec.labels[TASK_ID_LABEL] !== undefined);
  await Promise.all(
    tasks.map(async (rec) => {
      try {
        if (rec.state.status === 'running' || rec.state.status === 'paused')
          await engine.stop(rec.id, { timeoutS: rec.spec.stopTimeoutS });
        await engine.remove(rec.id, { force: true, volumes: true });
      } catch (err) {
        log.warn('task container not removed', { container: rec.id, err });
      }
    }),
  );
  await openTaskFiles(taskFilesDir(config))
    .prune(new Set())
    .catch((err: unknown) => {
      log.warn('task files not removed', { err });
    });
  if (tasks.length > 0) log.info('task containers removed', { count: tasks.length });
}
