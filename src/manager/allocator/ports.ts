/**
 * Published ports of the routing mesh (pure): which service holds which ingress port, the
 * conflict check `service create` and `service update` run before anything changes, and the
 * choice of a port for `published: 0`.
 *
 * Host-mode ports are not allocated here: they bind on the node a task runs on, so the scheduler
 * keeps two of them apart (swarmkit does the same).
 *
 * @module
 */
import type { PortConfig, Service, ServiceSpec } from '../../store/index.js';
import type { AllocatorIssue } from './types.js';

/** Who holds a published port. */
export interface PortHolder {
  serviceId: string;
  serviceName: string;
}

/** Published ports in use, by {@link portKey}. */
export type HeldPorts = Map<string, PortHolder>;

/** `8080/tcp`: a published port and its protocol, as messages and maps name it. */
export function portKey(port: Pick<PortConfig, 'protocol' | 'publishedPort'>): string {
  return `${port.publishedPort}/${port.protocol}`;
}

function isIngress(port: PortConfig): boolean {
  return port.publishMode === 'ingress';
}

/**
 * Ingress ports each live service holds: the ones the allocator gave it (`endpoint.ports`) that
 * its spec still asks for. Services being deleted hold nothing.
 */
export function keptPorts(services: readonly Service[]): HeldPorts {
  const held: HeldPorts = new Map();
  for (const service of services) {
    if (service.pendingDelete) continue;
    const wanted = service.spec.endpoint.ports.filter(isIngress);
    for (const port of service.endpoint?.ports ?? []) {
      if (!isIngress(port) || !stillWanted(port, wanted)) continue;
      const key = portKey(port);
      if (!held.has(key)) held.set(key, { serviceId: service.id, serviceName: service.spec.name });
    }
  }
  return held;
}

/** An allocated port is still wanted when the spec names it, or asks for any port to that target. */
function stillWanted(port: PortConfig, wanted: readonly PortConfig[]): boolean {
  return wanted.some(
    (w) =>
      w.protocol === port.protocol &&
      (w.publishedPort === port.publishedPort ||
        (w.publishedPort === 0 && w.targetPort === port.targetPort)),
  );
}

/**
 * Checks a service spec's ingress ports against the other services before a create or update,
 * so that a conflict is refused before anything changes. A service holds the ports it was given
 * and the ones its spec asks for. Pass `serviceId` on an update so the service does not clash
 * with itself.
 *
 * @returns one `port_conflict` issue per clash, naming the port and the service holding it;
 *   empty when the spec can be stored.
 */
export function portConflicts(
  spec: ServiceSpec,
  services: readonly Service[],
  options: { serviceId?: string } = {},
): AllocatorIssue[] {
  const held: HeldPorts = new Map();
  for (const service of services) {
    if (service.pendingDelete || service.id === options.serviceId) continue;
    const holder = { serviceId: service.id, serviceName: service.spec.name };
    const ports = [...(service.endpoint?.ports ?? []), ...service.spec.endpoint.ports];
    for (const port of ports) {
      if (isIngress(port) && port.publishedPort !== 0) held.set(portKey(port), holder);
    }
  }
  const issues: AllocatorIssue[] = [];
  const mine = new Set<string>();
  for (const port of spec.endpoint.ports) {
    if (!isIngress(port) || port.publishedPort === 0) continue;
    const key = portKey(port);
    const holder = held.get(key);
    if (holder !== undefined) {
      issues.push(conflict(key, holder));
    } else if (mine.has(key)) {
      issues.push(listedTwice(key, spec.name));
    }
    mine.add(key);
  }
  return issues;
}

function listedTwice(key: string, serviceName: string): AllocatorIssue {
  return {
    code: 'port_conflict',
    message: `Cannot publish port ${key}: it is listed twice in service "${serviceName}"`,
  };
}

function conflict(key: string, holder: PortHolder): AllocatorIssue {
  return {
    code: 'port_conflict',
    message: `Cannot publish port ${key}: service "${holder.serviceName}" already publishes it`,
    serviceId: holder.serviceId,
  };
}

/**
 * Gives a service its published ports: explicit ingress ports if no other service holds them,
 * a free port of `range` for each `published: 0` (the one it had, when it had one), host-mode
 * ports as asked. Does not change `held`; the caller claims the result with {@link claimPorts}.
 */
export function resolvePorts(
  service: Service,
  held: ReadonlyMap<string, PortHolder>,
  range: { first: number; last: number },
): { ok: true; ports: PortConfig[] } | { ok: false; issue: AllocatorIssue } {
  const own = (key: string): boolean => held.get(key)?.serviceId === service.id;
  const taken = new Set<string>();
  const out: PortConfig[] = [];
  const asked = service.spec.endpoint.ports;
  for (const port of asked) {
    if (!isIngress(port) || port.publishedPort === 0) continue;
    const key = portKey(port);
    const holder = held.get(key);
    if (holder !== undefined && !own(key)) {
      return { ok: false, issue: { ...conflict(key, holder), serviceId: service.id } };
    }
    if (taken.has(key)) {
      return {
        ok: false,
        issue: { ...listedTwice(key, service.spec.name), serviceId: service.id },
      };
    }
    taken.add(key);
  }
  const previous = (service.endpoint?.ports ?? []).filter((p) => isIngress(p) && own(portKey(p)));
  for (const port of asked) {
    if (!isIngress(port) || port.publishedPort !== 0) {
      out.push({ ...port });
      continue;
    }
    const reused = previous.find(
      (p) =>
        p.protocol === port.protocol && p.targetPort === port.targetPort && !taken.has(portKey(p)),
    );
    const published = reused?.publishedPort ?? freePort(port.protocol, held, taken, range);
    if (published === undefined) {
      return {
        ok: false,
        issue: {
          code: 'port_exhausted',
          message: `Cannot publish port ${port.targetPort}/${port.protocol} of service "${service.spec.name}": no free port in ${range.first}-${range.last}`,
          serviceId: service.id,
        },
      };
    }
    taken.add(portKey({ protocol: port.protocol, publishedPort: published }));
    out.push({ ...port, publishedPort: published });
  }
  return { ok: true, ports: out };
}

function freePort(
  protocol: PortConfig['protocol'],
  held: ReadonlyMap<string, PortHolder>,
  taken: ReadonlySet<string>,
  range: { first: number; last: number },
): number | undefined {
  for (let p = range.first; p <= range.last; p++) {
    const key = portKey({ protocol, publishedPort: p });
    if (!held.has(key) && !taken.has(key)) return p;
  }
  return undefined;
}

/** Records a service's ingress ports as held, dropping the ones it no longer has. */
export function claimPorts(held: HeldPorts, service: Service, ports: readonly PortConfig[]): void {
  for (const [key, holder] of held) if (holder.serviceId === service.id) held.delete(key);
  const holder = { serviceId: service.id, serviceName: service.spec.name };
  for (const port of ports) if (isIngress(port)) held.set(portKey(port), holder);
}
