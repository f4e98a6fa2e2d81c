import { describe, expect, it } from 'vitest';
import { checkManagerRemoval, quorumLostError, quorumSize } from './quorum.js';

describe('quorumSize()', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 3],
    [7, 4],
  ])('%i voters need %i', (voters, need) => {
    expect(quorumSize(voters)).toBe(need);
  });
});

describe('quorumLostError()', () => {
  it('says how many managers this one reaches, and that writes are refused', () => {
    const err = quorumLostError(1, 3);
    expect(err.code).toBe('CLUSTER_NO_QUORUM');
    expect(err.message).toBe(
      'This manager cannot reach a majority: 1 of 3 managers reachable; writes are refused',
    );
    expect(err.hint).toContain('bring back 1 more manager(s)');
  });
});

describe('checkManagerRemoval()', () => {
  const base = { action: 'demote' as const, force: false };
  it.each([
    // voters, reachable, target, force, expected code or undefined
    [[1, 2, 3], [1, 2, 3], 3, false, undefined],
    [[1, 2, 3], [1, 2], 2, false, 'CLUSTER_NO_QUORUM'],
    [[1, 2, 3], [1, 2], 2, true, undefined],
    [[1, 2, 3], [1, 2], 3, false, undefined],
    [[1, 2], [1, 2], 2, false, undefined],
    [[1, 2], [1], 1, false, 'CLUSTER_NO_QUORUM'],
    [[1], [1], 1, true, 'FAILED_PRECONDITION'],
    [[1, 2, 3], [1, 2, 3], 9, false, undefined],
  ])(
    'voters %j reachable %j removing %i (force %s) → %s',
    (voters, reachable, target, force, code) => {
      const err = checkManagerRemoval({ ...base, voters, reachable, target, force });
      expect(err?.code).toBe(code);
    },
  );

  it('explains a refusal with the numbers and the way out', () => {
    const err = checkManagerRemoval({ ...base, voters: [1, 2, 3], reachable: [1, 2], target: 2 });
    expect(err?.message).toBe(
      'Cannot demote the manager: the 2 remaining manager(s) need 2 reachable for a majority, and 1 are',
    );
    expect(err?.hint).toContain('--force');
  });

  it('never removes the last manager', () => {
    const err = checkManagerRemoval({
      ...base,
      action: 'leave',
      voters: [4],
      reachable: [4],
      target: 4,
      force: true,
    });
    expect(err?.message).toBe('Cannot leave the last manager of the cluster');
  });
});
