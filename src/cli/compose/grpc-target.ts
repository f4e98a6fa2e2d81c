/**
 * The compose commands' cluster: the deploy engine's target over the daemon's Services and
 * cluster object gRPC APIs (local socket, or TSORCH_HOST over mutual TLS). Each call opens its
 * own connection, so the target holds nothing open between calls.
 *
 * @module
 */
import {
  servicesStackTarget,
  type ObjectsServiceName,
  type ServicesCaller,
} from '../../api/stacks/services-target.js';
import type { StackTarget } from '../../api/stacks/engine.js';
import { connectDaemon, type DaemonClient } from '../client.js';
import type { CliIo } from '../io.js';
import { TsorchError } from '../../util/errors.js';

/** A daemon that lacks the cluster APIs: a node that is not a manager of a cluster. */
const notManager =
  /does not implement the method \/tsorch\.v1\.(Services|ClusterNetworks|Secrets|Configs|ClusterVolumes)\//;

/** A daemon that does not answer, or is no manager, said as what it means for the stack. */
function stackError(err: unknown): unknown {
  if (err instanceof Error && notManager.test(err.message)) {
    return new TsorchError(
      'CLUSTER_NOT_MANAGER',
      'This daemon does not serve the cluster services API: it is not a swarm manager',
      { cause: err, hint: 'run `tsorch swarm init` on it first, or point --host at a manager' },
    );
  }
  if (!(err instanceof TsorchError) || err.code !== 'CLI_DAEMON_UNREACHABLE') return err;
  return new TsorchError(
    'CLI_DAEMON_UNREACHABLE',
    `${err.message}: no stack can be read or changed there`,
    { cause: err, ...(err.hint === undefined ? {} : { hint: err.hint }) },
  );
}

function connect(io: CliIo): DaemonClient {
  try {
    return connectDaemon(io.env);
  } catch (err) {
    throw stackError(err);
  }
}

async function unaryOf<R>(
  io: CliIo,
  where: { file: string; service: string },
  method: string,
  request: unknown,
  signal?: AbortSignal,
): Promise<R> {
  const daemon = connect(io);
  try {
    const client = daemon.service(where.file, where.service);
    return await daemon.unary<R>(client, method, request, signal === undefined ? {} : { signal });
  } catch (err) {
    throw stackError(err);
  } finally {
    daemon.close();
  }
}

/** The Services and cluster object APIs of the daemon `io.env` points at. */
export function daemonServicesCaller(io: CliIo): ServicesCaller {
  return {
    unary<R>(method: string, request: unknown, signal?: AbortSignal): Promise<R> {
      return unaryOf<R>(io, { file: 'services', service: 'Services' }, method, request, signal);
    },
    objects<R>(
      service: ObjectsServiceName,
      method: string,
      request: unknown,
      signal?: AbortSignal,
    ): Promise<R> {
      return unaryOf<R>(io, { file: 'objects', service }, method, request, signal);
    },
    async *stream<R>(method: string, request: unknown, signal?: AbortSignal): AsyncIterable<R> {
      const daemon = connect(io);
      try {
        const client = daemon.service('services', 'Services');
        yield* daemon.stream<R>(client, method, request, signal === undefined ? {} : { signal });
      } catch (err) {
        throw stackError(err);
      } finally {
        daemon.close();
      }
    },
  };
}

/** The stack target over the daemon's Services API. */
export function grpcStackTarget(io: CliIo): StackTarget {
  return servicesStackTarget(daemonServicesCaller(io));
}
