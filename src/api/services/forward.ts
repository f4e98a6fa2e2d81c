/**
 * Writes of the Services API on a follower manager: sent on to the Raft leader with the
 * cluster API's forwarding (src/api/cluster/forward.ts), since only the leader can propose.
 * Reads stay local (they are linearizable through ReadIndex).
 *
 * @module
 */
import type * as grpc from '@grpc/grpc-js';
import { callerOf, forwardUnary, notLeaderAgain } from '../cluster/index.js';
import { toGrpcError } from '../errors.js';
import type { ClientTls } from '../tls.js';

/** Where a write runs: on this manager (the leader), or on the leader at `address`. */
export type LeaderRoute = { kind: 'local' } | { kind: 'forward'; address: string; tls: ClientTls };

/** What forwarding needs from the manager. */
export interface ServicesForwarding {
  /**
   * The leader's route; waits while a leader is elected.
   *
   * @throws {TsorchError} CLUSTER_NO_QUORUM when no leader can be reached.
   */
  leader(): Promise<LeaderRoute>;
  /** The cluster's id: forwarded calls are trusted only from a manager of this cluster. */
  clusterId: string;
}

/** The Services methods that propose to Raft. */
export const SERVICES_WRITES = [
  'CreateService',
  'UpdateService',
  'ScaleService',
  'RollbackService',
  'RemoveService',
] as const;

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * Returns `impl` with each of `methods` run locally on the leader and forwarded to it from a
 * follower; a call already forwarded once is refused rather than forwarded again.
 */
export function forwardToLeader(
  definition: grpc.ServiceDefinition,
  impl: grpc.UntypedServiceImplementation,
  methods: readonly string[],
  fwd: ServicesForwarding,
): grpc.UntypedServiceImplementation {
  const out: grpc.UntypedServiceImplementation = { ...impl };
  for (const name of methods) {
    const key = lowerFirst(name);
    const local = impl[key] as grpc.handleUnaryCall<unknown, unknown>;
    const method = definition[name] as grpc.MethodDefinition<unknown, unknown>;
    out[key] = ((call: grpc.ServerUnaryCall<unknown, unknown>, cb: grpc.sendUnaryData<unknown>) => {
      const { identity, forwarded } = callerOf(call, fwd.clusterId);
      fwd.leader().then(
        (route) => {
          if (route.kind === 'local') {
            local(call, cb);
            return;
          }
          if (forwarded) {
            cb(notLeaderAgain());
            return;
          }
          forwardUnary(method, route.address, route.tls, call.request, identity).then(
            (res) => {
              cb(null, res);
            },
            (err: unknown) => {
              cb(toGrpcError(err));
            },
          );
        },
        (err: unknown) => {
          cb(toGrpcError(err));
        },
      );
    }) as grpc.UntypedHandleCall;
  }
  return out;
}
