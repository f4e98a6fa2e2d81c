/**
 * The records of a node's local networks and of the containers attached to them, persisted as
 * JSON under `<root>/networks/`, and the driver interface a network type implements.
 *
 * @module
 */

/**
 * Drivers a network of this node may have: `bridge`, the predefined `none` (`null`) and `host`,
 * and `overlay` (this node's instance of a cluster network, ADR 028).
 */
export type LocalDriverName = 'bridge' | 'null' | 'host' | 'overlay';

/** A network of this node (`tsorch network create`, or predefined). */
export interface NetworkRecord {
  /** 64 hex characters. */
  id: string;
  name: string;
  driver: LocalDriverName;
  /** RFC 3339. */
  created: string;
  /** The Linux bridge (bridge driver). */
  bridge?: string;
  /** `a.b.c.d/len` (bridge driver). */
  subnet?: string;
  /** Dotted quad: the bridge's address, the containers' default route and DNS server. */
  gateway?: string;
  /** `a.b.c.d/len` inside the subnet that endpoints get their addresses from. */
  ipRange?: string;
  /** No traffic in or out of the network, only within it. */
  internal: boolean;
  /** MTU of the bridge and the veth pairs (`com.docker.network.driver.mtu`). */
  mtu?: number;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** `bridge`, `none`, `host`: created by the daemon and never removed. */
  predefined: boolean;
  /** Overlay driver: the VXLAN device on the bridge, `tsx...`. */
  vxlan?: string;
  /** Overlay driver: VXLAN network identifier. */
  vni?: number;
  /** Overlay driver: UDP port of the VXLAN traffic (`--data-path-port`). */
  dataPathPort?: number;
  /** Overlay driver: this node's underlay address, the VXLAN device's `local`. */
  underlay?: string;
}

/** One container's interface on one network. */
export interface EndpointRecord {
  networkId: string;
  /** Host side of the veth pair, `tsv...`. */
  hostIf: string;
  /** Inside the container: `eth0`, `eth1`, ... */
  ifName: string;
  /** `a.b.c.d/len`. */
  address: string;
  mac: string;
  /** Names this container also answers to on this network (`--network-alias`). */
  aliases: string[];
}

/** One published port of a container (`-p [ip:]host:container[/proto]`). */
export interface PortMapping {
  proto: 'tcp' | 'udp';
  /** Dotted quad, or undefined for every address of the host. */
  hostIp?: string;
  hostPort: number;
  containerPort: number;
}

/** A container's network namespace and what is attached to it. */
export interface SandboxRecord {
  containerId: string;
  containerName: string;
  hostname: string;
  /** The named namespace under /run/netns, `tsc...`. */
  netns: string;
  endpoints: EndpointRecord[];
  ports: PortMapping[];
}

/** How a container asks to join a network. */
export interface NetworkAttachRequest {
  /** Network name, id or unique id prefix. */
  network: string;
  aliases?: readonly string[] | undefined;
  /** Static IPv4 address (`--ip`), user-defined networks only (as docker). */
  ipv4Address?: string | undefined;
  /** `--mac-address`. */
  macAddress?: string | undefined;
}

/** Where an endpoint goes: the container's namespace, and whether it gets the default route. */
export interface JoinTarget {
  netnsPath: string;
  /** The first non-internal network gives the container its default route. */
  defaultRoute: boolean;
  /** The first endpoint creates the named namespace in the same batch (`/run/netns/NAME`). */
  createNetns?: boolean;
}

/**
 * A network driver: the kernel side of one network type. The bridge driver is the only one on
 * a single node; an overlay driver (a namespace with a bridge and a VXLAN device per network,
 * peers from the manager) implements the same calls.
 */
export interface NetworkDriver {
  readonly name: LocalDriverName;
  /** Creates the network's kernel objects (idempotent: existing ones are kept). */
  create(net: NetworkRecord, signal?: AbortSignal): Promise<void>;
  /** Deletes them; absent ones are skipped. */
  remove(net: NetworkRecord, signal?: AbortSignal): Promise<void>;
  /** Connects an endpoint into the container's namespace. */
  join(
    net: NetworkRecord,
    ep: EndpointRecord,
    target: JoinTarget,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Disconnects an endpoint; an absent one is skipped. */
  leave(ep: EndpointRecord, signal?: AbortSignal): Promise<void>;
}
