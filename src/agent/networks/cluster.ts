/**
 * A node's instances of cluster networks (overlay driver, ADR 028): made from the Network
 * objects the dispatcher sends with the tasks that use them, kept in step with the network's
 * endpoint list (a static FDB entry and a neighbour entry on the VXLAN device per remote task),
 * and removed once no container uses them. After a restart, the first endpoint list of each
 * network is compared with the entries the kernel holds, so none is left over or doubled.
 *
 * @module
 */
import type { FdbEntry, HostNet, NeighborEntry } from '../../net/index.js';
import type { Network, NetworkEndpoints } from '../../store/index.js';
import { TsorchError } from '../../util/errors.js';
import type { Logger } from '../../util/log.js';
import type { ClusterNetworkSpec, NetworkManager } from './manager.js';
import { macOf } from './names.js';

/** VXLAN's outer headers: IPv4 20 + UDP 8 + VXLAN 8 + inner Ethernet 14 bytes. */
export const vxlanOverheadBytes = 50;

/** The driver option giving a network's MTU (Docker's name). */
export const mtuOptionName = 'com.docker.network.driver.mtu';

/**
 * The underlay of a node on a loopback address (the embedded single-node cluster, ADR 031): no
 * VXLAN packet leaves the host, so its overlays get Ethernet's usual 1500 bytes, which egress
 * through the host's real interfaces carries without fragmenting.
 */
const LOOPBACK_UNDERLAY = { name: 'lo', mtu: 1550 } as const;

/** The address part of an advertise address (`a.b.c.d` or `a.b.c.d:port`), if it is IPv4. */
export function underlayHost(advertiseAddr: string): string | undefined {
  return /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(advertiseAddr)?.[1];
}

/** Options of {@link ClusterNetworks}. */
export interface ClusterNetworksOptions {
  manager: NetworkManager;
  net: HostNet;
  log: Logger;
  /** UDP port of VXLAN traffic (`--data-path-port`, default 4789). */
  dataPathPort: number;
  /** This node's underlay address when the endpoint list does not name it (`--advertise-addr`). */
  underlay?: string | undefined;
}

/** Static forwarding entries of one network, keyed by MAC and by address. */
interface Peers {
  fdb: Map<string, FdbEntry>;
  neighbors: Map<string, NeighborEntry>;
}

/** A node's cluster networks. Calls run one at a time. */
export class ClusterNetworks {
  readonly #o: ClusterNetworksOptions;
  /** The underlay when the endpoint list does not name it: `--advertise-addr`, else the swarm's. */
  #underlay: string | undefined;
  /** Entries the kernel holds, per network id (read from the kernel the first time). */
  readonly #peers = new Map<string, Peers>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ClusterNetworksOptions) {
    this.#o = options;
    this.#underlay = options.underlay;
  }

  /**
   * The node's address in its cluster (`host[:port]` of its swarm advertise address), known once
   * it initialised or joined one; a daemon started with `--advertise-addr` keeps that one.
   */
  setUnderlay(advertiseAddr: string): void {
    if (this.#o.underlay !== undefined && this.#o.underlay !== '') return;
    const host = underlayHost(advertiseAddr);
    if (host !== undefined) this.#underlay = host;
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Makes this node's instance of `network` (idempotent), then its peers from `endpoints`.
   *
   * @throws {TsorchError} INVALID_ARGUMENT for a network a node cannot make (not overlay,
   *   encrypted, no subnet or VNI, an MTU above the underlay's less 50); FAILED_PRECONDITION
   *   without an underlay address; NET_ADDRESS_CONFLICT, NET_FAILED from the network manager.
   */
  ensure(
    network: Network,
    endpoints: NetworkEndpoints | undefined,
    selfNodeId: string,
  ): Promise<void> {
    return this.#serial(async () => {
      const underlay = underlayOf(endpoints, selfNodeId) ?? this.#underlay;
      if (underlay === undefined || underlay === '') {
        throw new TsorchError(
          'FAILED_PRECONDITION',
          `Cannot create network "${network.spec.name}" on this node: the node has no underlay address`,
          { hint: 'Start the daemon with --advertise-addr' },
        );
      }
      const link =
        (await this.#o.net.addressLink(underlay)) ??
        (underlay.startsWith('127.') ? LOOPBACK_UNDERLAY : undefined);
      if (link === undefined) {
        throw new TsorchError(
          'FAILED_PRECONDITION',
          `Cannot create network "${network.spec.name}" on this node: no interface holds its underlay address ${underlay}`,
        );
      }
      const spec = clusterNetworkSpec(network, {
        underlay,
        underlayMtu: link.mtu,
        dataPathPort: this.#o.dataPathPort,
      });
      await this.#o.manager.ensureClusterNetwork(spec);
      if (endpoints !== undefined) await this.#sync(endpoints, selfNodeId);
    });
  }

  /** Brings the peers of the node's instance of `endpoints.id` to the list (if it has one). */
  setEndpoints(endpoints: NetworkEndpoints, selfNodeId: string): Promise<void> {
    return this.#serial(() => this.#sync(endpoints, selfNodeId));
  }

  async #sync(endpoints: NetworkEndpoints, selfNodeId: string): Promise<void> {
    const rec = this.#o.manager.network(endpoints.id);
    if (rec?.driver !== 'overlay' || rec.vxlan === undefined) return;
    const dev = rec.vxlan;
    let have = this.#peers.get(rec.id);
    if (have === undefined) {
      const listed = await this.#o.net.listPeers(dev);
      have = keyed(listed.fdb, listed.neighbors);
    }
    const want = peersOf(endpoints, selfNodeId, dev);
    const d = diffPeers(have, want);
    // Removals first: a MAC or address that moved is replaced by the additions.
    await this.#o.net.deletePeers({ fdb: d.fdbDel, neighbors: d.neighDel });
    await this.#o.net.setPeers({ fdb: d.fdbAdd, neighbors: d.neighAdd });
    this.#peers.set(rec.id, keyed([...want.fdb.values()], [...want.neighbors.values()]));
  }

  /**
   * Removes the node's instances of cluster networks not in `keep` that no container uses.
   */
  prune(keep: ReadonlySet<string>): Promise<void> {
    return this.#serial(async () => {
      for (const n of this.#o.manager.clusterNetworks()) {
        if (keep.has(n.id)) continue;
        if (await this.#o.manager.removeClusterNetwork(n.id)) {
          this.#peers.delete(n.id);
          this.#o.log.info('cluster network removed from this node', { network: n.name });
        }
      }
    });
  }

  /** The network namespace path of a container that joined networks, or undefined. */
  netnsPath(containerId: string): string | undefined {
    const sb = this.#o.manager.sandbox(containerId);
    return sb === undefined ? undefined : this.#o.manager.netnsPath(sb);
  }
}

