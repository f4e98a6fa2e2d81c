/**
 * Opens a node's networks: the records and IPAM, the default `bridge` network, the resolver on
 * each gateway, and the port the container manager attaches containers through.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { HostNet } from '../../net/index.js';
import type { Logger } from '../../util/log.js';
import type {
  ContainerNetworkPort,
  ContainerNetworkRuntime,
  ContainerRecord,
} from '../containers/types.js';
import { DnsServer, DnsTable } from '../dns/index.js';
import { ServiceDiscovery, type LbContainer } from '../lb/index.js';
import { IngressMesh, IngressSync } from '../ingress/index.js';
import { hostsFileContent } from '../containers/spec.js';
import { hostNameservers, networkResolvConf } from './etc-files.js';
import { ClusterNetworks } from './cluster.js';
import { NetworkManager } from './manager.js';
import type { SandboxRecord } from './types.js';
import { daemonNetNames } from './names.js';

/** What {@link openNetworks} needs. */
export interface OpenNetworksOptions {
  root: string;
  /** The default `--root`: its daemon uses the fixed names `tsorch0` and `TSORCH`. */
  defaultRoot: string;
  log: Logger;
  /** DNS port (53; tests may change it). */
  dnsPort?: number;
  /** UDP port of overlay networks' VXLAN traffic (`--data-path-port`, default 4789). */
  dataPathPort?: number;
  /** This node's underlay address when the managers' endpoint lists do not name it. */
  advertiseAddr?: string;
}

/** A node's networks, open. */
export interface Networks {
  readonly manager: NetworkManager;
  readonly dns: DnsServer;
  /**
   * Cluster networks' names and VIPs: give it the node's `NetworkEndpoints` (the worker's),
   * and the resolver and every container's VIP rules follow (ADR 029).
   */
  readonly discovery: ServiceDiscovery;
  /** What the container manager attaches containers through. */
  readonly port: ContainerNetworkPort;
  /** The node's instances of cluster networks (overlay driver, ADR 028). */
  readonly cluster: ClusterNetworks;
  /** The routing mesh and host-mode ports of services (ADR 030). */
  readonly ingress: IngressSync;
  /** Makes the kernel match the records once the containers are loaded; starts the resolver. */
  reconcile(liveContainerIds: ReadonlySet<string>): Promise<void>;
  close(): void;
}

/**
 * Opens the networks of the node rooted at `options.root`.
 *
 * @throws {NetError} when the default bridge cannot be made.
 */
export async function openNetworks(options: OpenNetworksOptions): Promise<Networks> {
  const { log } = options;
  const names = daemonNetNames(options.root, options.defaultRoot);
  const net = new HostNet({ chainPrefix: names.chainPrefix });
  const hostResolv = await readFile('/etc/resolv.conf', 'utf8').catch(() => '');
  const upstreams = hostNameservers(hostResolv);
  let table = new DnsTable([], new Set());
  const holder: { dns?: DnsServer; manager?: NetworkManager } = {};
  const discovery = new ServiceDiscovery({
    net,
    log: log.with({ component: 'lb' }),
    onTables: () => {
      if (holder.manager !== undefined) table = buildTable(holder.manager, discovery);
    },
  });
  const refresh = async (options: { adopt?: boolean } = {}): Promise<void> => {
    const m = holder.manager;
    if (m === undefined) return;
    table = buildTable(m, discovery);
    const gateways = m
      .list()
      .flatMap((n) =>
        (n.driver === 'bridge' || n.driver === 'overlay') && n.gateway !== undefined
          ? [n.gateway]
          : [],
      );
    await holder.dns?.listenOn(gateways);
    await discovery.syncContainers(lbContainers(m), options);
  };
  const manager = await NetworkManager.open({
    root: options.root,
    net,
    log,
    defaultBridge: names.bridge,
    firstPool: names.firstPool,
    onChange: () => void refresh(),
  });
  holder.manager = manager;
  const dns = new DnsServer({
    table: () => table,
    upstreams: () => (upstreams.length > 0 ? upstreams : ['8.8.8.8', '8.8.4.4']),
    log,
    ...(options.dnsPort === undefined ? {} : { port: options.dnsPort }),
  });
  holder.dns = dns;
  const port: ContainerNetworkPort = {
    attach: async (rec) => {
      const sb = await manager.attachContainer(
        { id: rec.id, name: rec.name, hostname: rec.hostname },
        attachRequests(rec),
        rec.spec.publish,
      );
      // The VIP rules go in before the container's process can start.
      if (sb !== undefined)
        await discovery.containerJoined(lbContainer(manager, sb), { fresh: true });
    },
    detach: async (id) => {
      await discovery.containerLeft(id);
      await manager.detachContainer(id);
    },
    runtime: (rec) => runtimeOf(manager, rec, hostResolv, dns),
  };
  const cluster = new ClusterNetworks({
    manager,
    net,
    log,
    dataPathPort: options.dataPathPort ?? 4789,
    underlay: options.advertiseAddr,
  });
  const ingress = new IngressSync({
    mesh: new IngressMesh({ net, chainPrefix: names.chainPrefix }),
    log: log.with({ component: 'ingress' }),
  });
  return {
    manager,
    dns,
    discovery,
    port,
    cluster,
    ingress,
    reconcile: async (live) => {
      await manager.reconcile(live);
      // Containers from before a restart are adopted: their namespaces are read once.
      await refresh({ adopt: true });
      net.warmSpares();
    },
    close: () => dns.close(),
  };
}

