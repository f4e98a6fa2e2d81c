import { describe, expect, it } from 'vitest';
import type { Entry, Message } from '../../src/raft/index.js';
import type { Prng } from '../../src/util/prng.js';
import { NodeIo, SimDisk, type SimWorld } from './sim-io.js';

const ent = (index: number, term = 1): Entry => ({
  index,
  term,
  type: 'normal',
  data: new Uint8Array([index]),
});

/** A PRNG whose `chance` answers come from a script (then false), `int` always 0. */
function scripted(chances: boolean[]): Prng {
  const rng: Prng = {
    next: () => 0.5,
    int: () => 0,
    chance: () => chances.shift() ?? false,
    pick: <T>(xs: readonly T[]): T => xs[0] as T,
    fork: () => rng,
  };
  return rng;
}

function world(chances: boolean[]): SimWorld & { now: number } {
  return {
    now: 1,
    rng: scripted(chances),
    crashAtWriteRate: 0,
    fsyncMaxTicks: 2,
    send: (_from: number, _m: readonly Message[]) => undefined,
    discover: () => undefined,
    crash: () => undefined,
    dropped: () => undefined,
  };
}

const counters = () => ({
  stepsDuringFsync: 0,
  deferredHardStates: 0,
  discoveredAddresses: 0,
  appliedBeforeWrite: 0,
});

describe('simulated disk', () => {
  it('acknowledges a write only once its fsync is due, in order', async () => {
    const disk = new SimDisk();
    // Per write: no crash, then "not immediate" (fsync takes 1 tick).
    const w = world([false, false, false, false]);
    const io = new NodeIo(1, disk, w, counters(), () => undefined);
    let done = 0;
    void io.append([ent(1)]).then(() => done++);
    void io.append([ent(2)], { term: 1, vote: 1, commit: 0 }).then(() => done++);
    expect(io.runDue()).toBe(false);
    expect(disk.recover().entries).toEqual([]);
    w.now = 2;
    expect(io.runDue()).toBe(true);
    await Promise.resolve();
    expect(done).toBe(2);
    expect(disk.recover()).toMatchObject({
      hardState: { term: 1, vote: 1 },
      entries: [ent(1), ent(2)],
    });
  });

  it('a crash keeps a prefix of the unacknowledged writes and loses the deferred hard state', () => {
    const disk = new SimDisk();
    // Three slow writes, then at the crash: the first survives, the second does not.
    const w = world([false, false, false, false, false, false, true, false]);
    const io = new NodeIo(1, disk, w, counters(), () => undefined);
    void io.append([ent(1)]);
    void io.append([ent(2)]);
    void io.append([ent(3)]);
    io.deferHardState({ term: 1, vote: 0, commit: 3 });
    io.kill();
    expect(disk.recover().entries).toEqual([ent(1)]);
    expect(disk.recover().hardState.commit).toBe(0);
  });

  it('releasing the log a snapshot covers keeps what recovery needs', () => {
    const disk = new SimDisk();
    disk.records = [
      { type: 'hard-state', hardState: { term: 2, vote: 1, commit: 3 } },
      ...[1, 2, 3, 4].map((i) => ({ type: 'entry' as const, entry: ent(i, 2) })),
      { type: 'snapshot', marker: { index: 2, term: 2 } },
    ];
    disk.snapshot = {
      meta: { index: 2, term: 2, conf: { voters: [1], learners: [] } },
      data: new Uint8Array(),
    };
    const before = disk.recover();
    disk.release(2);
    expect(disk.records.filter((r) => r.type === 'entry')).toHaveLength(2);
    expect(disk.recover()).toEqual(before);
  });
});
