/**
 * tsorch's iptables rules (pure): what they should be for a set of bridge networks, what
 * exists (read from `iptables-save`), and one `iptables-restore --noflush` script per table
 * that turns the second into the first atomically.
 *
 * Every rule lives in a chain named `PREFIX-...` (default `TSORCH-`), reached by one jump from
 * a built-in chain. Declaring a chain in a `--noflush` restore creates or empties it, so the
 * chains are rewritten whole; jumps are deleted (however many there are) and inserted again at
 * the top in the same transaction, so there is never a duplicate nor a moment without them.
 * Chains with the prefix that are no longer wanted are emptied and deleted.
 *
 * Rules (as Docker's bridge driver, with names of our own):
 * - filter `PREFIX-ISOLATION-1` (first in FORWARD): an internal network's bridge talks only to
 *   itself; traffic leaving one tsorch bridge goes to `PREFIX-ISOLATION-2`, which drops it when
 *   it enters another tsorch bridge (networks are isolated from each other);
 * - filter `PREFIX-FORWARD`: accept traffic within each bridge and, unless internal, out of it
 *   and replies back in, so bridged traffic passes even when the FORWARD policy is DROP;
 * - nat `PREFIX-POSTROUTING`: masquerade a non-internal network's subnet leaving its bridge.
 *
 * @module
 */
import { checkName } from './ip-commands.js';
import { parseAddr, parseSubnet } from './ipam-addr.js';
import { NetError } from './errors.js';

/** A bridge network as the rules see it. */
export interface RuleNetwork {
  bridge: string;
  /** `a.b.c.d/len`. */
  subnet: string;
  /** No traffic in or out of the bridge, only within it. */
  internal: boolean;
  /** Host ports forwarded to containers on the bridge (ignored on internal networks). */
  ports?: readonly RulePort[] | undefined;
}

/** One published port: the host's `hostIp:hostPort/proto` to `containerIp:containerPort`. */
export interface RulePort {
  proto: 'tcp' | 'udp';
  /** Dotted quad; undefined for every address of the host. */
  hostIp?: string | undefined;
  hostPort: number;
  containerIp: string;
  containerPort: number;
}

/** The two tables tsorch writes to. */
export type RuleTable = 'filter' | 'nat';

/** Every table a chain set may use (the routing mesh also writes `mangle` in task namespaces). */
export type AnyRuleTable = RuleTable | 'mangle';

/** What exists in one table: chains with the prefix, and the jumps to them from other chains. */
export interface TableState {
  chains: string[];
  /** `-A CHAIN ... -j PREFIX-...` lines of chains without the prefix. */
  jumps: string[];
}

/** The names of tsorch's chains for `prefix`. */
export function chainNames(prefix: string): {
  forward: string;
  isolation1: string;
  isolation2: string;
  postrouting: string;
  dnat: string;
} {
  if (!/^[A-Z][A-Z0-9]{0,11}$/.test(prefix)) {
    throw new NetError(
      `Invalid iptables chain prefix "${prefix}": use 1 to 12 capitals or digits`,
      {
        code: 'INVALID_ARGUMENT',
      },
    );
  }
  return {
    forward: `${prefix}-FORWARD`,
    isolation1: `${prefix}-ISOLATION-1`,
    isolation2: `${prefix}-ISOLATION-2`,
    postrouting: `${prefix}-POSTROUTING`,
    dnat: `${prefix}-DNAT`,
  };
}

/** The wanted chains, their rules and the jumps to them, per table (in insertion order). */
export interface TableRules {
  chains: string[];
  rules: string[];
  /** `CHAIN -j TARGET`: inserted in this order at position 1, so the last ends up first. */
  jumps: string[];
}

