/**
 * Lines for `ip -batch -` and `bridge -batch -` (pure). One batch is one process, so attaching
 * a container costs two processes however many settings it needs (issue 12: network attach
 * adds at most 10 ms to a container start).
 *
 * Every value is checked before it is written into a batch: a name or address holding a space
 * or newline would otherwise run a different command.
 *
 * @module
 */
import { parseAddr, parseCidrAddr } from './ipam-addr.js';
import { NetError } from './errors.js';

/** Longest interface name the kernel accepts (IFNAMSIZ - 1). */
export const maxLinkNameLength = 15;

/** Prefix of every link and namespace tsorch creates, so leftovers can be found. */
export const linkNamePrefix = 'ts';

/** Largest MTU a link may be given (the kernel's limit for most drivers). */
const maxMtu = 65_535;

/** A Linux bridge. */
export interface BridgeConfig {
  name: string;
  /** `a.b.c.d/len`: the gateway address of the network on the bridge. */
  address?: string | undefined;
  /** Fixed MAC; a bridge otherwise takes the lowest MAC of its ports, which changes. */
  mac?: string | undefined;
  mtu?: number | undefined;
}

/** A veth pair: one end on the host side (on a bridge), the other in a namespace as `eth0`. */
export interface VethConfig {
  /** Host-side name, `ts...`. */
  hostName: string;
  /** The namespace of the other end: a path such as `/proc/PID/ns/net` or `/run/netns/NAME`. */
  netnsPath: string;
  /** Bridge the host side joins. */
  bridge?: string | undefined;
  /** `a.b.c.d/len` of `eth0`. */
  address: string;
  mac?: string | undefined;
  mtu?: number | undefined;
  /** Default route via this address; none when undefined (internal networks). */
  gateway?: string | undefined;
  /** Name of the inner end. Default {@link innerIfName} (`eth0`); a second network gets `eth1`... */
  innerName?: string | undefined;
  /**
   * Creates the named namespace `netnsPath` names (`/run/netns/NAME`) in the same batch, first:
   * `ip -batch` runs `netns add` and goes on in the caller's namespace, so the attach stays two
   * processes.
   */
  createNetns?: boolean | undefined;
  /**
   * Hairpin mode on the bridge port: a frame may leave by the port it came in by, so a
   * container reaches itself through a published port of the host.
   */
  hairpin?: boolean | undefined;
}

/** A VXLAN device (RFC 7348), with learning off: peers come from static FDB entries. */
export interface VxlanConfig {
  name: string;
  /** VXLAN network identifier, 1..2^24-1. */
  vni: number;
  /** UDP port (`--data-path-port`, default 4789). */
  port: number;
  /** This node's underlay address. */
  local: string;
  /** Bridge the device joins. */
  bridge?: string | undefined;
  mtu?: number | undefined;
  /**
   * ARP proxy: the device answers ARP requests from its static neighbour entries, so no
   * broadcast crosses the underlay (overlay networks, ADR 028).
   */
  proxy?: boolean | undefined;
}

/** A static forwarding entry: frames for `mac` go to the VXLAN peer at `dst`. */
export interface FdbEntry {
  dev: string;
  /** `00:00:00:00:00:00` floods broadcasts and unknown unicast to `dst` (one entry per peer). */
  mac: string;
  dst: string;
}

/** A static neighbour (ARP) entry. */
export interface NeighborEntry {
  dev: string;
  ip: string;
  mac: string;
}

/** The name of the inner end of every veth pair. */
export const innerIfName = 'eth0';

/** `ip -batch` lines creating a bridge with its address and MTU, up. */
export function bridgeLines(bridge: BridgeConfig): string[] {
  const name = checkName(bridge.name);
  const lines = [`link add ${name}${macOpt(bridge.mac)}${mtuOpt(bridge.mtu)} type bridge`];
  if (bridge.address !== undefined) lines.push(`addr add ${checkCidr(bridge.address)} dev ${name}`);
  lines.push(`link set ${name} up`);
  return lines;
}

