/**
 * Builders of stored objects for the allocator's tests: complete objects with sensible
 * defaults, overridable field by field, and a small store that applies the allocator's updates.
 * Not used by production code.
 *
 * @module
 */
import type { Network, Node, PortConfig, Service, Task, TaskState } from '../../store/index.js';
import { makeNode } from '../../store/testing.js';
import type { AllocatorSnapshot, AllocatorUpdate } from './types.js';

const meta = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '' };

/** The time stamped by the test passes. */
export const testNow = '2026-12-02T05:00:00.000Z';

/** A network named `name`; `subnet` empty leaves it for the allocator. */
export function testNetwork(
  id: string,
  name: string,
  options: { subnet?: string; driver?: 'bridge' | 'overlay'; ingress?: boolean } = {},
): Network {
  const { subnet = '', driver = 'overlay', ingress = false } = options;
  return {
    id,
    meta,
    spec: {
      name,
      labels: {},
      driver,
      ipam: subnet === '' ? [] : [{ subnet }],
      attachable: false,
      internal: false,
      ipv6: false,
      ingress,
    },
    ipam: [],
    pendingDelete: false,
  };
}

/** An ingress port to `target`, published on `published` (0: allocated). */
export function ingressPort(published: number, target = 80): PortConfig {
  return { protocol: 'tcp', targetPort: target, publishedPort: published, publishMode: 'ingress' };
}

/**
 * Makes a stored service of `base` (a store `makeService`) on `networkIds`, publishing `ports`,
 * in VIP mode unless told.
 */
export function testService(
  base: Omit<Service, 'meta'>,
  options: { networkIds?: string[]; ports?: PortConfig[]; mode?: 'vip' | 'dnsrr' } = {},
): Service {
  const { networkIds = [], ports = [], mode = 'vip' } = options;
  const service: Service = { ...structuredClone(base), meta };
  service.spec.task.networks = networkIds.map((target) => ({
    target,
    aliases: [`${service.spec.name}-alias`],
  }));
  service.spec.endpoint = { mode, ports };
  return service;
}

/** A task of `service` in `slot`, observed `state` (NEW by default), desired RUNNING. */
export function testTask(
  id: string,
  service: Service,
  slot: number,
  state: TaskState = 'NEW',
): Task {
  return {
    id,
    meta,
    serviceId: service.id,
    slot,
    nodeId: '',
    desiredState: 'RUNNING',
    status: { state, timestamp: '2026-01-01T00:00:00.000Z', message: '' },
    spec: structuredClone(service.spec.task),
    specVersion: service.specVersion,
    serviceAnnotations: { name: `${service.spec.name}.${slot}`, labels: {} },
    networks: [],
  };
}

/** A snapshot of the given objects, stamped {@link testNow}. */
export function snapshotOf(
  objects: { networks?: Network[]; services?: Service[]; tasks?: Task[]; nodes?: Node[] },
  deleted?: AllocatorSnapshot['deleted'],
): AllocatorSnapshot {
  const out: AllocatorSnapshot = {
    networks: objects.networks ?? [],
    services: objects.services ?? [],
    tasks: objects.tasks ?? [],
    now: testNow,
  };
  if (objects.nodes !== undefined) out.nodes = objects.nodes;
  if (deleted !== undefined) out.deleted = deleted;
  return out;
}

/** Freezes an object graph, so that a test fails on any write to its input. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Stored objects in tables, applying allocator updates the way the store would. */
export class TestStore {
  readonly networks = new Map<string, Network>();
  readonly services = new Map<string, Service>();
  readonly tasks = new Map<string, Task>();
  readonly nodes = new Map<string, Node>();

  /** Adds or replaces objects. */
  put(objects: {
    networks?: Network[];
    services?: Service[];
    tasks?: Task[];
    nodes?: Node[];
  }): void {
    for (const n of objects.nodes ?? []) this.nodes.set(n.id, n);
    for (const n of objects.networks ?? []) this.networks.set(n.id, n);
    for (const s of objects.services ?? []) this.services.set(s.id, s);
    for (const t of objects.tasks ?? []) this.tasks.set(t.id, t);
  }

  /** A frozen snapshot of everything stored. */
  snapshot(deleted?: AllocatorSnapshot['deleted']): AllocatorSnapshot {
    return deepFreeze(
      snapshotOf(
        {
          networks: structuredClone([...this.networks.values()]),
          services: structuredClone([...this.services.values()]),
          tasks: structuredClone([...this.tasks.values()]),
          ...(this.nodes.size === 0 ? {} : { nodes: structuredClone([...this.nodes.values()]) }),
        },
        deleted,
      ),
    );
  }

  /** Applies updates as one transaction; throws on a stale version, as the store would. */
  apply(updates: readonly AllocatorUpdate[]): void {
    for (const update of updates) {
      const table = this[update.table] as Map<string, { meta: { version: number } }>;
      const current = table.get(update.id);
      if (current?.meta.version !== update.version) {
        throw new Error(`Stale write to ${update.table}/${update.id}`);
      }
      const next = {
        ...structuredClone(current),
        ...structuredClone(update.fields),
        meta: { ...current.meta, version: current.meta.version + 1 },
      };
      table.set(update.id, next);
    }
  }
}

/** A stored node in `state` (ready by default). */
export function testNode(id: string, state: Node['status']['state'] = 'ready'): Node {
  const node = makeNode(id, `host-${id}`);
  return { ...node, meta, status: { ...node.status, state } };
}
