/**
 * The network module's operating error.
 *
 * @module
 */
import { TsorchError, type ErrorCode, type TsorchErrorOptions } from '../util/errors.js';

/** A network tool (ip, bridge, iptables-restore, nsenter) failed, or the host lacks one. */
export class NetError extends TsorchError {
  override name = 'NetError';
  constructor(message: string, options: TsorchErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? 'NET_FAILED', message, options);
  }
}
