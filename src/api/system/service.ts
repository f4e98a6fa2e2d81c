/**
 * The System service: Ping and Info about the daemon itself.
 *
 * @module
 */
import { hostname } from 'node:os';
import { version } from '../../util/version.js';
import { unary } from '../errors.js';
import type { InfoResponse } from '../gen/tsorch/v1/InfoResponse.js';
import type { PingResponse } from '../gen/tsorch/v1/PingResponse.js';
import { serviceDefinition, type ServiceBinding } from '../proto.js';

/** What Info reports about the node. */
export interface NodeInfo {
  root: string;
  run: string;
  runtime: string;
  /** Time the daemon started. */
  startedAt: Date;
  /** The node's parts, in start order (`system`, `images`, ...). */
  components: readonly string[];
}

/** The System service of a node described by `info`. */
export function systemServices(info: NodeInfo): ServiceBinding[] {
  const implementation = {
    ping: unary<unknown, PingResponse>(() => Promise.resolve({ version })),
    info: unary<unknown, InfoResponse>(() =>
      Promise.resolve({
        version,
        root: info.root,
        run: info.run,
        runtime: info.runtime,
        pid: String(process.pid),
        startedAt: info.startedAt.toISOString(),
        components: [...info.components],
        hostname: hostname(),
      }),
    ),
  };
  return [{ definition: serviceDefinition('system', 'System'), implementation }];
}
