/**
 * Snapshots, log compaction and InstallSnapshot (Raft §7).
 */
import { describe, expect, it } from 'vitest';
import { newMessage } from './node.js';
import { TestNet } from './net.testutil.js';

const data = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Leader 1 with node 3 cut off while 30 entries commit, then a compaction on the leader. */
function laggingFollower(keep = 0): TestNet {
  const net = new TestNet([1, 2, 3], { compactionKeepEntries: keep });
  net.elect(1);
  net.isolate(3);
  for (let i = 0; i < 30; i++) net.get(1).propose(data(`s${i}`));
  net.settle();
  const applied = net.get(1).status().applied;
  net.get(1).compact(applied, data(`state@${applied}`));
  return net;
}

describe('snapshots', () => {
  it('§7 compact() records a snapshot and drops the log up to it', () => {
    const net = laggingFollower();
    const m = net.members.get(1);
    const applied = net.get(1).status().applied;
    expect(m?.storage.snapshot().meta).toMatchObject({
      index: applied,
      conf: { voters: [1, 2, 3], learners: [] },
    });
    expect(m?.storage.firstIndex()).toBe(applied + 1);
  });

  it('compactionKeepEntries keeps a tail of the log for slow followers', () => {
    const net = laggingFollower(10);
    const applied = net.get(1).status().applied;
    expect(net.members.get(1)?.storage.firstIndex()).toBe(applied - 10 + 1);
  });

  it('§7 a follower behind the compacted log gets a snapshot and catches up', () => {
    const net = laggingFollower();
    net.recover();
    for (let i = 0; i < 3; i++) net.tick(1);
    const snapMsgs = net.log.filter((m) => m.type === 'snap' && m.to === 3);
    expect(snapMsgs).toHaveLength(1);
    expect(net.members.get(3)?.storage.snapshot().data).toEqual(snapMsgs[0]?.snapshot?.data);
    net.get(1).reportSnapshot(3, true);
    for (let i = 0; i < 3; i++) net.tick(1);
    expect(net.get(3).status().commit).toBe(net.get(1).status().commit);
    expect(net.get(1).status().progress?.get(3)?.state).toBe('replicate');
    const r = net.get(1).propose(data('after-snap'));
    net.settle();
    expect(net.members.get(3)?.applied.at(-1)?.index).toBe(r.kind === 'appended' ? r.index : -1);
  });

  it('§7 a failed snapshot send returns the follower to probing and it is retried', () => {
    const net = laggingFollower();
    net.recover();
    net.dropIf = (m) => m.type === 'snap';
    for (let i = 0; i < 3; i++) net.tick(1);
    expect(net.get(1).status().progress?.get(3)?.state).toBe('snapshot');
    net.get(1).reportSnapshot(3, false);
    expect(net.get(1).status().progress?.get(3)?.state).toBe('probe');
    net.dropIf = undefined;
    for (let i = 0; i < 5; i++) net.tick(1);
    expect(net.get(3).status().commit).toBe(net.get(1).status().commit);
  });

  it('§7 a snapshot older than the commit index is ignored', () => {
    const net = laggingFollower();
    const snap = net.members.get(1)?.storage.snapshot();
    const f = net.get(2);
    const before = f.status();
    f.step(
      newMessage('snap', 1, 2, {
        term: before.term,
        snapshot: {
          meta: { index: 1, term: 1, conf: { voters: [1], learners: [] } },
          data: data('old'),
        },
      }),
    );
    expect(f.status()).toMatchObject({
      commit: before.commit,
      lastIndex: before.lastIndex,
      conf: before.conf,
    });
    expect(snap?.meta.index).toBeGreaterThan(1);
  });

  it('compact() refuses an index past the applied index', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    const applied = net.get(1).status().applied;
    expect(() => net.get(1).compact(applied + 5, data('x'))).toThrow(/past the applied index/);
  });
});
