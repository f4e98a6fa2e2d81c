/**
 * What one container's namespace needs for the VIPs it can reach (pure): from the
 * `NetworkEndpoints` of the cluster networks this node knows and the networks the container is
 * on, the VIPs of the services on those networks with their ready tasks' addresses, and the
 * iptables rules that balance them (`src/net/lb-rules.ts`, ADR 029).
 *
 * @module
 */
import {
  compareAddrs,
  vipRules,
  type RuleTable,
  type TableRules,
  type VipBackends,
} from '../../net/index.js';
import type { NetworkEndpoints } from '../../store/index.js';

/**
 * The VIPs a container on `networkIds` reaches, each with the addresses of its service's ready
 * tasks on that network (sorted, no duplicates), sorted by VIP. Services in `dnsrr` mode have
 * no VIP; a VIP whose service has no ready task is listed with no backend (it is refused).
 */
export function containerVips(
  tables: readonly NetworkEndpoints[],
  networkIds: readonly string[],
): VipBackends[] {
  const on = new Set(networkIds);
  const out = new Map<string, Set<string>>();
  for (const table of tables) {
    if (!on.has(table.id)) continue;
    for (const svc of table.services) {
      if (svc.endpointMode !== 'vip' || svc.vip === undefined || svc.vip === '') continue;
      const backends = out.get(svc.vip) ?? new Set<string>();
      for (const t of table.tasks) {
        if (t.serviceId === svc.serviceId && t.ready) backends.add(t.addr);
      }
      out.set(svc.vip, backends);
    }
  }
  return [...out]
    .map(([vip, backends]) => ({ vip, backends: [...backends].sort(compareAddrs) }))
    .sort((a, b) => compareAddrs(a.vip, b.vip));
}

/**
 * The iptables rules of one container's namespace (chains named with `prefix`), or undefined
 * when it reaches no VIP.
 *
 * @throws {NetError} on an invalid prefix or address in the tables.
 */
export function containerLbRules(
  prefix: string,
  tables: readonly NetworkEndpoints[],
  networkIds: readonly string[],
): Record<RuleTable, TableRules> | undefined {
  return vipRules(prefix, containerVips(tables, networkIds));
}
