/**
 * Limits on everything (TigerBeetle): every queue, stream, retry and loop has a bound, named
 * with its unit last. Modules add their limits here so they are reviewed in one place.
 *
 * @module
 */

/** Deadline for a unary gRPC call from the CLI to the local daemon. */
export const cliUnaryDeadlineMs = 30_000;

/** Deadline for connecting to the local daemon's socket. */
export const cliConnectDeadlineMs = 2_000;

/** Largest gRPC message the daemon and CLI accept. */
export const grpcMaxMessageBytes = 64 * 1024 * 1024;

/** Time the daemon waits for in-flight calls at shutdown before forcing. */
export const daemonShutdownGraceMs = 10_000;
