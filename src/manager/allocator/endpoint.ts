/**
 * Comparing and building service endpoints (pure).
 *
 * @module
 */
import type { Endpoint, PortConfig, Service } from '../../store/index.js';

/** Networks a service's tasks join, in the order of the spec, without repeats. */
export function taskNetworkIds(
  targets: readonly { target: string }[],
  ingressNetworkId: string | undefined,
  publishesIngress: boolean,
): string[] {
  const ids = targets.map((n) => n.target);
  // The routing mesh reaches a service's tasks over the ingress network (swarmkit does the same).
  if (publishesIngress && ingressNetworkId !== undefined) ids.push(ingressNetworkId);
  return [...new Set(ids)];
}

/** Returns true when the service's spec publishes a port through the routing mesh. */
export function publishesIngress(service: Service): boolean {
  return service.spec.endpoint.ports.some((p) => p.publishMode === 'ingress');
}

/** Networks a service gets a VIP on: those of its tasks, in VIP mode only. */
export function vipNetworkIds(service: Service, ingressNetworkId: string | undefined): string[] {
  if (service.spec.endpoint.mode !== 'vip') return [];
  return taskNetworkIds(service.spec.task.networks, ingressNetworkId, publishesIngress(service));
}

/** An endpoint that holds nothing (a service being deleted). */
export function emptyEndpoint(service: Service): Endpoint {
  return { spec: copyEndpointSpec(service), ports: [], virtualIps: [] };
}

/** A copy of the service's endpoint spec, to be stored beside what it was given. */
export function copyEndpointSpec(service: Service): Endpoint['spec'] {
  const { mode, ports } = service.spec.endpoint;
  return { mode, ports: ports.map((p) => ({ ...p })) };
}

/** Returns true when two endpoints hold the same spec, ports and VIPs. */
export function sameEndpoint(a: Endpoint | undefined, b: Endpoint): boolean {
  if (a === undefined) return false;
  return (
    a.spec.mode === b.spec.mode &&
    samePorts(a.spec.ports, b.spec.ports) &&
    samePorts(a.ports, b.ports) &&
    a.virtualIps.length === b.virtualIps.length &&
    a.virtualIps.every(
      (v, i) => v.networkId === b.virtualIps[i]?.networkId && v.addr === b.virtualIps[i].addr,
    )
  );
}

function samePorts(a: readonly PortConfig[], b: readonly PortConfig[]): boolean {
  return a.length === b.length && a.every((p, i) => samePort(p, b[i]));
}

function samePort(a: PortConfig, b: PortConfig | undefined): boolean {
  return (
    b !== undefined &&
    a.name === b.name &&
    a.protocol === b.protocol &&
    a.targetPort === b.targetPort &&
    a.publishedPort === b.publishedPort &&
    a.publishMode === b.publishMode &&
    a.hostIp === b.hostIp
  );
}
