/**
 * The routing mesh's rules (pure; docs/adr/030-ingress-routing-mesh.md): what a node writes in
 * its own namespace so every published port reaches the service's tasks, and what a task's
 * namespace needs so the replies of connections DNATed by node N go back to node N. Nothing is
 * SNATed on the way in, so the task sees the client's address.
 *
 * Chains are named `<PREFIX>MESH-*`, beside the bridge driver's `<PREFIX>-*` chains, so each
 * part rewrites its own chains whole (`restoreScript`) without deleting the other's.
 *
 * @module
 */
import { parseAddr } from './ipam-addr.js';
import { checkMac, checkName } from './ip-commands.js';
import {
  chainNames,
  checkIp,
  natRules,
  checkPort,
  checkSubnet,
  type AnyRuleTable,
  type TableRules,
} from './iptables-rules.js';

/** One published port on this node and the task addresses it spreads over. */
export interface MeshPort {
  proto: 'tcp' | 'udp';
  /** Dotted quad the port is bound to; every local address when undefined. */
  hostIp?: string | undefined;
  publishedPort: number;
  targetPort: number;
  /**
   * Addresses (dotted quads) of the tasks behind the port: every ready task of the service on
   * the ingress network (mesh), or the local task (host mode). No rule when empty.
   */
  backends: readonly string[];
}

/** What one node publishes. */
export interface MeshNodeConfig {
  /** The node's ingress bridge (loopback and hairpin clients are masqueraded leaving it). */
  bridge?: string | undefined;
  /** The ingress network's subnet `a.b.c.d/len` (hairpin), with `bridge`. */
  subnet?: string | undefined;
  ports: readonly MeshPort[];
}

/** A node that may DNAT connections to a task: its ingress address and its bridge's MAC. */
export interface MeshPeer {
  /** Dotted quad. */
  addr: string;
  mac: string;
}

/** A task namespace's side: its interface on the ingress network and the nodes it answers. */
export interface MeshTaskConfig {
  ifName: string;
  peers: readonly MeshPeer[];
  /** The task's target ports of published UDP ports (see {@link meshTaskRouteLines}). */
  udpPorts?: readonly number[] | undefined;
}

/** An `ip rule` as `ip -j rule show` prints it (the fields the mesh reads). */
export interface IpRule {
  priority: number;
  fwmark?: number;
  /** `udp`, with `sport`: a rule of the mesh's UDP replies. */
  ipproto?: string;
  sport?: number;
  table: string;
  suppressPrefixLength?: number;
}

/** Priority of the mesh's mark rules in a task namespace (before `main` at 32766); its UDP rules use the two below. */
export const meshRulePriority = 1000;

/**
 * The chain prefix of the mesh for the bridge driver's `prefix` (`TSORCH` → `TSORCHMESH`).
 *
 * @throws {NetError} INVALID_ARGUMENT unless `prefix` is 1 to 12 capitals or digits.
 */
export function meshChainPrefix(prefix: string): string {
  chainNames(prefix); // checks the prefix
  return `${prefix}MESH`;
}

/** The names of the mesh's chains for the bridge driver's `prefix`. */
export function meshChainNames(prefix: string): {
  dnat: string;
  postrouting: string;
  forward: string;
  mark: string;
  restore: string;
} {
  const p = meshChainPrefix(prefix);
  return {
    dnat: `${p}-DNAT`,
    postrouting: `${p}-POSTROUTING`,
    forward: `${p}-FORWARD`,
    mark: `${p}-MARK`,
    restore: `${p}-RESTORE`,
  };
}

/**
 * The mark and routing table of replies to connections DNATed by the node whose ingress address
 * is `addr`: the address as an unsigned 32-bit number (unique while addresses are, never a
 * reserved table).
 *
 * @throws {NetError} INVALID_ARGUMENT when `addr` is not a dotted quad.
 */
export function meshMark(addr: string): number {
  const n = parseAddr(checkIp(addr));
  return n ?? 0;
}

/**
 * The node's rules: nat DNAT of each published port spread over its backends (`statistic`
 * 1/n, 1/(n-1), ..., 1), masquerade of loopback and hairpin clients only, and filter ACCEPT of
 * the DNATed connections (a FORWARD policy of DROP would stop them otherwise).
 *
 * @throws {NetError} INVALID_ARGUMENT for a bad name, address or port.
 */
