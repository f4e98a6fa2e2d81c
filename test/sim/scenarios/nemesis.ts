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
 * Membership changes through the leader, one at a time: add a fresh node as learner, promote it
 * once it has caught up, remove a random voter (sometimes the leader).
 */
export function membership(everyTicks = 60, maxVoters = 5): Nemesis {
  let nextId = 100;
  return (c) => {
    if (c.now % everyTicks !== 0) return;
    const leader = c.leader();
    if (!leader?.raft) return;
    const s = leader.raft.status();
    const learner = s.conf.learners[0];
    if (learner !== undefined) {
      leader.raft.proposeConfChange({ type: 'add-voter', nodeId: learner });
    } else if (s.conf.voters.length < maxVoters && c.rng.chance(0.6)) {
      const id = nextId++;
      c.spawn(id);
      leader.raft.proposeConfChange({ type: 'add-learner', nodeId: id });
    } else if (s.conf.voters.length > 3) {
      leader.raft.proposeConfChange({ type: 'remove', nodeId: c.rng.pick(s.conf.voters) });
    }
  };
}

/** Asks the leader to hand over to a random voter now and then. */
export function transfers(rate = 0.01): Nemesis {
  return (c) => {
    if (!c.rng.chance(rate)) return;
    const leader = c.leader();
    if (!leader?.raft) return;
    const voters = leader.raft.status().conf.voters.filter((v) => v !== leader.id);
    if (voters.length > 0) leader.raft.transferLeadership(c.rng.pick(voters));
  };
}
