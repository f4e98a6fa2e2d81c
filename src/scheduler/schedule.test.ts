import { describe, expect, it } from 'vitest';
import { createPrng } from '../util/prng.js';
import { schedule } from './schedule.js';
import { GIB, testNode, testPlaced, testRequirements, testTasks, testView } from './testing.js';
import type { ClusterView, Decision, NodeInfo, Requirements } from './types.js';
import { isPlacement } from './types.js';

/** Tasks placed per node id, sorted by id. */
function perNode(decisions: readonly Decision[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of decisions) if (isPlacement(d)) counts[d.nodeId] = (counts[d.nodeId] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function run(view: ClusterView, count: number, requirements?: Partial<Requirements>): Decision[] {
  return schedule(view, testTasks('svc', count, testRequirements(requirements)), createPrng(1));
}

function nodes(...ids: string[]): NodeInfo[] {
  return ids.map((id) => testNode(id));
}

describe('schedule() scoring', () => {
  it('spreads replicas evenly across nodes', () => {
    expect(perNode(run(testView(nodes('a', 'b', 'c')), 6))).toEqual({ a: 2, b: 2, c: 2 });
    const counts = Object.values(perNode(run(testView(nodes('a', 'b', 'c')), 7)));
    expect(counts.sort()).toEqual([2, 2, 3]);
  });

  it.each([
    ['fewest tasks of this service first', { a: 2, c: 1 }, {}, 3, { b: 2, c: 1 }],
    ['then fewest tasks overall', {}, { a: 5, c: 1 }, 1, { b: 1 }],
    ['tasks of this service weigh before tasks overall', { a: 1 }, { b: 10, c: 10 }, 1, { b: 1 }],
  ])(
    'prefers %s',
    (_name, own: Record<string, number>, other: Record<string, number>, count, expected) => {
      const tasks = [
        ...Object.entries(own).flatMap(([node, n]) =>
          Array.from({ length: n }, (_, i) => testPlaced(`own-${node}-${String(i)}`, 'svc', node)),
        ),
        ...Object.entries(other).flatMap(([node, n]) =>
          Array.from({ length: n }, (_, i) =>
            testPlaced(`oth-${node}-${String(i)}`, 'other', node),
          ),
        ),
      ];
      const view = testView(nodes('a', 'b', 'c'), { tasks });
      expect(perNode(run(view, count))).toEqual(expected);
    },
  );

  it.each([
    ['inside the window, the node comes last', 60_000, { b: 1 }],
    ['outside the window, the failure is forgotten', 10 * 60_000, { a: 1 }],
  ])('places away from a recent failure of the service: %s', (_name, agoMs, expected) => {
    const view = testView(nodes('a', 'b'), {
      // b already runs 3 tasks of the service; a would win on spread alone.
      tasks: [1, 2, 3].map((i) => testPlaced(`p${String(i)}`, 'svc', 'b')),
      failures: [{ serviceId: 'svc', nodeId: 'a', atMs: 1_000_000_000 - agoMs }],
    });
    expect(perNode(run(view, 1))).toEqual(expected);
  });

  it('ignores failures of other services', () => {
    const view = testView(nodes('a', 'b'), {
      tasks: [testPlaced('p', 'svc', 'b')],
      failures: [{ serviceId: 'other', nodeId: 'a', atMs: 1_000_000_000 }],
    });
    expect(perNode(run(view, 1))).toEqual({ a: 1 });
  });
});

describe('schedule() placement preferences', () => {
  const zoned = (zones: Record<string, string | undefined>): NodeInfo[] =>
    Object.entries(zones).map(([id, zone]) =>
      testNode(id, { labels: zone === undefined ? {} : { zone } }),
    );

  it('spreads over the values of a label, not over nodes', () => {
    const view = testView(zoned({ e1: 'east', e2: 'east', e3: 'east', w1: 'west' }));
    const counts = perNode(run(view, 4, { preferences: ['node.labels.zone'] }));
    expect(counts.w1).toBe(2);
    expect((counts.e1 ?? 0) + (counts.e2 ?? 0) + (counts.e3 ?? 0)).toBe(2);
  });

  it('treats nodes without the label as one more value', () => {
    const view = testView(zoned({ e1: 'east', w1: 'west', n1: undefined, n2: undefined }));
    const counts = perNode(run(view, 6, { preferences: ['node.labels.zone'] }));
    expect([counts.e1, counts.w1, (counts.n1 ?? 0) + (counts.n2 ?? 0)]).toEqual([2, 2, 2]);
  });

  it('counts tasks already placed in each value', () => {
    const view = testView(zoned({ e1: 'east', w1: 'west' }), {
      tasks: [testPlaced('p1', 'svc', 'e1'), testPlaced('p2', 'svc', 'e1')],
    });
    expect(perNode(run(view, 3, { preferences: ['node.labels.zone'] }))).toEqual({ e1: 1, w1: 2 });
  });

  it('nests preferences: racks are spread within each datacenter', () => {
    const view = testView(
      [
        ['a1', 'dc1', 'r1'],
        ['a2', 'dc1', 'r1'],
        ['a3', 'dc1', 'r2'],
        ['b1', 'dc2', 'r1'],
        ['b2', 'dc2', 'r1'],
        ['b3', 'dc2', 'r1'],
      ].map(([id, dc, rack]) => testNode(id ?? '', { labels: { dc: dc ?? '', rack: rack ?? '' } })),
    );
    const counts = perNode(run(view, 8, { preferences: ['node.labels.dc', 'node.labels.rack'] }));
    // 4 per datacenter; in dc1, 2 per rack (r1 has two nodes, r2 one).
    expect(counts.a3).toBe(2);
    expect((counts.a1 ?? 0) + (counts.a2 ?? 0)).toBe(2);
    expect((counts.b1 ?? 0) + (counts.b2 ?? 0) + (counts.b3 ?? 0)).toBe(4);
  });

  it('moves on to another value when one is full', () => {
    const view = testView([
      testNode('e1', { labels: { zone: 'east' }, resources: { nanoCpus: 0, memoryBytes: GIB } }),
      testNode('w1', { labels: { zone: 'west' } }),
    ]);
    const counts = perNode(
      run(view, 4, {
        preferences: ['node.labels.zone'],
        reservations: { nanoCpus: 0, memoryBytes: GIB },
      }),
    );
    expect(counts).toEqual({ e1: 1, w1: 3 });
  });
});

describe('schedule() filters in a batch', () => {
  it('lets later tasks of a batch see the capacity earlier ones took', () => {
    const view = testView(nodes('a', 'b'));
    const decisions = run(view, 5, { reservations: { nanoCpus: 0, memoryBytes: 3 * GIB } });
    expect(perNode(decisions)).toEqual({ a: 2, b: 2 });
    const last = decisions[4];
    expect(last !== undefined && !isPlacement(last) && last.unschedulable.message).toBe(
      'no suitable node (insufficient memory on 2 nodes)',
    );
  });

  it('puts one task per node on a host-mode port', () => {
    const decisions = run(testView(nodes('a', 'b')), 3, {
      hostPorts: [{ protocol: 'tcp', port: 8080 }],
    });
    expect(perNode(decisions)).toEqual({ a: 1, b: 1 });
    expect(
      decisions
        .filter((d) => !isPlacement(d))
        .map((d) => 'unschedulable' in d && d.unschedulable.message),
    ).toEqual(['no suitable node (host-mode port already in use on 2 nodes)']);
  });

  it('respects max_replicas_per_node, counting tasks already there', () => {
    const view = testView(nodes('a', 'b'), { tasks: [testPlaced('p', 'svc', 'a')] });
    const decisions = run(view, 4, { maxReplicasPerNode: 2 });
    expect(perNode(decisions)).toEqual({ a: 1, b: 2 });
    expect(decisions.filter((d) => !isPlacement(d))).toHaveLength(1);
  });

  it('lets a later service see the reservations of an earlier one', () => {
    const view = testView([testNode('a'), testNode('b')]);
    const big = testRequirements({ reservations: { nanoCpus: 0, memoryBytes: 6 * GIB } });
    const decisions = schedule(
      view,
      [...testTasks('one', 1, big), ...testTasks('two', 2, big)],
      createPrng(3),
    );
    expect(perNode(decisions)).toEqual({ a: 1, b: 1 });
    expect(decisions.map((d) => isPlacement(d))).toEqual([true, true, false]);
  });
});

describe('schedule() decisions', () => {
  it('answers in the order of the pending tasks, with the versions it read', () => {
    const view = testView([testNode('a', { version: 42 })]);
    const pending = [...testTasks('x', 2), ...testTasks('y', 1), ...testTasks('x', 3).slice(2)];
    const decisions = schedule(view, pending, createPrng(1));
    expect(decisions.map((d) => d.taskId)).toEqual(['x.1', 'x.2', 'y.1', 'x.3']);
    expect(decisions[0]).toEqual({ taskId: 'x.1', nodeId: 'a', nodeVersion: 42, viewVersion: 7 });
  });

  it('decides the same for the same seed', () => {
    const view = testView(nodes('a', 'b', 'c', 'd', 'e'));
    const once = run(view, 3);
    expect(run(view, 3)).toEqual(once);
  });

  it('breaks ties with the seed', () => {
    const view = testView(nodes('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'));
    const firsts = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
        const [d] = schedule(view, testTasks('svc', 1), createPrng(seed));
        return d !== undefined && isPlacement(d) ? d.nodeId : '';
      }),
    );
    expect(firsts.size).toBeGreaterThan(1);
  });
});

