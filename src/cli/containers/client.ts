/**
 * The CLI side of the Containers and Volumes services: typed calls over the daemon client.
 *
 * @module
 */
import type * as grpc from '@grpc/grpc-js';
import { connectDaemon, type DaemonClient } from '../client.js';
import type { CliIo } from '../io.js';

/** A connection to the Containers and Volumes services. */
export interface ContainersClient {
  daemon: DaemonClient;
  containers: grpc.Client;
  volumes: grpc.Client;
  /** Calls a Containers method. */
  call<Res>(method: string, request: unknown, deadlineMs?: number): Promise<Res>;
  /** Calls a Volumes method. */
  callVolumes<Res>(method: string, request: unknown): Promise<Res>;
  close(): void;
}

/** Connects to the local daemon (no I/O until the first call). */
export function containersClient(io: CliIo): ContainersClient {
  const daemon = connectDaemon(io.env);
  const containers = daemon.service('containers', 'Containers');
  const volumes = daemon.service('containers', 'Volumes');
  return {
    daemon,
    containers,
    volumes,
    call: <Res>(method: string, request: unknown, deadlineMs?: number) =>
      daemon.unary<Res>(
        containers,
        method,
        request,
        deadlineMs === undefined ? {} : { deadlineMs },
      ),
    callVolumes: <Res>(method: string, request: unknown) =>
      daemon.unary<Res>(volumes, method, request),
    close: () => daemon.close(),
  };
}
