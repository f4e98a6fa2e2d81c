/**
 * Log replication: Raft §5.3 (consistency check, fast backtracking), §5.4.2 (commit only
 * current-term entries), batching, pipelining and flow control.
 */
import { describe, expect, it } from 'vitest';
import { newMessage, RaftNode } from './node.js';
import { MemoryStorage } from './storage.js';
import { TestNet, testRng } from './net.testutil.js';
import type { Entry, Message } from './types.js';

const data = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (e: Entry): string => new TextDecoder().decode(e.data);

/** Handles Readys like a driver (persisting into storage) and returns the messages. */
function drain(n: RaftNode, storage: MemoryStorage): Message[] {
  const out: Message[] = [];
  while (n.hasReady()) {
    const rd = n.ready();
    if (rd.snapshot) storage.applySnapshot(rd.snapshot);
    if (rd.hardState) storage.setHardState(rd.hardState);
    storage.append(rd.entries);
    out.push(...rd.earlyMessages, ...rd.messages);
    n.advance(rd);
  }
  return out;
}

function storageWith(terms: number[], hsTerm: number): MemoryStorage {
  const s = new MemoryStorage();
  s.append(
    terms.map((term, i): Entry => ({ term, index: i + 1, type: 'normal', data: new Uint8Array() })),
  );
  s.setHardState({ term: hsTerm, vote: 0, commit: 0 });
  return s;
}