export function meshNodeRules(
  prefix: string,
  config: MeshNodeConfig,
): Record<'filter' | 'nat', TableRules> {
  const c = meshChainNames(prefix);
  const nat: string[] = [];
  const filter: string[] = [];
  const accepted = new Set<string>();
  for (const p of sortPorts(config.ports)) {
    const dst = p.hostIp === undefined ? '' : ` -d ${checkIp(p.hostIp)}/32`;
    const match = `-p ${p.proto} -m ${p.proto} --dport ${checkPort(p.publishedPort)}`;
    const backends = [...new Set(p.backends.map(checkIp))].sort(byAddr);
    checkPort(p.targetPort);
    for (const [i, addr] of backends.entries()) {
      const left = backends.length - i;
      // Each backend gets 1/n of the connections: the i-th rule takes 1/(n-i) of what is left.
      const spread =
        left === 1 ? '' : ` -m statistic --mode random --probability ${(1 / left).toFixed(11)}`;
      nat.push(
        `-A ${c.dnat}${dst} ${match}${spread} -j DNAT --to-destination ${addr}:${p.targetPort}`,
      );
      const key = `${addr} ${p.proto} ${p.targetPort}`;
      if (accepted.has(key)) continue;
      accepted.add(key);
      const ct = '-m conntrack --ctstate DNAT -j ACCEPT';
      filter.push(
        `-A ${c.forward} -d ${addr}/32 -p ${p.proto} -m ${p.proto} --dport ${p.targetPort} ${ct}`,
      );
      filter.push(
        `-A ${c.forward} -s ${addr}/32 -p ${p.proto} -m ${p.proto} --sport ${p.targetPort} ${ct}`,
      );
    }
  }
  if (config.bridge !== undefined) {
    const br = checkName(config.bridge);
    // 127.0.0.1:PORT (route_localnet is on for the bridge) cannot be answered by a task, and a
    // task reaching a node's port (hairpin) would get its reply straight from the other task.
    nat.push(`-A ${c.postrouting} -s 127.0.0.0/8 -o ${br} -j MASQUERADE`);
    if (config.subnet !== undefined) {
      nat.push(
        `-A ${c.postrouting} -s ${checkSubnet(config.subnet)} -o ${br} -m conntrack --ctstate DNAT -j MASQUERADE`,
      );
    }
  }
  return {
    filter: { chains: [c.forward], rules: filter, jumps: [`FORWARD -j ${c.forward}`] },
    nat: natRules(c, nat),
  };
}

/**
 * A task namespace's mangle rules: a connection coming in on the ingress interface from node
 * N's MAC gets N's mark, and its replies carry it (so `ip rule` sends them back to N).
 *
 * @throws {NetError} INVALID_ARGUMENT for a bad name, address or MAC.
 */
export function meshTaskRules(
  prefix: string,
  config: MeshTaskConfig,
): Record<Extract<AnyRuleTable, 'mangle'>, TableRules> {
  const c = meshChainNames(prefix);
  const ifName = checkName(config.ifName);
  const rules = sortPeers(config.peers).map(
    (p) =>
      `-A ${c.mark} -i ${ifName} -m mac --mac-source ${checkMac(p.mac)} -m conntrack --ctstate NEW -j CONNMARK --set-mark ${hex(meshMark(p.addr))}`,
  );
  if (rules.length > 0) {
    // The request carries the mark too: with `src_valid_mark` the reverse-path check, and with
    // `tcp_fwmark_accept` the SYN-ACK's route, look up the node's table (a task may have no
    // other route to the client at all).
    rules.push(`-A ${c.mark} -i ${ifName} -m connmark ! --mark 0x0 -j CONNMARK --restore-mark`);
    rules.push(`-A ${c.restore} -m connmark ! --mark 0x0 -j CONNMARK --restore-mark`);
  }
  return {
    mangle: {
      chains: [c.mark, c.restore],
      rules,
      jumps: [`PREROUTING -j ${c.mark}`, `OUTPUT -j ${c.restore}`],
    },
  };
}