/** `ip -batch` lines run on the host side: create the pair, move the peer, join the bridge. */
export function vethHostLines(veth: VethConfig): string[] {
  const host = checkName(veth.hostName);
  const mtu = mtuOpt(veth.mtu);
  const inner = checkName(veth.innerName ?? innerIfName);
  const lines: string[] = [];
  if (veth.createNetns === true) lines.push(`netns add ${namedNetnsOf(veth.netnsPath)}`);
  lines.push(
    `link add ${host}${mtu} type veth peer name ${inner}${macOpt(veth.mac)}${mtu} netns ${checkPath(veth.netnsPath)}`,
  );
  return [...lines, ...bridgePortLines(host, veth)];
}

/** The outer end on its bridge (hairpin when asked), up. */
function bridgePortLines(host: string, veth: VethConfig): string[] {
  const lines: string[] = [];
  if (veth.bridge !== undefined) lines.push(`link set ${host} master ${checkName(veth.bridge)}`);
  if (veth.bridge !== undefined && veth.hairpin === true) {
    lines.push(`link set ${host} type bridge_slave hairpin on`);
  }
  lines.push(`link set ${host} up`);
  return lines;
}

/**
 * `ip -batch` lines of the host's side of an attach into a namespace made ahead of need (ADR
 * 034): name the namespace of process `pid` as `veth.netnsPath`, give the waiting outer end
 * `spareIf` its name and MTU, put it on the bridge, up.
 */
export function spareHostLines(veth: VethConfig, spareIf: string, pid: number): string[] {
  const host = checkName(veth.hostName);
  return [
    netnsAttachLine(veth.netnsPath, pid),
    `link set ${checkName(spareIf)} name ${host}${mtuOpt(veth.mtu)}`,
    ...bridgePortLines(host, veth),
  ];
}

/**
 * `ip -batch` lines run inside a namespace made ahead of need, whose inner end is `eth0`: its
 * name, MAC and MTU, then what {@link vethInnerLines} does.
 */
export function spareInnerLines(veth: VethConfig): string[] {
  const inner = checkName(veth.innerName ?? innerIfName);
  const set = `${inner === innerIfName ? '' : ` name ${inner}`}${macOpt(veth.mac)}${mtuOpt(veth.mtu)}`;
  return [...(set === '' ? [] : [`link set ${innerIfName}${set}`]), ...vethInnerLines(veth)];
}

/**
 * The `ip -batch` line naming the namespace of process `pid` as the named namespace at
 * `netnsPath` (`/run/netns/NAME`): a namespace made ahead of need becomes the container's.
 */
function netnsAttachLine(netnsPath: string, pid: number): string {
  return `netns attach ${namedNetnsOf(netnsPath)} ${checkInt('process id', pid, 1, 2 ** 22)}`;
}

function namedNetnsOf(netnsPath: string): string {
  const m = /^\/run\/netns\/([^/]+)$/.exec(netnsPath);
  if (m?.[1] === undefined) {
    throw invalid(`Cannot create namespace "${netnsPath}": not under /run/netns`);
  }
  return checkName(m[1]);
}

/** `ip -batch` lines run inside the namespace: address, links up, default route. */
export function vethInnerLines(veth: VethConfig): string[] {
  const inner = checkName(veth.innerName ?? innerIfName);
  const lines = [
    `addr add ${checkCidr(veth.address)} dev ${inner}`,
    `link set ${inner} up`,
    'link set lo up',
  ];
  if (veth.gateway !== undefined) lines.push(`route add default via ${checkAddr(veth.gateway)}`);
  return lines;
}

