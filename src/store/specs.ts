/**
 * User intent (swarmkit `api/specs.proto`): what a user asked for. The system never rewrites a
 * spec; it stores it beside the observed status in the objects of `objects.ts`. Field names
 * follow DESIGN.md §4 and the compose spec where one exists. Units go last in names.
 *
 * @module
 */

/** Free-form key/value labels. */
export type Labels = Record<string, string>;

/** Name and labels, shared by every spec that has a name. */
export interface Annotations {
  name: string;
  labels: Labels;
}

/** CPU and memory, as limits or reservations. */
export interface Resources {
  /** CPU in units of 1e-9 CPUs (1 CPU = 1_000_000_000). */
  nanoCpus: number;
  memoryBytes: number;
}

/** Limits and reservations of a task's container (compose-spec: deploy.resources). */
export interface ResourceRequirements {
  limits?: Resources & { pids?: number };
  reservations?: Resources;
}

/** When a task is restarted (compose-spec: deploy.restart_policy). */
export interface RestartPolicy {
  condition: 'none' | 'on-failure' | 'any';
  delayMs: number;
  /** 0 means unlimited. */
  maxAttempts: number;
  /** 0 means attempts are counted over the whole life of the slot. */
  windowMs: number;
}

/** Where tasks may run and how they spread (compose-spec: deploy.placement). */
export interface Placement {
  /** Expressions such as `node.role==manager`, `node.labels.zone!=east`. */
  constraints: string[];
  /** Spread over the values of a node label, in order of precedence. */
  preferences: { spread: string }[];
  /** 0 means unlimited. */
  maxReplicasPerNode: number;
  platforms: Platform[];
}

/** An OS/architecture pair. */
export interface Platform {
  os: string;
  architecture: string;
}

/** A container healthcheck (compose-spec: healthcheck). */
export interface HealthCheck {
  /** `['NONE']` disables an image's check; `['CMD', ...]` or `['CMD-SHELL', cmd]` otherwise. */
  test: string[];
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
  startIntervalMs: number;
}

/**
 * A mount into a container: a named or anonymous volume (`name` undefined: one is made per
 * container and removed with it), a bind of a host path, or a tmpfs.
 */
export type MountSpec =
  | { type: 'volume'; name: string | undefined; target: string; readonly: boolean }
  | { type: 'bind'; source: string; target: string; readonly: boolean }
  | { type: 'tmpfs'; target: string; sizeBytes?: number };

/** A secret or config delivered to a task as a file (on tmpfs under /run/secrets by default). */
export interface FileReference {
  /** Id of the Secret or Config object. */
  id: string;
  /** Its name, as the task sees it. */
  name: string;
  /** Target path; relative paths are under /run/secrets (secrets) or / (configs). */
  target: string;
  uid: string;
  gid: string;
  mode: number;
}

/** A task's attachment to a network, as asked. */
export interface NetworkAttachmentConfig {
  /** Network id. */
  target: string;
  aliases: string[];
}

/** A process resource limit (compose-spec: ulimits). */
export interface Ulimit {
  name: string;
  soft: number;
  hard: number;
}

/**
 * How to run one container: its process, filesystem and isolation. The one description of a
 * container in tsorch (docs/design/spec-pipeline.md): a task's template holds it, `tsorch run`
 * fills it from flags, and the agent runs it, adding only what a node decides
 * (`ContainerConfig` in src/agent). Field names follow Docker's container config.
 */
export interface ContainerSpec {
  image: string;
  /** Replaces the image's Cmd when non-empty. */
  cmd: string[];
  /** Replaces the image's Entrypoint when set. */
  entrypoint?: string[];
  /** `KEY=value` strings, in order, after the image's. */
  env: string[];
  workingDir?: string;
  user?: string;
  hostname?: string;
  mounts: MountSpec[];
  readOnly: boolean;
  capAdd: string[];
  capDrop: string[];
  privileged: boolean;
  /** Runs an init process as PID 1 that reaps zombies and forwards signals. */
  init: boolean;
  ulimits: Ulimit[];
  sysctls: Record<string, string>;
  labels: Labels;
  /** Overrides the image's health check. */
  healthcheck?: HealthCheck;
  stopSignal?: string;
  stopTimeoutS?: number;
  /** Size of /dev/shm; the runtime's default (64 MiB) when absent. */
  shmSizeBytes?: number;
  dns?: { nameservers: string[]; search: string[]; options: string[] };
  /** Secrets and configs delivered as files (tasks of a service; none for `tsorch run`). */
  secrets?: FileReference[];
  configs?: FileReference[];
}

