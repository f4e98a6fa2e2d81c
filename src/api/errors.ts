/**
 * The one mapping between tsorch error codes and gRPC status codes (STYLE.md). The code, hint
 * and details travel in trailing metadata, so the client rebuilds the typed error without
 * looking at message text.
 *
 * @module
 */
import * as grpc from '@grpc/grpc-js';
import {
  TsorchError,
  isErrorCode,
  type ErrorCode,
  type TsorchErrorOptions,
} from '../util/errors.js';

const CODE_KEY = 'tsorch-error-code';
const HINT_KEY = 'tsorch-error-hint';
const DETAILS_KEY = 'tsorch-error-details';

/** gRPC status for every error code without its own line falls back by suffix, then INTERNAL. */
const statusByCode: Partial<Record<ErrorCode, grpc.status>> = {
  INVALID_ARGUMENT: grpc.status.INVALID_ARGUMENT,
  CLI_USAGE: grpc.status.INVALID_ARGUMENT,
  COMPOSE_INVALID: grpc.status.INVALID_ARGUMENT,
  COMPOSE_INTERPOLATION: grpc.status.INVALID_ARGUMENT,
  IMAGE_INVALID: grpc.status.INVALID_ARGUMENT,
  IMAGE_UNSAFE_LAYER: grpc.status.INVALID_ARGUMENT,
  IMAGE_BUILD: grpc.status.INVALID_ARGUMENT,
  RAFT_MESSAGE_TOO_LARGE: grpc.status.INVALID_ARGUMENT,
  NOT_FOUND: grpc.status.NOT_FOUND,
  COMPOSE_FILE_NOT_FOUND: grpc.status.NOT_FOUND,
  STORE_NOT_FOUND: grpc.status.NOT_FOUND,
  IMAGE_NOT_FOUND: grpc.status.NOT_FOUND,
  CONTAINER_NOT_FOUND: grpc.status.NOT_FOUND,
  ALREADY_EXISTS: grpc.status.ALREADY_EXISTS,
  STORE_EXISTS: grpc.status.ALREADY_EXISTS,
  CONFLICT: grpc.status.ABORTED,
  STORE_CONFLICT: grpc.status.ABORTED,
  FAILED_PRECONDITION: grpc.status.FAILED_PRECONDITION,
  CONTAINER_STATE: grpc.status.FAILED_PRECONDITION,
  VOLUME_IN_USE: grpc.status.FAILED_PRECONDITION,
  STORE_IN_USE: grpc.status.FAILED_PRECONDITION,
  RAFT_NOT_LEADER: grpc.status.FAILED_PRECONDITION,
  DISPATCHER_SESSION_INVALID: grpc.status.FAILED_PRECONDITION,
  UNAVAILABLE: grpc.status.UNAVAILABLE,
  RAFT_STOPPED: grpc.status.UNAVAILABLE,
  RAFT_PROPOSAL_DROPPED: grpc.status.UNAVAILABLE,
  CLI_DAEMON_UNREACHABLE: grpc.status.UNAVAILABLE,
  RUNTIME_UNAVAILABLE: grpc.status.UNAVAILABLE,
  IMAGE_REGISTRY: grpc.status.UNAVAILABLE,
  CANCELLED: grpc.status.CANCELLED,
  TIMEOUT: grpc.status.DEADLINE_EXCEEDED,
  UNSUPPORTED: grpc.status.UNIMPLEMENTED,
  PERMISSION_DENIED: grpc.status.PERMISSION_DENIED,
  IMAGE_AUTH: grpc.status.UNAUTHENTICATED,
  IMAGE_NO_SPACE: grpc.status.RESOURCE_EXHAUSTED,
  // A join token or certificate that does not admit the caller.
  CA_INVALID_TOKEN: grpc.status.UNAUTHENTICATED,
  CA_TOKEN_OTHER_CLUSTER: grpc.status.UNAUTHENTICATED,
  CA_CERT_UNTRUSTED: grpc.status.UNAUTHENTICATED,
  CA_CERT_EXPIRED: grpc.status.UNAUTHENTICATED,
  CA_CERT_NOT_YET_VALID: grpc.status.FAILED_PRECONDITION,
  CA_ROOT_MISMATCH: grpc.status.FAILED_PRECONDITION,
  CA_INVALID_CSR: grpc.status.INVALID_ARGUMENT,
  CA_INVALID_KEY: grpc.status.INVALID_ARGUMENT,
  CONTAINER_NO_SPACE: grpc.status.RESOURCE_EXHAUSTED,
  CLUSTER_NOT_MANAGER: grpc.status.FAILED_PRECONDITION,
  CLUSTER_NOT_MEMBER: grpc.status.FAILED_PRECONDITION,
  CLUSTER_ALREADY_MEMBER: grpc.status.FAILED_PRECONDITION,
  CLUSTER_NO_QUORUM: grpc.status.UNAVAILABLE,
  CLUSTER_MANAGER_UNREACHABLE: grpc.status.UNAVAILABLE,
  NET_NOT_FOUND: grpc.status.NOT_FOUND,
  NET_IN_USE: grpc.status.FAILED_PRECONDITION,
  NET_PORT_CONFLICT: grpc.status.FAILED_PRECONDITION,
  NET_ADDRESS_CONFLICT: grpc.status.FAILED_PRECONDITION,
  RAFT_WAL_KEY_MISMATCH: grpc.status.FAILED_PRECONDITION,
  CLUSTER_LOCKED: grpc.status.FAILED_PRECONDITION,
  CLUSTER_UNLOCK_KEY_INVALID: grpc.status.INVALID_ARGUMENT,
};

