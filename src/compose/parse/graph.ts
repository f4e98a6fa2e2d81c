/**
 * The service dependency graph: start order (dependencies first), stop order, each service's
 * dependency conditions and the networks, volumes, secrets and configs it uses. Cycles are
 * rejected with the cycle named.
 *
 * @module
 */
import type { ComposeProject, ServiceDependency } from './types.js';

/** What one service needs. */
export interface ServiceNode {
  name: string;
  dependsOn: ({ service: string } & ServiceDependency)[];
  /** Services that depend on this one. */
  dependents: string[];
  networks: string[];
  /** Named (project) volumes the service mounts. */
  volumes: string[];
  secrets: string[];
  configs: string[];
}

/** Services in dependency order, for `up` and `stack deploy`. */
export interface ServiceGraph {
  /** Start order: every service after the services it depends on; ties by name. */
  startOrder: string[];
  /** Stop order: the reverse of {@link ServiceGraph.startOrder}. */
  stopOrder: string[];
  services: Record<string, ServiceNode>;
}

/** A dependency cycle, as the list of services around it (first repeated last). */
export type Cycle = string[];

/** Builds the graph; returns the first cycle found instead when there is one. */
export function buildGraph(project: ComposeProject): { graph: ServiceGraph } | { cycle: Cycle } {
  const names = Object.keys(project.services).sort();
  const services: Record<string, ServiceNode> = {};
  for (const name of names) {
    const svc = project.services[name];
    if (svc === undefined) continue;
    services[name] = {
      name,
      dependsOn: Object.entries(svc.depends_on ?? {})
        .filter(([dep]) => project.services[dep] !== undefined)
        .map(([service, d]) => ({ service, ...d })),
      dependents: [],
      networks: Object.keys(svc.networks ?? {}),
      volumes: (svc.volumes ?? [])
        .filter(
          (v) =>
            v.type === 'volume' &&
            v.source !== undefined &&
            project.volumes?.[v.source] !== undefined,
        )
        .map((v) => v.source ?? ''),
      secrets: (svc.secrets ?? []).map((s) => s.source),
      configs: (svc.configs ?? []).map((c) => c.source),
    };
  }
  for (const node of Object.values(services)) {
    for (const d of node.dependsOn) services[d.service]?.dependents.push(node.name);
  }
  const cycle = findCycle(names, services);
  if (cycle !== undefined) return { cycle };
  // Kahn's algorithm, picking the smallest ready name each time so the order is stable.
  const indegree = new Map(names.map((n) => [n, services[n]?.dependsOn.length ?? 0]));
  const ready = names.filter((n) => indegree.get(n) === 0);
  const startOrder: string[] = [];
  while (ready.length > 0) {
    ready.sort();
    const n = ready.shift() ?? '';
    startOrder.push(n);
    for (const dep of services[n]?.dependents ?? []) {
      const d = (indegree.get(dep) ?? 0) - 1;
      indegree.set(dep, d);
      if (d === 0) ready.push(dep);
    }
  }
  return { graph: { startOrder, stopOrder: [...startOrder].reverse(), services } };
}

function findCycle(names: string[], services: Record<string, ServiceNode>): Cycle | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): Cycle | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'visiting') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'visiting');
    stack.push(n);
    for (const d of services[n]?.dependsOn ?? []) {
      const c = visit(d.service);
      if (c !== undefined) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of names) {
    const c = visit(n);
    if (c !== undefined) return c;
  }
  return undefined;
}