/** This node's underlay address as the endpoint list names it. */
function underlayOf(eps: NetworkEndpoints | undefined, selfNodeId: string): string | undefined {
  const addr = eps?.nodes.find((n) => n.nodeId === selfNodeId)?.addr;
  return addr === undefined || addr === '' ? undefined : addr;
}

/**
 * The node-side settings of a cluster network, checked.
 *
 * @throws {TsorchError} INVALID_ARGUMENT naming what the node cannot make.
 */
export function clusterNetworkSpec(
  network: Network,
  node: { underlay: string; underlayMtu: number; dataPathPort: number },
): ClusterNetworkSpec {
  const name = network.spec.name;
  const bad = (why: string): TsorchError =>
    new TsorchError('INVALID_ARGUMENT', `Cannot create network "${name}" on this node: ${why}`, {
      details: { network: network.id },
    });
  if (network.spec.driver !== 'overlay')
    throw bad(`driver "${network.spec.driver}" is not a cluster driver (use overlay)`);
  // Driver options come with the network API (`--opt`); a spec stored without them has none.
  const opts = (network.spec as { driverOpts?: Record<string, string> }).driverOpts ?? {};
  if (opts['encrypted'] !== undefined)
    throw bad('encrypted overlay networks need IPsec ESP, which this kernel lacks');
  const ipam = network.ipam[0];
  if (ipam === undefined || network.vni === undefined)
    throw bad('the manager has not given it a subnet and a VNI yet');
  const maxMtu = node.underlayMtu - vxlanOverheadBytes;
  let mtu = maxMtu;
  const asked = opts[mtuOptionName];
  if (asked !== undefined) {
    const n = Number(asked);
    if (!Number.isInteger(n) || n < 68)
      throw bad(`option ${mtuOptionName}="${asked}" is not an MTU (68 or more)`);
    if (n > maxMtu)
      throw bad(
        `MTU ${n} is larger than the underlay MTU ${node.underlayMtu} less ${vxlanOverheadBytes} bytes of VXLAN headers (${maxMtu}): larger packets would be lost`,
      );
    mtu = n;
  }
  return {
    id: network.id,
    name,
    subnet: ipam.subnet,
    gateway: ipam.gateway,
    vni: network.vni,
    internal: network.spec.internal,
    labels: network.spec.labels,
    mtu,
    dataPathPort: node.dataPathPort,
    underlay: node.underlay,
  };
}

/**
 * The static entries a node needs on device `dev` for the remote tasks of `eps`: frames for a
 * task's MAC (02:42 and its address) go to its node's underlay address; its address resolves
 * to that MAC without ARP crossing the underlay.
 */
export function peersOf(eps: NetworkEndpoints, selfNodeId: string, dev: string): Peers {
  const nodes = new Map(eps.nodes.map((n) => [n.nodeId, n.addr]));
  const fdb: FdbEntry[] = [];
  const neighbors: NeighborEntry[] = [];
  for (const t of eps.tasks) {
    if (t.nodeId === selfNodeId) continue;
    const dst = nodes.get(t.nodeId);
    if (dst === undefined || dst === '' || t.addr === '') continue;
    const mac = macOf(t.addr);
    fdb.push({ dev, mac, dst });
    neighbors.push({ dev, ip: t.addr, mac });
  }
  return keyed(fdb, neighbors);
}

function keyed(fdb: readonly FdbEntry[], neighbors: readonly NeighborEntry[]): Peers {
  return {
    fdb: new Map(fdb.map((e) => [e.mac.toLowerCase(), e])),
    neighbors: new Map(neighbors.map((e) => [e.ip, e])),
  };
}

/** What to delete and add to go from `have` to `want`. */
export function diffPeers(
  have: Peers,
  want: Peers,
): {
  fdbAdd: FdbEntry[];
  fdbDel: FdbEntry[];
  neighAdd: NeighborEntry[];
  neighDel: NeighborEntry[];
} {
  const fdbDel = [...have.fdb.entries()]
    .filter(([mac, e]) => want.fdb.get(mac)?.dst !== e.dst)
    .map(([, e]) => e);
  const fdbAdd = [...want.fdb.entries()]
    .filter(([mac, e]) => have.fdb.get(mac)?.dst !== e.dst)
    .map(([, e]) => e);
  const neighDel = [...have.neighbors.entries()]
    .filter(([ip, e]) => want.neighbors.get(ip)?.mac !== e.mac.toLowerCase())
    .map(([, e]) => e);
  const neighAdd = [...want.neighbors.entries()]
    .filter(([ip, e]) => have.neighbors.get(ip)?.mac.toLowerCase() !== e.mac)
    .map(([, e]) => e);
  return { fdbAdd, fdbDel, neighAdd, neighDel };
}
