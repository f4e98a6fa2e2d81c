/**
 * Membership changes (Raft §6, thesis §4: one server at a time) and learners (thesis §4.2.1).
 */
import { describe, expect, it } from 'vitest';
import { TestNet } from './net.testutil.js';
import type { ConfChange } from './types.js';

const data = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A 3-node cluster led by node 1 with node 4 started empty (joining). */
function clusterWithJoiner(): TestNet {
  const net = new TestNet([1, 2, 3]);
  net.elect(1);
  net.add(4);
  return net;
}

describe('membership', () => {
  it('§6 a new learner receives the whole log but does not count for commits', () => {
    const net = clusterWithJoiner();
    expect(net.get(1).proposeConfChange({ type: 'add-learner', nodeId: 4 }).kind).toBe('appended');
    net.settle();
    net.tick(1);
    expect(net.get(4).status()).toMatchObject({ conf: { voters: [1, 2, 3], learners: [4] } });
    expect(net.get(4).status().commit).toBe(net.get(1).status().commit);
    // With 2 and 3 down, the learner's ack is not enough to commit.
    net.isolate(2);
    net.isolate(3);
    const commit = net.get(1).status().commit;
    net.get(1).propose(data('x'));
    net.settle();
    expect(net.get(1).status().commit).toBe(commit);
  });

  it('§6 a caught-up learner can be promoted and then counts for commits', () => {
    const net = clusterWithJoiner();
    net.get(1).proposeConfChange({ type: 'add-learner', nodeId: 4 });
    net.settle();
    net.tick(1);
    expect(net.get(1).proposeConfChange({ type: 'add-voter', nodeId: 4 }).kind).toBe('appended');
    net.settle();
    expect(net.get(1).status().conf).toEqual({ voters: [1, 2, 3, 4], learners: [] });
    // 4 voters: quorum 3. With 3 down, 1 + 2 + 4 still commit.
    net.isolate(3);
    const r = net.get(1).propose(data('y'));
    net.settle();
    expect(net.get(1).status().commit).toBe(r.kind === 'appended' ? r.index : -1);
  });

  it('§6 only one conf change may be pending at a time', () => {
    const net = clusterWithJoiner();
    net.isolate(2);
    net.isolate(3);
    expect(net.get(1).proposeConfChange({ type: 'add-learner', nodeId: 4 }).kind).toBe('appended');
    expect(net.get(1).proposeConfChange({ type: 'add-learner', nodeId: 5 })).toEqual({
      kind: 'dropped',
      reason: 'conf-change-pending',
      leader: 1,
    });
    net.recover();
    net.settle();
    net.tick(1);
    expect(net.get(1).proposeConfChange({ type: 'add-learner', nodeId: 5 }).kind).toBe('appended');
  });

  it('thesis §4.1 a new leader makes no conf change before its first entry commits', () => {
    const net = new TestNet([1, 2, 3]);
    net.cut(1, 3);
    // Node 1 wins with node 2's vote, but the no-op's acknowledgement is held back.
    net.dropIf = (m) => m.type === 'app-resp';
    net.elect(1);
    expect(net.get(1).status().role).toBe('leader');
    expect(net.get(1).proposeConfChange({ type: 'remove', nodeId: 3 })).toMatchObject({
      kind: 'dropped',
      reason: 'conf-change-pending',
    });
  });

  it.each<[string, ConfChange]>([
    ['adding an existing voter', { type: 'add-voter', nodeId: 2 }],
    ['adding a voter as learner', { type: 'add-learner', nodeId: 2 }],
    ['removing a non-member', { type: 'remove', nodeId: 9 }],
    ['a non-positive node id', { type: 'add-learner', nodeId: 0 }],
  ])('an invalid conf change is refused: %s', (_name, cc) => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    expect(net.get(1).proposeConfChange(cc)).toEqual({
      kind: 'dropped',
      reason: 'invalid-conf-change',
      leader: 1,
    });
  });

  it('promoting a learner that lags too far is refused', () => {
    const net = new TestNet([1, 2, 3], { maxLearnerLagEntries: 5 });
    net.elect(1);
    net.add(4, { maxLearnerLagEntries: 5 });
    net.get(1).proposeConfChange({ type: 'add-learner', nodeId: 4 });
    net.settle();
    net.isolate(4);
    for (let i = 0; i < 20; i++) net.get(1).propose(data(`l${i}`));
    net.settle();
    expect(net.get(1).proposeConfChange({ type: 'add-voter', nodeId: 4 })).toMatchObject({
      kind: 'dropped',
      reason: 'learner-lagging',
    });
  });

  it('§6 removing a follower shrinks the quorum', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    net.get(1).proposeConfChange({ type: 'remove', nodeId: 3 });
    net.settle();
    expect(net.get(1).status().conf.voters).toEqual([1, 2]);
    expect(net.get(1).status().progress?.has(3)).toBe(false);
  });

  it('§6 a removed leader steps down and the rest elect a new one', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    net.get(1).proposeConfChange({ type: 'remove', nodeId: 1 });
    net.settle();
    expect(net.get(1).status().role).toBe('follower');
    expect(net.get(2).status().conf.voters).toEqual([2, 3]);
    for (
      let i = 0;
      i < 40 && net.get(2).status().role !== 'leader' && net.get(3).status().role !== 'leader';
      i++
    ) {
      net.tick(2);
      net.tick(3);
    }
    const leader = net.get(2).status().role === 'leader' ? 2 : 3;
    expect(net.get(leader).status().role).toBe('leader');
    const r = net.get(leader).propose(data('after'));
    net.settle();
    expect(net.get(leader).status().commit).toBe(r.kind === 'appended' ? r.index : -1);
    // The removed node never campaigns again.
    for (let i = 0; i < 50; i++) net.tick(1);
    expect(net.get(1).status().role).toBe('follower');
  });

  it('a follower forwards a conf change to the leader, which validates it', () => {
    const net = clusterWithJoiner();
    expect(net.get(2).proposeConfChange({ type: 'add-learner', nodeId: 4 })).toEqual({
      kind: 'forwarded',
      leader: 1,
    });
    net.settle();
    expect(net.get(1).status().conf).toEqual({ voters: [1, 2, 3], learners: [4] });
    // An invalid forwarded change is dropped by the leader and changes nothing.
    const last = net.get(1).status().lastIndex;
    net.get(2).proposeConfChange({ type: 'remove', nodeId: 9 });
    net.settle();
    expect(net.get(1).status().lastIndex).toBe(last);
  });

  it('a removed learner stops receiving the log', () => {
    const net = clusterWithJoiner();
    net.get(1).proposeConfChange({ type: 'add-learner', nodeId: 4 });
    net.settle();
    net.tick(1);
    net.get(1).proposeConfChange({ type: 'remove', nodeId: 4 });
    net.settle();
    const commit4 = net.get(4).status().commit;
    net.get(1).propose(data('after-removal'));
    net.tick(1);
    expect(net.get(1).status().progress?.has(4)).toBe(false);
    expect(net.get(4).status().commit).toBe(commit4);
  });
});
