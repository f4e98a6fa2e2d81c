/**
 * The scheduler's filters, in pipeline order: cheap, static checks first (availability,
 * platform, constraints), then the ones that change as tasks land (memory, CPU, host ports,
 * replicas per node). Each names what failed in the words `service ps --explain` prints.
 *
 * @module
 */

import { matchConstraint } from '../constraint.js';
import type { Filter, NodeState } from './filter.js';
import { nodesText } from './filter.js';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** `2 GiB`, `512 MiB`, `100 B`: memory for messages. */
export function formatMemory(bytes: number): string {
  const units: [number, string][] = [
    [GIB, 'GiB'],
    [MIB, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [size, unit] of units) {
    if (Math.abs(bytes) >= size) return `${String(Math.round((bytes / size) * 100) / 100)} ${unit}`;
  }
  return `${bytes} B`;
}

/** `1.5 CPUs`, `1 CPU`: nano CPUs for messages. */
export function formatCpus(nanoCpus: number): string {
  const cpus = Math.round(nanoCpus / 1e7) / 100;
  return cpus === 1 ? '1 CPU' : `${String(cpus)} CPUs`;
}

/** Returns true when `node` is ready and its availability is active: it may take tasks. */
export function isAvailable(node: NodeState): boolean {
  return node.info.state === 'ready' && node.info.availability === 'active';
}

/** The node is ready and its availability is active. */
export const readyFilter: Filter = {
  name: 'ready',
  dynamic: false,
  enabled: () => true,
  check: isAvailable,
  describe: (node) =>
    node.info.state !== 'ready'
      ? `node is ${node.info.state}`
      : `node availability is ${node.info.availability}`,
  summary: (count) => `${nodesText(count)} not available`,
};

const ARCH_ALIASES: Readonly<Record<string, string>> = {
  x86_64: 'amd64',
  x86: '386',
  i386: '386',
  aarch64: 'arm64',
  armhf: 'arm',
  armel: 'arm',
};

/** Lower-cases an architecture and maps kernel names to Go's (`x86_64` is `amd64`). */
export function normalizeArch(architecture: string): string {
  const lower = architecture.toLowerCase();
  return ARCH_ALIASES[lower] ?? lower;
}

/** The node's OS and architecture are among the task's platforms. */
export const platformFilter: Filter = {
  name: 'platform',
  dynamic: false,
  enabled: (task) => task.platforms.length > 0,
  check: (node, task) => {
    const os = node.info.platform.os.toLowerCase();
    const arch = normalizeArch(node.info.platform.architecture);
    return task.platforms.some(
      (p) => (p.os === '' || p.os === os) && (p.architecture === '' || p.architecture === arch),
    );
  },
  describe: (node, task) =>
    `platform ${node.info.platform.os}/${node.info.platform.architecture} is not one of ` +
    task.platforms.map((p) => `${p.os}/${p.architecture}`).join(', '),
  summary: (count) => `unsupported platform on ${nodesText(count)}`,
};

/** Every placement constraint holds on the node. */
export const constraintsFilter: Filter = {
  name: 'constraints',
  dynamic: false,
  enabled: (task) => task.constraints.length > 0,
  check: (node, task) => task.constraints.every((c) => matchConstraint(c, node.info)),
  describe: (node, task) => {
    const failed = task.constraints.filter((c) => !matchConstraint(c, node.info));
    return `constraint ${failed.map((c) => `"${c.expression}"`).join(', ')} not satisfied`;
  },
  summary: (count) => `scheduling constraints not satisfied on ${nodesText(count)}`,
};

/** The node has the memory the task reserves. */
export const memoryFilter: Filter = {
  name: 'memory',
  dynamic: true,
  enabled: (task) => task.requirements.reservations.memoryBytes > 0,
  check: (node, task) => node.freeMemoryBytes >= task.requirements.reservations.memoryBytes,
  describe: (node, task) =>
    `needs ${formatMemory(task.requirements.reservations.memoryBytes)} memory, ` +
    `${formatMemory(Math.max(0, node.freeMemoryBytes))} free`,
  summary: (count) => `insufficient memory on ${nodesText(count)}`,
};

/** The node has the CPU the task reserves. */
export const cpuFilter: Filter = {
  name: 'cpu',
  dynamic: true,
  enabled: (task) => task.requirements.reservations.nanoCpus > 0,
  check: (node, task) => node.freeNanoCpus >= task.requirements.reservations.nanoCpus,
  describe: (node, task) =>
    `needs ${formatCpus(task.requirements.reservations.nanoCpus)}, ` +
    `${formatCpus(Math.max(0, node.freeNanoCpus))} free`,
  summary: (count) => `insufficient CPU on ${nodesText(count)}`,
};

/** No task on the node already binds one of the task's host-mode ports. */
export const portsFilter: Filter = {
  name: 'ports',
  dynamic: true,
  enabled: (task) => task.portKeys.length > 0,
  check: (node, task) => task.portKeys.every((key) => !node.ports.has(key)),
  describe: (node, task) => {
    const used = task.portKeys.filter((key) => node.ports.has(key));
    return `host port ${used.map((k) => k.split('/').reverse().join('/')).join(', ')} already in use`;
  },
  summary: (count) => `host-mode port already in use on ${nodesText(count)}`,
};

/** The node runs fewer tasks of the service than `max_replicas_per_node`. */
export const maxReplicasFilter: Filter = {
  name: 'max-replicas',
  dynamic: true,
  enabled: (task) => task.requirements.maxReplicasPerNode > 0,
  check: (node, task) =>
    (node.serviceTasks.get(task.serviceId) ?? 0) < task.requirements.maxReplicasPerNode,
  describe: (node, task) =>
    `runs ${node.serviceTasks.get(task.serviceId) ?? 0} tasks of the service, ` +
    `max_replicas_per_node is ${task.requirements.maxReplicasPerNode}`,
  summary: (count) => `max replicas per node reached on ${nodesText(count)}`,
};

/** Every filter, in pipeline order. */
export const FILTERS: readonly Filter[] = [
  readyFilter,
  platformFilter,
  constraintsFilter,
  memoryFilter,
  cpuFilter,
  portsFilter,
  maxReplicasFilter,
];
