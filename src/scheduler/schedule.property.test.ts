import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../util/prng.js';
import { schedule } from './schedule.js';
import { CPU, GIB, testNode, testPlaced, testRequirements, testView } from './testing.js';
import type { ClusterView, Decision, NodeInfo, PlacedTask, TaskRequest } from './types.js';
import { isPlacement } from './types.js';

const nodeArb = fc.record({
  cpus: fc.integer({ min: 0, max: 4 }),
  quarterGib: fc.integer({ min: 0, max: 16 }),
  ready: fc.boolean(),
  active: fc.boolean(),
  zone: fc.constantFrom('a', 'b', 'c', undefined),
});

const groupArb = fc.record({
  count: fc.integer({ min: 1, max: 25 }),
  quarterGib: fc.integer({ min: 0, max: 8 }),
  quarterCpus: fc.integer({ min: 0, max: 4 }),
  port: fc.constantFrom(undefined, 80, 81),
  maxReplicas: fc.integer({ min: 0, max: 3 }),
  spread: fc.boolean(),
  zoneConstraint: fc.constantFrom(undefined, 'zone==a', 'zone!=b'),
});

const scenarioArb = fc.record({
  nodes: fc.array(nodeArb, { minLength: 1, maxLength: 10 }),
  // Existing tasks: [node index, group index, with port?]; reservations are a quarter GiB.
  placed: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 20 }),
  groups: fc.array(groupArb, { minLength: 1, maxLength: 4 }),
  seed: fc.integer(),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

interface Built {
  view: ClusterView;
  pending: TaskRequest[];
}

function build(s: Scenario): Built {
  const nodes: NodeInfo[] = s.nodes.map((n, i) =>
    testNode(`n${String(i)}`, {
      state: n.ready ? 'ready' : 'down',
      availability: n.active ? 'active' : 'drain',
      labels: n.zone === undefined ? {} : { zone: n.zone },
      resources: { nanoCpus: n.cpus * CPU, memoryBytes: (n.quarterGib * GIB) / 4 },
    }),
  );
  const tasks: PlacedTask[] = s.placed.map(([node, group, port], i) =>
    testPlaced(
      `p${String(i)}`,
      `s${String(group % s.groups.length)}`,
      `n${String(node % nodes.length)}`,
      {
        reservations: { nanoCpus: CPU / 4, memoryBytes: GIB / 4 },
        hostPorts: port ? [{ protocol: 'tcp', port: 80 }] : [],
      },
    ),
  );
  const pending = s.groups.flatMap((g, gi) => {
    const requirements = testRequirements({
      reservations: { nanoCpus: (g.quarterCpus * CPU) / 4, memoryBytes: (g.quarterGib * GIB) / 4 },
      hostPorts: g.port === undefined ? [] : [{ protocol: 'tcp', port: g.port }],
      maxReplicasPerNode: g.maxReplicas,
      preferences: g.spread ? ['node.labels.zone'] : [],
      constraints: g.zoneConstraint === undefined ? [] : [`node.labels.${g.zoneConstraint}`],
    });
    return Array.from({ length: g.count }, (_, i) => ({
      id: `s${String(gi)}.${String(i)}`,
      serviceId: `s${String(gi)}`,
      specVersion: 1,
      requirements,
    }));
  });
  return { view: testView(nodes, { tasks }), pending };
}

/** Every task on each node after the decisions: the view's and the newly placed ones. */
function tasksPerNode(built: Built, decisions: readonly Decision[]): Map<string, PlacedTask[]> {
  const byNode = new Map<string, PlacedTask[]>(built.view.nodes.map((n) => [n.id, []]));
  for (const t of built.view.tasks) byNode.get(t.nodeId)?.push(t);
  const requests = new Map(built.pending.map((t) => [t.id, t]));
  for (const d of decisions) {
    if (!isPlacement(d)) continue;
    const r = requests.get(d.taskId)!;
    byNode.get(d.nodeId)!.push({
      id: r.id,
      serviceId: r.serviceId,
      nodeId: d.nodeId,
      reservations: r.requirements.reservations,
      hostPorts: r.requirements.hostPorts,
    });
  }
  return byNode;
}

const sum = (tasks: readonly PlacedTask[], key: 'nanoCpus' | 'memoryBytes'): number =>
  tasks.reduce((total, t) => total + t.reservations[key], 0);

