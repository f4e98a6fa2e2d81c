/**
 * The Dispatcher gRPC service: a thin adapter over the manager's dispatcher core
 * (src/manager/dispatcher). The caller's node id comes from its verified certificate on TLS
 * connections, and is the local node's own id on the unix socket; never from a request.
 *
 * @module
 */
import type * as grpc from '@grpc/grpc-js';
import type { Caller, Dispatcher } from '../../manager/index.js';
import { TsorchError } from '../../util/errors.js';
import { serverStream, unary } from '../errors.js';
import type { AssignmentsMessage } from '../gen/tsorch/v1/AssignmentsMessage.js';
import type { AssignmentsRequest__Output } from '../gen/tsorch/v1/AssignmentsRequest.js';
import type { HeartbeatRequest__Output } from '../gen/tsorch/v1/HeartbeatRequest.js';
import type { HeartbeatResponse } from '../gen/tsorch/v1/HeartbeatResponse.js';
import type { SessionMessage } from '../gen/tsorch/v1/SessionMessage.js';
import type { SessionRequest__Output } from '../gen/tsorch/v1/SessionRequest.js';
import type { UpdateTaskStatusRequest__Output } from '../gen/tsorch/v1/UpdateTaskStatusRequest.js';
import type { UpdateTaskStatusResponse } from '../gen/tsorch/v1/UpdateTaskStatusResponse.js';
import { serviceDefinition, type ServiceBinding } from '../proto.js';
import { send } from '../stream.js';
import { peerIdentity, policyFor, type RpcPolicy } from '../tls.js';
import {
  assignmentsToProto,
  sessionMessageToProto,
  sessionRequestFromProto,
  statusUpdateFromProto,
} from './convert.js';

/** Who may call the Dispatcher over TLS: every node (workers and managers run agents). */
export const dispatcherRpcPolicy: RpcPolicy = policyFor('tsorch.v1.Dispatcher', {
  Session: ['worker', 'manager'],
  Heartbeat: ['worker', 'manager'],
  Assignments: ['worker', 'manager'],
  UpdateTaskStatus: ['worker', 'manager'],
});

/** Options of {@link dispatcherServices}. */
export interface DispatcherServiceOptions {
  /** The id of the node this manager runs on: the caller on the local unix socket. */
  localNodeId: string;
}

type AnyCall = grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>;

/**
 * The caller of `call`: the node named by its verified certificate, or the local node on the
 * unix socket.
 *
 * @throws {TsorchError} PERMISSION_DENIED for a TCP call without a node certificate.
 */
export function callerOf(call: AnyCall, localNodeId: string): Caller {
  const peer = call.getPeer();
  const identity = peerIdentity(call.getAuthContext());
  if (identity !== undefined) return { nodeId: identity.nodeId, addr: hostOf(peer) };
  // grpc-js names unix socket peers by the socket's path (or nothing): no TCP address.
  if (peer === '' || peer.startsWith('unix:') || peer.startsWith('/') || peer === 'unknown')
    return { nodeId: localNodeId, addr: '' };
  throw new TsorchError(
    'PERMISSION_DENIED',
    'Permission denied: the dispatcher needs a node certificate of this cluster',
  );
}

function hostOf(peer: string): string {
  const v6 = /^\[([^\]]+)\]:\d+$/.exec(peer);
  if (v6 !== null) return v6[1] ?? '';
  const at = peer.lastIndexOf(':');
  return at > 0 ? peer.slice(0, at) : peer;
}

/** The Dispatcher service over `dispatcher`. */
export function dispatcherServices(
  dispatcher: Dispatcher,
  options: DispatcherServiceOptions,
): ServiceBinding[] {
  const calls = (call: AnyCall) => dispatcher.forNode(callerOf(call, options.localNodeId));
  const implementation = {
    session: serverStream<SessionRequest__Output, SessionMessage>(async (req, call, signal) => {
      const stream = calls(call).session(sessionRequestFromProto(req), { signal });
      for await (const m of stream) await send(call, sessionMessageToProto(m), { signal });
    }),
    heartbeat: unary<HeartbeatRequest__Output, HeartbeatResponse>(async (req, call) => {
      const { periodMs } = await calls(call).heartbeat(req.sessionId);
      return { periodMs };
    }),
    assignments: serverStream<AssignmentsRequest__Output, AssignmentsMessage>(
      async (req, call, signal) => {
        const stream = calls(call).assignments(req.sessionId, { signal });
        for await (const m of stream) await send(call, assignmentsToProto(m), { signal });
      },
    ),
    updateTaskStatus: unary<UpdateTaskStatusRequest__Output, UpdateTaskStatusResponse>(
      async (req, call) => {
        const updates = req.updates.map((u, i) => statusUpdateFromProto(u, i));
        return calls(call).updateTaskStatus(req.sessionId, updates);
      },
    ),
  };
  return [{ definition: serviceDefinition('dispatcher', 'Dispatcher'), implementation }];
}
