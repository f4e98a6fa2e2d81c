/**
 * A builder of `NetworkEndpoints` for tests: services with their tasks, in a few lines. Not
 * used by production code.
 *
 * @module
 */
import type { NetworkEndpoints } from '../../store/index.js';

/** One service of {@link networkEndpoints}. */
export interface TestService {
  name: string;
  /** Default `vip` when `vip` is given, `dnsrr` otherwise. */
  mode?: 'vip' | 'dnsrr';
  vip?: string;
  /** Task addresses; `!` after an address marks the task not ready (`10.0.0.5!`). */
  tasks: readonly string[];
  aliases?: readonly string[];
  nodeId?: string;
}

/** The endpoints of network `id` holding `services`; tasks are named `NAME.1`, `NAME.2`... */
export function networkEndpoints(id: string, services: readonly TestService[]): NetworkEndpoints {
  return {
    id,
    services: services.map((s) => ({
      serviceId: `svc-${s.name}`,
      serviceName: s.name,
      endpointMode: s.mode ?? (s.vip === undefined ? 'dnsrr' : 'vip'),
      ...(s.vip === undefined ? {} : { vip: s.vip }),
      ports: [],
    })),
    tasks: services.flatMap((s) =>
      s.tasks.map((spec, i) => ({
        taskId: `task-${s.name}-${i + 1}`,
        taskName: `${s.name}.${i + 1}`,
        serviceId: `svc-${s.name}`,
        serviceName: s.name,
        nodeId: s.nodeId ?? 'node-1',
        addr: spec.replace(/!$/, ''),
        aliases: [...(s.aliases ?? [])],
        ready: !spec.endsWith('!'),
      })),
    ),
    nodes: [],
  };
}
