/**
 * The manager's TCP side: the mutual-TLS listener (cluster API, join port, Raft, and the
 * control plane's services), and the gRPC calls a node makes to a manager (join, membership).
 *
 * @module
 */
import { connect } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { CLUSTER_POLICY } from '../api/cluster/index.js';
import { fromGrpcError } from '../api/errors.js';
import { serviceClient, type ServiceBinding } from '../api/proto.js';
import {
  createAuthorizationInterceptor,
  createReloadableServerCredentials,
  policyFor,
  type ClientTls,
  type RpcPolicy,
  type TlsIdentitySource,
} from '../api/tls.js';
import { MANAGER_SERVER_NAME } from '../manager/index.js';
import { TsorchError } from '../util/errors.js';
import { clusterJoinCallDeadlineMs, grpcMaxMessageBytes } from '../util/limits.js';
import { managerServicesPolicy } from './node.js';

/** Who may call what on a manager's TCP listener. */
export function tcpPolicy(): RpcPolicy {
  return {
    ...CLUSTER_POLICY,
    ...policyFor('tsorch.v1.Raft', { ProcessMessage: ['manager'], StreamSnapshot: ['manager'] }),
    ...managerServicesPolicy,
  };
}

/**
 * Binds the cluster listener on `address` with mutual TLS from `source`. The client certificate
 * is optional at the handshake (the join RPCs serve nodes without one); the interceptor refuses
 * every other RPC to a caller without a node certificate of `clusterId`.
 *
 * @throws {TsorchError} FAILED_PRECONDITION naming `--listen-addr` when the address cannot be bound.
 */
export async function listenCluster(
  address: string,
  source: TlsIdentitySource,
  clusterId: string,
  services: readonly ServiceBinding[],
): Promise<grpc.Server> {
  const server = new grpc.Server({
    interceptors: [createAuthorizationInterceptor(tcpPolicy(), { clusterId })],
    'grpc.max_receive_message_length': grpcMaxMessageBytes,
    'grpc.max_send_message_length': grpcMaxMessageBytes,
  });
  for (const s of services) server.addService(s.definition, s.implementation);
  try {
    await new Promise<number>((resolve, reject) => {
      server.bindAsync(
        address,
        createReloadableServerCredentials(source, { clientCertificate: 'optional' }),
        (err, port) => {
          if (err === null) resolve(port);
          else reject(err);
        },
      );
    });
  } catch (err) {
    server.forceShutdown();
    throw new TsorchError(
      'FAILED_PRECONDITION',
      `Cannot listen on --listen-addr "${address}": ${(err as Error).message}`,
      { cause: err, hint: 'choose another address or port with --listen-addr' },
    );
  }
  return server;
}

/** Stops a listener: graceful for a moment, then by force. */
export function closeServer(server: grpc.Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, 1_000);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Client TLS that checks nothing: only for fetching the root CA the join token then pins. */
export function unverifiedTls(): ClientTls {
  return {
    credentials: grpc.credentials.createSsl(null, null, null, { rejectUnauthorized: false }),
    options: { 'grpc.ssl_target_name_override': MANAGER_SERVER_NAME },
  };
}

/** Client TLS that trusts only `rootPem` and wants a manager certificate, without a client one. */
export function pinnedTls(rootPem: string): ClientTls {
  return {
    credentials: grpc.credentials.createSsl(Buffer.from(rootPem)),
    options: {
      'grpc.ssl_target_name_override': MANAGER_SERVER_NAME,
      'grpc.default_authority': MANAGER_SERVER_NAME,
    },
  };
}

function unreachableManager(address: string, cause: unknown): TsorchError {
  return new TsorchError(
    'CLUSTER_MANAGER_UNREACHABLE',
    `Cannot reach the manager at "${address}"`,
    {
      cause,
      hint: 'check the address and port (default 2377), that the manager runs, and firewalls between the nodes',
    },
  );
}

/**
 * Calls `tsorch.v1.<service>/<method>` on the manager at `address`.
 *
 * @throws {TsorchError} the manager's error, or CLUSTER_MANAGER_UNREACHABLE.
 */
export function callManager<Res>(
  address: string,
  tls: ClientTls,
  service: 'NodeCa' | 'Membership' | 'Swarm',
  method: string,
  request: unknown,
  deadlineMs = clusterJoinCallDeadlineMs,
): Promise<Res> {
  const Ctor = serviceClient('cluster', service);
  const client = new Ctor(address, tls.credentials, tls.options);
  const fn = (client as unknown as Record<string, grpc.requestCallback<unknown> | undefined>)[
    method
  ];
  if (fn === undefined) throw new TypeError(`No method "${method}" on ${service}`);
  return new Promise<Res>((resolve, reject) => {
    (
      fn as unknown as (
        req: unknown,
        opts: grpc.CallOptions,
        cb: (err: grpc.ServiceError | null, res?: unknown) => void,
      ) => void
    ).call(client, request, { deadline: Date.now() + deadlineMs }, (err, res) => {
      client.close();
      if (err === null) {
        resolve(res as Res);
        return;
      }
      if (
        err.metadata.get('tsorch-error-code').length === 0 &&
        err.code === grpc.status.UNAVAILABLE
      ) {
        reject(unreachableManager(address, err));
        return;
      }
      reject(fromGrpcError(err));
    });
  });
}

/**
 * The local address this machine uses to reach `host:port` (what other nodes can reach it at),
 * found by opening a TCP connection; the connection also proves the manager is reachable.
 *
 * @throws {TsorchError} CLUSTER_MANAGER_UNREACHABLE when the connection fails.
 */
export function localAddressTowards(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: clusterJoinCallDeadlineMs });
    socket.once('connect', () => {
      const local = socket.localAddress ?? '';
      socket.destroy();
      resolve(local);
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(unreachableManager(`${host}:${port}`, new Error('connection timed out')));
    });
    socket.once('error', (err) => {
      socket.destroy();
      reject(unreachableManager(`${host}:${port}`, err));
    });
  });
}

/** True when a TLS connection to `address` comes up within `deadlineMs`. */
export function probe(address: string, tls: ClientTls, deadlineMs: number): Promise<boolean> {
  const client = new grpc.Client(address, tls.credentials, tls.options);
  return new Promise((resolve) => {
    client.waitForReady(Date.now() + deadlineMs, (err) => {
      client.close();
      resolve(err === undefined);
    });
  });
}
