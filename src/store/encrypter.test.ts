import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AesGcmEncrypter } from './encrypter.js';
import { hasCode } from '../util/errors.js';

const aad = new TextEncoder().encode('tsorch/secrets/x1');
const plain = new TextEncoder().encode('hunter2');

function failure(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

describe('AesGcmEncrypter', () => {
  const key = randomBytes(32);
  const enc = new AesGcmEncrypter({ currentKeyId: 'k1', keys: { k1: key } });

  it('seals with the current key and opens again', () => {
    const sealed = enc.seal(plain, aad);
    expect(sealed.keyId).toBe('k1');
    expect(Buffer.from(sealed.data, 'base64').toString()).not.toContain('hunter2');
    expect(new TextDecoder().decode(enc.open(sealed, aad))).toBe('hunter2');
  });

  it('uses a fresh nonce for every payload', () => {
    expect(enc.seal(plain, aad).iv).not.toBe(enc.seal(plain, aad).iv);
  });

  it.each([
    [
      'a different key',
      (s: ReturnType<typeof enc.seal>) =>
        new AesGcmEncrypter({ currentKeyId: 'k1', keys: { k1: randomBytes(32) } }).open(s, aad),
      /authentication failed/,
    ],
    [
      'other additional data',
      (s: ReturnType<typeof enc.seal>) =>
        enc.open(s, new TextEncoder().encode('tsorch/secrets/x2')),
      /authentication failed/,
    ],
    [
      'a flipped bit',
      (s: ReturnType<typeof enc.seal>) => {
        const body = Buffer.from(s.data, 'base64');
        body[0] = (body[0] ?? 0) ^ 1;
        return enc.open({ ...s, data: body.toString('base64') }, aad);
      },
      /authentication failed/,
    ],
    [
      'a truncated payload',
      (s: ReturnType<typeof enc.seal>) => enc.open({ ...s, data: 'AAAA' }, aad),
      /truncated/,
    ],
    [
      'an unknown key id',
      (s: ReturnType<typeof enc.seal>) => enc.open({ ...s, keyId: 'k9' }, aad),
      /key "k9" is not in this manager's key ring/,
    ],
  ])('refuses to open with %s: STORE_DECRYPT_FAILED', (_what, open, message) => {
    const err = failure(() => open(enc.seal(plain, aad)));
    expect(hasCode(err, 'STORE_DECRYPT_FAILED')).toBe(true);
    expect(err.message).toMatch(message);
  });

  it('refuses a key ring without its current key or with a short key', () => {
    expect(() => new AesGcmEncrypter({ currentKeyId: 'k2', keys: { k1: key } })).toThrow(
      'Cannot use key ring: current key "k2" is not in it',
    );
    expect(
      () => new AesGcmEncrypter({ currentKeyId: 'k1', keys: { k1: randomBytes(16) } }),
    ).toThrow('Cannot use encryption key "k1": must be 32 bytes, got 16');
  });
});
