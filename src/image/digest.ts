/**
 * Content digests (OCI image-spec: descriptor digests). Only sha256 is supported, as in
 * Docker and containerd's defaults.
 *
 * @module
 */
import { ImageError } from './errors.js';

/** A validated `sha256:<64 hex>` digest. */
export type Digest = `sha256:${string}`;

const digestPattern = /^sha256:[0-9a-f]{64}$/;

/** Returns true when `value` is a well-formed sha256 digest. */
export function isDigest(value: string): value is Digest {
  return digestPattern.test(value);
}

/**
 * Checks `value` is a well-formed sha256 digest.
 *
 * @throws {ImageError} IMAGE_INVALID naming `what` when it is not.
 */
export function parseDigest(value: unknown, what = 'digest'): Digest {
  if (typeof value !== 'string' || !isDigest(value)) {
    throw new ImageError(
      'IMAGE_INVALID',
      `Invalid ${what} "${String(value)}": expected sha256:<64 hex digits>`,
    );
  }
  return value;
}

/** The hex part of a digest. */
export function digestHex(digest: Digest): string {
  return digest.slice('sha256:'.length);
}

/** The 12-character short form shown by `image ls`. */
export function shortId(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}
