/**
 * Where the compose commands find the cluster: a {@link StackReader} for `plan`, a
 * {@link StackTarget} for the rest. `up` starts the embedded daemon when none answers
 * (DESIGN.md §2). The target over the services gRPC API (issue 11) plugs in here.
 *
 * @module
 */
import type { StackReader, StackTarget } from '../../api/stacks/engine.js';
import { daemonAddress } from '../client.js';
import type { CliIo } from '../io.js';
import { daemonAnswers, ensureDaemon } from './embedded.js';
import { grpcStackTarget } from './grpc-target.js';

/** How a command reaches the cluster; tests pass an in-memory one. */
export interface StackAccess {
  /** A read-only view; `note` says when it is not the cluster's (no daemon answered). */
  reader(io: CliIo): Promise<{ reader: StackReader; note?: string }>;
  /** The cluster to change; starts the embedded daemon when `start` and none answers. */
  target(io: CliIo, options: { start: boolean }): Promise<StackTarget>;
}

/** The real access: the local daemon (or TSORCH_HOST). */
export const clusterAccess: StackAccess = {
  async reader(io) {
    const remote = io.env['TSORCH_HOST'] !== undefined && io.env['TSORCH_HOST'] !== '';
    if (!remote && !(await daemonAnswers(io.env))) {
      const { EMPTY_DEPLOYED_STACK: nothing } = await import('../../api/stacks/engine.js');
      return {
        reader: { read: () => Promise.resolve(nothing), listStacks: () => Promise.resolve([]) },
        note: `No tsorch daemon answers at "${daemonAddress(io.env)}": planned against an empty cluster (up would start one)`,
      };
    }
    return { reader: grpcStackTarget(io) };
  },
  async target(io, options) {
    if (options.start) await ensureDaemon(io);
    return grpcStackTarget(io);
  },
};
