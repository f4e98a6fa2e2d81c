/**
 * What the worker runs on, as interfaces: the container engine (the node's `ContainerManager`
 * fits), image pulls, the dispatcher connection and time. The daemon passes the real ones; the
 * simulation passes in-memory ones on virtual time.
 *
 * @module
 */
import type {
  DispatcherCalls,
  Network,
  NetworkEndpoints,
  NodeDescription,
} from '../../store/index.js';
import type { Logger } from '../../util/log.js';
import type { Prng } from '../../util/prng.js';
import type { ContainerRecord, LocalContainerSpec } from '../containers/types.js';
import type { TaskFileStore } from './files.js';

/** The container engine operations the worker uses (see `ContainerManager`). */
export interface TaskEngine {
  list(): ContainerRecord[];
  create(spec: LocalContainerSpec): Promise<ContainerRecord>;
  start(ref: string): Promise<unknown>;
  stop(ref: string, opts?: { timeoutS?: number | undefined }): Promise<unknown>;
  remove(ref: string, opts: { force: boolean; volumes: boolean }): Promise<void>;
  /** Resolves once the container is not running (or `signal` aborts). */
  wait(ref: string, signal?: AbortSignal): Promise<unknown>;
}

/**
 * The node's cluster networks as the worker uses them (`ClusterNetworks` of src/agent/networks
 * fits): the node's instance of a network is made before a task's container joins it, its
 * peers follow the network's endpoint list, and it goes once nothing uses it.
 */
export interface TaskNetworkPort {
  /**
   * Makes the node's instance of `network` (idempotent) and its peers.
   *
   * @throws {TsorchError} naming why the node cannot make it.
   */
  ensure(
    network: Network,
    endpoints: NetworkEndpoints | undefined,
    selfNodeId: string,
  ): Promise<void>;
  /** Brings the peers of the node's instance of `endpoints.id` to the list, if it has one. */
  setEndpoints(endpoints: NetworkEndpoints, selfNodeId: string): Promise<void>;
  /** Removes the instances of networks not in `keep` that no container uses. */
  prune(keep: ReadonlySet<string>): Promise<void>;
  /** The network namespace path of a container that joined networks. */
  netnsPath(containerId: string): string | undefined;
}

/** A connection to one manager's dispatcher. */
export interface WorkerConnection extends DispatcherCalls {
  close(): void;
}

/** Time as the worker sees it. */
export interface WorkerTimers {
  /** RFC 3339 now, for status timestamps. */
  nowIso(): string;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Options of a worker. */
export interface WorkerOptions {
  /** Managers to try first: `unix:/path` or `host:port`; session messages add the others. */
  managers: readonly string[];
  /** Dials a manager. */
  connect: (target: string) => WorkerConnection;
  engine: TaskEngine;
  /** Pulls `ref` into the node's image store. */
  pullImage: (ref: string, options: { signal: AbortSignal }) => Promise<void>;
  /** The node's cluster networks; without them, tasks on networks are rejected. */
  networks?: TaskNetworkPort;
  /** What the node tells the dispatcher about itself. */
  description: () => NodeDescription;
  advertiseAddr?: string;
  log: Logger;
  /** Default: the wall clock. */
  timers?: WorkerTimers;
  /** Backoff jitter; default seeded from Math.random. */
  rng?: Prng;
  /** How often every task is checked again (health changes), in ms; default 1000. */
  sweepIntervalMs?: number;
  /** First and largest delay between session attempts; defaults in limits.ts. */
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** Where tasks' secrets and configs become files; without it such tasks are rejected. */
  files?: TaskFileStore;
  /**
   * Called with the addresses the worker tries, in order, when a session's manager list
   * changed them (a manager joined or left), so the node can keep them for its next start.
   */
  onManagers?: (managers: readonly string[]) => void;
}

/** Node's timers. */
export const realTimers: WorkerTimers = {
  nowIso: () => new Date().toISOString(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted === true) {
        resolve();
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};
