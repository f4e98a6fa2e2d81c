/**
 * Leadership transfer (thesis §3.10) and ReadIndex linearizable reads (thesis §6.4).
 */
import { describe, expect, it } from 'vitest';
import { TestNet } from './net.testutil.js';

const data = (s: string): Uint8Array => new TextEncoder().encode(s);
const ctx = (n: number): Uint8Array => new Uint8Array([n]);

describe('leadership transfer', () => {
  it('§3.10 an up-to-date follower takes over at once with a higher term', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    const term = net.get(1).status().term;
    expect(net.get(1).transferLeadership(2)).toEqual({ ok: true });
    net.settle();
    expect(net.get(2).status()).toMatchObject({ role: 'leader', term: term + 1 });
    expect(net.get(1).status()).toMatchObject({ role: 'follower', leader: 2 });
  });

  it('§3.10 a lagging target is caught up first, and proposals are refused meanwhile', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    net.isolate(3);
    for (let i = 0; i < 5; i++) net.get(1).propose(data(`t${i}`));
    net.settle();
    net.get(1).transferLeadership(3);
    expect(net.get(1).propose(data('during'))).toEqual({
      kind: 'dropped',
      reason: 'leadership-transfer',
      leader: 3,
    });
    net.recover();
    net.tick(1);
    expect(net.get(3).status().role).toBe('leader');
  });

  it('§3.10 a transfer that cannot finish in an election timeout is aborted', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    net.isolate(3);
    net.get(1).propose(data('x'));
    net.settle();
    net.get(1).transferLeadership(3);
    for (let i = 0; i < 10; i++) net.tick(1);
    expect(net.get(1).status()).toMatchObject({ role: 'leader', leadTransferee: 0 });
    expect(net.get(1).propose(data('y')).kind).toBe('appended');
  });

  it.each([
    ['a follower', 2, 3, 'not-leader'],
    ['an unknown node', 1, 9, 'unknown-node'],
    ['itself', 1, 1, 'is-self'],
  ] as const)('transfer is refused when asked of %s', (_n, from, to, reason) => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    expect(net.get(from).transferLeadership(to)).toEqual({ ok: false, reason });
  });

  it('transfer to a learner is refused', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    net.add(4);
    net.get(1).proposeConfChange({ type: 'add-learner', nodeId: 4 });
    net.settle();
    expect(net.get(1).transferLeadership(4)).toEqual({ ok: false, reason: 'learner' });
  });
});

describe('ReadIndex', () => {
  it('§6.4 the leader answers at its commit index after a heartbeat round', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    net.get(1).propose(data('w'));
    net.settle();
    const commit = net.get(1).status().commit;
    expect(net.get(1).readIndex(ctx(1))).toBe(true);
    expect(net.members.get(1)?.readStates).toEqual([]);
    net.settle();
    expect(net.members.get(1)?.readStates).toEqual([{ index: commit, requestCtx: ctx(1) }]);
  });

  it('§6.4 a follower read goes through the leader', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    expect(net.get(3).readIndex(ctx(7))).toBe(true);
    net.settle();
    expect(net.members.get(3)?.readStates).toEqual([
      { index: net.get(1).status().commit, requestCtx: ctx(7) },
    ]);
  });

  it('§6.4 a leader cut off from the quorum cannot confirm a read', () => {
    const net = new TestNet([1, 2, 3], { checkQuorum: false });
    net.elect(1);
    net.isolate(1);
    net.get(1).readIndex(ctx(2));
    for (let i = 0; i < 5; i++) net.tick(1);
    expect(net.members.get(1)?.readStates).toEqual([]);
  });

  it('§6.4 reads wait until the new leader commits an entry in its term', () => {
    const net = new TestNet([1, 2, 3]);
    net.dropIf = (m) => m.type === 'app-resp';
    net.elect(1);
    net.get(1).readIndex(ctx(3));
    net.settle();
    expect(net.members.get(1)?.readStates).toEqual([]);
    net.dropIf = undefined;
    net.tick(1);
    net.settle();
    expect(net.members.get(1)?.readStates).toEqual([
      { index: net.get(1).status().commit, requestCtx: ctx(3) },
    ]);
  });

  it('a read without any known leader is refused', () => {
    const net = new TestNet([1, 2, 3]);
    expect(net.get(2).readIndex(ctx(4))).toBe(false);
  });

  it('a single-voter leader answers at once', () => {
    const net = new TestNet([1]);
    net.elect(1);
    net.get(1).readIndex(ctx(5));
    net.settle();
    expect(net.members.get(1)?.readStates).toEqual([
      { index: net.get(1).status().commit, requestCtx: ctx(5) },
    ]);
  });

  it('a leader refuses reads beyond maxPendingReadIndex', () => {
    const net = new TestNet([1, 2, 3], { maxPendingReadIndex: 2 });
    net.elect(1);
    net.isolate(1);
    expect([1, 2, 3].map((i) => net.get(1).readIndex(ctx(i)))).toEqual([true, true, false]);
  });
});
