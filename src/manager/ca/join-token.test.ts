import { describe, expect, it } from 'vitest';
import {
  checkRootPin,
  constantTimeEqual,
  createJoinTokens,
  formatJoinToken,
  parseJoinToken,
  retargetJoinTokens,
  rotateJoinToken,
  verifyJoinToken,
} from './join-token.js';
import { formatId, isId, toBase36 } from './identity.js';
import { hasCode } from '../../util/errors.js';

const DIGEST_A = 'a'.repeat(64);
const DIGEST_B = '0123456789abcdef'.repeat(4);

/** A deterministic byte source: counts up from `seed`. */
function bytesFrom(seed: number): (n: number) => Uint8Array {
  let next = seed;
  return (n) => Uint8Array.from({ length: n }, () => next++ & 0xff);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return hasCode(err, 'CA_INVALID_TOKEN') ||
      hasCode(err, 'CA_TOKEN_OTHER_CLUSTER') ||
      hasCode(err, 'CA_ROOT_MISMATCH')
      ? err.code
      : 'other';
  }
  return undefined;
}

describe('join tokens', () => {
  it('formatJoinToken() has swarmkit shape SWMTKN-1-<50 base36>-<25 base36>', () => {
    const token = formatJoinToken(DIGEST_A, new Uint8Array(16).fill(255));
    expect(token).toMatch(/^SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}$/);
    expect(parseJoinToken(token).secret).toBe((2n ** 128n - 1n).toString(36));
  });

  it('verifyJoinToken() returns the role each token grants', () => {
    const tokens = createJoinTokens(DIGEST_A, bytesFrom(1));
    expect(tokens.worker).not.toBe(tokens.manager);
    expect(verifyJoinToken(tokens, tokens.worker, DIGEST_A)).toBe('worker');
    expect(verifyJoinToken(tokens, tokens.manager, DIGEST_A)).toBe('manager');
  });

  it.each([
    ['garbage', 'not-a-token', 'CA_INVALID_TOKEN'],
    ['a wrong secret', formatJoinToken(DIGEST_A, new Uint8Array(16)), 'CA_INVALID_TOKEN'],
    [
      'a token of another cluster',
      formatJoinToken(DIGEST_B, new Uint8Array(16)),
      'CA_TOKEN_OTHER_CLUSTER',
    ],
  ])('verifyJoinToken() refuses %s', (_name, presented, code) => {
    const tokens = createJoinTokens(DIGEST_A, bytesFrom(1));
    expect(codeOf(() => verifyJoinToken(tokens, presented, DIGEST_A))).toBe(code);
  });

  it('a token of another cluster with the same secret is still refused', () => {
    const mine = createJoinTokens(DIGEST_A, bytesFrom(7));
    const theirs = createJoinTokens(DIGEST_B, bytesFrom(7));
    expect(codeOf(() => verifyJoinToken(mine, theirs.worker, DIGEST_A))).toBe(
      'CA_TOKEN_OTHER_CLUSTER',
    );
  });

  it('rotateJoinToken() invalidates the old token of that role at once and keeps the other', () => {
    const before = createJoinTokens(DIGEST_A, bytesFrom(1));
    const after = rotateJoinToken(before, 'worker', DIGEST_A, bytesFrom(100));
    expect(codeOf(() => verifyJoinToken(after, before.worker, DIGEST_A))).toBe('CA_INVALID_TOKEN');
    expect(verifyJoinToken(after, after.worker, DIGEST_A)).toBe('worker');
    expect(after.manager).toBe(before.manager);
  });

  it('checkRootPin() accepts the pinned root and refuses another', () => {
    const token = formatJoinToken(DIGEST_A, new Uint8Array(16));
    expect(() => checkRootPin(token, DIGEST_A)).not.toThrow();
    expect(codeOf(() => checkRootPin(token, DIGEST_B))).toBe('CA_ROOT_MISMATCH');
  });

  it('retargetJoinTokens() pins the new root and keeps the secrets', () => {
    const tokens = createJoinTokens(DIGEST_A, bytesFrom(1));
    const moved = retargetJoinTokens(tokens, DIGEST_B);
    expect(verifyJoinToken(moved, moved.manager, DIGEST_B)).toBe('manager');
    expect(parseJoinToken(moved.worker).secret).toBe(parseJoinToken(tokens.worker).secret);
    expect(codeOf(() => checkRootPin(tokens.worker, DIGEST_B))).toBe('CA_ROOT_MISMATCH');
  });

  it('error messages never repeat the presented token', () => {
    const secretish = `SWMTKN-1-${'z'.repeat(50)}-${'y'.repeat(24)}`;
    try {
      verifyJoinToken(createJoinTokens(DIGEST_A, bytesFrom(1)), secretish, DIGEST_A);
      expect.unreachable();
    } catch (err) {
      expect(String(err)).not.toContain('yyyy');
    }
  });

  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'abcd', false],
    ['', '', true],
  ])('constantTimeEqual(%j, %j) is %s', (a, b, equal) => {
    expect(constantTimeEqual(a, b)).toBe(equal);
  });
});

describe('ids', () => {
  it('formatId() makes 25 base36 characters from 16 bytes', () => {
    expect(formatId(new Uint8Array(16))).toBe('0'.repeat(25));
    expect(isId(formatId(new Uint8Array(16).fill(255)))).toBe(true);
    expect(() => formatId(new Uint8Array(8))).toThrow(RangeError);
  });

  it('toBase36() is big-endian and padded', () => {
    expect(toBase36(Uint8Array.of(1, 0), 4)).toBe('0074');
  });
});
