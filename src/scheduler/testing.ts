/**
 * Builders of scheduler inputs for tests and benchmarks: complete values with sensible
 * defaults, overridable field by field. Not used by production code.
 *
 * @module
 */

import type { ClusterView, NodeInfo, PlacedTask, Requirements, TaskRequest } from './types.js';

/** One GiB in bytes. */
export const GIB = 1024 ** 3;

/** One CPU in nano CPUs. */
export const CPU = 1_000_000_000;

/** A ready, active linux/amd64 worker with 4 CPUs and 8 GiB. */
export function testNode(id: string, overrides: Partial<NodeInfo> = {}): NodeInfo {
  return {
    id,
    hostname: `host-${id}`,
    role: 'worker',
    availability: 'active',
    state: 'ready',
    labels: {},
    engineLabels: {},
    platform: { os: 'linux', architecture: 'amd64' },
    resources: { nanoCpus: 4 * CPU, memoryBytes: 8 * GIB },
    version: 1,
    ...overrides,
  };
}

/** Requirements of a task that reserves nothing and may run anywhere. */
export function testRequirements(overrides: Partial<Requirements> = {}): Requirements {
  return {
    reservations: { nanoCpus: 0, memoryBytes: 0 },
    constraints: [],
    preferences: [],
    maxReplicasPerNode: 0,
    platforms: [],
    hostPorts: [],
    ...overrides,
  };
}

/** `count` pending tasks of `serviceId` (ids `<serviceId>.1` …) sharing `requirements`. */
export function testTasks(
  serviceId: string,
  count: number,
  requirements: Requirements = testRequirements(),
): TaskRequest[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${serviceId}.${String(i + 1)}`,
    serviceId,
    specVersion: 1,
    requirements,
  }));
}

/** A task of `serviceId` already on `nodeId`, reserving nothing unless told. */
export function testPlaced(
  id: string,
  serviceId: string,
  nodeId: string,
  overrides: Partial<PlacedTask> = {},
): PlacedTask {
  return {
    id,
    serviceId,
    nodeId,
    reservations: { nanoCpus: 0, memoryBytes: 0 },
    hostPorts: [],
    ...overrides,
  };
}

/** A view of `nodes` at version 7 and time 1_000_000_000 ms. */
export function testView(nodes: NodeInfo[], overrides: Partial<ClusterView> = {}): ClusterView {
  return { version: 7, nowMs: 1_000_000_000, nodes, tasks: [], failures: [], ...overrides };
}
