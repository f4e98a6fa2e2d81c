/**
 * Encryption at rest of the Raft log and snapshots (ADR 032): a {@link DataCipher} seals the data
 * of every WAL entry and of every snapshot with a data-encryption key, so a manager's disk holds
 * no store object in the clear. Record framing, indexes and terms stay readable (replay needs
 * them; they say nothing about the cluster's objects).
 *
 * @module
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { TsorchError } from '../../util/errors.js';

/** Seals and opens payloads; `open` throws when the key is not the one that sealed. */
export interface DataCipher {
  seal(plain: Uint8Array): Uint8Array;
  open(sealed: Uint8Array): Uint8Array;
}

/** Bytes of an AES-256 key. */
export const DATA_KEY_BYTES = 32;
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/**
 * AES-256-GCM with a random 96-bit nonce per payload: `version(1) iv(12) tag(16) ciphertext`.
 *
 * @throws {RangeError} when `key` is not 32 bytes.
 */
export function createAesGcmCipher(key: Uint8Array): DataCipher {
  if (key.length !== DATA_KEY_BYTES) {
    throw new RangeError(`A data key is ${DATA_KEY_BYTES} bytes, got ${key.length}`);
  }
  const k = Buffer.from(key);
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      if (buf.length < HEADER_BYTES || buf[0] !== VERSION) {
        throw new TsorchError(
          'RAFT_WAL_KEY_MISMATCH',
          'Cannot decrypt Raft data: it is not encrypted with this format',
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, buf.subarray(1, 1 + IV_BYTES));
        decipher.setAuthTag(buf.subarray(1 + IV_BYTES, HEADER_BYTES));
        return Buffer.concat([decipher.update(buf.subarray(HEADER_BYTES)), decipher.final()]);
      } catch (err) {
        throw new TsorchError(
          'RAFT_WAL_KEY_MISMATCH',
          'Cannot decrypt Raft data: wrong data-encryption key, or the data is damaged',
          { cause: err },
        );
      }
    },
  };
}
