/**
 * Runs one scenario for one seed: fault phase, then heal and convergence, then the
 * linearizability check. Throws {@link SimFailure} with a one-line reproducer on any violation.
 *
 * @module
 */
import { checkLinearizable } from './checkers/linearizability.js';
import { SimCluster, type ClusterOptions } from './cluster.js';
import { perfectNetwork } from './network.js';
import type { Scenario } from './scenarios/index.js';
import type { SimStats } from './stats.js';

/** A failed simulation run. */
export class SimFailure extends Error {
  override name = 'SimFailure';
}

/** Figures of one run. */
export interface SimResult {
  scenario: string;
  seed: number;
  ticks: number;
  convergedAfterTicks: number;
  commitIndex: number;
  ops: number;
  /** Operations that got an answer. */
  completed: number;
  stats: SimStats;
}

/** The command that replays a run. */
export function reproducer(s: Scenario, seed: number): string {
  return `SIM_SEED=${seed} SIM_SCENARIO=${s.name} npx vitest run test/sim/raft.sim.test.ts`;
}

/** Runs `scenario` with `seed`; `cluster` overrides parts of the scenario's cluster. */
export async function runSeed(
  scenario: Scenario,
  seed: number,
  cluster: Partial<ClusterOptions> = {},
): Promise<SimResult> {
  const c = new SimCluster({ ...scenario.cluster, ...cluster, seed });
  try {
    const nemeses = scenario.nemeses();
    for (let t = 0; t < scenario.faultTicks; t++) {
      for (const n of nemeses) n(c);
      await c.tick();
    }
    // Heal: every fault stops, every node comes back, clients finish what they started.
    c.net.heal();
    c.net.faults = perfectNetwork;
    c.crashAtWriteRate = 0;
    c.clientsActive = false;
    for (const id of c.nodes.keys()) c.restart(id);
    const start = c.now;
    let converged = false;
    for (let t = 0; t < scenario.convergeTicks && !converged; t++) {
      await c.tick();
      if (t % 5 === 0) converged = convergence(c) === undefined && !c.clients.busy();
    }
    const why = convergence(c);
    if (why !== undefined)
      throw new Error(`no convergence within ${scenario.convergeTicks} ticks after heal: ${why}`);
    const lin = checkLinearizable(c.history);
    if (!lin.ok)
      throw new Error(`history of key "${lin.key}" is not linearizable (${lin.ops.length} ops)`);
    const leader = c.leader();
    return {
      scenario: scenario.name,
      seed,
      ticks: c.now,
      convergedAfterTicks: c.now - start,
      commitIndex: leader?.driver?.status().commit ?? 0,
      ops: c.history.length,
      completed: c.history.filter((o) => o.output !== undefined).length,
      stats: c.finalStats(),
    };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new SimFailure(
      `${scenario.name} seed ${seed} at tick ${c.now}: ${msg}\n  reproduce: ${reproducer(scenario, seed)}`,
      {
        cause: err,
      },
    );
  }
}

/** Why the cluster has not converged, or undefined when every member applied the same log. */
export function convergence(c: SimCluster): string | undefined {
  const leader = c.leader();
  const s = leader?.driver?.status();
  if (!leader || !s) return 'no leader';
  if (s.commit !== s.lastIndex)
    return `leader ${leader.id} committed ${s.commit} of ${s.lastIndex}`;
  // Committed entries are never lost: whatever any node applied is within the final commit.
  if (s.commit < c.safety.maxCommitted()) {
    return `leader ${leader.id} committed ${s.commit}, but index ${c.safety.maxCommitted()} was applied before`;
  }
  const digest = leader.kv.digest();
  for (const id of [...s.voters, ...s.learners]) {
    const n = c.nodes.get(id);
    const applied = n?.driver?.status().applied;
    if (n === undefined || applied === undefined) return `member ${id} is down`;
    if (applied !== s.commit)
      return `member ${id} applied ${applied}, leader committed ${s.commit}`;
    if (n.kv.digest() !== digest) return `member ${id} state differs from the leader's`;
  }
  return undefined;
}
