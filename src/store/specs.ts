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

/** A mount into a task's container. */
export interface Mount {
  type: 'bind' | 'volume' | 'tmpfs';
  source: string;
  target: string;
  readOnly: boolean;
  /** tmpfs only; 0 means no limit. */
  tmpfsSizeBytes?: number;
}

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

/** How to run one container of a task (swarmkit ContainerSpec). */
export interface ContainerSpec {
  image: string;
  /** Replaces the image's entrypoint when set. */
  command?: string[];
  /** Replaces the image's CMD when set. */
  args?: string[];
  /** `KEY=value` strings, in order. */
  env: string[];
  user?: string;
  workdir?: string;
  hostname?: string;
  mounts: Mount[];
  secrets: FileReference[];
  configs: FileReference[];
  healthcheck?: HealthCheck;
  stopSignal?: string;
  stopGracePeriodMs?: number;
  dns?: { nameservers: string[]; search: string[]; options: string[] };
  readOnly: boolean;
  capAdd: string[];
  capDrop: string[];
  ulimits: Ulimit[];
  sysctls: Record<string, string>;
  labels: Labels;
  init?: boolean;
  /** Size of /dev/shm; the runtime's default (64 MiB) when absent. */
  shmSizeBytes?: number;
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
