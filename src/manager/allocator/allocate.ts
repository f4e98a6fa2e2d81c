/**
 * The allocator's reconcile core (pure): one pass over the stored networks, services and tasks
 * gives networks their subnet and VNI, services their VIPs and published ports, NEW tasks their
 * addresses (moving them to PENDING), and frees what ended tasks and removed services held.
 *
 * The snapshot is never changed. The IPAM is the allocator's memory: a pass records in it what
 * the returned updates store, so the manager commits the updates in one transaction, and, if
 * that transaction fails, rebuilds the IPAM from the store (`rebuildIpam`) before the next pass.
 *
 * @module
 */
import type { EndpointAddress, Ipam, IpamIssue } from '../../net/index.js';
import {
  isTerminal,
  type Endpoint,
  type Network,
  type NetworkAttachment,
  type Service,
  type Task,
  type TaskStatus,
} from '../../store/index.js';
import {
  copyEndpointSpec,
  emptyEndpoint,
  sameEndpoint,
  taskNetworkIds,
  vipNetworkIds,
} from './endpoint.js';
import { claimPorts, keptPorts, resolvePorts } from './ports.js';
import {
  defaultPublishedPortRange,
  type AllocatorIssue,
  type AllocatorOptions,
  type AllocatorResult,
  type AllocatorSnapshot,
} from './types.js';

/** Message of a task that got its addresses and waits for the scheduler. */
export const pendingTaskMessage = 'pending task scheduling';

/** Where a service stands after a pass: its endpoint, or why it has none. */
type ServiceState = { ok: true; endpoint: Endpoint } | { ok: false; issue: AllocatorIssue };

/**
 * Runs one allocation pass.
 *
 * @param snapshot the stored objects (not changed).
 * @param ipam the allocator's IPAM, rebuilt from the store at start; it records this pass.
 * @returns the store writes to commit together, and what could not be allocated.
 * @throws {RangeError} when `options.publishedPortRange` is not within 1..65535.
 */
export function allocate(
  snapshot: AllocatorSnapshot,
  ipam: Ipam,
  options: AllocatorOptions = {},
): AllocatorResult {
  const range = options.publishedPortRange ?? defaultPublishedPortRange;
  if (!(
    Number.isInteger(range.first) &&
    Number.isInteger(range.last) &&
    1 <= range.first &&
    range.first <= range.last &&
    range.last <= 65535
  )) {
    throw new RangeError(`Invalid published port range ${range.first}-${range.last}`);
  }
  const out: AllocatorResult = { updates: [], issues: [] };
  const networks = byId(snapshot.networks);
  const services = byId(snapshot.services);
  allocateNetworks(networks, snapshot.deleted?.networkIds ?? [], ipam, out);
  releaseEnded(snapshot, services, ipam, out);
  const ingressId = networks.find((n) => n.spec.ingress && !n.pendingDelete)?.id;
  allocateNodes(snapshot, ingressId, ipam, out);
  const states = allocateServices(services, ipam, { ingressId, range }, out);
  for (const task of byId(snapshot.tasks)) {
    if (task.status.state !== 'NEW' || isTerminal(task.desiredState)) continue;
    const state = states.get(task.serviceId);
    if (state !== undefined) allocateTask(task, state, { ipam, ingressId, now: snapshot.now }, out);
  }
  return out;
}

/** Gives unallocated networks a subnet (and VNI), writes back what the IPAM changed. */
function allocateNetworks(
  networks: readonly Network[],
  deletedIds: readonly string[],
  ipam: Ipam,
  out: AllocatorResult,
): void {
  // A network_in_use refusal means endpoints still hold addresses: retried on a later pass.
  for (const id of deletedIds) ipam.releaseNetwork(id);
  for (const network of networks) {
    if (network.pendingDelete) continue;
    const stored = network.ipam[0];
    const result =
      stored === undefined
        ? ipam.allocateNetwork(network)
        : ipam.restoreNetwork(network, withVni(stored, network.vni));
    if (!result.ok) {
      out.issues.push(fromIpam(result.issue));
      continue;
    }
    const { subnet, gateway, vni } = result.value;
    if (stored?.subnet === subnet && stored.gateway === gateway && network.vni === vni) continue;
    out.updates.push({
      table: 'networks',
      id: network.id,
      version: network.meta.version,
      fields:
        vni === undefined ? { ipam: [{ subnet, gateway }] } : { ipam: [{ subnet, gateway }], vni },
    });
  }
}

/** Frees the addresses of ended or deleted tasks and the VIPs of removed services. */
function releaseEnded(
  snapshot: AllocatorSnapshot,
  services: readonly Service[],
  ipam: Ipam,
  out: AllocatorResult,
): void {
  for (const id of snapshot.deleted?.taskIds ?? []) ipam.releaseTask(id);
  for (const task of snapshot.tasks) {
    // A task that will never run (NEW, desired SHUTDOWN) needs its addresses no more than one
    // that stopped.
    const ended =
      isTerminal(task.status.state) ||
      (task.status.state === 'NEW' && isTerminal(task.desiredState));
    if (ended) ipam.releaseTask(task.id);
  }
  for (const id of snapshot.deleted?.serviceIds ?? []) ipam.releaseVips(id);
  for (const service of services) {
    if (!service.pendingDelete) continue;
    ipam.releaseVips(service.id);
    const endpoint = emptyEndpoint(service);
    const stored = service.endpoint;
    if (stored === undefined || sameEndpoint(stored, endpoint)) continue;
    out.updates.push({
      table: 'services',
      id: service.id,
      version: service.meta.version,
      fields: { endpoint },
    });
  }
}

/**
 * Gives every ready node its own address on the ingress network (the routing mesh routes
 * replies back to it, ADR 030); a node keeps it while it exists, even when down, and frees it
 * when removed or when the ingress network goes.
 */
