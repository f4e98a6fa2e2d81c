/**
 * A cluster network's endpoint list (`NetworkEndpoints`, src/store/dispatch.ts) as of one read
 * of the store: the live tasks with an address on the network, their services (VIP, ports,
 * endpoint mode) and their nodes' underlay addresses. Nodes use it for overlay forwarding
 * (ADR 028), DNS and VIPs. No I/O; the lists are sorted so equal lists print equal.
 *
 * @module
 */
import {
  isTerminal,
  taskStateRank,
  type NetworkEndpointNode,
  type NetworkEndpoints,
  type NetworkEndpointService,
  type NetworkEndpointTask,
  type Node,
  type ReadTx,
  type Service,
  type Task,
} from '../../store/index.js';

const runningRank = taskStateRank('RUNNING');

/** The address of a task, VIP or node without prefix length or port. */
function bare(addr: string): string {
  return addr.split('/')[0] ?? '';
}

/**
 * A node's underlay address: the host of its advertised address (`a.b.c.d[:port]`), else the
 * address it connected from; '' when neither is an IPv4 address.
 */
export function nodeUnderlayAddr(node: Node): string {
  for (const given of [node.advertiseAddr, node.status.addr]) {
    const m = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(given);
    if (m?.[1] !== undefined) return m[1];
  }
  return '';
}

/** True when `task` holds an address that peers should reach: live, and not told to stop. */
export function isLiveEndpoint(task: Task): boolean {
  return (
    task.nodeId !== '' &&
    !isTerminal(task.status.state) &&
    taskStateRank(task.desiredState) <= runningRank
  );
}

/** The services attached to `networkId`: by their task template, or by a VIP on it. */
function servicesOn(tx: ReadTx, networkId: string): Service[] {
  return tx
    .all('services')
    .filter(
      (s) =>
        !s.pendingDelete &&
        (s.spec.task.networks.some((n) => n.target === networkId) ||
          (s.endpoint?.virtualIps ?? []).some((v) => v.networkId === networkId)),
    );
}

/** The endpoint list of network `networkId` as of `tx`. */
export function networkEndpoints(tx: ReadTx, networkId: string): NetworkEndpoints {
  const tasks: NetworkEndpointTask[] = [];
  const services: NetworkEndpointService[] = [];
  const nodeIds = new Set<string>();
  for (const s of servicesOn(tx, networkId)) {
    let any = false;
    for (const t of tx.find('tasks', 'service', s.id)) {
      const attachment = t.networks.find((a) => a.networkId === networkId);
      const addr = attachment?.addresses[0];
      if (attachment === undefined || addr === undefined || !isLiveEndpoint(t)) continue;
      any = true;
      nodeIds.add(t.nodeId);
      tasks.push({
        taskId: t.id,
        taskName: t.serviceAnnotations.name,
        serviceId: s.id,
        serviceName: s.spec.name,
        nodeId: t.nodeId,
        addr: bare(addr),
        aliases: [...attachment.aliases],
        ready: t.status.state === 'RUNNING' && t.status.health !== 'unhealthy',
      });
    }
    const vip = (s.endpoint?.virtualIps ?? []).find((v) => v.networkId === networkId);
    if (!any && vip === undefined) continue;
    const mode = s.spec.endpoint.mode;
    services.push({
      serviceId: s.id,
      serviceName: s.spec.name,
      endpointMode: mode,
      ...(mode === 'vip' && vip !== undefined ? { vip: bare(vip.addr) } : {}),
      ports: s.endpoint?.ports ?? [],
    });
  }
  const nodes: NetworkEndpointNode[] = [];
  for (const id of nodeIds) {
    const node = tx.get('nodes', id);
    const addr = node === undefined ? '' : nodeUnderlayAddr(node);
    if (addr !== '') nodes.push({ nodeId: id, addr });
  }
  const byKey =
    <T>(key: (x: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  tasks.sort(byKey((t) => t.taskId));
  services.sort(byKey((s) => s.serviceId));
  nodes.sort(byKey((n) => n.nodeId));
  return { id: networkId, tasks, services, nodes };
}
