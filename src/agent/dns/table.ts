/**
 * The resolver's names (pure): which containers a querier may see and their addresses. A
 * querier is told apart by its source address; it sees the containers that share a network
 * with it, by container name, hostname, network alias and short id, and only their addresses
 * on the shared networks (docker's embedded DNS answers the same way).
 *
 * @module
 */

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
  | { kind: 'found'; ips: string[] }
  /** Not a container name; `forward` tells whether the querier may reach outside. */
  | { kind: 'not-found'; forward: boolean };

/** Names of the containers on each network, and who is where. */
export class DnsTable {
  /** ip -> network ids of the container holding it. */
  private readonly bySource = new Map<string, string[]>();
  /** `networkId name` -> ips. */
  private readonly names = new Map<string, string[]>();

  constructor(
    containers: readonly DnsContainer[],
    /** Network ids of internal networks (no forwarding for their containers). */
    private readonly internal: ReadonlySet<string>,
  ) {
    for (const c of containers) {
      const nets = c.endpoints.map((e) => e.networkId);
      for (const ep of c.endpoints) {
        this.bySource.set(ep.ip, nets);
        const keys = new Set([c.name, c.hostname, c.id.slice(0, 12), ...ep.aliases]);
        for (const key of keys) {
          const k = `${ep.networkId} ${normalize(key)}`;
          const list = this.names.get(k) ?? [];
          if (!list.includes(ep.ip)) list.push(ep.ip);
          this.names.set(k, list);
        }
      }
    }
  }

  /** Looks `name` up for the container whose address is `source`. */
  lookup(source: string, name: string): DnsLookup {
    const nets = this.bySource.get(source);
    if (nets === undefined) return { kind: 'unknown-source' };
    const key = normalize(name);
    const ips: string[] = [];
    for (const n of nets) {
      for (const ip of this.names.get(`${n} ${key}`) ?? []) if (!ips.includes(ip)) ips.push(ip);
    }
    if (ips.length > 0) return { kind: 'found', ips };
    return { kind: 'not-found', forward: nets.some((n) => !this.internal.has(n)) };
  }
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
