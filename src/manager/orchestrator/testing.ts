/**
 * Builders for the orchestrators' tests: stored services, tasks and nodes (with `meta`), and a
 * counter id generator. Not used by production code.
 *
 * @module
 */

import type {
  Meta,
  Node,
  RestartPolicy,
  Service,
  ServiceMode,
  Task,
  TaskSpec,
  TaskState,
} from '../../store/index.js';
import { makeTaskSpec } from '../../store/testing.js';
import type { Action, ReconcileOptions } from './types.js';

/** Epoch ms of the tests' "now". */
export const NOW_MS = Date.parse('2026-01-01T00:10:00.000Z');

/** An ISO timestamp `secondsAgo` before {@link NOW_MS}. */
export function ago(secondsAgo: number): string {
  return new Date(NOW_MS - secondsAgo * 1000).toISOString();
}

/** A task template with restart condition any, no delay, no attempt limit. */
export function taskSpec(): TaskSpec {
  return {
    ...makeTaskSpec(),
    restartPolicy: { condition: 'any', delayMs: 0, maxAttempts: 0, windowMs: 0 },
  };
}

function meta(version: number, createdAt = ago(600)): Meta {
  return { version, createdAt, updatedAt: createdAt };
}

/** A stored service `svc` in `mode` with `restart` merged into its restart policy. */
export function service(
  mode: ServiceMode,
  restart: Partial<RestartPolicy> = {},
  extra: Partial<Service> = {},
): Service {
  const task = taskSpec();
  task.restartPolicy = { ...task.restartPolicy, ...restart };
  return {
    id: 'svc',
    meta: meta(1),
    spec: { name: 'web', labels: {}, task, mode, endpoint: { mode: 'vip', ports: [] } },
    specVersion: 1,
    pendingDelete: false,
    ...extra,
  };
}

/** Options of a stored task built by {@link task}. */
export interface TaskOptions {
  slot?: number;
  node?: string;
  state?: TaskState;
  desired?: TaskState;
  /** Creation order: a higher number is newer. */
  created?: number;
  /** Seconds before {@link NOW_MS} of the last status report. */
  endedAgoS?: number;
}

/** A stored task `id` of `svc`. */
export function task(id: string, o: TaskOptions = {}): Task {
  const created = o.created ?? 0;
  const slot = o.slot ?? 0;
  return {
    id,
    meta: meta(10 + created, ago(600 - created)),
    serviceId: 'svc',
    slot,
    nodeId: o.node ?? 'n1',
    desiredState: o.desired ?? 'RUNNING',
    status: { state: o.state ?? 'RUNNING', timestamp: ago(o.endedAgoS ?? 60), message: '' },
    spec: taskSpec(),
    specVersion: 1,
    serviceAnnotations: { name: `web.${String(slot)}`, labels: {} },
    networks: [],
  };
}

/** A stored ready, active node `id` with `overrides`. */
export function node(
  id: string,
  o: {
    state?: Node['status']['state'];
    availability?: Node['spec']['availability'];
    labels?: Record<string, string>;
  } = {},
): Node {
  return {
    id,
    meta: meta(2),
    spec: { labels: o.labels ?? {}, role: 'worker', availability: o.availability ?? 'active' },
    description: {
      hostname: `host-${id}`,
      platform: { os: 'linux', architecture: 'amd64' },
      resources: { nanoCpus: 2_000_000_000, memoryBytes: 4 * 1024 ** 3 },
      engine: { runtime: 'runc', version: '1.1.5', labels: {} },
    },
    status: { state: o.state ?? 'ready', message: '', addr: '10.0.0.2' },
    advertiseAddr: '10.0.0.2:4242',
    role: 'worker',
  };
}

/** Options with a counter id generator (`t1`, `t2`, …) and a history limit of 5. */
export function options(historyLimit = 5): ReconcileOptions {
  let next = 0;
  return {
    ids: () => {
      next += 1;
      return `t${String(next)}`;
    },
    historyLimit,
  };
}

/** A compact, readable form of actions for table-driven expectations. */
export function summary(actions: readonly Action[]): string[] {
  return actions.map((a) => {
    switch (a.kind) {
      case 'create':
        return `create ${a.task.id} slot=${String(a.task.slot)} node=${a.task.nodeId}`;
      case 'set-desired':
        return `${a.desired} ${a.taskId}`;
      case 'restart-at':
        return `restart-at slot=${String(a.slot)} node=${a.nodeId} +${String((a.atMs - NOW_MS) / 1000)}s`;
    }
  });
}
