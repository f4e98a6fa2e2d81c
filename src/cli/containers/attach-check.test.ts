import { describe, expect, it } from 'vitest';
import { checkInputTerminal } from './attach-check.js';

describe('checkInputTerminal()', () => {
  it('refuses -i -t without a terminal on stdin as a usage error', () => {
    expect(() => {
      checkInputTerminal(true, true, false);
    }).toThrow('The input device is not a TTY: use -i without -t');
  });

  it.each([
    [true, true, true],
    [true, false, false],
    [false, true, false],
  ])('accepts -i %s -t %s with a terminal %s', (i, t, term) => {
    expect(() => {
      checkInputTerminal(i, t, term);
    }).not.toThrow();
  });
});
