/**
 * Runs one scenario for one seed: fault phase, then heal and convergence, then the
 * linearizability check. Throws {@link SimFailure} with a one-line reproducer on any violation.
 *
 * @module
 */
import { checkLinearizable } from './checkers/linearizability.js';
import { SimCluster } from './cluster.js';
import { perfectNetwork } from './network.js';
import type { Scenario } from './scenarios/index.js';

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
  stats: SimCluster['stats'];
}

/** The command that replays a run. */
export function reproducer(s: Scenario, seed: number): string {
  return `SIM_SEED=${seed} SIM_SCENARIO=${s.name} npx vitest run test/sim/raft.sim.test.ts`;
}

/** Runs `scenario` with `seed`. */
export function runSeed(scenario: Scenario, seed: number): SimResult {
  const c = new SimCluster({ ...scenario.cluster, seed });
  try {
    const nemeses = scenario.nemeses();
    for (let t = 0; t < scenario.faultTicks; t++) {
      for (const n of nemeses) n(c);
      c.tick();
    }
    // Heal: every fault stops, every node comes back, clients finish what they started.
    c.net.heal();
    c.net.faults = perfectNetwork;
    c.opts.crashInReadyRate = 0;
    c.clientsActive = false;
    for (const id of c.nodes.keys()) c.restart(id);
    const start = c.now;
    let converged = false;
    for (let t = 0; t < scenario.convergeTicks && !converged; t++) {
      c.tick();
      if (t % 5 === 0) converged = convergence(c) === undefined && !c.clientsBusy();
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
      commitIndex: leader?.raft?.status().commit ?? 0,
      ops: c.history.length,
      completed: c.history.filter((o) => o.output !== undefined).length,
      stats: c.stats,
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
  const s = leader?.raft?.status();
  if (!leader || !s) return 'no leader';
  if (s.commit !== s.lastIndex)
    return `leader ${leader.id} committed ${s.commit} of ${s.lastIndex}`;
  // Committed entries are never lost: whatever any node applied is within the final commit.
  if (s.commit < c.safety.maxCommitted()) {
    return `leader ${leader.id} committed ${s.commit}, but index ${c.safety.maxCommitted()} was applied before`;
  }
  const digest = leader.kv.digest();
  for (const id of [...s.conf.voters, ...s.conf.learners]) {
    const n = c.nodes.get(id);
    if (!n?.raft) return `member ${id} is down`;
    if (n.applied !== s.commit)
      return `member ${id} applied ${n.applied}, leader committed ${s.commit}`;
    if (n.kv.digest() !== digest) return `member ${id} state differs from the leader's`;
  }
  return undefined;
}