/** Template of the tasks of a service (swarmkit TaskSpec). */
export interface TaskSpec {
  container: ContainerSpec;
  resources: ResourceRequirements;
  restartPolicy: RestartPolicy;
  placement: Placement;
  networks: NetworkAttachmentConfig[];
  /** Bumped to force a new rollout of unchanged specs (`service update --force`). */
  forceUpdate: number;
}

/** How many tasks a service runs. */
export type ServiceMode =
  | { kind: 'replicated'; replicas: number }
  | { kind: 'global' }
  | { kind: 'replicated-job'; maxConcurrent: number; totalCompletions: number }
  | { kind: 'global-job' };

/** How a rolling update or rollback proceeds (compose-spec: deploy.update_config). */
export interface UpdateConfig {
  /** Tasks updated at once; 0 means all at once. */
  parallelism: number;
  delayMs: number;
  failureAction: 'pause' | 'continue' | 'rollback';
  monitorMs: number;
  /** Fraction of failed tasks tolerated, 0..1. */
  maxFailureRatio: number;
  order: 'stop-first' | 'start-first';
}

/** A published port (compose-spec: ports). */
export interface PortConfig {
  name?: string;
  protocol: 'tcp' | 'udp' | 'sctp';
  targetPort: number;
  /** 0 means a port is allocated. */
  publishedPort: number;
  publishMode: 'ingress' | 'host';
  /** Host address the port is bound to (compose: `127.0.0.1:8080:80`); all addresses when absent. */
  hostIp?: string;
}

/** How a service is reached. */
export interface EndpointSpec {
  mode: 'vip' | 'dnsrr';
  ports: PortConfig[];
}

/** A service as the user asked for it. `labels` holds the stack namespace label. */
export interface ServiceSpec extends Annotations {
  task: TaskSpec;
  mode: ServiceMode;
  update?: UpdateConfig;
  rollback?: UpdateConfig;
  endpoint: EndpointSpec;
}

/** The label carrying the stack (compose project) a service or network belongs to. */
export const STACK_NAMESPACE_LABEL = 'com.docker.stack.namespace';

/** A node's settings an operator may change (`tsorch node update`). */
export interface NodeSpec {
  /** Operator-set labels (`node.labels.*` in constraints). */
  labels: Labels;
  role: NodeRole;
  availability: NodeAvailability;
}

/** A node's role in the cluster. */
export type NodeRole = 'manager' | 'worker';

/** Whether the scheduler may place tasks on a node. */
export type NodeAvailability = 'active' | 'pause' | 'drain';

/** IPAM configuration of one address family of a network. */
export interface IpamConfig {
  subnet: string;
  gateway?: string;
  ipRange?: string;
}

/** A network as the user asked for it. */
export interface NetworkSpec extends Annotations {
  driver: 'bridge' | 'overlay';
  ipam: IpamConfig[];
  attachable: boolean;
  internal: boolean;
  ipv6: boolean;
  /** The routing mesh network (`ingress`). */
  ingress: boolean;
}

/** A volume as the user asked for it (local driver). */
export interface VolumeSpec extends Annotations {
  driver: 'local';
  driverOpts: Record<string, string>;
}

/** A secret or config: a name and an opaque payload, encrypted at rest in the Raft log. */
export interface SecretSpec extends Annotations {
  /** The payload; at most {@link import('../util/limits.js').storeSecretDataMaxBytes}. */
  data: Uint8Array;
}

/** A config has the same shape as a secret; only its delivery differs. */
export type ConfigSpec = SecretSpec;

/** Cluster-wide settings an operator may change. */
export interface ClusterSpec extends Annotations {
  raft: {
    snapshotIntervalEntries: number;
    keepOldSnapshots: number;
    electionTicks: number;
    heartbeatTicks: number;
    tickIntervalMs: number;
  };
  dispatcher: { heartbeatPeriodMs: number };
  caConfig: { nodeCertExpiryMs: number };
  taskDefaults: { historyLimit: number };
}
