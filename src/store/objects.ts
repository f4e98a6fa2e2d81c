/**
 * Stored objects (swarmkit `api/objects.proto`): what the store keeps. Each has an `id`, a `meta`
 * written by the store on commit, the user's `spec` where there is one, and observed state. Field
 * names follow DESIGN.md §4; the vocabulary is fixed in docs/design/nomenclature.md.
 *
 * Objects read from the store are frozen: copy one (`structuredClone`) to change it, then pass the
 * copy to `tx.update()` with the version you read still in `meta.version`.
 *
 * @module
 */

import type {
  Annotations,
  ClusterSpec,
  ConfigSpec,
  EndpointSpec,
  Labels,
  NetworkSpec,
  NodeSpec,
  Platform,
  PortConfig,
  Resources,
  SecretSpec,
  ServiceSpec,
  TaskSpec,
  VolumeSpec,
} from './specs.js';
import type { TaskState } from './task-state.js';

/** Written by the store on every commit; callers never set it. */
export interface Meta {
  /** Raft index of the last write to this object; monotonic across the store. */
  version: number;
  /** ISO 8601 time of the create, from the proposing manager's clock. */
  createdAt: string;
  /** ISO 8601 time of the last write. */
  updatedAt: string;
}

/** Fields every stored object has. */
export interface StoredObject {
  id: string;
  meta: Meta;
}

/** Observed health of a node. */
export interface NodeStatus {
  state: 'unknown' | 'ready' | 'down' | 'disconnected';
  message: string;
  /** Address the node connects from, as seen by the dispatcher. */
  addr: string;
}

/** What a node reports about itself at registration. */
export interface NodeDescription {
  hostname: string;
  platform: Platform;
  resources: Resources;
  engine: { runtime: 'runc' | 'crun'; version: string; labels: Labels };
  /** Certificate details (issued by the cluster CA). */
  tls?: { certIssuerSubject: string; certIssuerPublicKey: string; notAfter: string };
}

/** Raft membership of a manager node. */
export interface ManagerStatus {
  raftId: number;
  addr: string;
  reachability: 'unknown' | 'unreachable' | 'reachable';
  leader: boolean;
}

/** A machine in the cluster. Hostnames are NOT unique. */
export interface Node extends StoredObject {
  spec: NodeSpec;
  description: NodeDescription;
  status: NodeStatus;
  /** `--advertise-addr` of the daemon. */
  advertiseAddr: string;
  managerStatus?: ManagerStatus;
  /** Role the node's current certificate carries (may lag `spec.role` during a change). */
  role: NodeSpec['role'];
  /**
   * The node's own addresses on cluster networks, given by the allocator: its address on the
   * ingress network, where the routing mesh sends replies back (ADR 030).
   */
  networkAttachments?: NetworkAttachment[];
}

/** Progress of a rolling update or rollback. */
export interface UpdateStatus {
  state:
    | 'updating'
    | 'paused'
    | 'completed'
    | 'rollback-started'
    | 'rollback-paused'
    | 'rollback-completed';
  startedAt: string;
  completedAt?: string;
  message: string;
}

/** Virtual IPs and published ports a service was given by the allocator. */
export interface Endpoint {
  spec: EndpointSpec;
  ports: PortConfig[];
  virtualIps: { networkId: string; addr: string }[];
}

/** A service: desired state for a set of tasks. */
export interface Service extends StoredObject {
  spec: ServiceSpec;
  /** The spec before the last update; `service rollback` restores it. */
  previousSpec?: ServiceSpec;
  /** Version of `spec`, bumped by the control API on each spec change. */
  specVersion: number;
  endpoint?: Endpoint;
  updateStatus?: UpdateStatus;
  /** Set when the service is being deleted and its tasks are shutting down. */
  pendingDelete: boolean;
}

/** Observed state of a task, as last reported by its agent. */
export interface TaskStatus {
  state: TaskState;
  /** ISO 8601 time of the report. */
  timestamp: string;
  message: string;
  /** Why the task failed, for humans. */
  err?: string;
  containerId?: string;
  pid?: number;
  exitCode?: number;
  health?: 'starting' | 'healthy' | 'unhealthy';
}

/** Addresses a task got on one network. */
export interface NetworkAttachment {
  networkId: string;
  /** CIDR addresses, e.g. `10.0.0.5/24`. */
  addresses: string[];
  aliases: string[];
}

/** One instance of a service, bound to a slot (replicated) or a node (global). */
export interface Task extends StoredObject {
  serviceId: string;
  /** Replicated services: 1..replicas. 0 for global services. */
  slot: number;
  /** Set by the scheduler (or at creation for global services); '' while unassigned. */
  nodeId: string;
  desiredState: TaskState;
  status: TaskStatus;
  /** The service's task template when this task was created. */
  spec: TaskSpec;
  /** The service's `specVersion` this task runs. */
  specVersion: number;
  /** `serviceName.slot` or `serviceName.nodeId`, for humans and DNS. */
  serviceAnnotations: Annotations;
  networks: NetworkAttachment[];
  endpoint?: Endpoint;
}

/** A network and what the allocator gave it. */
export interface Network extends StoredObject {
  spec: NetworkSpec;
  /** Chosen subnet and gateway per address family. */
  ipam: { subnet: string; gateway: string }[];
  /** VXLAN network identifier (overlay driver). */
  vni?: number;
  pendingDelete: boolean;
}

/** A named volume on one node (local driver). */
export interface Volume extends StoredObject {
  spec: VolumeSpec;
  /** The node holding the data; '' until first used. */
  nodeId: string;
}

/** A secret; `spec.data` is encrypted in the Raft log and snapshots. */
export interface Secret extends StoredObject {
  spec: SecretSpec;
}

/** A config; `spec.data` is encrypted in the Raft log and snapshots. */
export interface Config extends StoredObject {
  spec: ConfigSpec;
}

/** A join token pair, one per role. */
export interface JoinTokens {
  worker: string;
  manager: string;
}

/** The cluster's root CA. The key is encrypted in the Raft log and snapshots. */
export interface RootCa {
  certPem: string;
  /** PEM of the CA key; empty when the CA is external. */
  keyPem: Uint8Array;
  /** `sha256:<hex>` of the certificate; join tokens pin it. */
  digest: string;
  /**
   * During a root rotation (`swarm ca --rotate`, ADR 032): the root this one replaces, still
   * trusted until every node listed in `pendingNodeIds` renewed under the new root. The old
   * key is not kept: it served only to cross-sign the new root.
   */
  previous?: PreviousRootCa;
}

/** The root a rotation moves away from. */
export interface PreviousRootCa {
  certPem: string;
  /** `sha256:<hex>` of `certPem`. */
  digest: string;
  /** The new root's certificate signed by this one, appended to node chains during the move. */
  crossSignedPem: string;
  /** Nodes that still hold a certificate under this root. */
  pendingNodeIds: string[];
}

/** The one cluster object (name "default"). */
export interface Cluster extends StoredObject {
  spec: ClusterSpec;
  rootCa: RootCa;
  joinTokens: JoinTokens;
  /** Ids of the data-encryption keys; the key material lives with the CA, never in the store. */
  encryptionKeyRing: { currentKeyId: string; keyIds: string[] };
}
