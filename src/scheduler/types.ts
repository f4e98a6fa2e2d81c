/**
 * The scheduler's own input and output types: a small snapshot of the cluster (a
 * {@link ClusterView}), the tasks waiting for a node ({@link TaskRequest}), and what the
 * scheduler decided for each ({@link Decision}). They hold only what placement needs, so the
 * scheduler stays independent of how the store lays out its objects; `from-store.ts` builds them.
 *
 * @module
 */

/** A node's role in the cluster. */
export type NodeRoleName = 'manager' | 'worker';

/** Whether an operator lets the scheduler place tasks on a node. */
export type NodeAvailabilityName = 'active' | 'pause' | 'drain';

/** A node's observed health. Only `ready` nodes take tasks. */
export type NodeStateName = 'unknown' | 'ready' | 'down' | 'disconnected';

/** CPU and memory: a node's capacity or a task's reservation. */
export interface ResourceAmounts {
  /** CPU in units of 1e-9 CPUs (1 CPU = 1_000_000_000). */
  nanoCpus: number;
  memoryBytes: number;
}

/** A port published in host mode: it binds `port` on the node itself, so one task per node. */
export interface HostPort {
  protocol: 'tcp' | 'udp' | 'sctp';
  port: number;
}

/** An OS/architecture pair. */
export interface PlatformName {
  os: string;
  architecture: string;
}

/** A node as the scheduler sees it. */
export interface NodeInfo {
  id: string;
  hostname: string;
  role: NodeRoleName;
  availability: NodeAvailabilityName;
  state: NodeStateName;
  /** Operator-set labels (`node.labels.*`). */
  labels: Readonly<Record<string, string>>;
  /** Labels the node's engine reports (`engine.labels.*`). */
  engineLabels: Readonly<Record<string, string>>;
  platform: PlatformName;
  /** What the node offers in total. */
  resources: ResourceAmounts;
  /** Store version of the node object; a decision carries it so a stale placement is rejected. */
  version: number;
}

/** A task that already holds a node: it uses resources and ports there and counts for spread. */
export interface PlacedTask {
  id: string;
  serviceId: string;
  nodeId: string;
  reservations: ResourceAmounts;
  hostPorts: readonly HostPort[];
}

/** A task of `serviceId` failed on `nodeId` at `atMs` (milliseconds since the epoch). */
export interface TaskFailure {
  serviceId: string;
  nodeId: string;
  atMs: number;
}

/** A snapshot of the cluster, read in one store transaction. */
export interface ClusterView {
  /** Store version the snapshot was read at. */
  version: number;
  /** The time of the snapshot, milliseconds since the epoch; it dates {@link failures}. */
  nowMs: number;
  nodes: readonly NodeInfo[];
  /** Tasks that hold resources on a node (assigned and not yet terminal). */
  tasks: readonly PlacedTask[];
  /** Recent task failures, used to place a service's tasks away from nodes where it failed. */
  failures: readonly TaskFailure[];
}

/**
 * What a task needs from a node. Tasks with the same `serviceId` and `specVersion` must carry
 * equal requirements: the scheduler places them together as one group.
 */
export interface Requirements {
  reservations: ResourceAmounts;
  /** Placement constraints such as `node.role==manager`. */
  constraints: readonly string[];
  /** Spread descriptors such as `node.labels.zone`, outermost first. */
  preferences: readonly string[];
  /** 0 means unlimited. */
  maxReplicasPerNode: number;
  /** Platforms the task can run on; empty means any. */
  platforms: readonly PlatformName[];
  hostPorts: readonly HostPort[];
}

/** A task waiting for a node. */
export interface TaskRequest {
  id: string;
  serviceId: string;
  /** The service spec version the task runs; it groups tasks with equal requirements. */
  specVersion: number;
  /** A global service's task is bound to one node: only that node is considered. */
  pinnedNodeId?: string;
  requirements: Requirements;
}

/** A node a filter excluded, and why, for `service ps --explain`. */
export interface ExcludedNode {
  nodeId: string;
  hostname: string;
  /** Name of the first filter the node failed. */
  filter: string;
  /** Why, for humans: `needs 2 GiB memory, 512 MiB free`. */
  reason: string;
}

/** How many nodes one filter excluded. */
export interface FilterCount {
  filter: string;
  nodes: number;
}

/** Why a task fits no node. */
export interface Explanation {
  /** `no suitable node (insufficient memory on 3 nodes; 1 node not available)`. */
  message: string;
  /** Nodes excluded per filter, most first. */
  counts: readonly FilterCount[];
  /** Every node of the view with the filter that excluded it (none for a bad spec). */
  nodes: readonly ExcludedNode[];
}

/** A task placed on a node, valid only while the node is still at `nodeVersion`. */
export interface Placement {
  taskId: string;
  nodeId: string;
  /** Version of the node object the decision was made on. */
  nodeVersion: number;
  /** Store version of the view the decision was made on. */
  viewVersion: number;
}

/** A task that fits no node: it stays PENDING with this explanation. */
export interface Unschedulable {
  taskId: string;
  unschedulable: Explanation;
}

/** The scheduler's answer for one task. */
export type Decision = Placement | Unschedulable;

/** Returns true when `decision` placed its task. */
export function isPlacement(decision: Decision): decision is Placement {
  return 'nodeId' in decision;
}