/** `ip -batch` lines creating a VXLAN device without learning, joined to its bridge, up. */
export function vxlanLines(vxlan: VxlanConfig): string[] {
  const name = checkName(vxlan.name);
  const vni = checkInt('VXLAN identifier', vxlan.vni, 1, 2 ** 24 - 1);
  const port = checkInt('UDP port', vxlan.port, 1, 65_535);
  const lines = [
    `link add ${name}${mtuOpt(vxlan.mtu)} type vxlan id ${vni} dstport ${port} local ${checkAddr(vxlan.local)} nolearning${vxlan.proxy === true ? ' proxy' : ''}`,
  ];
  if (vxlan.bridge !== undefined) lines.push(`link set ${name} master ${checkName(vxlan.bridge)}`);
  lines.push(`link set ${name} up`);
  return lines;
}

/** `bridge -batch` lines for static FDB entries (replacing any entry for the same MAC). */
export function fdbLines(entries: readonly FdbEntry[]): string[] {
  return entries.map((e) => {
    const mac = checkMac(e.mac);
    // The all-zeros entry lists every peer for flooding, so entries add up instead of replacing.
    const verb = mac === '00:00:00:00:00:00' ? 'append' : 'replace';
    return `fdb ${verb} ${mac} dev ${checkName(e.dev)} dst ${checkAddr(e.dst)} self permanent`;
  });
}

/** `bridge -batch` lines deleting static FDB entries (the `dst` names the all-zeros one's peer). */
export function fdbDelLines(entries: readonly FdbEntry[]): string[] {
  return entries.map(
    (e) => `fdb del ${checkMac(e.mac)} dev ${checkName(e.dev)} dst ${checkAddr(e.dst)} self`,
  );
}

/** `ip -batch` lines deleting neighbour entries. */
export function neighborDelLines(entries: readonly NeighborEntry[]): string[] {
  return entries.map((e) => `neigh del ${checkAddr(e.ip)} dev ${checkName(e.dev)}`);
}

/** `ip -batch` lines for static neighbour entries. */
export function neighborLines(entries: readonly NeighborEntry[]): string[] {
  return entries.map(
    (e) =>
      `neigh replace ${checkAddr(e.ip)} lladdr ${checkMac(e.mac)} dev ${checkName(e.dev)} nud permanent`,
  );
}

/**
 * Checks a link or namespace name: at most 15 characters, letters, digits, `_`, `.`, `-`.
 *
 * @throws {NetError} with code INVALID_ARGUMENT otherwise.
 */
export function checkName(name: string): string {
  if (name.length === 0 || name.length > maxLinkNameLength || !/^[A-Za-z0-9_.-]+$/.test(name)) {
    throw invalid(
      `Invalid link name "${name}": use 1 to ${maxLinkNameLength} letters, digits, "_", "." or "-"`,
    );
  }
  return name;
}

function checkPath(path: string): string {
  if (!/^\/[A-Za-z0-9_./-]+$/.test(path)) throw invalid(`Invalid namespace path "${path}"`);
  return path;
}

function checkCidr(text: string): string {
  if (parseCidrAddr(text) === undefined) {
    throw invalid(`Invalid address "${text}": expected an IPv4 address with a prefix length`);
  }
  return text;
}

function checkAddr(text: string): string {
  if (parseAddr(text) === undefined) throw invalid(`Invalid IPv4 address "${text}"`);
  return text;
}

/** Returns `text` when it is a MAC address `xx:xx:xx:xx:xx:xx`. @throws {NetError} INVALID_ARGUMENT otherwise. */
export function checkMac(text: string): string {
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(text)) throw invalid(`Invalid MAC address "${text}"`);
  return text.toLowerCase();
}

function checkInt(what: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(`Invalid ${what} ${value}: expected an integer in ${min}..${max}`);
  }
  return value;
}

function macOpt(mac: string | undefined): string {
  return mac === undefined ? '' : ` address ${checkMac(mac)}`;
}

function mtuOpt(mtu: number | undefined): string {
  return mtu === undefined ? '' : ` mtu ${checkInt('MTU', mtu, 68, maxMtu)}`;
}

function invalid(message: string): NetError {
  return new NetError(message, { code: 'INVALID_ARGUMENT' });
}
