/**
 * Size caps on untrusted streams (archives, layers): a pass-through that fails the stream as
 * soon as more than a given number of bytes went through, so a decompression bomb stops at the
 * cap instead of filling the disk or the memory.
 *
 * @module
 */
import { Transform } from 'node:stream';
import { formatBytesIec } from '../util/limits.js';
import { ImageError } from './errors.js';

/**
 * The error for a stream or file over its cap, naming what and the cap:
 * `Archive "x.tar" is larger than 8 GiB uncompressed`.
 *
 * @param what e.g. `Archive "x.tar"` or `Layer "sha256:…"`.
 * @param qualifier e.g. `uncompressed`; empty for the size as stored.
 */
export function tooLarge(what: string, maxBytes: number, qualifier = ''): ImageError {
  const tail = qualifier === '' ? '' : ` ${qualifier}`;
  return new ImageError(
    'IMAGE_INVALID',
    `${what} is larger than ${formatBytesIec(maxBytes)}${tail}`,
    {
      details: { limitBytes: maxBytes },
    },
  );
}

/**
 * A pass-through stream that errors with `error()` once more than `maxBytes` went through.
 */
export function capBytes(maxBytes: number, error: () => Error): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > maxBytes) cb(error());
      else cb(null, chunk);
    },
  });
}
