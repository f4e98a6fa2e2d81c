/**
 * Rebuilding the IPAM from the stored objects after a manager restart (pure).
 *
 * The store is the truth: every network keeps the subnet, gateway and VNI it was given, every
 * service its VIPs, and every live task its addresses. What contradicts the invariants (two
 * owners of one address, overlapping subnets, an address outside its network) is kept out and
 * reported, first come first served in id order, so that the allocator can repair it.
 *
 * @module
 */
import { createIpam, type Ipam } from './ipam.js';
import type { IpamIssue, IpamOptions, NetworkLike } from './ipam-types.js';

/** A stored network (a store `Network` fits). */
export interface StoredNetworkLike extends NetworkLike {
  /** Subnet and gateway the allocator gave it; empty while unallocated. */
  ipam: readonly { subnet: string; gateway: string }[];
  vni?: number | undefined;
}

/** A stored task (a store `Task` fits). */
export interface StoredTaskLike {
  id: string;
  status: { state: string };
  networks: readonly { networkId: string; addresses: readonly string[] }[];
}

/** A stored service (a store `Service` fits). */
export interface StoredServiceLike {
  id: string;
  endpoint?: { virtualIps: readonly { networkId: string; addr: string }[] } | undefined;
}

/** A stored node (a store `Node` fits): its own addresses (the ingress network's). */
export interface StoredNodeLike {
  id: string;
  networkAttachments?: readonly { networkId: string; addresses: readonly string[] }[] | undefined;
}

/** The stored objects the IPAM is rebuilt from. */
export interface IpamSnapshot {
  networks: readonly StoredNetworkLike[];
  services: readonly StoredServiceLike[];
  tasks: readonly StoredTaskLike[];
  nodes?: readonly StoredNodeLike[];
}

/**
 * Observed states after which a task's container no longer runs, so its addresses are free
 * (swarmkit frees them at the same point). The store's `isTerminal` says the same; it is
 * spelled out here so that the IPAM, which the agent's side of `net` ships with, does not pull
 * in the store (a unit test keeps the two in step).
 */
export const addressFreeTaskStates: ReadonlySet<string> = new Set([
  'COMPLETE',
  'FAILED',
  'SHUTDOWN',
  'REJECTED',
  'ORPHANED',
  'REMOVE',
]);

/**
 * Recreates the IPAM from stored networks, services and tasks. Networks without an allocation
 * are left for the allocator to allocate; tasks in {@link addressFreeTaskStates} hold nothing.
 *
 * @returns the IPAM and the stored state it had to leave out, as issues.
 * @throws {RangeError} when the options are invalid (see `createIpam`).
 */
export function rebuildIpam(
  snapshot: IpamSnapshot,
  options: IpamOptions = {},
): { ipam: Ipam; issues: IpamIssue[] } {
  const ipam = createIpam(options);
  const issues: IpamIssue[] = [];
  const note = (result: { ok: true } | { ok: false; issue: IpamIssue }): void => {
    if (!result.ok) issues.push(result.issue);
  };
  for (const network of byId(snapshot.networks)) {
    const stored = network.ipam[0];
    if (stored === undefined) continue;
    const allocation = { subnet: stored.subnet, gateway: stored.gateway };
    note(
      ipam.restoreNetwork(
        network,
        network.vni === undefined ? allocation : { ...allocation, vni: network.vni },
      ),
    );
  }
  for (const service of byId(snapshot.services)) {
    for (const vip of service.endpoint?.virtualIps ?? []) note(ipam.restoreVip(service.id, vip));
  }
  for (const task of byId(snapshot.tasks)) {
    if (addressFreeTaskStates.has(task.status.state)) continue;
    for (const attachment of task.networks) {
      for (const addr of attachment.addresses) {
        note(ipam.restoreTaskAddress(task.id, { networkId: attachment.networkId, addr }));
      }
    }
  }
  for (const node of byId(snapshot.nodes ?? [])) {
    for (const attachment of node.networkAttachments ?? []) {
      for (const addr of attachment.addresses) {
        note(ipam.restoreNodeAddress(node.id, { networkId: attachment.networkId, addr }));
      }
    }
  }
  ipam.settle();
  return { ipam, issues };
}

function byId<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
