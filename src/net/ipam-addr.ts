/**
 * IPv4 addresses and subnets as numbers, for the IPAM (pure). Parsing and printing go through
 * ipaddr.js; the arithmetic (sizes, containment, overlap, next block) is on unsigned 32-bit
 * integers so that allocating one address costs a map lookup, not a string round trip.
 *
 * @module
 */
import ipaddr from 'ipaddr.js';

/** An IPv4 subnet: its first address as an unsigned 32-bit integer and its prefix length. */
export interface Subnet {
  /** Network address (host bits zero), 0 .. 2^32-1. */
  readonly base: number;
  /** Prefix length in bits, 0..32. */
  readonly prefixLength: number;
}

/** Longest prefix a network may have: a /30 still holds a gateway and one endpoint. */
export const maxNetworkPrefixLength = 30;

/** Parses a dotted-quad IPv4 address; undefined when `text` is not one (no shorthand forms). */
export function parseAddr(text: string): number | undefined {
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  return octetsToNumber(ipaddr.IPv4.parse(text).octets);
}

/** Prints an address held as an unsigned 32-bit integer in dotted-quad form. */
export function formatAddr(addr: number): string {
  return new ipaddr.IPv4([
    addr >>> 24,
    (addr >>> 16) & 255,
    (addr >>> 8) & 255,
    addr & 255,
  ]).toString();
}

/** Outcome of {@link parseSubnet}. */
export type SubnetParse = { ok: true; subnet: Subnet } | { ok: false; reason: string };

/**
 * Parses `a.b.c.d/len` in canonical form (host bits zero, as Docker requires).
 *
 * @example
 * parseSubnet('10.0.3.0/24'); // { ok: true, subnet: { base: 167773952, prefixLength: 24 } }
 */
export function parseSubnet(text: string): SubnetParse {
  if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) {
    return { ok: false, reason: `"${text}" is not an IPv4 subnet such as "10.0.3.0/24"` };
  }
  const [addr, prefixLength] = ipaddr.IPv4.parseCIDR(text);
  const base = octetsToNumber(addr.octets);
  const subnet = { base: maskBase(base, prefixLength), prefixLength };
  if (subnet.base !== base) {
    return {
      ok: false,
      reason: `"${text}" has host bits set: did you mean "${formatSubnet(subnet)}"`,
    };
  }
  return { ok: true, subnet };
}

/** Parses `a.b.c.d/len` as an address with a prefix length (task and VIP addresses). */
export function parseCidrAddr(text: string): { addr: number; prefixLength: number } | undefined {
  if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) return undefined;
  const [addr, prefixLength] = ipaddr.IPv4.parseCIDR(text);
  return { addr: octetsToNumber(addr.octets), prefixLength };
}

/** Prints a subnet as `a.b.c.d/len`. */
export function formatSubnet(subnet: Subnet): string {
  return `${formatAddr(subnet.base)}/${subnet.prefixLength}`;
}

/** Prints an address with the subnet's prefix length, as stored on tasks (`10.0.3.5/24`). */
export function formatCidrAddr(addr: number, subnet: Subnet): string {
  return `${formatAddr(addr)}/${subnet.prefixLength}`;
}

/** Number of addresses a subnet spans, network and broadcast addresses included. */
function subnetSize(subnet: Subnet): number {
  return 2 ** (32 - subnet.prefixLength);
}

/** Last address of a subnet (its broadcast address). */
export function subnetLast(subnet: Subnet): number {
  return subnet.base + subnetSize(subnet) - 1;
}

/** Returns true when `addr` lies in `subnet`. */
export function subnetContains(subnet: Subnet, addr: number): boolean {
  return addr >= subnet.base && addr <= subnetLast(subnet);
}

/** Returns true when the two subnets share at least one address. */
export function subnetsOverlap(a: Subnet, b: Subnet): boolean {
  return a.base <= subnetLast(b) && b.base <= subnetLast(a);
}

/** First and last address an endpoint may get in `subnet` (network and broadcast excluded). */
export function hostBounds(subnet: Subnet): { first: number; last: number } {
  return { first: subnet.base + 1, last: subnetLast(subnet) - 1 };
}

function maskBase(addr: number, prefixLength: number): number {
  const size = 2 ** (32 - prefixLength);
  return addr - (addr % size);
}

function octetsToNumber(octets: readonly number[]): number {
  return octets.reduce((n, o) => n * 256 + o, 0);
}

/**
 * The first of `others` (subnets `a.b.c.d/len`, host bits allowed) that shares an address with
 * `subnet`, or undefined. Unparsable entries are skipped.
 */
export function firstOverlap(subnet: string, others: readonly string[]): string | undefined {
  const a = parseCidrAddr(subnet);
  if (a === undefined) return undefined;
  const sa = { base: maskBase(a.addr, a.prefixLength), prefixLength: a.prefixLength };
  return others.find((o) => {
    const b = parseCidrAddr(o);
    if (b === undefined) return false;
    return subnetsOverlap(sa, {
      base: maskBase(b.addr, b.prefixLength),
      prefixLength: b.prefixLength,
    });
  });
}
