/**
 * The container manager's records: what the user asked for ({@link LocalContainerSpec}) and what
 * the daemon knows ({@link ContainerRecord}), persisted as JSON in
 * `<root>/containers/<id>/container.json`.
 *
 * @module
 */
import type { ContainerSpec, MountSpec } from '../../store/index.js';
import type { ContainerResources } from '../runtime/config.js';
import type { HealthConfig, HealthOnFailure } from '../health/state.js';
import type { RestartPolicy } from './spec.js';
import type { ContainerState } from '../task-controller.js';

export type { MountSpec };

/**
 * A container as this node runs it: the {@link ContainerSpec} (the one description of a
 * container, shared with the cluster's task template) plus what only a node decides. `tsorch run`
 * sets these from flags; a task's container gets them from its task (task-config.ts).
 */
export interface LocalContainerSpec extends ContainerSpec {
  name?: string;
  /** `-p` flags as given (published on the container's first non-internal network). */
  publish: string[];
  /**
   * `none` (loopback only), `host`, or the network to join (`bridge`, the default network, or a
   * network's name or id). The networks are the node's (src/agent/networks).
   */
  networkMode: string;
  /**
   * Every network to join with its settings (`--network` more than once, `--network-alias`,
   * `--ip`, `--mac-address`); when set, its first entry is `networkMode`.
   */
  networks?: ContainerNetworkRequest[];
  /** cgroup settings of this node's runtime (a task's come from its resource limits). */
  resources: ContainerResources;
  /** The node restarts a `tsorch run` container; a task's restarts are the orchestrator's. */
  restartPolicy: RestartPolicy;
  autoRemove: boolean;
  healthOnFailure: HealthOnFailure;
  /** json-file log options as given (`--log-opt`: max-size, max-file); defaults when absent. */
  logOpts?: Record<string, string>;
  /** The init process runs on a terminal (`-t`); its output is one stream, logged as stdout. */
  tty?: boolean;
  /** The init's stdin is a pipe attached clients write to (`-i`); otherwise /dev/null. */
  openStdin?: boolean;
}

export type { ContainerState, ContainerStatus } from '../task-controller.js';

/** One network a container joins, with its settings on that network. */
export interface ContainerNetworkRequest {
  network: string;
  aliases?: string[];
  ipv4Address?: string;
  macAddress?: string;
}

/**
 * The node's networks as the container manager uses them (implemented by src/agent/networks):
 * a container's endpoints are made at create and removed with it.
 */
export interface ContainerNetworkPort {
  /**
   * Makes the namespace and endpoints of a new container (nothing for `none` and `host`).
   *
   * @throws {TsorchError} for an unknown network, a port or address in use, a bad setting.
   */
  attach(rec: ContainerRecord): Promise<void>;
  /** Removes them (idempotent). */
  detach(id: string): Promise<void>;
  /** At start: the namespace to join and the etc files, or undefined for `none` and `host`. */
  runtime(rec: ContainerRecord): ContainerNetworkRuntime | undefined;
}

/** What a start needs of a networked container. */
export interface ContainerNetworkRuntime {
  netnsPath: string;
  hosts: string;
  resolvConf: string;
}

/** Everything the daemon keeps about a container. */
export interface ContainerRecord {
  id: string;
  name: string;
  /** RFC 3339. */
  created: string;
  spec: LocalContainerSpec;
  /** The image reference as given and the id it resolved to. */
  image: string;
  imageId: string;
  /** The resolved init argv (entrypoint + cmd). */
  args: string[];
  /** Environment: the image's, then the spec's. */
  env: string[];
  /** Working directory (spec, then image, then `/`). */
  workingDir: string;
  /** User spec (spec, then image), resolved against the image's /etc/passwd at start. */
  user: string;
  hostname: string;
  /** Effective health check (from the spec or the image), if any. */
  healthcheck?: HealthConfig;
  /** Stop signal (spec, then image, then SIGTERM). */
  stopSignal: string;
  /** Volumes this container mounts, by name (anonymous ones are named at create). */
  volumes: string[];
  /** The anonymous ones among them, removed with the container by `rm -v` and `--rm`. */
  anonymousVolumes: string[];
  state: ContainerState;
}
