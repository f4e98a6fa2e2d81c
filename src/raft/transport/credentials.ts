/**
 * The gRPC credential types the Raft driver hands to its peer transport. The driver names them
 * through this file so that only the transport adapter imports `@grpc/*` (DESIGN.md §3).
 *
 * @module
 */
export type { ChannelCredentials, ChannelOptions, Server, ServerCredentials } from '@grpc/grpc-js';