describe('replication', () => {
  it('§5.3 a committed entry reaches every follower and is applied in order', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    for (const s of ['a', 'b', 'c']) expect(net.get(1).propose(data(s)).kind).toBe('appended');
    net.settle();
    for (const id of [1, 2, 3]) {
      const m = net.members.get(id);
      expect(m?.applied.filter((e) => e.type === 'normal' && e.data.length > 0).map(text)).toEqual([
        'a',
        'b',
        'c',
      ]);
      expect(net.get(id).status().commit).toBe(net.get(1).status().lastIndex);
    }
  });

  it('§5.3 the leader commits with a majority even when one follower is down', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    net.isolate(3);
    const r = net.get(1).propose(data('x'));
    net.settle();
    expect(r.kind).toBe('appended');
    expect(net.get(1).status().commit).toBe(r.kind === 'appended' ? r.index : -1);
    expect(net.get(3).status().commit).toBeLessThan(net.get(1).status().commit);
  });

  it('§5.3 no commit without a majority', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    const commit = net.get(1).status().commit;
    net.isolate(1);
    net.get(1).propose(data('x'));
    net.settle();
    expect(net.get(1).status().commit).toBe(commit);
  });

  it.each([
    { name: 'matching prev entry', index: 2, logTerm: 1, reject: false },
    { name: 'prev entry with another term', index: 2, logTerm: 2, reject: true },
    { name: 'prev entry missing', index: 5, logTerm: 1, reject: true },
  ])('§5.3 a follower checks the previous entry: $name', ({ index, logTerm, reject }) => {
    const storage = storageWith([1, 1], 1);
    const n = new RaftNode({ id: 2, storage, rng: testRng(2) });
    const e: Entry = { term: 2, index: index + 1, type: 'normal', data: data('z') };
    n.step(newMessage('app', 1, 2, { term: 2, index, logTerm, entries: [e], commit: 0 }));
    const resp = drain(n, storage).find((m) => m.type === 'app-resp');
    expect(resp?.reject).toBe(reject);
    if (!reject) expect(resp?.index).toBe(index + 1);
  });

  it('§5.3 a follower truncates a conflicting suffix and takes the leader entries', () => {
    const storage = storageWith([1, 1, 2, 2], 2);
    const n = new RaftNode({ id: 2, storage, rng: testRng(2) });
    const ents: Entry[] = [
      { term: 3, index: 3, type: 'normal', data: data('p') },
      { term: 3, index: 4, type: 'normal', data: data('q') },
      { term: 3, index: 5, type: 'normal', data: data('r') },
    ];
    n.step(newMessage('app', 1, 2, { term: 3, index: 2, logTerm: 1, entries: ents, commit: 5 }));
    drain(n, storage);
    expect(n.entries(1, 6)?.map((e) => e.term)).toEqual([1, 1, 3, 3, 3]);
    expect(n.status().commit).toBe(5);
  });

  it('§5.3 fast backtracking: a rejection hint skips a whole conflicting term', () => {
    // Follower: 10 entries of term 2 after index 1; leader's matching point is index 1.
    const storage = storageWith([1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], 2);
    const n = new RaftNode({ id: 2, storage, rng: testRng(2) });
    n.step(newMessage('app', 1, 2, { term: 3, index: 20, logTerm: 3, commit: 0 }));
    const resp = drain(n, storage).find((m) => m.type === 'app-resp');
    expect(resp).toMatchObject({ reject: true, index: 20, rejectHint: 11, logTerm: 2 });
  });

  it('§5.3 a leader brings a divergent follower in line within a few round trips', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    net.isolate(3);
    for (let i = 0; i < 50; i++) net.get(1).propose(data(`e${i}`));
    net.settle();
    net.recover();
    const before = net.log.length;
    net.tick(1);
    net.tick(1);
    net.settle();
    expect(net.get(3).status().commit).toBe(net.get(1).status().commit);
    const apps = net.log.slice(before).filter((m) => m.type === 'app' && m.to === 3);
    expect(apps.length).toBeLessThanOrEqual(4);
  });

  it('§5.4.2 a leader does not commit an entry from an earlier term by counting replicas', () => {
    // Figure 8: node 1 holds index 4 from term 2 (never committed), then leads a later term.
    const storage = new MemoryStorage();
    const leader = new RaftNode({
      id: 1,
      peers: [1, 2, 3],
      storage,
      rng: testRng(1),
      preVote: false,
    });
    drain(leader, storage);
    const old: Entry = { term: 2, index: 4, type: 'normal', data: data('old') };
    leader.step(
      newMessage('app', 2, 1, { term: 2, index: 3, logTerm: 1, entries: [old], commit: 3 }),
    );
    drain(leader, storage);
    for (let i = 0; i < 30 && leader.status().role !== 'candidate'; i++) leader.tick();
    const term = leader.status().term;
    leader.step(newMessage('vote-resp', 3, 1, { term }));
    expect(leader.status().role).toBe('leader');
    drain(leader, storage);
    // The new leader appended its no-op at index 5. A follower acknowledges only index 4:
    // a majority holds index 4, but it is from term 2, so it must not commit.
    leader.step(newMessage('app-resp', 3, 1, { term, index: 4 }));
    expect(leader.status().commit).toBe(3);
    // Once a majority holds the current-term entry, everything up to it commits.
    leader.step(newMessage('app-resp', 3, 1, { term, index: 5 }));
    expect(leader.status().commit).toBe(5);
  });

  it('batching: maxSizePerMsgBytes bounds the entries of one append', () => {
    const net = new TestNet([1, 2], { maxSizePerMsgBytes: 100 });
    net.elect(1);
    net.isolate(2);
    for (let i = 0; i < 10; i++) net.get(1).propose(new Uint8Array(40));
    net.settle();
    net.recover();
    const before = net.log.length;
    net.tick(1);
    net.settle();
    const apps = net.log.slice(before).filter((m) => m.type === 'app' && m.entries.length > 0);
    expect(apps.length).toBeGreaterThanOrEqual(5);
    for (const m of apps) expect(m.entries.length).toBeLessThanOrEqual(2);
    expect(net.get(2).status().commit).toBe(net.get(1).status().commit);
  });

  it('flow control: in replicate state at most maxInflightMsgs appends are unacknowledged', () => {
    const net = new TestNet([1, 2], { maxInflightMsgs: 3 });
    net.elect(1);
    const leader = net.get(1);
    // Hold every message: the leader must stop after 3 appends to node 2.
    const held: Message[] = [];
    for (let i = 0; i < 10; i++) {
      leader.propose(data(`p${i}`));
      while (leader.hasReady()) {
        const rd = leader.ready();
        const m = net.members.get(1);
        m?.storage.append(rd.entries);
        if (rd.hardState) m?.storage.setHardState(rd.hardState);
        held.push(...rd.earlyMessages, ...rd.messages);
        leader.advance(rd);
      }
    }
    expect(held.filter((m) => m.type === 'app' && m.to === 2)).toHaveLength(3);
    expect(leader.status().progress?.get(2)?.state).toBe('replicate');
    for (const m of held) net.deliver(m);
    net.settle();
    expect(net.get(2).status().commit).toBe(leader.status().lastIndex);
  });

  it('flow control: a follower in probe state gets one append at a time', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    const leader = net.get(1);
    leader.reportUnreachable(2);
    expect(leader.status().progress?.get(2)?.state).toBe('probe');
    const held: Message[] = [];
    for (let i = 0; i < 5; i++) {
      leader.propose(data(`q${i}`));
      while (leader.hasReady()) {
        const rd = leader.ready();
        net.members.get(1)?.storage.append(rd.entries);
        held.push(...rd.earlyMessages, ...rd.messages);
        leader.advance(rd);
      }
    }
    expect(held.filter((m) => m.type === 'app' && m.to === 2)).toHaveLength(1);
    expect(held.filter((m) => m.type === 'app' && m.to === 3).length).toBeGreaterThan(1);
    // The probe's answer moves node 2 back to replicate and the rest flows.
    for (const m of held) net.deliver(m);
    net.settle();
    expect(leader.status().progress?.get(2)?.state).toBe('replicate');
    expect(net.get(2).status().commit).toBe(leader.status().lastIndex);
  });

  it('a follower forwards proposals to the leader', () => {
    const net = new TestNet([1, 2, 3]);
    net.elect(1);
    expect(net.get(2).propose(data('fwd'))).toEqual({ kind: 'forwarded', leader: 1 });
    net.settle();
    expect(net.members.get(3)?.applied.some((e) => text(e) === 'fwd')).toBe(true);
  });

  it('a proposal without a known leader is dropped with a reason', () => {
    const n = new RaftNode({
      id: 1,
      peers: [1, 2, 3],
      storage: new MemoryStorage(),
      rng: testRng(1),
    });
    expect(n.propose(data('x'))).toEqual({ kind: 'dropped', reason: 'no-leader', leader: 0 });
  });

  it('proposals beyond maxUncommittedEntriesBytes are dropped as overloaded', () => {
    const net = new TestNet([1, 2, 3], { maxUncommittedEntriesBytes: 200 });
    net.elect(1);
    net.isolate(1);
    const results = Array.from({ length: 10 }, () => net.get(1).propose(new Uint8Array(50)).kind);
    expect(results.slice(0, 2)).toEqual(['appended', 'appended']);
    expect(net.get(1).propose(new Uint8Array(50))).toMatchObject({
      kind: 'dropped',
      reason: 'overloaded',
    });
  });
});
