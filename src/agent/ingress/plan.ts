/**
 * What the routing mesh wants on one node (pure; docs/adr/030-ingress-routing-mesh.md): from
 * the ingress network's endpoint list and the node's own tasks, the ports to DNAT and the nodes
 * whose replies a task namespace must route back.
 *
 * @module
 */
import type { MeshNodeConfig, MeshPeer, MeshPort } from '../../net/index.js';
import type { NetworkEndpoints, PortConfig, Task, TaskState } from '../../store/index.js';
import { macOf } from '../networks/names.js';

/** A task of this node and the state it last reported. */
export interface LocalTask {
  task: Task;
  state: TaskState;
}

/** Inputs of {@link meshNodePlan}. */
export interface MeshNodeInput {
  /** The ingress network's endpoint list, when the node has one. */
  ingress?: NetworkEndpoints | undefined;
  /** The ingress network's id: without an endpoint list, the node's own tasks on it are used. */
  ingressId?: string | undefined;
  /** The node's ingress bridge and the ingress subnet (`a.b.c.d/len`). */
  bridge?: string | undefined;
  subnet?: string | undefined;
  /** The tasks assigned to this node (their host-mode ports bind here). */
  localTasks: readonly LocalTask[];
}

/**
 * The node's published ports: every ingress port of the endpoint list's services, spread over
 * the service's ready tasks (without a list, over this node's running tasks on the ingress
 * network); every host-mode port of a running local task, to that task's address on its first
 * network. SCTP and unallocated ports (0) are left out.
 */
export function meshNodePlan(input: MeshNodeInput): MeshNodeConfig {
  const ports: MeshPort[] = [];
  const running = input.localTasks.filter(
    (t) => t.state === 'RUNNING' && t.task.desiredState === 'RUNNING',
  );
  const ingress = input.ingress;
  const services =
    ingress === undefined
      ? localServices(running, input.ingressId)
      : ingress.services.map((service) => ({
          ports: service.ports,
          backends: ingress.tasks
            .filter((t) => t.serviceId === service.serviceId && t.ready)
            .map((t) => bare(t.addr)),
        }));
  for (const service of services) {
    for (const p of service.ports) {
      if (p.publishMode === 'ingress') pushPort(ports, p, service.backends);
    }
  }
  for (const { task } of running) {
    const addr = task.networks[0]?.addresses[0];
    if (addr === undefined) continue;
    for (const p of task.endpoint?.ports ?? []) {
      if (p.publishMode === 'host') pushPort(ports, p, [bare(addr)]);
    }
  }
  return { bridge: input.bridge, subnet: input.subnet, ports };
}

/** Services of this node's running tasks on the ingress network, with those tasks' addresses. */
function localServices(
  running: readonly LocalTask[],
  ingressId: string | undefined,
): { ports: PortConfig[]; backends: string[] }[] {
  const out = new Map<string, { ports: PortConfig[]; backends: string[] }>();
  for (const { task } of running) {
    const addr = task.networks.find((a) => a.networkId === ingressId)?.addresses[0];
    if (addr === undefined) continue;
    const entry = out.get(task.serviceId) ?? { ports: task.endpoint?.ports ?? [], backends: [] };
    entry.backends.push(bare(addr));
    out.set(task.serviceId, entry);
  }
  return [...out.values()];
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
