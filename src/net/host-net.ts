/**
 * The kernel adapter: namespaces, bridges, veth pairs, VXLAN devices, FDB and neighbour entries
 * and iptables rules, driven through iproute2 (`ip -batch`, `bridge -batch`), `nsenter` and
 * `iptables-restore`. No good netlink library exists for Node (DESIGN.md §11), so this is the one
 * small place that knows the tools; everything it writes is built by the pure modules
 * `ip-commands.ts` and `iptables-rules.ts`.
 *
 * Work inside a namespace runs as `nsenter --net=PATH ip -batch -`: nsenter switches only the
 * network namespace, whereas `ip netns exec` also remounts /sys.
 *
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Spare, SpareSource } from './batch-session.js';
import { NetError } from './errors.js';
import { sharedBatchTools, type CommandRunner } from './exec.js';
import {
  bridgeLines,
  checkName,
  fdbDelLines,
  fdbLines,
  neighborDelLines,
  linkNamePrefix,
  neighborLines,
  spareHostLines,
  spareInnerLines,
  vethHostLines,
  vethInnerLines,
  vxlanLines,
  type BridgeConfig,
  type FdbEntry,
  type NeighborEntry,
  type VethConfig,
  type VxlanConfig,
} from './ip-commands.js';
import {
  netnsRestoreScript,
  parseSavedTables,
  stateAfter,
  type NetnsRuleState,
} from './lb-rules.js';
import {
  desiredRules,
  parseTable,
  restoreScript,
  type AnyRuleTable,
  type RuleNetwork,
  type RuleTable,
  type TableRules,
} from './iptables-rules.js';
import { parseIpRules, type IpRule } from './mesh-rules.js';

/** Where `ip netns add` mounts named namespaces. */
export const netnsRunDir = '/run/netns';

/** Options of {@link HostNet}. */
export interface HostNetOptions {
  /**
   * Runs the tools; tests pass a recording fake. Default: real processes, with `ip -batch` in
   * the host's namespace sent to one long-lived `ip` (ADR 034).
   */
  runner?: CommandRunner;
  /**
   * Namespaces made ahead of need, so an attach starts no process (ADR 034). Default: the
   * process's shared spares when `runner` is the default, none with a runner of the caller's.
   */
  spares?: SpareSource | undefined;
  /** Prefix of tsorch's iptables chains. Default `TSORCH`; tests use their run prefix. */
  chainPrefix?: string;
  /** Writes a /proc/sys file; tests pass a recorder. Default: the file system. */
  writeSysctl?: (path: string, value: string) => Promise<void>;
}

/** Where a call runs: the host's namespace, or the one mounted at `netnsPath`. */
export interface InNetns {
  netnsPath?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** The path of a process's network namespace, for {@link VethConfig.netnsPath}. */
export function pidNetnsPath(pid: number): string {
  return `/proc/${pid}/ns/net`;
}

/** The path of a named namespace created by {@link HostNet.createNetns}. */
export function namedNetnsPath(name: string): string {
  return `${netnsRunDir}/${checkName(name)}`;
}

/** The kernel adapter. Every method throws {@link NetError} when a tool fails. */
export class HostNet {
  readonly #run: CommandRunner;
  readonly #spares: SpareSource | undefined;
  readonly #prefix: string;
  readonly #writeSysctl: (path: string, value: string) => Promise<void>;

  /** Creates an adapter; nothing runs until a method is called. */
  constructor(options: HostNetOptions = {}) {
    const shared = options.runner === undefined ? sharedBatchTools() : undefined;
    this.#run = options.runner ?? sharedBatchTools().runner;
    this.#spares = 'spares' in options ? options.spares : shared?.spares;
    this.#prefix = options.chainPrefix ?? 'TSORCH';
    this.#writeSysctl = options.writeSysctl ?? ((path, value) => writeFile(path, value));
  }

  /** Makes the namespaces attaches will use ahead of need (in the background; ADR 034). */
  warmSpares(): void {
    this.#spares?.warm();
  }

