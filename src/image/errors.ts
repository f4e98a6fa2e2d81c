/**
 * The image module's operating error.
 *
 * @module
 */
import { TsorchError, type ErrorCode, type TsorchErrorOptions } from '../util/errors.js';

/** Something wrong with an image, a layer, a blob or a registry exchange. */
export class ImageError extends TsorchError {
  override name = 'ImageError';
  constructor(code: ErrorCode, message: string, options: TsorchErrorOptions = {}) {
    super(code, message, options);
  }
}

/**
 * A file system's ENOSPC or EDQUOT as IMAGE_NO_SPACE: `Cannot <action>: no space left on the
 * file system of "<dir>"`, with a hint to free space; any other error is returned unchanged
 * (a thrown non-Error value wrapped in an Error).
 */
export function noSpaceError(err: unknown, action: string, dir: string): Error {
  if (!(err instanceof Error)) return new Error(String(err));
  // Often wrapped already (e.g. "Cannot read the image archive"): look down the causes.
  let code: string | undefined;
  let e: unknown = err;
  for (let depth = 0; depth < 8 && e instanceof Error && code === undefined; depth++) {
    const c = (e as NodeJS.ErrnoException).code;
    if (c === 'ENOSPC' || c === 'EDQUOT') code = c;
    e = e.cause;
  }
  if (code === undefined) return err;
  const what = code === 'ENOSPC' ? 'no space left on' : 'the disk quota is exceeded on';
  return new ImageError('IMAGE_NO_SPACE', `Cannot ${action}: ${what} the file system of "${dir}"`, {
    cause: err,
    hint: 'Free space there, e.g. with `tsorch image prune -a` or `tsorch builder prune`',
  });
}