describe('schedule() bound tasks (global services)', () => {
  const bound = (nodeId: string, requirements: Partial<Requirements> = {}) => ({
    id: `g.${nodeId}`,
    serviceId: 'g',
    specVersion: 1,
    pinnedNodeId: nodeId,
    requirements: testRequirements(requirements),
  });

  it('places each on its node when it fits, and explains the others', () => {
    const view = testView([testNode('a'), testNode('b', { state: 'down' })]);
    const decisions = schedule(view, [bound('a'), bound('b'), bound('zz')], createPrng(1));
    expect(decisions[0]).toMatchObject({ nodeId: 'a' });
    expect(decisions.slice(1).map((d) => !isPlacement(d) && d.unschedulable.message)).toEqual([
      'no suitable node (1 node not available)',
      'no suitable node (node "zz" is not in the cluster)',
    ]);
  });

  it('counts them before the other tasks', () => {
    const view = testView([testNode('a', { resources: { nanoCpus: 0, memoryBytes: GIB } })]);
    const mem = { reservations: { nanoCpus: 0, memoryBytes: GIB } };
    const decisions = schedule(
      view,
      [...testTasks('svc', 1, testRequirements(mem)), bound('a', mem)],
      createPrng(1),
    );
    expect(decisions.map((d) => isPlacement(d))).toEqual([false, true]);
  });
});

