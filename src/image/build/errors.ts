/**
 * Errors of the Dockerfile builder.
 *
 * @module
 */
import { TsorchError } from '../../util/errors.js';

/** A build that cannot go on: a failed RUN step, a missing source, a bad mount. */
export class BuildError extends TsorchError {
  override name = 'BuildError';
}
