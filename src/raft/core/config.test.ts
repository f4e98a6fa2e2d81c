import { describe, expect, it } from 'vitest';
import { hasCode } from '../../util/errors.js';
import { compileRaftConfig, type RaftOptions } from './config.js';
import { RaftNode } from './node.js';
import { MemoryStorage } from './storage.js';
import type { Entry } from './types.js';

const base = (): RaftOptions => ({ id: 1, storage: new MemoryStorage(), rng: () => 0.5 });

describe('compileRaftConfig()', () => {
  it('fills defaults', () => {
    expect(compileRaftConfig(base())).toMatchObject({
      electionTicks: 10,
      heartbeatTicks: 1,
      preVote: true,
      checkQuorum: true,
    });
  });

  it.each<[string, Partial<RaftOptions>]>([
    ['id', { id: 0 }],
    ['electionTicks', { electionTicks: 0 }],
    ['heartbeatTicks', { heartbeatTicks: 1.5 }],
    ['heartbeatTicks', { electionTicks: 5, heartbeatTicks: 5 }],
    ['maxSizePerMsgBytes', { maxSizePerMsgBytes: -1 }],
    ['maxInflightMsgs', { maxInflightMsgs: 0 }],
    ['maxUncommittedEntriesBytes', { maxUncommittedEntriesBytes: 0 }],
    ['compactionKeepEntries', { compactionKeepEntries: -1 }],
    ['maxLearnerLagEntries', { maxLearnerLagEntries: Number.NaN }],
  ])('rejects a bad "%s" naming it', (field, patch) => {
    let err: unknown;
    try {
      compileRaftConfig({ ...base(), ...patch });
    } catch (e) {
      err = e;
    }
    expect(hasCode(err, 'INVALID_ARGUMENT')).toBe(true);
    expect((err as Error).message).toContain(`"${field}"`);
  });
});

describe('new RaftNode()', () => {
  it('refuses to bootstrap peers over existing state', () => {
    const storage = new MemoryStorage();
    storage.append([{ index: 1, term: 1, type: 'normal', data: new Uint8Array() } satisfies Entry]);
    storage.setHardState({ term: 1, vote: 0, commit: 1 });
    expect(() => new RaftNode({ ...base(), storage, peers: [1, 2, 3] })).toThrow(
      /storage is not empty/,
    );
  });

  it('restarts from storage with its term, vote and commit', () => {
    const storage = new MemoryStorage();
    storage.append(
      [1, 2, 3].map((i): Entry => ({ index: i, term: 2, type: 'normal', data: new Uint8Array() })),
    );
    storage.setHardState({ term: 4, vote: 3, commit: 2 });
    const n = new RaftNode({ ...base(), storage });
    expect(n.status()).toMatchObject({
      term: 4,
      vote: 3,
      commit: 2,
      applied: 0,
      lastIndex: 3,
      role: 'follower',
    });
    const rd = n.ready();
    expect(rd.committed.map((e) => e.index)).toEqual([1, 2]);
    expect(rd.hardState).toBeUndefined();
  });

  it('bootstraps a new cluster with one conf-change entry per peer', () => {
    const n = new RaftNode({ ...base(), peers: [1, 2, 3] });
    const rd = n.ready();
    expect(rd.entries.map((e) => [e.index, e.term, e.type])).toEqual([
      [1, 1, 'conf-change'],
      [2, 1, 'conf-change'],
      [3, 1, 'conf-change'],
    ]);
    expect(rd.hardState).toEqual({ term: 1, vote: 0, commit: 3 });
    expect(rd.committed).toHaveLength(3);
    expect(n.status().conf).toEqual({ voters: [1, 2, 3], learners: [] });
  });

  it('ready() twice without advance() is a bug', () => {
    const n = new RaftNode({ ...base(), peers: [1] });
    n.ready();
    expect(() => n.ready()).toThrow(/without advance/);
  });
});

describe('restart with an applied index', () => {
  it('applies the membership changes it will not hand out again', () => {
    const boot = new RaftNode({ ...base(), peers: [1, 2, 3] });
    const rd = boot.ready();
    const storage = new MemoryStorage();
    storage.append(rd.entries);
    storage.setHardState({ term: 1, vote: 0, commit: 3 });
    const n = new RaftNode({ ...base(), storage, applied: 3 });
    expect(n.status()).toMatchObject({ applied: 3, conf: { voters: [1, 2, 3], learners: [] } });
    expect(n.hasReady()).toBe(false);
  });
});