  /** Creates a named network namespace under /run/netns and returns its path. */
  async createNetns(name: string, options: InNetns = {}): Promise<string> {
    await this.#ip([`netns add ${checkName(name)}`], { signal: options.signal });
    return namedNetnsPath(name);
  }

  /** Deletes named network namespaces (unmounts and unlinks them); absent ones are skipped. */
  async deleteNetns(names: readonly string[], options: InNetns = {}): Promise<void> {
    if (names.length === 0) return;
    const present = new Set(await this.listNetns('', options));
    const lines = names.filter((n) => present.has(checkName(n))).map((n) => `netns del ${n}`);
    if (lines.length > 0) await this.#ip(lines, { signal: options.signal });
  }

  /** Creates a bridge with its address, MAC and MTU, up. */
  async createBridge(bridge: BridgeConfig, options: InNetns = {}): Promise<void> {
    await this.#ip(bridgeLines(bridge), options);
  }

  /**
   * Creates a veth pair whose inner end becomes `eth0` of the namespace at `veth.netnsPath`,
   * with its address, MAC, MTU and default route. Two processes: one batch on the host side
   * (in `options.netnsPath` when the bridge lives in a namespace), one inside. When the inside
   * fails, the pair is deleted before the error is thrown.
   */
  async attachVeth(veth: VethConfig, options: InNetns = {}): Promise<void> {
    const spare =
      veth.createNetns === true && options.netnsPath === undefined
        ? await this.#spares?.take(options.signal)
        : undefined;
    if (spare !== undefined) {
      await this.#attachInSpare(veth, spare, options);
      return;
    }
    // A process of its own (`-b` is `-batch`, which the long-lived session does not take): the
    // long-lived `ip` keeps the namespace it opened for `netns PATH` alive after the namespace's
    // name is gone, and with it the pair's host end.
    await this.#tool('ip', ['-b', '-'], {
      ...options,
      stdin: `${vethHostLines(veth).join('\n')}\n`,
    });
    try {
      await this.#ip(vethInnerLines(veth), { netnsPath: veth.netnsPath, signal: options.signal });
    } catch (err) {
      // Deleting the host end deletes the pair, so a failed attach leaves nothing behind.
      await this.#ip([`link del ${veth.hostName}`], options).catch(() => undefined);
      throw err;
    }
  }

  /**
   * {@link attachVeth} into a namespace made ahead of need: the host's batch names it and makes
   * the pair, the spare's own `ip` configures the inside; no process starts. The spare is used
   * once, whatever happens.
   */
  async #attachInSpare(veth: VethConfig, spare: Spare, options: InNetns): Promise<void> {
    const { session, hostIf } = spare;
    try {
      const pid = session.pid ?? 0;
      await this.#ip(spareHostLines(veth, hostIf, pid), options);
      await session.run(spareInnerLines(veth), options.signal);
    } catch (err) {
      // The renamed end, if it got that far; the named namespace is the caller's to delete.
      await this.#ip([`link del ${veth.hostName}`], options).catch(() => undefined);
      throw err;
    } finally {
      session.close();
      // The next spare, once this attach is answered.
      setImmediate(() => this.#spares?.warm());
    }
  }

  /** Creates a VXLAN device with learning off, joined to its bridge, up. */
  async createVxlan(vxlan: VxlanConfig, options: InNetns = {}): Promise<void> {
    await this.#ip(vxlanLines(vxlan), options);
  }

  /** Adds (or replaces) static FDB and neighbour entries, one batch per tool. */
  async setPeers(
    peers: { fdb?: readonly FdbEntry[]; neighbors?: readonly NeighborEntry[] },
    options: InNetns = {},
  ): Promise<void> {
    const fdb = fdbLines(peers.fdb ?? []);
    const neighbors = neighborLines(peers.neighbors ?? []);
    if (fdb.length > 0) await this.#batch('bridge', fdb, options);
    if (neighbors.length > 0) await this.#ip(neighbors, options);
  }

  /** Deletes static FDB and neighbour entries; entries already gone are skipped. */
  async deletePeers(
    peers: { fdb?: readonly FdbEntry[]; neighbors?: readonly NeighborEntry[] },
    options: InNetns = {},
  ): Promise<void> {
    const fdb = fdbDelLines(peers.fdb ?? []);
    const neighbors = neighborDelLines(peers.neighbors ?? []);
    // `-force` goes on after a line that fails (an entry gone already) and still reports it.
    if (fdb.length > 0)
      await this.#tool('bridge', ['-force', '-batch', '-'], {
        ...options,
        stdin: `${fdb.join('\n')}\n`,
      }).catch(() => undefined);
    if (neighbors.length > 0)
      await this.#tool('ip', ['-force', '-batch', '-'], {
        ...options,
        stdin: `${neighbors.join('\n')}\n`,
      }).catch(() => undefined);
  }

  /**
   * The static unicast FDB entries (with a VXLAN destination) and the permanent neighbour
   * entries of device `dev`: what {@link setPeers} made, as the kernel holds it.
   */
  async listPeers(
    dev: string,
    options: InNetns = {},
  ): Promise<{ fdb: FdbEntry[]; neighbors: NeighborEntry[] }> {
    const name = checkName(dev);
    const fdbOut = await this.#tool('bridge', ['-j', 'fdb', 'show', 'dev', name], options);
    const neighOut = await this.#tool('ip', ['-j', '-4', 'neigh', 'show', 'dev', name], options);
    const fdb = jsonEntries(fdbOut).flatMap((e) =>
      typeof e['mac'] === 'string' && typeof e['dst'] === 'string'
        ? [{ dev: name, mac: e['mac'], dst: e['dst'] }]
        : [],
    );
    const neighbors = jsonEntries(neighOut).flatMap((e) =>
      typeof e['dst'] === 'string' &&
      typeof e['lladdr'] === 'string' &&
      JSON.stringify(e['state'] ?? []).includes('PERMANENT')
        ? [{ dev: name, ip: e['dst'], mac: e['lladdr'] }]
        : [],
    );
    return { fdb, neighbors };
  }

  /**
   * The interface holding IPv4 address `addr` and its MTU (the underlay of a VXLAN device), or
   * undefined when no interface holds it.
   */
  async addressLink(
    addr: string,
    options: InNetns = {},
  ): Promise<{ name: string; mtu: number } | undefined> {
    const out = await this.#tool('ip', ['-j', '-4', 'addr', 'show'], options);
    for (const link of jsonEntries(out)) {
      const infos = Array.isArray(link['addr_info']) ? (link['addr_info'] as unknown[]) : [];
      const holds = infos.some((i) => (i as Record<string, unknown> | null)?.['local'] === addr);
      if (holds && typeof link['ifname'] === 'string' && typeof link['mtu'] === 'number')
        return { name: link['ifname'], mtu: link['mtu'] };
    }
    return undefined;
  }

  /** Deletes links (a veth's peer goes with it); names that do not exist are skipped. */
  async deleteLinks(names: readonly string[], options: InNetns = {}): Promise<void> {
    const present = new Set(await this.listLinks('', options));
    const lines = names.filter((n) => present.has(checkName(n))).map((n) => `link del ${n}`);
    if (lines.length > 0) await this.#ip(lines, options);
  }

  /** Names of the links whose name starts with `prefix`. */
  async listLinks(prefix: string, options: InNetns = {}): Promise<string[]> {
    const out = await this.#tool('ip', ['-j', 'link', 'show'], options);
    return jsonNames(out, 'ifname').filter((n) => n.startsWith(prefix));
  }

  /** Names of the namespaces under /run/netns whose name starts with `prefix`. */
  async listNetns(prefix: string, options: InNetns = {}): Promise<string[]> {
    const out = await this.#tool('ip', ['-j', 'netns', 'list'], { signal: options.signal });
    return jsonNames(out, 'name').filter((n) => n.startsWith(prefix));
  }

  /**
   * Removes links and namespaces named with `prefix` (default `ts`) that are not in `keep`:
   * what an earlier run left behind. Returns what it removed.
   */
  async removeLeftovers(
    keep: { links?: readonly string[]; netns?: readonly string[] } = {},
    options: InNetns & { prefix?: string } = {},
  ): Promise<{ links: string[]; netns: string[] }> {
    const prefix = options.prefix ?? linkNamePrefix;
    const keptLinks = new Set(keep.links ?? []);
    const keptNetns = new Set(keep.netns ?? []);
    const links = (await this.listLinks(prefix, options)).filter((n) => !keptLinks.has(n));
    await this.deleteLinks(links, options);
    const netns = (await this.listNetns(prefix, options)).filter((n) => !keptNetns.has(n));
    await this.deleteNetns(netns, options);
    return { links, netns };
  }

  /**
   * Makes tsorch's iptables rules exactly those wanted for `networks`: one atomic
   * `iptables-restore --noflush` per table, after reading what exists with `iptables-save`.
   */
  async applyRules(networks: readonly RuleNetwork[], options: InNetns = {}): Promise<void> {
    const wanted = desiredRules(this.#prefix, networks);
    for (const table of ['filter', 'nat'] as const) {
      await this.#restore(table, wanted[table], options);
    }
  }

  /** Removes every tsorch chain and the jumps to them. */
  async removeRules(options: InNetns = {}): Promise<void> {
    for (const table of ['filter', 'nat'] as const) await this.#restore(table, undefined, options);
  }

  /** The prefix of this adapter's iptables chains. */
  get chainPrefix(): string {
    return this.#prefix;
  }

  /**
   * The chains of this adapter's prefix and the jumps to them in every table of a namespace
   * (one `iptables-save`), for {@link HostNet.writeRuleState}.
   */
  async readRuleState(options: InNetns = {}): Promise<NetnsRuleState> {
    return parseSavedTables(this.#prefix, await this.#tool('iptables-save', [], options));
  }

  /**
   * Turns the nat and filter chains of a namespace from `current` (as read, or as the last
   * write left them) into `wanted` (undefined: none) with one `iptables-restore --noflush`, and
   * returns what the namespace holds then. Used for the VIP rules inside containers (ADR 029).
   */
  async writeRuleState(
    current: NetnsRuleState,
    wanted: Record<RuleTable, TableRules> | undefined,
    options: InNetns = {},
  ): Promise<NetnsRuleState> {
    const stdin = netnsRestoreScript(current, wanted);
    await this.#tool('iptables-restore', ['--noflush'], { ...options, stdin });
    return stateAfter(wanted);
  }

  /** tsorch's chains and jumps as they exist now, per table (for checks and `tsorch doctor`). */
  async listRules(options: InNetns = {}): Promise<Record<RuleTable, string[]>> {
    const read = async (table: RuleTable): Promise<string[]> => {
      const saved = await this.#tool('iptables-save', ['-t', table], options);
      const mine = `${this.#prefix}-`;
      return saved.split('\n').filter((l) => l.startsWith('-A ') && l.includes(mine));
    };
    return { filter: await read('filter'), nat: await read('nat') };
  }

  /**
   * Lets a bridge route packets whose source is 127.0.0.0/8 (`route_localnet`), so a published
   * port answers on the host's loopback address (the host's namespace only).
   */
  async enableRouteLocalnet(bridge: string): Promise<void> {
    await this.#writeSysctl(`/proc/sys/net/ipv4/conf/${checkName(bridge)}/route_localnet`, '1');
  }

  /** Destinations (`a.b.c.d/len`) of the IPv4 routes of the main table, the default route excepted. */
  async listRoutes(options: InNetns = {}): Promise<string[]> {
    const out = await this.#tool('ip', ['-j', '-4', 'route', 'show'], options);
    return jsonNames(out, 'dst')
      .filter((d) => d !== 'default' && !d.includes(':'))
      .map((d) => (d.includes('/') ? d : `${d}/32`));
  }

  /**
   * Turns on IPv4 forwarding (needed for egress from bridges) and returns the value it had,
   * so tests can put it back.
   */
  async enableIpForwarding(): Promise<'0' | '1'> {
    const path = '/proc/sys/net/ipv4/ip_forward';
    const before = (await readFile(path, 'utf8')).trim() === '1' ? '1' : '0';
    if (before === '0') await writeFile(path, '1');
    return before;
  }

  /**
   * Makes the chains named `prefix-*` of each listed table exactly `tables[table]` (undefined:
   * none), one atomic `iptables-restore --noflush` per table; for rule sets beside the bridge
   * driver's (the routing mesh, ADR 030). Tables not listed are left alone.
   */
  async applyChainSet(
    prefix: string,
    tables: Partial<Record<AnyRuleTable, TableRules | undefined>>,
    options: InNetns = {},
  ): Promise<void> {
    for (const table of ['filter', 'nat', 'mangle'] as const) {
      if (!(table in tables)) continue;
      const saved = await this.#tool('iptables-save', ['-t', table], options);
      const script = restoreScript(table, parseTable(prefix, saved), tables[table]);
      await this.#tool('iptables-restore', ['--noflush'], { ...options, stdin: script });
    }
  }

  /** The policy routing rules (`ip -j rule show`). */
  async listIpRules(options: InNetns = {}): Promise<IpRule[]> {
    return parseIpRules(await this.#tool('ip', ['-j', 'rule', 'show'], options));
  }

  /** Runs `ip -batch` lines (built by the pure modules) in one process. */
  async ipBatch(lines: readonly string[], options: InNetns = {}): Promise<void> {
    if (lines.length > 0) await this.#ip(lines, options);
  }

  /**
   * Sets an IPv4 sysctl of the namespace the call runs in, e.g. `conf/eth1/rp_filter`
   * (`net.ipv4.` + key); `sysctl` inside the namespace, since /proc/sys/net follows the
   * opener's namespace.
   */
  async setIpv4Sysctl(key: string, value: string, options: InNetns = {}): Promise<void> {
    if (!/^[a-z0-9_]+(\/[A-Za-z0-9_.-]+)*$/.test(key) || !/^[0-9]+$/.test(value)) {
      throw new NetError(`Invalid sysctl "${key}=${value}"`, { code: 'INVALID_ARGUMENT' });
    }
    await this.#tool('sysctl', ['-qw', `net.ipv4.${key.replaceAll('/', '.')}=${value}`], options);
  }

  async #restore(
    table: RuleTable,
    wanted: TableRules | undefined,
    options: InNetns,
  ): Promise<void> {
    const saved = await this.#tool('iptables-save', ['-t', table], options);
    const script = restoreScript(table, parseTable(this.#prefix, saved), wanted);
    await this.#tool('iptables-restore', ['--noflush'], { ...options, stdin: script });
  }

  #ip(lines: readonly string[], options: InNetns): Promise<string> {
    return this.#batch('ip', lines, options);
  }

  #batch(tool: 'ip' | 'bridge', lines: readonly string[], options: InNetns): Promise<string> {
    return this.#tool(tool, ['-batch', '-'], { ...options, stdin: `${lines.join('\n')}\n` });
  }

  #tool(
    file: string,
    args: readonly string[],
    options: InNetns & { stdin?: string },
  ): Promise<string> {
    const run = { stdin: options.stdin, signal: options.signal };
    if (options.netnsPath === undefined) return this.#run.run(file, args, run);
    return this.#run.run('nsenter', [`--net=${options.netnsPath}`, '--', file, ...args], run);
  }
}

function jsonEntries(out: string): Record<string, unknown>[] {
  if (out.trim() === '') return [];
  const parsed: unknown = JSON.parse(out);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null);
}

function jsonNames(out: string, key: string): string[] {
  if (out.trim() === '') return [];
  const parsed: unknown = JSON.parse(out);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry: unknown) => {
    const value = (entry as Record<string, unknown> | null)?.[key];
    return typeof value === 'string' ? [value] : [];
  });
}
