/**
 * Load-balancing rules (pure): iptables lines that spread new connections to one address over
 * a set of backends, and the rule set that makes a service's virtual IPs work inside one
 * client's network namespace (ADR 029).
 *
 * This kernel has no IPVS, so a VIP is balanced by the netfilter NAT of each client: in the
 * client's own namespace, nat `OUTPUT` sends connections to `VIP` through a chain of DNAT rules
 * matched with `-m statistic --mode random`; rule i of n takes a new connection with
 * probability 1/(n-i), so each backend gets 1/n of them, and the last takes what is left.
 * Only a connection's first packet passes the nat table; conntrack rewrites the rest and the
 * replies. Every protocol and port is forwarded, so the VIP answers ping from one backend.
 * A VIP without a backend is refused at once (filter `OUTPUT`: TCP reset, ICMP port unreachable
 * otherwise) instead of leaving the client waiting for an ARP answer that never comes.
 *
 * The same spread (`spreadDnatRules`) serves any "address to a service's ready tasks" rule, such
 * as a published port of the routing mesh, with a target port.
 *
 * @module
 */
import { parseAddr } from './ipam-addr.js';
import {
  chainNames,
  checkIp,
  checkPort,
  parseTable,
  restoreScript,
  type RuleTable,
  type TableRules,
  type TableState,
} from './iptables-rules.js';

/** One virtual IP and the addresses of the ready tasks behind it. */
export interface VipBackends {
  /** Dotted quad. */
  vip: string;
  /** Dotted quads; order is kept (callers sort them so the rules are stable). */
  backends: readonly string[];
}

/** Digits after the point of a `--probability` (iptables keeps 31 bits, about 9 digits). */
const probabilityDigits = 8;

/** The chain that holds the VIP rules of a client namespace, in both tables. */
export function vipChain(prefix: string): string {
  chainNames(prefix); // throws on an invalid prefix (1-12 capitals or digits)
  return `${prefix}-VIP`;
}

/** The chain that spreads connections to `vip` (`PREFIX-VIP-0A000002`, at most 25 characters). */
export function vipBackendChain(prefix: string, vip: string): string {
  const n = parseAddr(checkIp(vip)) ?? 0;
  return `${vipChain(prefix)}-${n.toString(16).toUpperCase().padStart(8, '0')}`;
}

/**
 * `-A chain` lines that DNAT each new connection to one of `backends`, evenly at random: rule i
 * of n matches with probability 1/(n-i), the last one always. With `toPort` the destination
 * port is rewritten too (a published port to the tasks' target port); without it, only the
 * address (every port of a VIP). No backends, no lines.
 *
 * @throws {NetError} on an invalid address or port.
 */
export function spreadDnatRules(
  chain: string,
  backends: readonly string[],
  options: { toPort?: number | undefined } = {},
): string[] {
  const port = options.toPort === undefined ? '' : `:${checkPort(options.toPort)}`;
  return backends.map((b, i) => {
    const left = backends.length - i;
    const match =
      left === 1
        ? ''
        : ` -m statistic --mode random --probability ${(1 / left).toFixed(probabilityDigits)}`;
    return `-A ${chain}${match} -j DNAT --to-destination ${checkIp(b)}${port}`;
  });
}

/**
 * The rules one client namespace needs for `vips` (sorted by VIP, so the output is stable), per
 * table, or undefined when there is nothing to balance (the namespace then holds no tsorch
 * chain at all).
 *
 * @throws {NetError} on an invalid prefix or address.
 */
export function vipRules(
  prefix: string,
  vips: readonly VipBackends[],
): Record<RuleTable, TableRules> | undefined {
  if (vips.length === 0) return undefined;
  const top = vipChain(prefix);
  const sorted = [...vips].sort((a, b) => compareAddrs(a.vip, b.vip));
  const natChains = [top];
  const nat: string[] = [];
  const filter: string[] = [];
  for (const v of sorted) {
    const dst = `-d ${checkIp(v.vip)}/32`;
    if (v.backends.length === 0) {
      filter.push(`-A ${top} ${dst} -p tcp -j REJECT --reject-with tcp-reset`);
      filter.push(`-A ${top} ${dst} -j REJECT --reject-with icmp-port-unreachable`);
      continue;
    }
    const chain = vipBackendChain(prefix, v.vip);
    natChains.push(chain);
    nat.push(`-A ${top} ${dst} -j ${chain}`);
    nat.push(...spreadDnatRules(chain, v.backends));
  }
  return {
    nat: { chains: natChains, rules: nat, jumps: [`OUTPUT -j ${top}`] },
    filter: { chains: [top], rules: filter, jumps: [`OUTPUT -j ${top}`] },
  };
}

/** Orders dotted quads numerically (anything else first), for stable rule and answer lists. */
export function compareAddrs(a: string, b: string): number {
  return (parseAddr(a) ?? -1) - (parseAddr(b) ?? -1);
}

/** The prefix's chains and jumps in each table of a namespace. */
export type NetnsRuleState = Record<RuleTable, TableState>;

/** Nothing of the prefix anywhere (a new namespace). */
export const emptyRuleState: NetnsRuleState = {
  nat: { chains: [], jumps: [] },
  filter: { chains: [], jumps: [] },
};

/** Reads the output of a plain `iptables-save` (every table) into the prefix's chains and jumps. */
export function parseSavedTables(prefix: string, saved: string): NetnsRuleState {
  const sections: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const line of saved.split('\n')) {
    if (line.startsWith('*')) {
      current = [];
      sections[line.slice(1).trim()] = current;
    } else {
      current?.push(line);
    }
  }
  return {
    nat: parseTable(prefix, (sections['nat'] ?? []).join('\n')),
    filter: parseTable(prefix, (sections['filter'] ?? []).join('\n')),
  };
}

/**
 * One `iptables-restore --noflush` input that turns `current` into `wanted` in both tables
 * (undefined: remove every chain of the prefix), nat first.
 */
export function netnsRestoreScript(
  current: NetnsRuleState,
  wanted: Record<RuleTable, TableRules> | undefined,
): string {
  return (['nat', 'filter'] as const)
    .map((t) => restoreScript(t, current[t], wanted?.[t]))
    .join('');
}

/** What the namespace holds once a restore of `wanted` succeeded. */
export function stateAfter(wanted: Record<RuleTable, TableRules> | undefined): NetnsRuleState {
  if (wanted === undefined) return emptyRuleState;
  const of = (t: TableRules): TableState => ({
    chains: [...t.chains],
    jumps: t.jumps.map((j) => `-A ${j}`),
  });
  return { nat: of(wanted.nat), filter: of(wanted.filter) };
}