/** The gRPC status a tsorch error code travels as. */
export function grpcStatusOf(code: ErrorCode): grpc.status {
  return statusByCode[code] ?? grpc.status.INTERNAL;
}

/** A gRPC error object as grpc-js servers accept and clients receive. */
export type GrpcError = Partial<grpc.StatusObject> & Error;

/** Converts anything a handler threw into a gRPC error carrying the tsorch code. */
export function toGrpcError(err: unknown): GrpcError {
  const metadata = new grpc.Metadata();
  if (err instanceof TsorchError) {
    metadata.set(CODE_KEY, err.code);
    if (err.hint !== undefined) metadata.set(HINT_KEY, err.hint);
    if (err.details !== undefined) metadata.set(DETAILS_KEY, JSON.stringify(err.details));
    return Object.assign(new Error(err.message), {
      code: grpcStatusOf(err.code),
      details: err.message,
      metadata,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  metadata.set(CODE_KEY, 'INTERNAL');
  return Object.assign(new Error(message), {
    code: grpc.status.INTERNAL,
    details: `internal error: ${message}`,
    metadata,
  });
}

function firstString(md: grpc.Metadata | undefined, key: string): string | undefined {
  const v = md?.get(key)[0];
  return typeof v === 'string' ? v : undefined;
}

/** Rebuilds the typed error from a gRPC error received by a client. */
export function fromGrpcError(err: grpc.ServiceError): TsorchError {
  const rawCode = firstString(err.metadata, CODE_KEY);
  const hint = firstString(err.metadata, HINT_KEY);
  const rawDetails = firstString(err.metadata, DETAILS_KEY);
  const options: TsorchErrorOptions = { cause: err };
  if (hint !== undefined) options.hint = hint;
  if (rawDetails !== undefined) {
    try {
      options.details = JSON.parse(rawDetails) as Record<string, unknown>;
    } catch {
      // Details are best effort; the code and message still arrive.
    }
  }
  if (rawCode !== undefined && isErrorCode(rawCode)) {
    return new TsorchError(rawCode, err.details || err.message, options);
  }
  // No tsorch code: a transport failure (daemon gone, deadline) rather than a handler error.
  const code: ErrorCode =
    err.code === grpc.status.UNAVAILABLE
      ? 'UNAVAILABLE'
      : err.code === grpc.status.DEADLINE_EXCEEDED
        ? 'TIMEOUT'
        : err.code === grpc.status.CANCELLED
          ? 'CANCELLED'
          : 'INTERNAL';
  return new TsorchError(code, err.details || err.message, options);
}

/**
 * Wraps an async unary handler: its result is sent, and whatever it throws is mapped with
 * {@link toGrpcError}.
 */
export function unary<Req, Res>(
  handler: (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    // A handler that throws before its first await must map the same way as one that rejects.
    Promise.resolve()
      .then(() => handler(call.request, call))
      .then(
        (res) => {
          callback(null, res);
        },
        (err: unknown) => {
          callback(toGrpcError(err));
        },
      );
  };
}

/**
 * Wraps an async server-streaming handler. The handler writes with `call.write` and resolves
 * when done; the stream is then ended. A thrown error ends the stream with its status. The
 * handler gets an AbortSignal that fires when the client cancels.
 */
export function serverStream<Req, Res>(
  handler: (
    request: Req,
    call: grpc.ServerWritableStream<Req, Res>,
    signal: AbortSignal,
  ) => Promise<void>,
): grpc.handleServerStreamingCall<Req, Res> {
  return (call) => {
    const abort = new AbortController();
    call.on('cancelled', () => {
      abort.abort();
    });
    Promise.resolve()
      .then(() => handler(call.request, call, abort.signal))
      .then(
        () => {
          call.end();
        },
        (err: unknown) => {
          if (abort.signal.aborted) return;
          // grpc-js sends an 'error' event's status as the stream's trailing status.
          call.emit('error', toGrpcError(err));
        },
      );
  };
}
