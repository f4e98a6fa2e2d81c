/**
 * Forwarding of a control call from a follower manager to the Raft leader, over mutual TLS with
 * the follower's own certificate. The original caller's identity travels in metadata, trusted
 * by the leader only from a manager of its cluster; a forwarded call is never forwarded again.
 *
 * @module
 */
import * as grpc from '@grpc/grpc-js';
import type { NodeIdentity } from '../../manager/index.js';
import { TsorchError } from '../../util/errors.js';
import { grpcMaxMessageBytes, clusterForwardDeadlineMs } from '../../util/limits.js';
import { fromGrpcError, toGrpcError } from '../errors.js';
import { peerIdentity, type ClientTls } from '../tls.js';

const CALLER_KEY = 'tsorch-forwarded-for';

const clients = new Map<string, { client: grpc.Client; tls: ClientTls }>();

function clientFor(address: string, tls: ClientTls): grpc.Client {
  const cached = clients.get(address);
  if (cached !== undefined && cached.tls === tls) return cached.client;
  cached?.client.close();
  const client = new grpc.Client(address, tls.credentials, {
    ...tls.options,
    'grpc.max_receive_message_length': grpcMaxMessageBytes,
    'grpc.max_send_message_length': grpcMaxMessageBytes,
  });
  clients.set(address, { client, tls });
  return client;
}

/** Closes every forwarding channel (daemon shutdown, credentials replaced). */
export function closeForwardClients(): void {
  for (const { client } of clients.values()) client.close();
  clients.clear();
}

/** Who made a call: the forwarding manager's word for it, or the call's own certificate. */
export function callerOf(
  call: {
    metadata: grpc.Metadata;
    getAuthContext(): ReturnType<grpc.ServerUnaryCall<unknown, unknown>['getAuthContext']>;
  },
  clusterId: string | undefined,
): { identity: NodeIdentity | undefined; forwarded: boolean } {
  const direct = peerIdentity(call.getAuthContext());
  const claimed = call.metadata.get(CALLER_KEY)[0];
  if (typeof claimed === 'string' && direct?.role === 'manager' && direct.clusterId === clusterId) {
    try {
      const parsed = JSON.parse(claimed) as NodeIdentity | null;
      return { identity: parsed ?? undefined, forwarded: true };
    } catch {
      return { identity: undefined, forwarded: true };
    }
  }
  return { identity: direct, forwarded: false };
}

/**
 * Sends `request` to the same method on the leader and returns its answer.
 *
 * @throws {TsorchError} the leader's error, or CLUSTER_MANAGER_UNREACHABLE.
 */
export function forwardUnary<Res>(
  method: grpc.MethodDefinition<unknown, unknown>,
  address: string,
  tls: ClientTls,
  request: unknown,
  caller: NodeIdentity | undefined,
): Promise<Res> {
  const metadata = new grpc.Metadata();
  metadata.set(CALLER_KEY, JSON.stringify(caller ?? null));
  const client = clientFor(address, tls);
  return new Promise<Res>((resolve, reject) => {
    client.makeUnaryRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      request,
      metadata,
      { deadline: Date.now() + clusterForwardDeadlineMs },
      (err, res) => {
        if (err === null) {
          resolve(res as Res);
          return;
        }
        const typed = fromGrpcError(err);
        if (typed.code === 'UNAVAILABLE' && err.metadata.get('tsorch-error-code').length === 0) {
          reject(
            new TsorchError(
              'CLUSTER_MANAGER_UNREACHABLE',
              `Cannot reach the leader manager at "${address}"`,
              { cause: err, hint: 'retry in a few seconds: a new leader may be being elected' },
            ),
          );
          return;
        }
        reject(typed);
      },
    );
  });
}

/** The error a forwarded call meets on a manager that is not the leader either. */
export function notLeaderAgain(): grpc.ServiceError {
  return toGrpcError(
    new TsorchError('CLUSTER_MANAGER_UNREACHABLE', 'Cannot forward the call: the leader changed', {
      hint: 'retry in a few seconds',
    }),
  ) as grpc.ServiceError;
}
