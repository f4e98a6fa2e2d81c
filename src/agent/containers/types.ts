/**
 * The container manager's records: what the user asked for ({@link ContainerSpec}) and what
 * the daemon knows ({@link ContainerRecord}), persisted as JSON in
 * `<root>/containers/<id>/container.json`.
 *
 * @module
 */
import type { ContainerResources, Ulimit } from '../runtime/config.js';
import type { HealthConfig, HealthOnFailure } from '../health/state.js';
import type { RestartPolicy } from './spec.js';
import type { ContainerState } from '../task-controller.js';

/** A mount as requested: a named or anonymous volume, a bind, or a tmpfs. */
export type MountSpec =
  | { type: 'volume'; name: string | undefined; target: string; readonly: boolean }
  | { type: 'bind'; source: string; target: string; readonly: boolean }
  | { type: 'tmpfs'; target: string; sizeBytes?: number };

/** What the user asked for (`tsorch run` flags, the API's CreateContainer). */
export interface ContainerSpec {
  image: string;
  name?: string;
  /** Replaces the image's Cmd when non-empty. */
  cmd: string[];
  /** Replaces the image's Entrypoint when set (`--entrypoint`). */
  entrypoint?: string[];
  env: string[];
  workingDir?: string;
  user?: string;
  hostname?: string;
  mounts: MountSpec[];
  /** `-p` flags as given; publishing arrives with the bridge network driver. */
  publish: string[];
  /** `none` (loopback only, the default until the bridge driver) or `host`. */
  networkMode: 'none' | 'host';
  resources: ContainerResources;
  readOnly: boolean;
  capAdd: string[];
  capDrop: string[];
  privileged: boolean;
  init: boolean;
  ulimits: Ulimit[];
  sysctls: Record<string, string>;
  labels: Record<string, string>;
  restartPolicy: RestartPolicy;
  autoRemove: boolean;
  /** Overrides the image's health check. */
  healthcheck?: HealthConfig;
  healthOnFailure: HealthOnFailure;
  stopSignal?: string;
  stopTimeoutS?: number;
}

export type { ContainerState, ContainerStatus } from '../task-controller.js';

/** Everything the daemon keeps about a container. */
export interface ContainerRecord {
  id: string;
  name: string;
  /** RFC 3339. */
  created: string;
  spec: ContainerSpec;
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
