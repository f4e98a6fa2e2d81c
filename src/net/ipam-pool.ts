/**
 * Address pools (pure): where networks without a subnet of their own get one.
 *
 * @module
 */
import {
  formatSubnet,
  maxNetworkPrefixLength,
  parseSubnet,
  subnetLast,
  type Subnet,
} from './ipam-addr.js';

/** A block of addresses cut into equal subnets, one per network that asks for none. */
export interface AddressPool {
  /** The block, e.g. `10.0.0.0/8`. */
  base: string;
  /** Prefix length of each network's subnet cut from the block, e.g. 20. */
  subnetPrefixLength: number;
}

/**
 * The default pool: 10.0.0.0/8 cut into /20 subnets, so 4,096 networks of 4,094 addresses each.
 * Swarm's default /24 (254 addresses) cannot hold a 1,000-task service, let alone one rolling
 * update with `order: start-first`; a /20 holds four such services, their VIPs and the gateway.
 */
export const defaultAddressPools: readonly AddressPool[] = [
  { base: '10.0.0.0/8', subnetPrefixLength: 20 },
];

/** A pool with its block parsed. */
export interface CompiledPool {
  readonly block: Subnet;
  readonly subnetPrefixLength: number;
}

/** Parses and checks pools; the reason names the bad pool. */
export function compilePools(
  pools: readonly AddressPool[],
): { ok: true; pools: CompiledPool[] } | { ok: false; reason: string } {
  const compiled: CompiledPool[] = [];
  for (const pool of pools) {
    const parsed = parseSubnet(pool.base);
    if (!parsed.ok) return { ok: false, reason: `Invalid address pool: ${parsed.reason}` };
    const { subnetPrefixLength } = pool;
    if (
      !Number.isInteger(subnetPrefixLength) ||
      subnetPrefixLength < parsed.subnet.prefixLength ||
      subnetPrefixLength > maxNetworkPrefixLength
    ) {
      return {
        ok: false,
        reason:
          `Invalid address pool "${pool.base}": subnet size "/${subnetPrefixLength}" must be ` +
          `between /${parsed.subnet.prefixLength} and /${maxNetworkPrefixLength}`,
      };
    }
    compiled.push({ block: parsed.subnet, subnetPrefixLength });
  }
  return { ok: true, pools: compiled };
}

/**
 * Returns the first subnet of the pools that overlaps none of `taken`, or undefined when the
 * pools are full. One sweep over the taken subnets sorted by address: O(taken + pool blocks).
 */
export function pickSubnet(
  pools: readonly CompiledPool[],
  taken: readonly Subnet[],
): Subnet | undefined {
  const sorted = [...taken].sort((a, b) => a.base - b.base);
  for (const pool of pools) {
    const size = 2 ** (32 - pool.subnetPrefixLength);
    const poolLast = subnetLast(pool.block);
    let candidate = pool.block.base;
    let i = 0;
    while (candidate + size - 1 <= poolLast) {
      let next = sorted[i];
      while (next !== undefined && subnetLast(next) < candidate) next = sorted[++i];
      if (next === undefined || next.base > candidate + size - 1) {
        return { base: candidate, prefixLength: pool.subnetPrefixLength };
      }
      // Subnets nest or are disjoint, so skipping past this one skips everything inside it.
      candidate = alignUp(subnetLast(next) + 1, size);
    }
  }
  return undefined;
}

/** Describes the pools for a message: `10.0.0.0/8 (/20 each)`. */
export function describePools(pools: readonly CompiledPool[]): string {
  return pools.map((p) => `${formatSubnet(p.block)} (/${p.subnetPrefixLength} each)`).join(', ');
}

function alignUp(value: number, size: number): number {
  return Math.ceil(value / size) * size;
}
