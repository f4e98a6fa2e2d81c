/**
 * Deterministic Raft simulation: every scenario over a range of seeds, with safety checkers on
 * every Ready, convergence after heal, and a linearizability check of the client history.
 *
 * SIM_SEEDS=N runs N seeds per scenario (default keeps CI to about a minute);
 * SIM_SEED=S (with SIM_SCENARIO=name) replays one run.
 */
import { describe, expect, it } from 'vitest';
import { runSeed } from './run.js';
import { scenarios } from './scenarios/index.js';

const seedEnv = process.env['SIM_SEED'];
const onlyScenario = process.env['SIM_SCENARIO'];
const seedsPerScenario = Number(process.env['SIM_SEEDS'] ?? Math.ceil(1000 / scenarios.length));
const firstSeed = Number(process.env['SIM_FIRST_SEED'] ?? 1);

describe('raft simulation', () => {
  for (const scenario of scenarios) {
    if (onlyScenario !== undefined && scenario.name !== onlyScenario) continue;
    it(`${scenario.name}: safety, convergence and linearizability hold`, () => {
      const seeds =
        seedEnv !== undefined
          ? [Number(seedEnv)]
          : Array.from({ length: seedsPerScenario }, (_, i) => firstSeed + i);
      let ops = 0;
      let elections = 0;
      let maxConverge = 0;
      const totals = {
        mergedAppends: 0,
        crashes: 0,
        snapshotsSent: 0,
        confChanges: 0,
        reads: 0,
        completed: 0,
      };
      for (const seed of seeds) {
        const r = runSeed(scenario, seed);
        ops += r.ops;
        elections += r.stats.elections;
        maxConverge = Math.max(maxConverge, r.convergedAfterTicks);
        totals.crashes += r.stats.crashes;
        totals.mergedAppends += r.stats.mergedAppends;
        totals.snapshotsSent += r.stats.snapshotsSent;
        totals.confChanges += r.stats.confChanges;
        totals.reads += r.stats.reads;
        totals.completed += r.completed;
        expect(r.commitIndex).toBeGreaterThan(0);
      }
      console.log(
        `${scenario.name}: ${seeds.length} seeds, ${ops} client ops, ${elections} elections, max convergence ${maxConverge} ticks, ${JSON.stringify(totals)}`,
      );
    });
  }

  it('a run replays exactly from its seed', () => {
    const scenario = scenarios.find((s) => s.name === 'chaos-5') ?? scenarios[0]!;
    expect(runSeed(scenario, 7)).toEqual(runSeed(scenario, 7));
    expect(runSeed(scenario, 7)).not.toEqual(runSeed(scenario, 8));
  });
});
