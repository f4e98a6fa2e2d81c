/**
 * The persisted index: what the core may count on and promise before the driver reports a
 * Ready durable (through `advance`). A leader's appends may leave before its fsync (thesis
 * §10.2.1), so its own copy counts towards a commit only once persisted; votes and
 * acknowledgements always wait for the fsync.
 */
import { describe, expect, it } from 'vitest';
import { RaftLog } from './log.js';
import { TestNet, testRng } from './net.testutil.js';
import { newMessage, RaftNode } from './node.js';
import { MemoryStorage } from './storage.js';
import type { Entry, Message, Ready } from './types.js';

const data = (s: string): Uint8Array => new TextEncoder().encode(s);
const ent = (index: number, term: number): Entry => ({
  index,
  term,
  type: 'normal',
  data: new Uint8Array(),
});

/** Persists `rd` into `storage` the way a driver does, without advancing. */
function persist(storage: MemoryStorage, rd: Ready): void {
  if (rd.snapshot) storage.applySnapshot(rd.snapshot);
  if (rd.hardState) storage.setHardState(rd.hardState);
  storage.append(rd.entries);
}

const kinds = (ms: Message[]): string[] => ms.map((m) => `${m.type}>${m.to}`);

describe('persisted index', () => {
  it('§10.2.1 a leader does not count its own entry towards a commit before it is durable', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    const leader = net.get(1);
    const { index } = leader.propose(data('x')) as { index: number };
    const rd = leader.ready();
    expect(rd.entries.map((e) => e.index)).toEqual([index]);
    // The appends leave before the leader's fsync; follower 2 stores and acknowledges the entry.
    const toTwo = rd.earlyMessages.filter((m) => m.to === 2);
    expect(kinds(toTwo)).toEqual(['app>2']);
    for (const m of toTwo) net.deliver(m);
    net.settle();
    // One durable copy out of three: not a quorum, whatever the leader holds in memory.
    expect(leader.status().commit).toBeLessThan(index);
    persist(net.members.get(1)!.storage, rd);
    leader.advance(rd);
    expect(leader.status().commit).toBe(index);
  });

  it('a single voter commits its entry only after advance reports it durable', () => {
    const storage = new MemoryStorage();
    const n = new RaftNode({ id: 1, peers: [1], storage, rng: testRng(1) });
    for (let i = 0; i < 50 && n.status().role !== 'leader'; i++) {
      n.tick();
      while (n.hasReady()) {
        const rd = n.ready();
        persist(storage, rd);
        n.advance(rd);
      }
    }
    const { index } = n.propose(data('y')) as { index: number };
    const rd = n.ready();
    expect(rd.entries.map((e) => e.index)).toEqual([index]);
    expect(rd.committed.map((e) => e.index)).not.toContain(index);
    expect(n.status().commit).toBeLessThan(index);
    persist(storage, rd);
    n.advance(rd);
    expect(n.status().commit).toBe(index);
    expect(n.ready().committed.map((e) => e.index)).toContain(index);
  });

  it('§5.2 appends under a term not yet durable wait for the fsync', () => {
    // One voter and a learner: the voter wins its election alone, in one step, and the appends
    // of a proposal that follows at once carry a term that only this Ready writes. Sent early,
    // a crash could let the voter lead that term again with a different log at those indexes.
    const disk = new MemoryStorage();
    const n = new RaftNode({ id: 1, peers: [1], learners: [2], storage: disk, rng: testRng(1) });
    const boot = n.ready();
    persist(disk, boot);
    n.advance(boot);
    let rd: Ready | undefined;
    for (let i = 0; i < 50 && rd === undefined; i++) {
      n.tick();
      if (n.status().role !== 'leader') continue;
      n.propose(data('first')); // replicated to the learner at once
      rd = n.ready();
    }
    expect(rd?.hardState?.term).toBe(2);
    expect(rd?.earlyMessages).toEqual([]);
    expect(kinds(rd?.messages ?? [])).toContain('app>2');
  });

  it('§5.3 a leader of a durable term sends appends early; acknowledgements never leave early', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    net.get(1).propose(data('z'));
    const rd = net.get(1).ready();
    expect(kinds(rd.earlyMessages).sort()).toEqual(['app>2', 'app>3']);
    expect(rd.messages).toEqual([]);
    for (const m of rd.earlyMessages) net.deliver(m);
    const follower = net.get(2).ready();
    expect(follower.entries).toHaveLength(1);
    expect(follower.earlyMessages).toEqual([]);
    expect(kinds(follower.messages)).toEqual(['app-resp>1']);
  });

  it('§5.2 a vote is never sent before the vote is durable', () => {
    const net = new TestNet([1, 2, 3]);
    net.settle();
    const voter = net.get(3);
    voter.step(newMessage('vote', 2, 3, { term: 5, index: 10, logTerm: 4 }));
    const rd = voter.ready();
    expect(rd.hardState).toMatchObject({ term: 5, vote: 2 });
    expect(rd.earlyMessages).toEqual([]);
    expect(rd.messages.map((m) => [m.type, m.to, m.reject])).toEqual([['vote-resp', 2, false]]);
  });

  it('a conflicting append below the persisted index lowers it; advance raises it', () => {
    const s = new MemoryStorage();
    s.append([ent(1, 1), ent(2, 1), ent(3, 1)]);
    const log = new RaftLog(s);
    expect(log.persisted).toBe(3);
    log.append([ent(3, 2), ent(4, 2)]);
    expect(log.persisted).toBe(2);
    log.stableTo(4, 1); // a stale acknowledgement (term mismatch) changes nothing
    expect(log.persisted).toBe(2);
    log.stableTo(4, 2);
    expect(log.persisted).toBe(4);
  });
});
