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
import { hostsFileContent } from '../containers/spec.js';
import { hostNameservers, networkResolvConf } from './etc-files.js';
import { NetworkManager } from './manager.js';
import { daemonNetNames } from './names.js';

/** What {@link openNetworks} needs. */
export interface OpenNetworksOptions {
  root: string;
  /** The default `--root`: its daemon uses the fixed names `tsorch0` and `TSORCH`. */
  defaultRoot: string;
  log: Logger;
  /** DNS port (53; tests may change it). */
  dnsPort?: number;
}

/** A node's networks, open. */
export interface Networks {
  readonly manager: NetworkManager;
  readonly dns: DnsServer;
  /** What the container manager attaches containers through. */
  readonly port: ContainerNetworkPort;
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
  const refresh = (): Promise<void> => {
    const m = holder.manager;
    if (m === undefined) return Promise.resolve();
    table = buildTable(m);
    const gateways = m
      .list()
      .flatMap((n) => (n.driver === 'bridge' && n.gateway !== undefined ? [n.gateway] : []));
    return holder.dns?.listenOn(gateways) ?? Promise.resolve();
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
      await manager.attachContainer(
        { id: rec.id, name: rec.name, hostname: rec.hostname },
        attachRequests(rec),
        rec.spec.publish,
      );
    },
    detach: (id) => manager.detachContainer(id),
    runtime: (rec) => runtimeOf(manager, rec, hostResolv, dns),
  };
  return {
    manager,
    dns,
    port,
    reconcile: async (live) => {
      await manager.reconcile(live);
      await refresh();
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

function buildTable(m: NetworkManager): DnsTable {
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
  );
}
