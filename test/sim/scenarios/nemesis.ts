/**
 * Nemeses: fault injectors acting on a {@link SimCluster} once per tick (FoundationDB style:
 * a scenario is a workload plus nemeses).
 *
 * @module
 */
import type { NodeId } from '../../../src/raft/index.js';
import type { SimCluster } from '../cluster.js';

/** A fault injector, called before every tick of the fault phase. */
export type Nemesis = (c: SimCluster) => void;

/** Random partitions: halves, an isolated leader, or one-way links; each heals after a while. */
export function partitions(rate = 0.02): Nemesis {
  let healAt = -1;
  return (c) => {
    if (healAt >= 0) {
      if (c.now >= healAt) {
        c.net.heal();
        healAt = -1;
      }
      return;
    }
    if (!c.rng.chance(rate)) return;
    const ids = [...c.nodes.keys()];
    const kind = c.rng.int(3);
    if (kind === 0) {
      const side = ids.filter(() => c.rng.chance(0.5));
      c.net.partition(
        side,
        ids.filter((i) => !side.includes(i)),
      );
    } else if (kind === 1) {
      const victim = c.leader()?.id ?? c.rng.pick(ids);
      c.net.partition(
        [victim],
        ids.filter((i) => i !== victim),
      );
    } else {
      // Asymmetric: some links lose traffic in one direction only.
      for (let k = 0; k < 1 + c.rng.int(3); k++) c.net.block(c.rng.pick(ids), c.rng.pick(ids));
    }
    c.stats.partitions++;
    healAt = c.now + 10 + c.rng.int(80);
  };
}

/** Crashes a random live node now and then, restarting it from its disk later. */
export function crashes(rate = 0.01): Nemesis {
  const restartAt = new Map<NodeId, number>();
  return (c) => {
    for (const [id, at] of restartAt) {
      if (c.now >= at) {
        c.restart(id);
        restartAt.delete(id);
      }
    }
    if (!c.rng.chance(rate)) return;
    const live = [...c.nodes.keys()].filter((id) => c.up(id));
    if (live.length === 0) return;
    const victim = c.rng.chance(0.4) ? (c.leader()?.id ?? c.rng.pick(live)) : c.rng.pick(live);
    c.crash(victim);
    restartAt.set(victim, c.now + 5 + c.rng.int(60));
  };
}

/** Turns message loss, duplication and delay (hence reordering) on and off. */
export function lossy(maxDropRate = 0.15): Nemesis {
  return (c) => {
    if (c.now % 50 !== 1) return;
    c.net.faults = c.rng.chance(0.7)
      ? {
          dropRate: c.rng.next() * maxDropRate,
          duplicateRate: c.rng.next() * 0.1,
          maxDelayTicks: c.rng.int(6),
        }
      : { dropRate: 0, duplicateRate: 0, maxDelayTicks: 0 };
  };
}

/**
 * Membership changes through the leader's driver, one at a time: add a fresh node as learner,
 * promote it once it has caught up, remove a random voter (sometimes the leader).
 */
export function membership(everyTicks = 60, maxVoters = 5): Nemesis {
  let nextId = 100;
  return (c) => {
    if (c.now % everyTicks !== 0) return;
    const driver = c.leader()?.driver;
    if (driver === undefined) return;
    const { voters, learners } = driver.status();
    const learner = learners[0];
    const ignore = (): void => undefined; // refused or overtaken: the next round tries again
    if (learner !== undefined) {
      driver.addMember(learner, `sim://${learner}`).catch(ignore);
    } else if (voters.length < maxVoters && c.rng.chance(0.6)) {
      const id = nextId++;
      c.spawn(id);
      driver.addMember(id, `sim://${id}`, { learner: true }).catch(ignore);
    } else if (voters.length > 3) {
      driver.removeMember(c.rng.pick(voters)).catch(ignore);
    }
  };
}

/** Asks the leader to hand over to a random voter now and then. */
export function transfers(rate = 0.01): Nemesis {
  return (c) => {
    if (!c.rng.chance(rate)) return;
    const leader = c.leader();
    const driver = leader?.driver;
    if (!leader || !driver) return;
    const voters = driver.status().voters.filter((v) => v !== leader.id);
    if (voters.length === 0) return;
    c.stats.transfers++;
    try {
      driver.transferLeadership(c.rng.pick(voters));
    } catch {
      // Refused (a transfer already runs, or leadership just moved): nothing happened.
    }
  };
}
