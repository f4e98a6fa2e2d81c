/**
 * The names of a cluster network (pure): what its `NetworkEndpoints` answer, as Docker's
 * embedded DNS does for swarm services (libnetwork `addEndpointNameResolution`):
 *
 * - a service's name and its aliases: its VIP (endpoint mode `vip`), or the addresses of its
 *   ready tasks (`dnsrr`);
 * - `tasks.NAME` and `tasks.ALIAS`: the addresses of the service's ready tasks, in both modes;
 * - a task's name (`service.slot`, or `service.nodeId` for a global service): its address.
 *
 * A task that is not ready (starting, or failing its health check) is in no answer. Aliases are
 * those of the tasks' attachments (compose `networks.X.aliases`, plus the short name a stack
 * gives each service, so `web` answers as `shop_web` does); the same alias on several services
 * answers with all of them. Names are compared in lower case, without a final dot.
 *
 * @module
 */
import { compareAddrs } from '../../net/index.js';
import type { NetworkEndpoints } from '../../store/index.js';

/** One name of a network and its addresses. */
export interface DnsRecord {
  /** Lower case, no final dot. */
  name: string;
  /** Dotted quads, in a stable order (sorted numerically); the resolver rotates them. */
  ips: string[];
  /** Seconds a client may cache the answer. */
  ttlS: number;
}

/**
 * Seconds a VIP answer may be cached: a VIP lives as long as its service on the network
 * (Docker answers everything with 600).
 */
export const vipTtlS = 600;

/**
 * Seconds a task or container address may be cached: tasks come and go, and a client that
 * honours the TTL (nginx, Java) would keep a dead address for ten minutes with Docker's 600.
 */
export const taskTtlS = 10;

/** The records `table` answers, sorted by name. */
export function endpointRecords(table: NetworkEndpoints): DnsRecord[] {
  const out = new Map<string, DnsRecord>();
  const add = (name: string, ips: readonly string[], ttlS: number): void => {
    if (ips.length === 0) return;
    const key = normalizeName(name);
    const rec = out.get(key) ?? { name: key, ips: [], ttlS };
    for (const ip of ips) if (!rec.ips.includes(ip)) rec.ips.push(ip);
    rec.ttlS = Math.min(rec.ttlS, ttlS);
    out.set(key, rec);
  };
  const ready = table.tasks.filter((t) => t.ready);
  for (const t of ready) add(t.taskName, [t.addr], taskTtlS);
  const serviceIds = new Set([
    ...table.services.map((s) => s.serviceId),
    ...table.tasks.map((t) => t.serviceId),
  ]);
  for (const id of serviceIds) {
    const svc = table.services.find((s) => s.serviceId === id);
    const tasks = table.tasks.filter((t) => t.serviceId === id);
    const name = svc?.serviceName ?? tasks[0]?.serviceName ?? '';
    const names = [name, ...new Set(tasks.flatMap((t) => t.aliases))].filter((n) => n !== '');
    const addrs = ready.filter((t) => t.serviceId === id).map((t) => t.addr);
    const vip = svc?.endpointMode === 'vip' ? svc.vip : undefined;
    for (const n of names) {
      add(`tasks.${n}`, addrs, taskTtlS);
      if (vip !== undefined && vip !== '') add(n, [vip], vipTtlS);
      else add(n, addrs, taskTtlS);
    }
  }
  for (const rec of out.values()) rec.ips.sort(compareAddrs);
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A name as the tables compare it: lower case, without the final dot. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
