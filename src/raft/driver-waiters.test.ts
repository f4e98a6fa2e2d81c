import { describe, expect, it } from 'vitest';
import { hasCode, TsorchError } from '../util/errors.js';
import { droppedError } from './driver-errors.js';
import { Waiters } from './driver-waiters.js';

const lost = (): Error => droppedError('a new leader overwrote it');

async function outcome<T>(p: Promise<T>): Promise<T | Error> {
  return p.catch((e: unknown) => e as Error);
}

describe('Waiters', () => {
  it('resolves a proposal when its own entry is applied at its index', async () => {
    const w = new Waiters<string>();
    const p = w.proposal(7, 42);
    w.applied(42, { seq: 7, result: 'ok' }, lost);
    expect(await p).toEqual({ index: 42, result: 'ok' });
    expect(w.proposalCount).toBe(0);
  });

  it.each([
    ['another member’s entry', undefined],
    ['an entry from an earlier run with another sequence', { seq: 3, result: 'old' }],
  ])('rejects a proposal whose index commits %s (Raft §5.3)', async (_name, mine) => {
    const w = new Waiters<string>();
    const p = outcome(w.proposal(7, 42));
    w.applied(41, { seq: 7, result: 'wrong index' }, lost); // other indexes leave it alone
    w.applied(42, mine, lost);
    const err = await p;
    expect(hasCode(err, 'RAFT_PROPOSAL_DROPPED')).toBe(true);
  });

  it('rejects proposals covered by an installed snapshot, keeps later ones', async () => {
    const w = new Waiters<string>();
    const early = outcome(w.proposal(1, 10));
    const late = w.proposal(2, 20);
    w.failProposalsUpTo(15, droppedError('a snapshot replaced the log, outcome unknown'));
    expect(hasCode(await early, 'RAFT_PROPOSAL_DROPPED')).toBe(true);
    w.applied(20, { seq: 2, result: 'late' }, lost);
    expect((await late).result).toBe('late');
  });

  it('rejects with the abort reason and forgets the wait', async () => {
    const w = new Waiters<string>();
    const ac = new AbortController();
    const p = outcome(w.proposal(1, 5, ac.signal));
    ac.abort(new TsorchError('TIMEOUT', 'Timed out'));
    expect(hasCode(await p, 'TIMEOUT')).toBe(true);
    expect(w.proposalCount).toBe(0);
    w.applied(5, { seq: 1, result: 'late' }, lost); // no effect, no throw
  });

  it('resolves reads once their confirmed index is applied, and fails unconfirmed ones', async () => {
    const w = new Waiters<string>();
    const confirmed = w.read('a');
    const unconfirmed = outcome(w.read('b'));
    w.readState('a', 9);
    w.releaseReads(8);
    let done = false;
    void confirmed.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    w.releaseReads(9);
    await confirmed;
    w.failUnconfirmedReads(
      new TsorchError('RAFT_PROPOSAL_DROPPED', 'Cannot read: the leader changed'),
    );
    expect(hasCode(await unconfirmed, 'RAFT_PROPOSAL_DROPPED')).toBe(true);
  });

  it('settles membership changes and fails everything at stop', async () => {
    const w = new Waiters<string>();
    const change = w.membershipChange('add-voter:4');
    w.membershipApplied('add-voter:4');
    await change;
    const pending = [
      outcome(w.proposal(1, 1)),
      outcome(w.read('r')),
      outcome(w.membershipChange('remove:2')),
    ];
    w.failAll(new TsorchError('RAFT_STOPPED', 'Stopped'));
    for (const p of pending) expect(hasCode(await p, 'RAFT_STOPPED')).toBe(true);
  });
});