/** The networks a container asked for, in order (its `networkMode` first). */
export function attachRequests(rec: ContainerRecord): { network: string }[] {
  const { networks, networkMode } = rec.spec;
  if (networks !== undefined && networks.length > 0) return networks;
  return [{ network: networkMode === '' || networkMode === 'default' ? 'bridge' : networkMode }];
}

function runtimeOf(
  m: NetworkManager,
  rec: ContainerRecord,
  hostResolv: string,
  dns: DnsServer,
): ContainerNetworkRuntime | undefined {
  const sb = m.sandbox(rec.id);
  if (sb === undefined) return undefined;
  const first = sb.endpoints[0];
  const gateway = first === undefined ? undefined : m.network(first.networkId)?.gateway;
  const served = gateway !== undefined && !dns.hasFailed(gateway);
  return {
    netnsPath: m.netnsPath(sb),
    hosts: hostsFileContent(
      rec.hostname,
      sb.endpoints.map((ep) => ep.address),
    ),
    // Without a resolver on the gateway (port 53 taken), the host's own nameservers.
    resolvConf: served ? networkResolvConf(hostResolv, gateway) : hostResolvFallback(hostResolv),
  };
}

function hostResolvFallback(hostResolv: string): string {
  const servers = hostNameservers(hostResolv).filter((s) => !s.startsWith('127.'));
  const body = networkResolvConf(hostResolv, servers[0] ?? '8.8.8.8');
  return servers.slice(1).reduce((text, s) => `${text}nameserver ${s}\n`, body);
}

function lbContainer(m: NetworkManager, sb: SandboxRecord): LbContainer {
  return {
    id: sb.containerId,
    netnsPath: m.netnsPath(sb),
    networkIds: sb.endpoints.map((ep) => ep.networkId),
  };
}

function lbContainers(m: NetworkManager): LbContainer[] {
  return m.allSandboxes().map((sb) => lbContainer(m, sb));
}

function buildTable(m: NetworkManager, discovery: ServiceDiscovery): DnsTable {
  const internal = new Set(m.list().flatMap((n) => (n.internal ? [n.id] : [])));
  return new DnsTable(
    m.allSandboxes().map((sb) => ({
      id: sb.containerId,
      name: sb.containerName,
      hostname: sb.hostname,
      endpoints: sb.endpoints.map((ep) => ({
        networkId: ep.networkId,
        ip: ep.address.split('/')[0] ?? '',
        aliases: ep.aliases,
      })),
    })),
    internal,
    discovery.tables(),
  );
}
