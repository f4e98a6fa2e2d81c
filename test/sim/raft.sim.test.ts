/**
 * Deterministic Raft simulation of the real RaftDriver: every scenario over a range of seeds,
 * with safety checkers on every write and apply, convergence after heal, a linearizability
 * check of the client history, and floors on the faults and interleavings each scenario must
 * have produced (a nemesis that silently stopped firing fails the run set).
 *
 * SIM_SEEDS=N runs N seeds per scenario (default: about 1,000 runs in total, under a minute);
 * SIM_SEED=S (with SIM_SCENARIO=name) replays one run.
 */
import { describe, expect, it } from 'vitest';
import { runSeed } from './run.js';
import { scenarios } from './scenarios/index.js';
import { emptyStats, type SimStats } from './stats.js';

const seedEnv = process.env['SIM_SEED'];
const onlyScenario = process.env['SIM_SCENARIO'];
const seedsPerScenario = Number(process.env['SIM_SEEDS'] ?? Math.ceil(1000 / scenarios.length));
const firstSeed = Number(process.env['SIM_FIRST_SEED'] ?? 1);
/** Floors are means over a seed set; one replayed seed is not held to them. */
const minSeedsForFloors = 20;

describe('raft simulation', () => {
  for (const scenario of scenarios) {
    if (onlyScenario !== undefined && scenario.name !== onlyScenario) continue;
    it(`${scenario.name}: safety, convergence and linearizability hold`, async () => {
      const seeds =
        seedEnv !== undefined
          ? [Number(seedEnv)]
          : Array.from({ length: seedsPerScenario }, (_, i) => firstSeed + i);
      let ops = 0;
      let completed = 0;
      let maxConverge = 0;
      const totals = emptyStats();
      for (const seed of seeds) {
        const r = await runSeed(scenario, seed);
        ops += r.ops;
        completed += r.completed;
        maxConverge = Math.max(maxConverge, r.convergedAfterTicks);
        for (const k of Object.keys(totals) as (keyof SimStats)[]) totals[k] += r.stats[k];
        expect(r.commitIndex).toBeGreaterThan(0);
      }
      console.log(
        `${scenario.name}: ${seeds.length} seeds, ${ops} client ops (${completed} answered), max convergence ${maxConverge} ticks, ${JSON.stringify(totals)}`,
      );
      if (seeds.length < minSeedsForFloors) return;
      for (const [k, floor] of Object.entries(scenario.floors)) {
        const mean = totals[k as keyof SimStats] / seeds.length;
        expect(mean, `${scenario.name}: mean "${k}" per run`).toBeGreaterThanOrEqual(floor);
      }
    });
  }

  it('a run replays exactly from its seed', async () => {
    const scenario = scenarios.find((s) => s.name === 'chaos-5') ?? scenarios[0]!;
    expect(await runSeed(scenario, 7)).toEqual(await runSeed(scenario, 7));
    expect(await runSeed(scenario, 7)).not.toEqual(await runSeed(scenario, 8));
  });
});