function allocateNodes(
  snapshot: AllocatorSnapshot,
  ingressId: string | undefined,
  ipam: Ipam,
  out: AllocatorResult,
): void {
  for (const id of snapshot.deleted?.nodeIds ?? []) ipam.releaseNode(id);
  for (const node of byId(snapshot.nodes ?? [])) {
    const stored = node.networkAttachments ?? [];
    let wanted: NetworkAttachment[] = [];
    const holds = stored.some((a) => a.networkId === ingressId);
    if (ingressId !== undefined && (holds || node.status.state === 'ready')) {
      const others = stored.filter((a) => a.networkId !== ingressId).map((a) => a.networkId);
      ipam.releaseNode(node.id, others);
      const result = ipam.allocateNode(node.id, [ingressId]);
      if (!result.ok) {
        out.issues.push({ ...fromIpam(result.issue), nodeId: node.id });
        continue;
      }
      wanted = result.value.map(({ networkId, addr }) => ({
        networkId,
        addresses: [addr],
        aliases: [],
      }));
    } else {
      ipam.releaseNode(node.id);
    }
    if (sameAttachments(stored, wanted)) continue;
    out.updates.push({
      table: 'nodes',
      id: node.id,
      version: node.meta.version,
      fields: { networkAttachments: wanted },
    });
  }
}

function sameAttachments(
  a: readonly NetworkAttachment[],
  b: readonly NetworkAttachment[],
): boolean {
  const key = (list: readonly NetworkAttachment[]): string =>
    list.map((x) => `${x.networkId}=${x.addresses.join(',')}`).join(' ');
  return key(a) === key(b);
}

/** Gives each live service its VIPs and published ports; returns where each one stands. */
function allocateServices(
  services: readonly Service[],
  ipam: Ipam,
  context: { ingressId: string | undefined; range: { first: number; last: number } },
  out: AllocatorResult,
): Map<string, ServiceState> {
  const held = keptPorts(services);
  const states = new Map<string, ServiceState>();
  for (const service of services) {
    if (service.pendingDelete) continue;
    const ports = resolvePorts(service, held, context.range);
    if (!ports.ok) {
      out.issues.push(ports.issue);
      states.set(service.id, ports);
      continue;
    }
    const wanted = vipNetworkIds(service, context.ingressId);
    const gone = (service.endpoint?.virtualIps ?? []).filter((v) => !wanted.includes(v.networkId));
    ipam.releaseVips(
      service.id,
      gone.map((v) => v.networkId),
    );
    const vips = ipam.allocateVips(service.id, wanted);
    if (!vips.ok) {
      const issue = { ...fromIpam(vips.issue), serviceId: service.id };
      out.issues.push(issue);
      states.set(service.id, { ok: false, issue });
      continue;
    }
    claimPorts(held, service, ports.ports);
    const endpoint = {
      spec: copyEndpointSpec(service),
      ports: ports.ports,
      virtualIps: vips.value.map((v) => ({ ...v })),
    };
    states.set(service.id, { ok: true, endpoint });
    if (sameEndpoint(service.endpoint, endpoint)) continue;
    out.updates.push({
      table: 'services',
      id: service.id,
      version: service.meta.version,
      fields: { endpoint },
    });
  }
  return states;
}

/** Gives a NEW task its addresses and moves it to PENDING, or says on it why it waits. */
function allocateTask(
  task: Task,
  service: ServiceState,
  context: { ipam: Ipam; ingressId: string | undefined; now: string },
  out: AllocatorResult,
): void {
  if (!service.ok) {
    waitWithReason(task, service.issue.message, context.now, out);
    return;
  }
  const meshed = service.endpoint.ports.some((p) => p.publishMode === 'ingress');
  const networkIds = taskNetworkIds(task.spec.networks, context.ingressId, meshed);
  const result = context.ipam.allocateTask(task.id, networkIds);
  if (!result.ok) {
    const issue = { ...fromIpam(result.issue), serviceId: task.serviceId, taskId: task.id };
    out.issues.push(issue);
    waitWithReason(task, issue.message, context.now, out);
    return;
  }
  const { err: _err, ...status } = task.status;
  out.updates.push({
    table: 'tasks',
    id: task.id,
    version: task.meta.version,
    fields: {
      status: { ...status, state: 'PENDING', timestamp: context.now, message: pendingTaskMessage },
      networks: attachments(task, result.value),
      endpoint: structuredClone(service.endpoint),
    },
  });
}

/** Leaves a task NEW with the reason in its status (written once, not on every pass). */
function waitWithReason(task: Task, reason: string, now: string, out: AllocatorResult): void {
  if (task.status.message === reason && task.status.err === reason) return;
  const status: TaskStatus = { ...task.status, timestamp: now, message: reason, err: reason };
  out.updates.push({ table: 'tasks', id: task.id, version: task.meta.version, fields: { status } });
}

function attachments(task: Task, addresses: readonly EndpointAddress[]): NetworkAttachment[] {
  return addresses.map(({ networkId, addr }) => ({
    networkId,
    addresses: [addr],
    aliases: [...(task.spec.networks.find((n) => n.target === networkId)?.aliases ?? [])],
  }));
}

function withVni(
  stored: { subnet: string; gateway: string },
  vni: number | undefined,
): { subnet: string; gateway: string; vni?: number } {
  return vni === undefined ? { ...stored } : { ...stored, vni };
}

function fromIpam(issue: IpamIssue): AllocatorIssue {
  const out: AllocatorIssue = { code: issue.code, message: issue.message };
  if (issue.networkId !== undefined) out.networkId = issue.networkId;
  return out;
}

function byId<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
