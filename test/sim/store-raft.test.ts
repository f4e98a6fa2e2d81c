/**
 * The store on a 3-member Raft cluster made of the real core (src/raft/core) over the core's
 * in-memory FIFO network, on a seeded schedule: proposals from any member (stale reads included),
 * isolated leaders and followers, log compaction with store snapshots sent to lagging members.
 * After healing, every member's store must hold the same state (byte-identical snapshots), and
 * every store saw versions only grow. `SIM_SEED=n` replays one seed.
 */
import { describe, expect, it } from 'vitest';
import { TestNet, testRng } from '../../src/raft/core/net.testutil.js';
import type { NodeId } from '../../src/raft/core/types.js';
import { Store } from '../../src/store/store.js';
import { makeService, makeTask, makeSecret, testEncrypter } from '../../src/store/testing.js';
import { TASK_STATES } from '../../src/store/task-state.js';
import { TsorchError } from '../../src/util/errors.js';

const IDS: NodeId[] = [1, 2, 3];
const STEPS = 300;

interface Replica {
  store: Store;
  /** Raft index of the last entry handed to the store (or covered by a restored snapshot). */
  fed: number;
  /** Position in the member's applied-entry list already handled. */
  seen: number;
}

function runSeed(seed: number): { committed: number; rejected: number; restores: number } {
  const rng = testRng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
  const net = new TestNet(IDS, { compactionKeepEntries: 2 });
  const encrypter = testEncrypter(); // the cluster's key ring, the same on every manager
  const replicas = new Map<NodeId, Replica>(
    IDS.map((id) => [
      id,
      { store: new Store({ encrypter, clockMs: () => 1000 }), fed: 0, seen: 0 },
    ]),
  );
  const stats = { committed: 0, rejected: 0, restores: 0 };
  let isolated: NodeId | undefined;

  const pump = (): void => {
    net.settle();
    for (const [id, r] of replicas) {
      const member = net.members.get(id)!;
      const snap = member.storage.snapshot();
      if (snap.meta.index > r.fed) {
        r.store.restore(snap.data);
        r.fed = snap.meta.index;
        stats.restores += 1;
      }
      for (; r.seen < member.applied.length; r.seen++) {
        const e = member.applied[r.seen]!;
        if (e.index <= r.fed) continue;
        r.fed = e.index;
        if (e.type !== 'normal' || e.data.length === 0) continue;
        const before = r.store.version;
        const result = r.store.apply(e.data, e.index);
        expect(r.store.version).toBeGreaterThan(before);
        if (id === 1) {
          if (result?.ok === true) stats.committed += 1;
          else stats.rejected += 1;
        }
      }
    }
  };

  const leader = (): NodeId | undefined =>
    IDS.find((id) => id !== isolated && net.get(id).status().role === 'leader');

  const propose = (from: NodeId): void => {
    const store = replicas.get(from)!.store;
    const sid = `s${1 + Math.floor(rng() * 4)}`;
    const tid = `t${1 + Math.floor(rng() * 6)}`;
    let data: Uint8Array | undefined;
    try {
      data = store.prepare((tx) => {
        switch (pick(['service', 'scale', 'task', 'state', 'delete', 'secret'] as const)) {
          case 'service':
            tx.create('services', makeService(sid, pick(['web', 'db', 'cache', 'queue'])));
            return;
          case 'scale': {
            const svc = tx.get('services', sid);
            if (svc === undefined) return;
            const copy = structuredClone(svc);
            copy.spec.mode = { kind: 'replicated', replicas: Math.floor(rng() * 10) };
            tx.update('services', copy);
            return;
          }
          case 'task':
            tx.create('tasks', makeTask(tid, sid, 1 + Math.floor(rng() * 3)));
            return;
          case 'state': {
            const t = tx.get('tasks', tid);
            if (t === undefined) return;
            const copy = structuredClone(t);
            copy.status.state = pick(TASK_STATES);
            tx.update('tasks', copy);
            return;
          }
          case 'delete':
            if (tx.get('tasks', tid) !== undefined) tx.delete('tasks', tid);
            return;
          case 'secret':
            tx.create('secrets', makeSecret(`x${sid}`, `secret-${sid}`, `payload-${seed}`));
            return;
        }
      }).data;
    } catch (err) {
      // Refused while building (exists, not found, backwards transition): nothing to propose.
      if (!(err instanceof TsorchError)) throw err;
    }
    if (data !== undefined) net.get(from).propose(data);
  };

  net.elect(1);
  pump();
  for (let step = 0; step < STEPS; step++) {
    const roll = rng();
    if (roll < 0.6) {
      // A burst of proposals from one member, some built on a stale local view.
      const from = pick(IDS);
      const n = 1 + Math.floor(rng() * 3);
      for (let i = 0; i < n; i++) propose(from);
    } else if (roll < 0.7 && isolated === undefined) {
      isolated = rng() < 0.5 ? (leader() ?? pick(IDS)) : pick(IDS);
      net.isolate(isolated);
    } else if (roll < 0.8 && isolated !== undefined) {
      net.recover();
      isolated = undefined;
    } else if (roll < 0.9) {
      const l = leader();
      if (l === undefined) net.elect(pick(IDS.filter((id) => id !== isolated)));
      else net.tick(l, 1);
    } else {
      // Compact a member's log at its applied index with its store's snapshot (Raft §7).
      const id = pick(IDS);
      const node = net.get(id);
      const r = replicas.get(id)!;
      const applied = node.status().applied;
      if (applied > net.members.get(id)!.storage.snapshot().meta.index && r.fed >= applied)
        node.compact(applied, r.store.snapshot());
    }
    if (leader() === undefined) net.elect(pick(IDS.filter((id) => id !== isolated)));
    pump();
  }

  // Heal, let a leader commit a fresh entry of its term, and let everyone catch up.
  net.recover();
  isolated = undefined;
  if (leader() === undefined) net.elect(1);
  const l = leader()!;
  propose(l);
  for (let i = 0; i < 20; i++) net.tick(l, 1);
  pump();

  const snapshots = IDS.map((id) => Buffer.from(replicas.get(id)!.store.snapshot()).toString());
  expect(snapshots[1]).toBe(snapshots[0]);
  expect(snapshots[2]).toBe(snapshots[0]);
  return stats;
}

describe('store on a 3-member Raft cluster (real core, in-memory network)', () => {
  const seeds =
    process.env.SIM_SEED !== undefined ? [Number(process.env.SIM_SEED)] : [1, 2, 3, 4, 5, 6, 7, 8];
  it.each(seeds)('all stores converge after faults (seed %i)', (seed) => {
    try {
      const stats = runSeed(seed);
      // The schedule exercised commits, rejected (stale) transactions and snapshot installs.
      expect(stats.committed).toBeGreaterThan(20);
      expect(stats.rejected).toBeGreaterThan(0);
    } catch (err) {
      throw new Error(`store-raft sim failed; replay with SIM_SEED=${seed}`, { cause: err });
    }
  });

  it('some seed installs a store snapshot on a lagging member', () => {
    const restores = [1, 2, 3, 4, 5, 6, 7, 8].map((s) => runSeed(s).restores);
    expect(restores.some((n) => n > 0)).toBe(true);
  });
});
