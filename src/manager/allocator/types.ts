/**
 * Inputs and outputs of the allocator's reconcile core (pure).
 *
 * @module
 */
import type { IpamIssueCode } from '../../net/index.js';
import type {
  Endpoint,
  Network,
  NetworkAttachment,
  Node,
  Service,
  Task,
} from '../../store/index.js';

/** What one allocator pass reads: the stored objects, as committed. Never mutated. */
export interface AllocatorSnapshot {
  networks: readonly Network[];
  services: readonly Service[];
  tasks: readonly Task[];
  /** The cluster's nodes: each ready one gets an address on the ingress network (ADR 030). */
  nodes?: readonly Node[];
  /** Objects deleted from the store since the last pass (seen by the manager's watch). */
  deleted?: {
    networkIds?: readonly string[];
    serviceIds?: readonly string[];
    taskIds?: readonly string[];
    nodeIds?: readonly string[];
  };
  /** ISO 8601 time of the pass, from the manager's clock; stamped on task status changes. */
  now: string;
}

/** A write to one stored object, for the manager to commit in one transaction. */
export type AllocatorUpdate =
  | {
      table: 'networks';
      id: string;
      /** `meta.version` read; the store refuses the write if the object changed since. */
      version: number;
      fields: Pick<Network, 'ipam'> & { vni?: number };
    }
  | { table: 'services'; id: string; version: number; fields: { endpoint: Endpoint } }
  | {
      table: 'tasks';
      id: string;
      version: number;
      fields: Partial<Pick<Task, 'status' | 'networks' | 'endpoint'>>;
    }
  | {
      table: 'nodes';
      id: string;
      version: number;
      fields: { networkAttachments: NetworkAttachment[] };
    };

/** Why something could not be allocated. */
export type AllocatorIssueCode = IpamIssueCode | 'port_conflict' | 'port_exhausted';

/**
 * An expected failure, reported on the objects it concerns (the manager shows it with the
 * service; a task that cannot get its addresses also carries it in its status).
 */
export interface AllocatorIssue {
  code: AllocatorIssueCode;
  message: string;
  networkId?: string;
  serviceId?: string;
  taskId?: string;
  nodeId?: string;
}

/** What a pass decided. */
export interface AllocatorResult {
  updates: AllocatorUpdate[];
  issues: AllocatorIssue[];
}

/** Allocator settings; every field has a default. */
export interface AllocatorOptions {
  /** Range of published ports handed out when a service asks for port 0 (both ends included). */
  publishedPortRange?: { first: number; last: number };
}

/** Ports handed out for `published: 0` by default (Docker Swarm's range). */
export const defaultPublishedPortRange = { first: 30000, last: 32767 } as const;
