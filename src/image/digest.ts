/**
 * Content digests (OCI image-spec: descriptor digests). Only sha256 is supported, as in
 * Docker and containerd's defaults.
 *
 * @module
 */
import { isDigest, type Digest } from '../util/image-reference.js';
import { ImageError } from './errors.js';

export { isDigest, type Digest };

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
