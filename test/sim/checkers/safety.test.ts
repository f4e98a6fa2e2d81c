import { describe, expect, it } from 'vitest';
import type { Entry } from '../../../src/raft/index.js';
import { SafetyChecker, SafetyViolation } from './safety.js';

const ent = (index: number, term: number, byte = 0): Entry => ({
  index,
  term,
  type: 'normal',
  data: new Uint8Array([byte]),
});

describe('SafetyChecker', () => {
  it('§5.2 election safety: rejects two leaders in one term', () => {
    const c = new SafetyChecker();
    c.onLeader(1, 3);
    c.onLeader(1, 3);
    expect(() => c.onLeader(2, 3)).toThrow(SafetyViolation);
  });

  it('§5.3 log matching: rejects a different entry at the same index and term', () => {
    const c = new SafetyChecker();
    c.onAppend(1, ent(2, 1, 7), 1);
    c.onAppend(2, ent(2, 1, 7), 1);
    expect(() => c.onAppend(3, ent(2, 1, 8), 1)).toThrow(/log matching/);
    expect(() => c.onAppend(3, ent(2, 1, 7), 0)).toThrow(/log matching/);
  });

  it('§5.4.3 state machine safety: rejects different entries applied at one index', () => {
    const c = new SafetyChecker();
    c.onApply(1, ent(1, 1));
    expect(() => c.onApply(2, ent(1, 2))).toThrow(/state machine safety/);
  });

  it('rejects gaps in the applied sequence', () => {
    const c = new SafetyChecker();
    expect(() => c.onApply(1, ent(2, 1))).toThrow(/applied 2 after 0/);
  });

  it('§5.4.2 commit rule: rejects a leader committing an entry of an earlier term', () => {
    const c = new SafetyChecker();
    c.onLeaderCommit(1, 4, 7, 4);
    c.onLeaderCommit(1, 4, 8, undefined);
    expect(() => c.onLeaderCommit(1, 4, 6, 2)).toThrow(/commit rule/);
  });

  it('§5.4 leader completeness: rejects a leader missing a committed entry', () => {
    const c = new SafetyChecker();
    c.onApply(1, ent(1, 1));
    c.onApply(1, ent(2, 2));
    expect(() => c.onNewLeader(2, 3, 0, (i) => (i === 1 ? 1 : undefined))).toThrow(
      /leader completeness/,
    );
    c.onNewLeader(3, 3, 1, (i) => (i === 2 ? 2 : undefined));
  });
});
