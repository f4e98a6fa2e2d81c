import { describe, expect, it } from 'vitest';
import type { Node, Task } from '../store/objects.js';
import { makeNode, makeTask } from '../store/testing.js';
import type { TaskState } from '../store/task-state.js';
import type { NewObject } from '../store/transaction.js';
import { pendingFromStore, requestFromTask, viewFromStore } from './from-store.js';

const meta = (version: number) => ({ version, createdAt: '', updatedAt: '' });
const node = (id: string, overrides: Partial<NewObject<Node>> = {}): Node => ({
  ...makeNode(id, `host-${id}`, overrides),
  meta: meta(3),
});

function task(
  id: string,
  state: TaskState,
  nodeId: string,
  timestamp = '2026-01-01T00:00:00.000Z',
): Task {
  const base = makeTask(id, 'svc', 1, { state, nodeId });
  base.status.timestamp = timestamp;
  base.spec.resources = { reservations: { nanoCpus: 5e8, memoryBytes: 1024 } };
  base.spec.placement = {
    constraints: ['node.role==worker'],
    preferences: [{ spread: 'node.labels.zone' }],
    maxReplicasPerNode: 2,
    platforms: [{ os: 'linux', architecture: 'amd64' }],
  };
  base.endpoint = {
    spec: { mode: 'vip', ports: [] },
    ports: [
      { protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'host' },
      { protocol: 'tcp', targetPort: 81, publishedPort: 0, publishMode: 'host' },
      { protocol: 'udp', targetPort: 53, publishedPort: 53, publishMode: 'ingress' },
    ],
    virtualIps: [],
  };
  return { ...base, meta: meta(5) };
}

describe('viewFromStore()', () => {
  it('maps nodes with their labels, state and version', () => {
    const n = node('n1', {
      spec: { labels: { zone: 'east' }, role: 'manager', availability: 'drain' },
      role: 'manager',
    });
    const view = viewFromStore({ nodes: [n], tasks: [] }, { version: 9, nowMs: 1 });
    expect(view).toMatchObject({ version: 9, nowMs: 1, tasks: [], failures: [] });
    expect(view.nodes[0]).toEqual({
      id: 'n1',
      hostname: 'host-n1',
      role: 'manager',
      availability: 'drain',
      state: 'ready',
      labels: { zone: 'east' },
      engineLabels: {},
      platform: { os: 'linux', architecture: 'amd64' },
      resources: { nanoCpus: 2_000_000_000, memoryBytes: 4 * 1024 ** 3 },
      version: 3,
    });
  });

  it('keeps assigned live tasks and dated failures, and drops the rest', () => {
    const tasks = [
      task('running', 'RUNNING', 'n1'),
      task('assigned', 'ASSIGNED', 'n1'),
      task('unassigned', 'PENDING', ''),
      task('done', 'COMPLETE', 'n1'),
      task('failed', 'FAILED', 'n1', '2026-01-01T00:00:10.000Z'),
      task('rejected', 'REJECTED', 'n2', '2026-01-01T00:00:20.000Z'),
      task('undated', 'FAILED', 'n1', 'not a time'),
    ];
    const view = viewFromStore({ nodes: [], tasks }, { version: 1, nowMs: 0 });
    expect(view.tasks.map((t) => t.id)).toEqual(['running', 'assigned']);
    expect(view.tasks[0]).toEqual({
      id: 'running',
      serviceId: 'svc',
      nodeId: 'n1',
      reservations: { nanoCpus: 5e8, memoryBytes: 1024 },
      hostPorts: [{ protocol: 'tcp', port: 8080 }],
    });
    expect(view.failures).toEqual([
      { serviceId: 'svc', nodeId: 'n1', atMs: Date.parse('2026-01-01T00:00:10.000Z') },
      { serviceId: 'svc', nodeId: 'n2', atMs: Date.parse('2026-01-01T00:00:20.000Z') },
    ]);
  });
});

describe('requestFromTask() and pendingFromStore()', () => {
  it('carries the placement spec, and binds a task created with a node', () => {
    expect(requestFromTask(task('t1', 'PENDING', ''))).toEqual({
      id: 't1',
      serviceId: 'svc',
      specVersion: 1,
      requirements: {
        reservations: { nanoCpus: 5e8, memoryBytes: 1024 },
        constraints: ['node.role==worker'],
        preferences: ['node.labels.zone'],
        maxReplicasPerNode: 2,
        platforms: [{ os: 'linux', architecture: 'amd64' }],
        hostPorts: [{ protocol: 'tcp', port: 8080 }],
      },
    });
    expect(requestFromTask(task('g1', 'PENDING', 'n1')).pinnedNodeId).toBe('n1');
  });

  it('takes PENDING tasks still desired to run', () => {
    const stopping = task('stopping', 'PENDING', '');
    stopping.desiredState = 'SHUTDOWN';
    const tasks = [task('p', 'PENDING', ''), task('new', 'NEW', ''), stopping];
    expect(pendingFromStore(tasks).map((t) => t.id)).toEqual(['p']);
  });
});
