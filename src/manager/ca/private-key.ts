/**
 * A private key that never shows its material by accident: `String(key)`, template literals,
 * `JSON.stringify` and `util.inspect` (hence loggers and `console.log`) all print a redaction
 * marker. Only {@link PrivateKey.toPkcs8Pem} gives the PEM, for the key file writer and TLS.
 *
 * @module
 */
import { webcrypto } from 'node:crypto';
import { ecdsaP256, toPem, type CryptoKey } from './x509.js';
import { CaError } from './identity.js';

const REDACTED = '[PrivateKey: redacted]';

/** An ECDSA P-256 private key with redacted string forms. */
export class PrivateKey {
  readonly #cryptoKey: CryptoKey;
  readonly #pem: string;

  private constructor(cryptoKey: CryptoKey, pem: string) {
    this.#cryptoKey = cryptoKey;
    this.#pem = pem;
  }

  /** Wraps an extractable WebCrypto private key. */
  static async fromCryptoKey(cryptoKey: CryptoKey): Promise<PrivateKey> {
    const der = await webcrypto.subtle.exportKey('pkcs8', cryptoKey);
    return new PrivateKey(cryptoKey, toPem(der, 'PRIVATE KEY').trim() + '\n');
  }

  /**
   * Reads a PKCS #8 PEM ECDSA P-256 key.
   *
   * @throws {CaError} `CA_INVALID_KEY` when the text is not such a key (the message does not
   *   repeat the text).
   */
  static async fromPkcs8Pem(pem: string): Promise<PrivateKey> {
    const body = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/.exec(pem);
    try {
      if (body === null) throw new Error('no PKCS #8 block');
      const der = Buffer.from((body[1] as string).replace(/\s+/g, ''), 'base64');
      const key = await webcrypto.subtle.importKey('pkcs8', der, ecdsaP256, true, ['sign']);
      return new PrivateKey(key, pem.trim() + '\n');
    } catch (err) {
      throw new CaError(
        'CA_INVALID_KEY',
        'Cannot read private key: not a PKCS #8 ECDSA P-256 key',
        {
          cause: err instanceof Error ? new Error(err.name) : undefined,
        },
      );
    }
  }

  /** The WebCrypto key, for signing. */
  get cryptoKey(): CryptoKey {
    return this.#cryptoKey;
  }

  /** The key as PKCS #8 PEM. Write it only to a 0600 file or hand it to TLS. */
  toPkcs8Pem(): string {
    return this.#pem;
  }

  /** Redacted. */
  toString(): string {
    return REDACTED;
  }

  /** Redacted. */
  toJSON(): string {
    return REDACTED;
  }

  /** Redacted (Node's `util.inspect`, used by console.log and loggers). */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}