/** What a property sees of one scheduled scenario. */
interface Outcome {
  s: Scenario;
  built: Built;
  /** Every task on each node after the decisions. */
  byNode: Map<string, PlacedTask[]>;
  /** Returns true for a task placed by this call. */
  fresh: (t: PlacedTask) => boolean;
}

/** Checks `property` on the outcome of many random scenarios. */
function forAllOutcomes(property: (o: Outcome) => void): void {
  fc.assert(
    fc.property(scenarioArb, (s) => {
      const built = build(s);
      const byNode = tasksPerNode(built, schedule(built.view, built.pending, createPrng(s.seed)));
      const ids = new Set(built.pending.map((t) => t.id));
      property({ s, built, byNode, fresh: (t) => ids.has(t.id) });
    }),
  );
}

describe('schedule() properties', () => {
  it('never over-commits memory or CPU of a node', () => {
    forAllOutcomes(({ built, byNode, fresh }) => {
      for (const node of built.view.nodes) {
        const all = byNode.get(node.id)!;
        const before = all.filter((t) => !fresh(t));
        const added = all.filter(fresh);
        for (const key of ['nanoCpus', 'memoryBytes'] as const) {
          const free = Math.max(0, node.resources[key] - sum(before, key));
          expect(sum(added, key)).toBeLessThanOrEqual(free);
        }
      }
    });
  });

  it('never puts two host-mode tasks on one port of a node', () => {
    forAllOutcomes(({ byNode, fresh }) => {
      for (const tasks of byNode.values()) {
        for (const port of [80, 81]) {
          const users = tasks.filter((t) => t.hostPorts.some((p) => p.port === port));
          if (users.some(fresh)) expect(users).toHaveLength(1);
        }
      }
    });
  });

  it('respects max_replicas_per_node, availability and constraints', () => {
    forAllOutcomes(({ s, built, byNode, fresh }) => {
      for (const node of built.view.nodes) {
        const tasks = byNode.get(node.id)!;
        s.groups.forEach((g, gi) => {
          const mine = tasks.filter((t) => t.serviceId === `s${String(gi)}`);
          if (!mine.some(fresh)) return;
          expect(node.state === 'ready' && node.availability === 'active').toBe(true);
          if (g.maxReplicas > 0) expect(mine.length).toBeLessThanOrEqual(g.maxReplicas);
          if (g.zoneConstraint === 'zone==a') expect(node.labels.zone).toBe('a');
          if (g.zoneConstraint === 'zone!=b') expect(node.labels.zone).not.toBe('b');
        });
      }
    });
  });

  it('leaves a task pending only when every node is excluded, and counts each node once', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const built = build(s);
        for (const d of schedule(built.view, built.pending, createPrng(s.seed))) {
          if (isPlacement(d)) continue;
          expect(d.unschedulable.nodes).toHaveLength(built.view.nodes.length);
          const counted = d.unschedulable.counts.reduce((total, c) => total + c.nodes, 0);
          expect(counted).toBe(built.view.nodes.length);
        }
      }),
    );
  });

  it('decides the same for the same seed', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const built = build(s);
        const once = schedule(built.view, built.pending, createPrng(s.seed));
        expect(schedule(built.view, built.pending, createPrng(s.seed))).toEqual(once);
      }),
    );
  });

  it('spreads a service evenly over equal eligible nodes (max - min <= 1)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.nat({ max: 5 }), { maxLength: 40 }),
        fc.integer(),
        (nodeCount, taskCount, others, seed) => {
          const nodes = Array.from({ length: nodeCount }, (_, i) => testNode(`n${String(i)}`));
          // Tasks of another service change only the tie-breaks, never the balance.
          const tasks = others.map((n, i) =>
            testPlaced(`o${String(i)}`, 'other', `n${String(n % nodeCount)}`),
          );
          const pending = Array.from({ length: taskCount }, (_, i) => ({
            id: `t${String(i)}`,
            serviceId: 'svc',
            specVersion: 1,
            requirements: testRequirements(),
          }));
          const decisions = schedule(testView(nodes, { tasks }), pending, createPrng(seed));
          const counts = new Map(nodes.map((n) => [n.id, 0]));
          for (const d of decisions) {
            if (isPlacement(d)) counts.set(d.nodeId, (counts.get(d.nodeId) ?? 0) + 1);
          }
          const values = [...counts.values()];
          expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
