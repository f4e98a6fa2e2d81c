/**
 * What the routing mesh wants on one node (pure; docs/adr/030-ingress-routing-mesh.md): from
 * the ingress network's endpoint list and the node's own tasks, the ports to DNAT and the nodes
 * whose replies a task namespace must route back.
 *
 * @module
 */
import type { MeshNodeConfig, MeshPeer, MeshPort } from '../../net/index.js';
import type { NetworkEndpoints, PortConfig, Task } from '../../store/index.js';
import { macOf } from '../networks/names.js';

/** Inputs of {@link meshNodePlan}. */
export interface MeshNodeInput {
  /** The ingress network's endpoint list, when the node has one. */
  ingress?: NetworkEndpoints | undefined;
  /** The node's ingress bridge and the ingress subnet (`a.b.c.d/len`). */
  bridge?: string | undefined;
  subnet?: string | undefined;
  /** The tasks assigned to this node (their host-mode ports bind here). */
  localTasks: readonly Task[];
}

/**
 * The node's published ports: every ingress port of the endpoint list's services, spread over
 * the service's ready tasks; every host-mode port of a running local task, to that task's
 * address on its first network. SCTP and unallocated ports (0) are left out.
 */
export function meshNodePlan(input: MeshNodeInput): MeshNodeConfig {
  const ports: MeshPort[] = [];
  for (const service of input.ingress?.services ?? []) {
    const backends = (input.ingress?.tasks ?? [])
      .filter((t) => t.serviceId === service.serviceId && t.ready)
      .map((t) => bare(t.addr));
    for (const p of service.ports) {
      if (p.publishMode === 'ingress') pushPort(ports, p, backends);
    }
  }
  for (const task of input.localTasks) {
    if (task.status.state !== 'RUNNING' || task.desiredState !== 'RUNNING') continue;
    const addr = task.networks[0]?.addresses[0];
    if (addr === undefined) continue;
    for (const p of task.endpoint?.ports ?? []) {
      if (p.publishMode === 'host') pushPort(ports, p, [bare(addr)]);
    }
  }
  return { bridge: input.bridge, subnet: input.subnet, ports };
}

/** The nodes with an ingress address: a task namespace routes their connections' replies back. */
export function meshPeers(ingress: NetworkEndpoints): MeshPeer[] {
  return ingress.nodes.flatMap((n) =>
    n.networkAddr === undefined ? [] : [{ addr: bare(n.networkAddr), mac: macOf(n.networkAddr) }],
  );
}

function pushPort(ports: MeshPort[], p: PortConfig, backends: readonly string[]): void {
  if (p.protocol === 'sctp' || p.publishedPort === 0) return;
  ports.push({
    proto: p.protocol,
    hostIp: p.hostIp,
    publishedPort: p.publishedPort,
    targetPort: p.targetPort,
    backends,
  });
}

function bare(addr: string): string {
  return addr.split('/')[0] ?? addr;
}