describe('schedule() explanations', () => {
  it('names the filter that excluded the most nodes first', () => {
    const small = { resources: { nanoCpus: 4e9, memoryBytes: GIB } };
    const view = testView([
      testNode('a', small),
      testNode('b', small),
      testNode('c', { ...small, availability: 'drain' }),
      testNode('d', small),
    ]);
    const [decision] = run(view, 1, { reservations: { nanoCpus: 0, memoryBytes: 2 * GIB } });
    expect(decision).toMatchObject({
      taskId: 'svc.1',
      unschedulable: {
        message: 'no suitable node (insufficient memory on 3 nodes; 1 node not available)',
        counts: [
          { filter: 'memory', nodes: 3 },
          { filter: 'ready', nodes: 1 },
        ],
      },
    });
  });

  it('orders filters that excluded as many nodes in pipeline order', () => {
    const view = testView([
      testNode('a', { resources: { nanoCpus: 0, memoryBytes: 0 } }),
      testNode('b', { state: 'down' }),
    ]);
    const [decision] = run(view, 1, { reservations: { nanoCpus: 0, memoryBytes: GIB } });
    expect(decision !== undefined && !isPlacement(decision) && decision.unschedulable.message).toBe(
      'no suitable node (1 node not available; insufficient memory on 1 node)',
    );
  });

  it('lists the filter that excluded each node', () => {
    const view = testView([
      testNode('a', { role: 'manager' }),
      testNode('b', { state: 'down' }),
      testNode('c', { platform: { os: 'linux', architecture: 'arm64' } }),
    ]);
    const [decision] = run(view, 1, {
      constraints: ['node.role==worker'],
      platforms: [{ os: 'linux', architecture: 'amd64' }],
    });
    expect(
      decision !== undefined && !isPlacement(decision) && decision.unschedulable.nodes,
    ).toEqual([
      {
        nodeId: 'a',
        hostname: 'host-a',
        filter: 'constraints',
        reason: 'constraint "node.role==worker" not satisfied',
      },
      { nodeId: 'b', hostname: 'host-b', filter: 'ready', reason: 'node is down' },
      {
        nodeId: 'c',
        hostname: 'host-c',
        filter: 'platform',
        reason: 'platform linux/arm64 is not one of linux/amd64',
      },
    ]);
  });

  it('explains an empty cluster', () => {
    const [decision] = run(testView([]), 1);
    expect(decision !== undefined && !isPlacement(decision) && decision.unschedulable.message).toBe(
      'no suitable node (no nodes in the cluster)',
    );
  });

  it('explains an invalid constraint instead of trying nodes', () => {
    const decisions = run(testView(nodes('a')), 2, {
      constraints: ['node.zone==east'],
      preferences: ['zone'],
    });
    for (const d of decisions) {
      expect(!isPlacement(d) && d.unschedulable.message).toMatch(
        /^Cannot parse constraint "node.zone==east": unknown attribute "node.zone" .*; Cannot parse placement preference "zone": unknown attribute "zone"/,
      );
    }
  });
});
