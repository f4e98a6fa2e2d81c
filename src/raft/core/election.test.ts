/**
 * Leader election: Raft §5.1, §5.2, §5.4.1 and thesis §9.6 (PreVote), §6.2 (CheckQuorum).
 */
import { describe, expect, it } from 'vitest';
import { newMessage, RaftNode } from './node.js';
import { MemoryStorage } from './storage.js';
import { TestNet, testRng } from './net.testutil.js';
import type { Entry, Message } from './types.js';

function lone(
  id: number,
  peers: number[],
  opts: Partial<ConstructorParameters<typeof RaftNode>[0]> = {},
): RaftNode {
  return new RaftNode({ id, peers, storage: new MemoryStorage(), rng: testRng(id), ...opts });
}

function drain(n: RaftNode): Message[] {
  const out: Message[] = [];
  while (n.hasReady()) {
    const rd = n.ready();
    out.push(...rd.earlyMessages, ...rd.messages);
    n.advance(rd);
  }
  return out;
}

describe('election', () => {
  it.each([
    { size: 1, cut: [] as number[], leader: true },
    { size: 3, cut: [], leader: true },
    { size: 3, cut: [3], leader: true },
    { size: 3, cut: [2, 3], leader: false },
    { size: 5, cut: [4, 5], leader: true },
    { size: 5, cut: [3, 4, 5], leader: false },
  ])('§5.2 node 1 of $size with $cut cut off becomes leader: $leader', ({ size, cut, leader }) => {
    const ids = Array.from({ length: size }, (_, i) => i + 1);
    const net = new TestNet(ids, { preVote: false });
    for (const c of cut) net.isolate(c);
    for (let i = 0; i < 20; i++) net.tick(1);
    expect(net.get(1).status().role === 'leader').toBe(leader);
    if (!leader) expect(net.get(1).status().role).toBe('candidate');
  });

  it('§5.2 election timeouts are randomized within [electionTicks, 2 * electionTicks)', () => {
    const waited = new Set<number>();
    for (let seed = 1; seed <= 30; seed++) {
      const n = new RaftNode({
        id: 1,
        peers: [1, 2, 3],
        storage: new MemoryStorage(),
        rng: testRng(seed),
        preVote: false,
      });
      drain(n); // the bootstrap conf changes must be applied before a node may campaign
      let ticks = 0;
      while (n.status().role === 'follower' && ticks < 100) {
        n.tick();
        ticks++;
      }
      expect(ticks).toBeGreaterThanOrEqual(10);
      expect(ticks).toBeLessThan(20);
      waited.add(ticks);
    }
    expect(waited.size).toBeGreaterThan(3);
  });

  it('§5.2 a candidate votes for itself and persists term and vote before asking', () => {
    const n = lone(1, [1, 2, 3], { preVote: false });
    drain(n);
    for (let i = 0; i < 20 && n.status().role !== 'candidate'; i++) n.tick();
    const rd = n.ready();
    expect(rd.hardState).toEqual({ term: 2, vote: 1, commit: 3 });
    expect(rd.messages.map((m) => [m.type, m.to, m.term])).toEqual([
      ['vote', 2, 2],
      ['vote', 3, 2],
    ]);
  });

  it('§5.2 a node grants at most one vote per term', () => {
    const n = lone(1, [1, 2, 3], { checkQuorum: false });
    drain(n);
    n.step(newMessage('vote', 2, 1, { term: 5, index: 3, logTerm: 1 }));
    n.step(newMessage('vote', 3, 1, { term: 5, index: 3, logTerm: 1 }));
    const resps = drain(n).filter((m) => m.type === 'vote-resp');
    expect(resps.map((m) => [m.to, m.reject])).toEqual([
      [2, false],
      [3, true],
    ]);
    expect(n.status().vote).toBe(2);
  });

  const withLog = (terms: number[]): MemoryStorage => {
    const s = new MemoryStorage();
    s.append(
      terms.map((term, i): Entry => ({
        term,
        index: i + 1,
        type: 'normal',
        data: new Uint8Array(),
      })),
    );
    s.setHardState({ term: terms[terms.length - 1] ?? 0, vote: 0, commit: 0 });
    return s;
  };

  it.each([
    {
      voter: [1, 1, 2],
      cand: { index: 3, logTerm: 2 },
      granted: true,
      why: 'same last term and length',
    },
    {
      voter: [1, 1, 2],
      cand: { index: 4, logTerm: 2 },
      granted: true,
      why: 'longer in the same term',
    },
    {
      voter: [1, 1, 2],
      cand: { index: 2, logTerm: 2 },
      granted: false,
      why: 'shorter in the same term',
    },
    { voter: [1, 1, 2], cand: { index: 9, logTerm: 1 }, granted: false, why: 'older last term' },
    { voter: [1, 1, 2], cand: { index: 1, logTerm: 3 }, granted: true, why: 'newer last term' },
  ])(
    '§5.4.1 vote granted=$granted for a candidate log that is $why',
    ({ voter, cand, granted }) => {
      const n = new RaftNode({
        id: 1,
        storage: withLog(voter),
        rng: testRng(1),
        checkQuorum: false,
      });
      n.step(newMessage('vote', 2, 1, { term: 10, ...cand }));
      const resp = drain(n).find((m) => m.type === 'vote-resp');
      expect(resp?.reject).toBe(!granted);
    },
  );

  it('§5.1 a leader that sees a higher term steps down', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    const term = net.get(1).status().term;
    net.get(1).step(newMessage('app-resp', 2, 1, { term: term + 3 }));
    expect(net.get(1).status()).toMatchObject({ role: 'follower', term: term + 3, leader: 0 });
  });

  it('§5.1 a message from an older term is ignored', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    const before = net.get(2).status();
    net
      .get(2)
      .step(newMessage('app', 3, 2, { term: before.term - 1, index: 1, logTerm: 1, commit: 1 }));
    expect(net.get(2).status()).toMatchObject({ term: before.term, leader: 1 });
  });

  it('§9.6 PreVote: an isolated node does not bump its term and does not disrupt on return', () => {
    const net = new TestNet([1, 2, 3], { preVote: true });
    net.elect(1);
    const term = net.get(1).status().term;
    net.isolate(3);
    for (let i = 0; i < 100; i++) net.tick(3);
    expect(net.get(3).status()).toMatchObject({ term, role: 'pre-candidate' });
    net.recover();
    for (let i = 0; i < 5; i++) {
      net.tick(1);
      net.tick(3);
    }
    expect(net.get(1).status()).toMatchObject({ role: 'leader', term });
    expect(net.get(3).status()).toMatchObject({ role: 'follower', leader: 1, term });
  });

  it('§9.6 without PreVote an isolated node bumps its term and forces an election on return', () => {
    const net = new TestNet([1, 2, 3], { preVote: false, checkQuorum: false });
    net.elect(1);
    const term = net.get(1).status().term;
    net.isolate(3);
    for (let i = 0; i < 100; i++) net.tick(3);
    expect(net.get(3).status().term).toBeGreaterThan(term + 2);
    net.recover();
    for (let i = 0; i < 20; i++) net.tick(3);
    expect(net.get(1).status().term).toBeGreaterThan(term + 2);
  });

  it('CheckQuorum: a leader that hears from no quorum for an election timeout steps down', () => {
    const net = new TestNet([1, 2, 3], { checkQuorum: true });
    net.elect(1);
    net.isolate(1);
    // Activity marks from before the cut may carry one round; two rounds always suffice.
    for (let i = 0; i < 20; i++) net.tick(1);
    expect(net.get(1).status()).toMatchObject({ role: 'follower', leader: 0 });
  });

  it('CheckQuorum: followers that hear from a leader ignore vote requests (leases)', () => {
    const net = new TestNet([1, 2, 3], { checkQuorum: true, preVote: false });
    net.elect(1);
    const term = net.get(1).status().term;
    net.get(2).step(newMessage('vote', 3, 2, { term: term + 1, index: 100, logTerm: term }));
    expect(net.get(2).status()).toMatchObject({ term, leader: 1 });
  });

  it('a learner never campaigns', () => {
    const n = new RaftNode({
      id: 3,
      peers: [1, 2],
      learners: [3],
      storage: new MemoryStorage(),
      rng: testRng(3),
    });
    drain(n);
    for (let i = 0; i < 100; i++) n.tick();
    expect(n.status().role).toBe('follower');
    expect(drain(n).filter((m) => m.type === 'vote' || m.type === 'pre-vote')).toEqual([]);
  });

  it('§5.2 a candidate that loses the vote returns to follower', () => {
    const n = lone(1, [1, 2, 3], { preVote: false });
    drain(n);
    for (let i = 0; i < 20 && n.status().role !== 'candidate'; i++) n.tick();
    const term = n.status().term;
    n.step(newMessage('vote-resp', 2, 1, { term, reject: true }));
    n.step(newMessage('vote-resp', 3, 1, { term, reject: true }));
    expect(n.status()).toMatchObject({ role: 'follower', term });
  });
});
