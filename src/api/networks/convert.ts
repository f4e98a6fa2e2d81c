/**
 * Conversion between the Networks API messages (proto/tsorch/v1/networks.proto) and the
 * agent's network records, and docker's `NetworkSettings` of a container for inspect.
 *
 * @module
 */
import {
  formatMapping,
  type ContainerRecord,
  type CreateNetworkRequest,
  type NetworkManager,
  type NetworkView,
  type PortMapping,
} from '../../agent/index.js';
import { InvalidArgumentError } from '../../util/errors.js';
import type { CreateNetworkRequest__Output } from '../gen/tsorch/v1/CreateNetworkRequest.js';
import type { NetworkInfo } from '../gen/tsorch/v1/NetworkInfo.js';
import type { PublishedPort } from '../gen/tsorch/v1/PublishedPort.js';

/** A network as the API returns it. */
export function networkInfoOf(n: NetworkView): NetworkInfo {
  return {
    id: n.id,
    name: n.name,
    driver: n.driver,
    created: n.created,
    bridge: n.bridge ?? '',
    subnet: n.subnet ?? '',
    gateway: n.gateway ?? '',
    ipRange: n.ipRange ?? '',
    internal: n.internal,
    mtu: n.mtu ?? 0,
    labels: n.labels,
    options: n.options,
    predefined: n.predefined,
    containers: n.containers.map((c) => ({
      containerId: c.id,
      containerName: c.name,
      address: c.address,
      macAddress: c.mac,
      aliases: c.aliases,
    })),
  };
}

/**
 * A create request as the agent takes it.
 *
 * @throws {InvalidArgumentError} naming `name` when it is missing.
 */
export function createRequestOf(r: CreateNetworkRequest__Output): CreateNetworkRequest {
  if (r.name === '') {
    throw new InvalidArgumentError('Missing network name', { details: { field: 'name' } });
  }
  const opt = (v: string): string | undefined => (v === '' ? undefined : v);
  return {
    name: r.name,
    driver: opt(r.driver),
    subnet: opt(r.subnet),
    gateway: opt(r.gateway),
    ipRange: opt(r.ipRange),
    internal: r.internal,
    labels: r.labels,
    options: r.options,
  };
}

/** A published port as the API returns it. */
export function publishedPortOf(p: PortMapping): PublishedPort {
  return {
    protocol: p.proto,
    hostIp: p.hostIp ?? '',
    hostPort: p.hostPort,
    containerPort: p.containerPort,
  };
}

/** docker's `NetworkSettings` of a container (undefined when it has no sandbox). */
export function networkSettingsOf(
  networks: NetworkManager,
  rec: ContainerRecord,
): object | undefined {
  const sb = networks.sandbox(rec.id);
  if (sb === undefined) return undefined;
  const ports: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of sb.ports) {
    const key = `${p.containerPort}/${p.proto}`;
    (ports[key] ??= []).push({ HostIp: p.hostIp ?? '0.0.0.0', HostPort: String(p.hostPort) });
  }
  const byNetwork: Record<string, object> = {};
  for (const ep of sb.endpoints) {
    const n = networks.network(ep.networkId);
    const [ip, prefix] = ep.address.split('/');
    byNetwork[n?.name ?? ep.networkId] = {
      NetworkID: ep.networkId,
      EndpointID: ep.hostIf,
      Gateway: n?.gateway ?? '',
      IPAddress: ip ?? '',
      IPPrefixLen: Number(prefix ?? 0),
      MacAddress: ep.mac,
      Aliases: ep.aliases,
      InterfaceName: ep.ifName,
    };
  }
  const first = Object.values(byNetwork)[0] as { IPAddress?: string; Gateway?: string } | undefined;
  return {
    SandboxKey: networks.netnsPath(sb),
    Ports: ports,
    IPAddress: first?.IPAddress ?? '',
    Gateway: first?.Gateway ?? '',
    Networks: byNetwork,
  };
}

/** The containers service's view of the node's networks (inspect and ps). */
export function containerNetworkView(networks: NetworkManager): {
  settings(rec: ContainerRecord): object | undefined;
  ports(rec: ContainerRecord): string[];
} {
  return {
    settings: (rec) => networkSettingsOf(networks, rec),
    ports: (rec) => (networks.sandbox(rec.id)?.ports ?? []).map(formatMapping),
  };
}
