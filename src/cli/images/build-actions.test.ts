import { describe, expect, it } from 'vitest';
import { hasCode } from '../../util/errors.js';
import { parseBuildArgs } from './build-actions.js';

describe('parseBuildArgs()', () => {
  it('takes KEY=VALUE and KEY from the environment, skipping unset keys', () => {
    expect(parseBuildArgs(['A=1', 'B=x=y', 'HOME', 'UNSET'], { HOME: '/root' })).toEqual({
      A: '1',
      B: 'x=y',
      HOME: '/root',
    });
  });

  it('rejects an empty key as a usage error', () => {
    let caught: unknown;
    try {
      parseBuildArgs(['=v'], {});
    } catch (err) {
      caught = err;
    }
    expect(hasCode(caught, 'CLI_USAGE')).toBe(true);
  });
});
