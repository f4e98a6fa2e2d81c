/**
 * Errors of the OCI runtime layer.
 *
 * @module
 */
import { TsorchError, type ErrorCode, type TsorchErrorOptions } from '../../util/errors.js';

/**
 * An OCI runtime command failed. `details` holds the command (`argv`), its `exitCode` (or the
 * `signal` that ended it) and `stderrTail`, the last part of what it printed.
 */
export class RuntimeError extends TsorchError {
  override name = 'RuntimeError';
  constructor(message: string, options: TsorchErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? 'RUNTIME_EXEC_FAILED', message, options);
  }
}