/** The rules wanted for `networks` (sorted by bridge, so the output is stable). */
export function desiredRules(
  prefix: string,
  networks: readonly RuleNetwork[],
): Record<RuleTable, TableRules> {
  const c = chainNames(prefix);
  const sorted = [...networks].sort((a, b) =>
    a.bridge < b.bridge ? -1 : a.bridge > b.bridge ? 1 : 0,
  );
  const filter: string[] = [];
  const nat: string[] = [];
  for (const n of sorted) {
    const br = checkName(n.bridge);
    if (n.internal) {
      filter.push(`-A ${c.isolation1} -i ${br} ! -o ${br} -j DROP`);
      filter.push(`-A ${c.isolation1} -o ${br} ! -i ${br} -j DROP`);
    } else {
      filter.push(`-A ${c.isolation1} -i ${br} ! -o ${br} -j ${c.isolation2}`);
    }
  }
  for (const n of sorted) filter.push(`-A ${c.isolation2} -o ${n.bridge} -j DROP`);
  for (const n of sorted) {
    filter.push(`-A ${c.forward} -i ${n.bridge} -o ${n.bridge} -j ACCEPT`);
    if (n.internal) continue;
    filter.push(`-A ${c.forward} -i ${n.bridge} ! -o ${n.bridge} -j ACCEPT`);
    filter.push(
      `-A ${c.forward} -o ${n.bridge} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
    );
    nat.push(`-A ${c.postrouting} -s ${checkSubnet(n.subnet)} ! -o ${n.bridge} -j MASQUERADE`);
    if ((n.ports ?? []).length === 0) continue;
    // Connections to a published port from the host's loopback (route_localnet is on for
    // the bridge) or from a container of this bridge (hairpin) leave with the gateway's
    // address, so the replies come back through the host's conntrack.
    nat.push(`-A ${c.postrouting} -s 127.0.0.0/8 -o ${n.bridge} -j MASQUERADE`);
    nat.push(
      `-A ${c.postrouting} -s ${n.subnet} -o ${n.bridge} -m conntrack --ctstate DNAT -j MASQUERADE`,
    );
    for (const p of n.ports ?? []) {
      const dst = p.hostIp === undefined ? '' : ` -d ${checkIp(p.hostIp)}/32`;
      const target = `${checkIp(p.containerIp)}:${checkPort(p.containerPort)}`;
      nat.push(
        `-A ${c.dnat}${dst} -p ${p.proto} -m ${p.proto} --dport ${checkPort(p.hostPort)} -j DNAT --to-destination ${target}`,
      );
      filter.push(
        `-A ${c.forward} -d ${p.containerIp}/32 ! -i ${n.bridge} -o ${n.bridge} -p ${p.proto} -m ${p.proto} --dport ${p.containerPort} -j ACCEPT`,
      );
    }
  }
  return {
    filter: {
      chains: [c.forward, c.isolation1, c.isolation2],
      rules: filter,
      jumps: [`FORWARD -j ${c.forward}`, `FORWARD -j ${c.isolation1}`],
    },
    nat: natRules(c, nat),
  };
}

/**
 * A nat table of a postrouting and a DNAT chain: the DNAT chain is reached for local
 * destinations from PREROUTING (other hosts) and OUTPUT (this host).
 */
export function natRules(c: { postrouting: string; dnat: string }, rules: string[]): TableRules {
  return {
    chains: [c.postrouting, c.dnat],
    rules,
    jumps: [
      `POSTROUTING -j ${c.postrouting}`,
      `PREROUTING -m addrtype --dst-type LOCAL -j ${c.dnat}`,
      `OUTPUT -m addrtype --dst-type LOCAL -j ${c.dnat}`,
    ],
  };
}

/** Reads one table's section of `iptables-save -t TABLE` output: tsorch's chains and jumps. */
export function parseTable(prefix: string, saved: string): TableState {
  const mine = `${prefix}-`;
  const chains: string[] = [];
  const jumps: string[] = [];
  for (const line of saved.split('\n')) {
    if (line.startsWith(`:${mine}`)) {
      chains.push(line.slice(1).split(' ')[0] ?? '');
    } else if (line.startsWith('-A ') && !line.startsWith(`-A ${mine}`)) {
      if (/ -[jg] /.test(line) && line.split(' ').some((w) => w.startsWith(mine))) jumps.push(line);
    }
  }
  return { chains, jumps };
}

/**
 * The `iptables-restore --noflush` script that turns `current` into `wanted` (undefined to
 * remove everything of tsorch's from the table).
 */
export function restoreScript(
  table: AnyRuleTable,
  current: TableState,
  wanted: TableRules | undefined,
): string {
  const keep = new Set(wanted?.chains ?? []);
  const stale = current.chains.filter((name) => !keep.has(name));
  const lines = [`*${table}`];
  // Declaring a chain creates or empties it; stale ones must be empty before -X.
  for (const name of [...(wanted?.chains ?? []), ...stale]) lines.push(`:${name} - [0:0]`);
  for (const jump of current.jumps) lines.push(jump.replace(/^-A /, '-D '));
  for (const name of stale) lines.push(`-X ${name}`);
  for (const jump of wanted?.jumps ?? []) lines.push(`-I ${jump.replace(' ', ' 1 ')}`);
  lines.push(...(wanted?.rules ?? []), 'COMMIT', '');
  return lines.join('\n');
}

/** Returns `text` when it is a dotted quad; throws {@link NetError} otherwise. */
export function checkIp(text: string): string {
  if (parseAddr(text) === undefined) {
    throw new NetError(`Invalid IPv4 address "${text}"`, { code: 'INVALID_ARGUMENT' });
  }
  return text;
}

/** Returns `port` when it is 1..65535; throws {@link NetError} otherwise. */
export function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new NetError(`Invalid port ${port}: expected 1..65535`, { code: 'INVALID_ARGUMENT' });
  }
  return port;
}

/** Returns `text` when it is `a.b.c.d/len`. @throws {NetError} INVALID_ARGUMENT otherwise. */
export function checkSubnet(text: string): string {
  const parsed = parseSubnet(text);
  if (!parsed.ok)
    throw new NetError(`Invalid network subnet: ${parsed.reason}`, { code: 'INVALID_ARGUMENT' });
  return text;
}
