import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../util/errors.js';
import { applyToConf, checkConfChange, decodeConfChange, encodeConfChange } from './confchange.js';
import type { ConfChange } from './types.js';

describe('conf change encoding', () => {
  it.each<ConfChange>([
    { type: 'add-voter', nodeId: 1 },
    { type: 'add-learner', nodeId: 2 ** 40 + 7 },
    { type: 'remove', nodeId: 3, context: new Uint8Array([1, 2, 3]) },
  ])('round-trips $type $nodeId', (cc) => {
    expect(decodeConfChange(encodeConfChange(cc))).toEqual(cc);
  });

  it.each([
    new Uint8Array(),
    new Uint8Array([2, 1, 0, 0, 0, 0, 0, 0, 0, 1]),
    new Uint8Array([1, 9, 0, 0, 0, 0, 0, 0, 0, 1]),
  ])('rejects unknown data %#', (data) => {
    expect(() => decodeConfChange(data)).toThrow(InvalidArgumentError);
  });
});

describe('applyToConf() and checkConfChange()', () => {
  const conf = { voters: [1, 2, 3], learners: [4] };

  it.each<[ConfChange, { voters: number[]; learners: number[] }]>([
    [
      { type: 'add-voter', nodeId: 5 },
      { voters: [1, 2, 3, 5], learners: [4] },
    ],
    [
      { type: 'add-voter', nodeId: 4 },
      { voters: [1, 2, 3, 4], learners: [] },
    ],
    [
      { type: 'add-learner', nodeId: 6 },
      { voters: [1, 2, 3], learners: [4, 6] },
    ],
    [
      { type: 'remove', nodeId: 2 },
      { voters: [1, 3], learners: [4] },
    ],
    [
      { type: 'remove', nodeId: 4 },
      { voters: [1, 2, 3], learners: [] },
    ],
  ])('%j', (cc, want) => {
    expect(checkConfChange(conf, cc)).toBeUndefined();
    expect(applyToConf(conf, cc)).toEqual(want);
    // Idempotent: replaying a change (restart) changes nothing more.
    expect(applyToConf(applyToConf(conf, cc), cc)).toEqual(want);
  });

  it.each<[ConfChange, RegExp]>([
    [{ type: 'add-voter', nodeId: 1 }, /already a voter/],
    [{ type: 'add-learner', nodeId: 4 }, /already a learner/],
    [{ type: 'add-learner', nodeId: 2 }, /is a voter/],
    [{ type: 'remove', nodeId: 9 }, /not a member/],
    [{ type: 'add-voter', nodeId: -1 }, /positive integer/],
  ])('refuses %j', (cc, why) => {
    expect(checkConfChange(conf, cc)).toMatch(why);
  });

  it('refuses removing the last voter', () => {
    expect(checkConfChange({ voters: [1], learners: [] }, { type: 'remove', nodeId: 1 })).toMatch(
      /last voter/,
    );
  });
});
