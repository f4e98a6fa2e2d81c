/**
 * The dispatcher protocol in domain terms (docs/adr/020-dispatcher-protocol.md): the messages the
 * manager's dispatcher and a node's worker exchange. Both sides import them from here, beside the
 * objects they carry; `src/api/dispatcher` converts them to and from `tsorch.v1.Dispatcher`.
 *
 * @module
 */

import type { Config, Network, NodeDescription, Secret, Task, TaskStatus } from './objects.js';
import type { PortConfig } from './specs.js';

/** What the node says about itself when it opens a session. */
export interface SessionRequest {
  description: NodeDescription;
  /** Where the node is reachable (its `--advertise-addr`); may be empty. */
  advertiseAddr: string;
}

/** A message of the session stream. */
export interface SessionMessage {
  sessionId: string;
  nodeId: string;
  /** `host:port` of every manager, the leader first. */
  managers: string[];
}

/** Kinds of objects an assignment carries. */
export type AssignmentKind = 'task' | 'secret' | 'config' | 'network' | 'endpoints';

/**
 * Who is on one cluster network, sent to every node that runs a task attached to it (its id is
 * the network's). Nodes program their overlay forwarding (VXLAN FDB and neighbour entries),
 * answer DNS for the network and balance its services' virtual IPs from it; the dispatcher sends
 * it again whenever a task on the network comes, goes, changes health, or a node's address moves.
 */
export interface NetworkEndpoints {
  /** The network's id. */
  id: string;
  /** Tasks with an address on the network that are neither terminal nor desired to be. */
  tasks: NetworkEndpointTask[];
  /** Services with tasks on the network. */
  services: NetworkEndpointService[];
  /** Nodes with a task on the network, or with an ingress address on it. */
  nodes: NetworkEndpointNode[];
}

/** One task's address on a network. */
export interface NetworkEndpointTask {
  taskId: string;
  /** `service.slot` or `service.nodeId`: the task's DNS name and container hostname. */
  taskName: string;
  serviceId: string;
  serviceName: string;
  nodeId: string;
  /** Address without prefix length, e.g. `10.0.0.5`. */
  addr: string;
  /** Network aliases of the task's attachment (compose `networks.X.aliases`). */
  aliases: string[];
  /** The task's container runs; its health check, when it has one, passes or is starting. */
  ready: boolean;
}

/** A service reachable on a network. */
export interface NetworkEndpointService {
  serviceId: string;
  serviceName: string;
  endpointMode: 'vip' | 'dnsrr';
  /** The service's virtual IP on this network, without prefix length (vip mode only). */
  vip?: string;
  /** Ports the service publishes (the routing mesh and host mode use them). */
  ports: PortConfig[];
}

/** A node of the network: where its VXLAN traffic goes. */
export interface NetworkEndpointNode {
  nodeId: string;
  /** The node's underlay address (VXLAN tunnel endpoint). */
  addr: string;
  /** The node's own address on this network when it has one (the ingress network), no prefix. */
  networkAddr?: string;
}

/** An object a node is given, with its kind. */
export type AssignedObject =
  | { kind: 'task'; object: Task }
  | { kind: 'secret'; object: Secret }
  | { kind: 'config'; object: Config }
  | { kind: 'network'; object: Network }
  | { kind: 'endpoints'; object: NetworkEndpoints };

/** One change of a node's assignments. */
export type AssignmentChange =
  ({ action: 'update' } & AssignedObject) | { action: 'remove'; kind: AssignmentKind; id: string };

/** A message of the assignments stream: first `complete`, then `incremental`. */
export interface AssignmentsMessage {
  type: 'complete' | 'incremental';
  /** Dependencies (secrets, configs, networks) come before the tasks that use them. */
  changes: AssignmentChange[];
  /** The store version the message brings the node to. */
  version: number;
}

/** One observed task status, reported by the node running the task. */
export interface TaskStatusUpdate {
  taskId: string;
  status: TaskStatus;
}

/** Options of a protocol call. */
export interface CallOptions {
  /** Ends the call (a stream then finishes normally). */
  signal?: AbortSignal;
}

/**
 * The dispatcher's calls as one node sees them (its identity is the connection's, never a
 * field). The gRPC client implements it for the worker; the dispatcher core hands one out per
 * caller (`Dispatcher.forNode`).
 */
export interface DispatcherCalls {
  /**
   * Opens the node's session; the stream ends when the session does.
   *
   * @throws {TsorchError} RAFT_NOT_LEADER (details: leaderAddress), NOT_FOUND (unknown node),
   *   INVALID_ARGUMENT (bad description).
   */
  session(request: SessionRequest, options?: CallOptions): AsyncIterable<SessionMessage>;
  /**
   * Keeps the session alive; returns the milliseconds until the next heartbeat is due.
   *
   * @throws {TsorchError} DISPATCHER_SESSION_INVALID when the session is not (or no longer) open.
   */
  heartbeat(sessionId: string, options?: CallOptions): Promise<{ periodMs: number }>;
  /**
   * The node's assignments: a complete set, then changes.
   *
   * @throws {TsorchError} DISPATCHER_SESSION_INVALID
   */
  assignments(sessionId: string, options?: CallOptions): AsyncIterable<AssignmentsMessage>;
  /**
   * Reports task statuses; resolves once the batch is committed with how many were applied.
   *
   * @throws {TsorchError} DISPATCHER_SESSION_INVALID; INVALID_ARGUMENT naming the bad update.
   */
  updateTaskStatus(
    sessionId: string,
    updates: readonly TaskStatusUpdate[],
    options?: CallOptions,
  ): Promise<{ applied: number }>;
}

/** True when two statuses say the same thing (their timestamps aside). */
export function sameTaskStatus(a: TaskStatus | undefined, b: TaskStatus): boolean {
  return (
    a !== undefined &&
    a.state === b.state &&
    a.message === b.message &&
    a.err === b.err &&
    a.containerId === b.containerId &&
    a.pid === b.pid &&
    a.exitCode === b.exitCode &&
    a.health === b.health
  );
}
