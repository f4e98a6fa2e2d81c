/**
 * The resolver's names (pure): which names a querier may see and their addresses. A querier is
 * told apart by its source address; it sees the names of the networks it is on, and only their
 * addresses on those networks (docker's embedded DNS answers the same way):
 *
 * - the containers of this node on a shared network, by container name, hostname, network alias
 *   and short id;
 * - on a cluster network, the services and tasks of its `NetworkEndpoints` (`records.ts`).
 *
 * @module
 */
import type { NetworkEndpoints } from '../../store/index.js';
import { endpointRecords, normalizeName, taskTtlS } from './records.js';

/** One container's interface, as the table needs it. */
export interface DnsEndpoint {
  networkId: string;
  /** Dotted quad. */
  ip: string;
  aliases: readonly string[];
}

/** One container, as the table needs it. */
export interface DnsContainer {
  id: string;
  name: string;
  hostname: string;
  endpoints: readonly DnsEndpoint[];
}

/** What the table says of one query. */
export type DnsLookup =
  | { kind: 'unknown-source' }
  /** `ttlS`: the shortest of the records that gave an address. */
  | { kind: 'found'; ips: string[]; ttlS: number }
  /** Not a container name; `forward` tells whether the querier may reach outside. */
  | { kind: 'not-found'; forward: boolean };

interface Entry {
  ips: string[];
  ttlS: number;
}

/** Names of the containers and services on each network, and who is where. */
export class DnsTable {
  /** ip -> network ids of the container holding it. */
  private readonly bySource = new Map<string, string[]>();
  /** `networkId name` -> addresses. */
  private readonly names = new Map<string, Entry>();

  constructor(
    containers: readonly DnsContainer[],
    /** Network ids of internal networks (no forwarding for their containers). */
    private readonly internal: ReadonlySet<string>,
    /** Who is on each cluster network (the dispatcher's lists this node was given). */
    clusters: readonly NetworkEndpoints[] = [],
  ) {
    for (const c of containers) {
      const nets = c.endpoints.map((e) => e.networkId);
      for (const ep of c.endpoints) {
        this.addSource(ep.ip, nets);
        const keys = new Set([c.name, c.hostname, c.id.slice(0, 12), ...ep.aliases]);
        for (const key of keys) this.add(ep.networkId, key, [ep.ip], taskTtlS);
      }
    }
    for (const table of clusters) {
      // A task's container may be no sandbox of this node's records (or not yet).
      for (const t of table.tasks) this.addSource(t.addr, [table.id]);
      for (const r of endpointRecords(table)) this.add(table.id, r.name, r.ips, r.ttlS);
    }
  }

  private addSource(ip: string, nets: readonly string[]): void {
    const list = this.bySource.get(ip) ?? [];
    for (const n of nets) if (!list.includes(n)) list.push(n);
    this.bySource.set(ip, list);
  }

  private add(networkId: string, name: string, ips: readonly string[], ttlS: number): void {
    const k = `${networkId} ${normalizeName(name)}`;
    const entry = this.names.get(k) ?? { ips: [], ttlS };
    for (const ip of ips) if (!entry.ips.includes(ip)) entry.ips.push(ip);
    entry.ttlS = Math.min(entry.ttlS, ttlS);
    this.names.set(k, entry);
  }

  /** Looks `name` up for the container whose address is `source`. */
  lookup(source: string, name: string): DnsLookup {
    const nets = this.bySource.get(source);
    if (nets === undefined) return { kind: 'unknown-source' };
    const key = normalizeName(name);
    const ips: string[] = [];
    let ttlS = Number.POSITIVE_INFINITY;
    for (const n of nets) {
      const entry = this.names.get(`${n} ${key}`);
      if (entry === undefined) continue;
      for (const ip of entry.ips) if (!ips.includes(ip)) ips.push(ip);
      ttlS = Math.min(ttlS, entry.ttlS);
    }
    if (ips.length > 0) return { kind: 'found', ips, ttlS };
    return { kind: 'not-found', forward: nets.some((n) => !this.internal.has(n)) };
  }
}