/**
 * `ip -batch` lines that make a task namespace's policy routing what `config` wants: per node a
 * rule `fwmark M lookup M` and a table whose default route goes via the node; rules (and their
 * tables) of nodes no longer wanted are deleted. `existing` is `ip -j rule show`, parsed.
 *
 * UDP replies from a socket bound to every address get their source from the route lookup,
 * made before the mark is known: by the task's default route, that is the wrong interface's
 * address, and the reply matches no connection. So UDP from a published target port looks up
 * the task's own routes except the default one, then a node's table (the ingress interface's
 * address becomes the source; the reply then matches its connection, gets its mark, and is
 * routed again to the node that DNATed it).
 *
 * @throws {NetError} INVALID_ARGUMENT for a bad name, address or port.
 */
export function meshTaskRouteLines(config: MeshTaskConfig, existing: readonly IpRule[]): string[] {
  const ifName = checkName(config.ifName);
  const peers = sortPeers(config.peers);
  const marks = new Set(peers.map((p) => meshMark(p.addr)));
  const wanted: string[] = [];
  const first = peers[0];
  if (first !== undefined) {
    for (const port of [...new Set(config.udpPorts ?? [])].sort((a, b) => a - b)) {
      const udp = `ipproto udp sport ${checkPort(port)}`;
      wanted.push(`priority ${meshRulePriority - 2} ${udp} table main suppress_prefixlength 0`);
      wanted.push(`priority ${meshRulePriority - 1} ${udp} table ${meshMark(first.addr)}`);
    }
  }
  for (const m of marks) wanted.push(`priority ${meshRulePriority} fwmark ${hex(m)} table ${m}`);
  const kept = new Set<string>();
  const lines: string[] = [];
  for (const r of existing) {
    if (r.priority < meshRulePriority - 2 || r.priority > meshRulePriority) continue;
    const key = ruleKey(r);
    if (wanted.includes(key) && !kept.has(key)) {
      kept.add(key);
      continue;
    }
    lines.push(`rule del ${key}`);
    const stale = r.fwmark !== undefined && !marks.has(r.fwmark) && /^\d+$/.test(r.table);
    if (stale) lines.push(`route flush table ${r.table}`);
  }
  for (const p of peers) {
    lines.push(`route replace default via ${p.addr} dev ${ifName} table ${meshMark(p.addr)}`);
  }
  for (const key of wanted) if (!kept.has(key)) lines.push(`rule add ${key}`);
  return lines;
}

/** An existing rule as `ip rule` arguments, in the order {@link meshTaskRouteLines} writes. */
function ruleKey(r: IpRule): string {
  const parts = [`priority ${r.priority}`];
  if (r.ipproto !== undefined) parts.push(`ipproto ${r.ipproto}`);
  if (r.sport !== undefined) parts.push(`sport ${r.sport}`);
  if (r.fwmark !== undefined) parts.push(`fwmark ${hex(r.fwmark)}`);
  parts.push(`table ${r.table}`);
  if (r.suppressPrefixLength !== undefined) {
    parts.push(`suppress_prefixlength ${r.suppressPrefixLength}`);
  }
  return parts.join(' ');
}

/** Reads `ip -j rule show` output (unknown entries are skipped). */
export function parseIpRules(json: string): IpRule[] {
  if (json.trim() === '') return [];
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry: unknown): IpRule[] => {
    const e = entry as Record<string, unknown> | null;
    const priority = e?.['priority'];
    const table = e?.['table'];
    if (typeof priority !== 'number' || (typeof table !== 'string' && typeof table !== 'number')) {
      return [];
    }
    const rule: IpRule = { priority, table: String(table) };
    const fwmark = Number(e?.['fwmark'] ?? NaN);
    if (!Number.isNaN(fwmark)) rule.fwmark = fwmark;
    if (typeof e?.['ipproto'] === 'string') rule.ipproto = e['ipproto'];
    if (typeof e?.['sport'] === 'number') rule.sport = e['sport'];
    if (typeof e?.['suppress_prefixlen'] === 'number') {
      rule.suppressPrefixLength = e['suppress_prefixlen'];
    }
    return [rule];
  });
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

function byAddr(a: string, b: string): number {
  return (parseAddr(a) ?? 0) - (parseAddr(b) ?? 0);
}

function sortPeers(peers: readonly MeshPeer[]): MeshPeer[] {
  return [...peers].sort((a, b) => byAddr(a.addr, b.addr));
}

function sortPorts(ports: readonly MeshPort[]): MeshPort[] {
  const key = (p: MeshPort): string =>
    `${p.proto}/${String(p.publishedPort).padStart(5, '0')}/${p.hostIp ?? ''}`;
  return [...ports].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
