/**
 * Operating errors: what goes wrong when tsorch meets the world (bad input, missing objects,
 * failed tools). Each carries a stable code, listed once here (undici's `UND_ERR_*` model), so
 * callers and the gRPC mapping never match on message text.
 *
 * Message grammar (Deno std): sentence case, no final period, values in quotes, detail after a
 * colon, no contractions.
 *
 * @module
 */

/** Every stable error code, by module prefix. Add new codes here and nowhere else. */
export const ERROR_CODES = [
  // generic
  'INTERNAL',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'CONFLICT',
  'FAILED_PRECONDITION',
  'UNAVAILABLE',
  'CANCELLED',
  'TIMEOUT',
  'UNSUPPORTED',
  'PERMISSION_DENIED',
  // cli
  'CLI_USAGE',
  'CLI_DAEMON_UNREACHABLE',
  // compose
  'COMPOSE_INVALID',
  'COMPOSE_FILE_NOT_FOUND',
  'COMPOSE_INTERPOLATION',
  // stacks (tsorch up, down, plan)
  'STACK_INVALID',
  'STACK_DEPENDENCY_FAILED',
  'STACK_NOT_READY',
  // raft and store
  'RAFT_NOT_LEADER',
  'RAFT_STOPPED',
  'RAFT_PROPOSAL_DROPPED',
  'RAFT_WAL_CORRUPT',
  'RAFT_MESSAGE_TOO_LARGE',
  'STORE_CONFLICT',
  'STORE_NOT_FOUND',
  'STORE_EXISTS',
  'STORE_INVALID_OBJECT',
  'STORE_INVALID_TRANSITION',
  'STORE_CORRUPT',
  'STORE_DECRYPT_FAILED',
  'STORE_WATCH_OVERFLOW',
  'STORE_WATCH_COMPACTED',
  'STORE_WATCH_RESET',
  'STORE_IN_USE',
  // dispatcher and worker
  'DISPATCHER_SESSION_INVALID',
  'TASK_FILES_FAILED',
  // image
  'IMAGE_NOT_FOUND',
  'IMAGE_INVALID',
  'IMAGE_DIGEST_MISMATCH',
  'IMAGE_UNSAFE_LAYER',
  'IMAGE_REGISTRY',
  'IMAGE_AUTH',
  'IMAGE_IN_USE',
  'IMAGE_BUILD',
  'IMAGE_DOCKERFILE_INVALID',
  'IMAGE_BUILD_RUN_FAILED',
  'IMAGE_NO_SPACE',
  // runtime and containers
  'RUNTIME_EXEC_FAILED',
  'RUNTIME_UNAVAILABLE',
  'CONTAINER_NOT_FOUND',
  'CONTAINER_STATE',
  'CONTAINER_NO_SPACE',
  'VOLUME_IN_USE',
  // network
  'NET_FAILED',
  'NET_NOT_FOUND',
  'NET_IN_USE',
  'NET_PORT_CONFLICT',
  'NET_ADDRESS_CONFLICT',
  // cluster CA and join tokens
  'CA_INVALID_TOKEN',
  'CA_TOKEN_OTHER_CLUSTER',
  'CA_ROOT_MISMATCH',
  'CA_INVALID_CSR',
  'CA_INVALID_KEY',
  'CA_CERT_UNTRUSTED',
  'CA_CERT_EXPIRED',
  'CA_CERT_NOT_YET_VALID',
  // cluster membership
  'CLUSTER_NOT_MANAGER',
  'CLUSTER_NOT_MEMBER',
  'CLUSTER_ALREADY_MEMBER',
  'CLUSTER_NO_QUORUM',
  'CLUSTER_MANAGER_UNREACHABLE',
  'CLUSTER_CA_ROTATION_PENDING',
  'RAFT_WAL_KEY_MISMATCH',
  'CLUSTER_LOCKED',
  'CLUSTER_UNLOCK_KEY_INVALID',
] as const;

/** A stable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Options accepted by every {@link TsorchError}. */
export interface TsorchErrorOptions {
  /** The underlying error. */
  cause?: unknown;
  /** Structured detail that travels with the error (over gRPC as JSON metadata). */
  details?: Record<string, unknown>;
  /** A one-line suggestion shown by the CLI as `Hint: ...`. */
  hint?: string;
}

/** Base class of every operating error. */
export class TsorchError extends Error {
  override name = 'TsorchError';
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: TsorchErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
    this.hint = options.hint;
  }
}

/** An object that does not exist. */
export class NotFoundError extends TsorchError {
  override name = 'NotFoundError';
  constructor(message: string, options: TsorchErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? 'NOT_FOUND', message, options);
  }
}

/** A write based on a stale version, or a name already taken. */
export class ConflictError extends TsorchError {
  override name = 'ConflictError';
  constructor(message: string, options: TsorchErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? 'CONFLICT', message, options);
  }
}

/** Input that does not make sense (API fields, CLI flags). */
export class InvalidArgumentError extends TsorchError {
  override name = 'InvalidArgumentError';
  constructor(message: string, options: TsorchErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? 'INVALID_ARGUMENT', message, options);
  }
}

/** Returns true when `err` is a {@link TsorchError} with the given code. */
export function hasCode(err: unknown, code: ErrorCode): err is TsorchError {
  return err instanceof TsorchError && err.code === code;
}

/** Returns true when `code` is one of {@link ERROR_CODES}. */
export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}
