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
