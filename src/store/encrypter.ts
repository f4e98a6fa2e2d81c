/**
 * Encryption at rest of secret and config payloads (DESIGN.md §4): the Raft log and snapshots
 * only ever hold them sealed with AES-256-GCM under a key from the cluster's key ring. The
 * additional data binds a ciphertext to its table and object id, so a sealed payload copied onto
 * another object does not open. Key management (creation, rotation, distribution) comes with the
 * CA; here a key ring is given.
 *
 * @module
 */

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { TsorchError } from '../util/errors.js';

/** A sealed payload as it appears in log entries and snapshots. */
export interface Sealed {
  /** Id of the key it was sealed with. */
  keyId: string;
  /** Base64 nonce. */
  iv: string;
  /** Base64 ciphertext followed by the 16-byte authentication tag. */
  data: string;
}

/** Seals and opens payloads. */
export interface Encrypter {
  /** Seals `plaintext`, bound to `aad`, with the current key. */
  seal(plaintext: Uint8Array, aad: Uint8Array): Sealed;
  /**
   * Opens a sealed payload.
   *
   * @throws {TsorchError} STORE_DECRYPT_FAILED when the key is unknown or the data or `aad` do
   * not authenticate.
   */
  open(sealed: Sealed, aad: Uint8Array): Uint8Array;
}

/** Data-encryption keys by id, and the one new payloads are sealed with. */
export interface KeyRing {
  currentKeyId: string;
  /** 32-byte AES-256 keys by id. */
  keys: Readonly<Record<string, Uint8Array>>;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM with a random 96-bit nonce per payload (node:crypto). */
export class AesGcmEncrypter implements Encrypter {
  readonly #ring: KeyRing;

  /** @throws {TsorchError} INVALID_ARGUMENT when the current key is missing or a key is not 32 bytes. */
  constructor(ring: KeyRing) {
    for (const [id, key] of Object.entries(ring.keys)) {
      if (key.byteLength !== KEY_BYTES)
        throw new TsorchError(
          'INVALID_ARGUMENT',
          `Cannot use encryption key "${id}": must be ${KEY_BYTES} bytes, got ${key.byteLength}`,
        );
    }
    if (!Object.hasOwn(ring.keys, ring.currentKeyId))
      throw new TsorchError(
        'INVALID_ARGUMENT',
        `Cannot use key ring: current key "${ring.currentKeyId}" is not in it`,
      );
    this.#ring = ring;
  }

  seal(plaintext: Uint8Array, aad: Uint8Array): Sealed {
    const keyId = this.#ring.currentKeyId;
    const key = this.#ring.keys[keyId];
    if (key === undefined) throw new TsorchError('INTERNAL', `Key "${keyId}" vanished`);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return { keyId, iv: iv.toString('base64'), data: body.toString('base64') };
  }

  open(sealed: Sealed, aad: Uint8Array): Uint8Array {
    const key = this.#ring.keys[sealed.keyId];
    if (key === undefined)
      throw new TsorchError(
        'STORE_DECRYPT_FAILED',
        `Cannot decrypt payload: key "${sealed.keyId}" is not in this manager's key ring`,
        { details: { keyId: sealed.keyId }, hint: 'Restore the key ring this cluster used' },
      );
    const body = Buffer.from(sealed.data, 'base64');
    const iv = Buffer.from(sealed.iv, 'base64');
    if (body.byteLength < TAG_BYTES || iv.byteLength !== IV_BYTES)
      throw decryptFailed(sealed.keyId, 'sealed payload is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad);
      decipher.setAuthTag(body.subarray(body.byteLength - TAG_BYTES));
      const out = Buffer.concat([
        decipher.update(body.subarray(0, body.byteLength - TAG_BYTES)),
        decipher.final(),
      ]);
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    } catch (cause) {
      throw decryptFailed(
        sealed.keyId,
        'authentication failed (wrong key or tampered data)',
        cause,
      );
    }
  }
}

function decryptFailed(keyId: string, why: string, cause?: unknown): TsorchError {
  return new TsorchError(
    'STORE_DECRYPT_FAILED',
    `Cannot decrypt payload with key "${keyId}": ${why}`,
    {
      cause,
      details: { keyId },
    },
  );
}
