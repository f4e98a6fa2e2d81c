import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../util/prng.js';
import { explainNodes } from './explain.js';
import { FILTERS } from './filters/builtin.js';
import { enabledFilters, firstFailure } from './filters/filter.js';
import type { Candidate } from './rank.js';
import { candidateLess } from './rank.js';
import { shuffledRanks } from './run.js';
import { schedule } from './schedule.js';
import {
  DEFAULT_FAILURE_WINDOW_MS,
  buildNodeStates,
  buildTaskContext,
  commitToNode,
} from './state.js';
import { CPU, GIB, testNode, testPlaced, testRequirements, testView } from './testing.js';
import type { ClusterView, Decision, TaskRequest } from './types.js';

/**
 * The scheduler's rules written the slow, obvious way: for each task, scan every node, keep
 * those passing every filter, take the least by (recent failures, tasks of the service, all
 * tasks, tie). Preferences are left out; everything else must agree decision for decision.
 */
function bruteForce(view: ClusterView, pending: readonly TaskRequest[], seed: number): Decision[] {
  const states = buildNodeStates(view, DEFAULT_FAILURE_WINDOW_MS);
  const ties = shuffledRanks(states.length, createPrng(seed));
  const groups = new Map<string, TaskRequest[]>();
  for (const t of pending) {
    const key = `${t.serviceId}@${String(t.specVersion)}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const decisions = new Map<string, Decision>();
  for (const group of groups.values()) {
    const context = buildTaskContext(group[0]!);
    if (!context.ok) throw new Error('bad scenario');
    const task = context.value;
    const filters = enabledFilters(FILTERS, task);
    for (const request of group) {
      let best: Candidate | undefined;
      for (const node of states) {
        if (firstFailure(filters, node, task) !== undefined) continue;
        const c: Candidate = {
          node,
          serviceTasks: node.serviceTasks.get(task.serviceId) ?? 0,
          recentFailures: node.recentFailures.get(task.serviceId) ?? 0,
          tie: ties[node.index]!,
        };
        if (best === undefined || candidateLess(c, best)) best = c;
      }
      if (best === undefined) {
        const unschedulable = explainNodes(filters, states, task);
        decisions.set(request.id, { taskId: request.id, unschedulable });
        continue;
      }
      commitToNode(best.node, task);
      decisions.set(request.id, {
        taskId: request.id,
        nodeId: best.node.info.id,
        nodeVersion: best.node.info.version,
        viewVersion: view.version,
      });
    }
  }
  return pending.map((t) => decisions.get(t.id)!);
}

const scenarioArb = fc.record({
  nodes: fc.array(
    fc.record({
      quarterGib: fc.integer({ min: 0, max: 12 }),
      ready: fc.boolean(),
      drained: fc.boolean(),
      manager: fc.boolean(),
    }),
    // Up to 200 nodes, so that small groups take the path that avoids the scan.
    { minLength: 1, maxLength: 200, size: 'max' },
  ),
  // [node, service, with port 80?]
  placed: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5 }), fc.boolean()), { maxLength: 40 }),
  // [node, service, seconds ago]
  failures: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5 }), fc.nat({ max: 600 })), {
    maxLength: 20,
  }),
  groups: fc.array(
    fc.record({
      service: fc.nat({ max: 5 }),
      version: fc.nat({ max: 1 }),
      count: fc.integer({ min: 1, max: 8 }),
      quarterGib: fc.integer({ min: 0, max: 6 }),
      port: fc.boolean(),
      maxReplicas: fc.integer({ min: 0, max: 2 }),
      workersOnly: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  ),
  seed: fc.integer(),
});

describe('schedule() against a brute-force scan', () => {
  it('makes the same decisions, for large and small groups alike', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const nodes = s.nodes.map((n, i) =>
          testNode(`n${String(i)}`, {
            state: n.ready || i === 0 ? 'ready' : 'down',
            availability: n.drained ? 'drain' : 'active',
            role: n.manager ? 'manager' : 'worker',
            resources: { nanoCpus: 4 * CPU, memoryBytes: (n.quarterGib * GIB) / 4 },
          }),
        );
        const at = (i: number): string => `n${String(i % nodes.length)}`;
        const view = testView(nodes, {
          tasks: s.placed.map(([node, service, port], i) =>
            testPlaced(`p${String(i)}`, `s${String(service)}`, at(node), {
              reservations: { nanoCpus: 0, memoryBytes: GIB / 4 },
              hostPorts: port ? [{ protocol: 'tcp', port: 80 }] : [],
            }),
          ),
          failures: s.failures.map(([node, service, agoS]) => ({
            serviceId: `s${String(service)}`,
            nodeId: at(node),
            atMs: 1_000_000_000 - agoS * 1000,
          })),
        });
        // One requirement set per service and version, as the store's spec snapshots give.
        const requirementsOf = new Map<string, ReturnType<typeof testRequirements>>();
        const pending: TaskRequest[] = s.groups.flatMap((g, gi) => {
          const key = `${String(g.service)}@${String(g.version)}`;
          const requirements =
            requirementsOf.get(key) ??
            testRequirements({
              reservations: { nanoCpus: 0, memoryBytes: (g.quarterGib * GIB) / 4 },
              hostPorts: g.port ? [{ protocol: 'tcp', port: 80 }] : [],
              maxReplicasPerNode: g.maxReplicas,
              constraints: g.workersOnly ? ['node.role==worker'] : [],
            });
          requirementsOf.set(key, requirements);
          return Array.from({ length: g.count }, (_, i) => ({
            id: `g${String(gi)}.${String(i)}`,
            serviceId: `s${String(g.service)}`,
            specVersion: g.version,
            requirements,
          }));
        });
        expect(schedule(view, pending, createPrng(s.seed))).toEqual(
          bruteForce(view, pending, s.seed),
        );
      }),
      { numRuns: 300 },
    );
  });
});
