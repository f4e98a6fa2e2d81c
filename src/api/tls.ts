/**
 * Mutual TLS for every TCP gRPC connection (node to node, remote CLI to manager) and the role
 * check of every RPC.
 *
 * - Servers require a client certificate that chains to the cluster's trusted roots; a
 *   connection without one, with one of another CA, or with an expired one fails the handshake,
 *   and a plaintext connection never completes HTTP/2, so none of them reaches a handler.
 * - Clients verify the server against the same roots, and against the name `swarm-manager`
 *   that only manager certificates carry, so a worker cannot pose as a manager.
 * - {@link createAuthorizationInterceptor} reads the peer certificate of each call and refuses a
 *   caller whose role (certificate OU) the RPC does not allow, with PERMISSION_DENIED. RPCs
 *   missing from the policy are refused too (fail closed).
 *
 * - {@link TlsIdentitySource} and {@link createReloadableServerCredentials} swap certificates and
 *   roots of running servers (renewal, root rotation) and serve the join port, where a client
 *   certificate is optional and callers without one reach only RPCs open to `anonymous`.
 *
 * The local unix socket does not use this: it is protected by its file mode (0600, root).
 *
 * @module
 */
import * as grpc from '@grpc/grpc-js';
import {
  MANAGER_SERVER_NAME,
  roleFromOu,
  type NodeIdentity,
  type NodeRole,
  type PrivateKey,
} from '../manager/index.js';
import { TsorchError } from '../util/errors.js';
import { toGrpcError } from './errors.js';

/** What grpc-js reports about a call's transport (its AuthContext type is not re-exported). */
export type AuthContext = ReturnType<grpc.ServerInterceptingCallInterface['getAuthContext']>;

/** A node's TLS material. */
export interface TlsIdentity {
  /** Node certificate followed by intermediates, PEM. */
  certChainPem: string;
  /** The node's private key. */
  key: PrivateKey;
  /** Root certificates to trust, PEM (both roots during a root rotation). */
  trustedRootsPem: string;
}

/** Channel credentials plus the options that make the client check for a manager. */
export interface ClientTls {
  credentials: grpc.ChannelCredentials;
  /** Pass to the client constructor: the server must present a manager certificate. */
  options: grpc.ChannelOptions;
}

/**
 * Who may call an RPC: a node role, or `anonymous` for a caller without a verified certificate of
 * this cluster (only the join RPCs, served with an optional client certificate).
 */
export type Caller = NodeRole | 'anonymous';

/** For each full method path (`/tsorch.v1.Service/Method`), the callers allowed. */
export type RpcPolicy = Readonly<Record<string, readonly Caller[]>>;

/** Server credentials that require a client certificate from the cluster's CA. */
export function createServerCredentials(identity: TlsIdentity): grpc.ServerCredentials {
  return grpc.ServerCredentials.createSsl(
    Buffer.from(identity.trustedRootsPem),
    [
      {
        cert_chain: Buffer.from(identity.certChainPem),
        private_key: Buffer.from(identity.key.toPkcs8Pem()),
      },
    ],
    true,
  );
}

/**
 * Client credentials presenting this node's certificate and accepting only a server whose
 * certificate chains to the trusted roots and names `swarm-manager`.
 */
export function createClientCredentials(identity: TlsIdentity): ClientTls {
  return {
    credentials: grpc.credentials.createSsl(
      Buffer.from(identity.trustedRootsPem),
      Buffer.from(identity.key.toPkcs8Pem()),
      Buffer.from(identity.certChainPem),
    ),
    options: {
      'grpc.ssl_target_name_override': MANAGER_SERVER_NAME,
      'grpc.default_authority': MANAGER_SERVER_NAME,
    },
  };
}

/**
 * Client credentials that follow `source` (see {@link TlsIdentitySource}): each new connection
 * presents the node's current certificate and trusts the current roots, so a renewed certificate
 * or a rotated root is used without rebuilding clients. Servers must be managers, as with
 * {@link createClientCredentials}.
 */
export function createReloadableClientCredentials(source: TlsIdentitySource): ClientTls {
  return {
    credentials: grpc.experimental.createCertificateProviderChannelCredentials(source, source),
    options: {
      'grpc.ssl_target_name_override': MANAGER_SERVER_NAME,
      'grpc.default_authority': MANAGER_SERVER_NAME,
    },
  };
}

/**
 * Builds a policy for one service: `policyFor('tsorch.v1.Control', { CreateService: ['manager'] })`.
 */
export function policyFor(
  service: string,
  methods: Readonly<Record<string, readonly Caller[]>>,
): RpcPolicy {
  return Object.fromEntries(
    Object.entries(methods).map(([m, roles]) => [`/${service}/${m}`, roles]),
  );
}

/**
 * The identity in a call's verified peer certificate, or undefined when the call came without
 * one (plaintext, unix socket) or the certificate does not name a tsorch node.
 */
export function peerIdentity(auth: AuthContext | null): NodeIdentity | undefined {
  const subject = auth?.sslPeerCertificate?.subject;
  if (subject === undefined) return undefined;
  const nodeId = first(subject.CN);
  const role = roleFromOu(first(subject.OU));
  const clusterId = first(subject.O);
  if (nodeId === undefined || role === undefined || clusterId === undefined) return undefined;
  return { nodeId, role, clusterId };
}

// Node's PeerCertificate gives a string, or an array when the attribute repeats; a repeated
// attribute is ambiguous, so it counts as missing.
function first(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Returns why `identity` may not call `path`, or undefined when it may. PURE.
 */
export function denialReason(
  policy: RpcPolicy,
  path: string,
  identity: NodeIdentity | undefined,
  clusterId: string,
): string | undefined {
  const allowed = policy[path];
  if (allowed === undefined) return `Permission denied: RPC "${path}" is not open to any role`;
  if (identity === undefined) {
    if (allowed.includes('anonymous')) return undefined;
    return `Permission denied: RPC "${path}" needs a node certificate of this cluster`;
  }
  if (identity.clusterId !== clusterId) {
    return `Permission denied: certificate of node "${identity.nodeId}" belongs to cluster "${identity.clusterId}", not "${clusterId}"`;
  }
  if (!allowed.includes(identity.role)) {
    return `Permission denied: RPC "${path}" is for ${allowed.join(' or ')} nodes, and node "${identity.nodeId}" is a ${identity.role}`;
  }
  return undefined;
}

/**
 * A server interceptor that checks every call against `policy` before its handler runs. Pass it
 * in the server options: `new grpc.Server({ interceptors: [createAuthorizationInterceptor(...)] })`.
 */
export function createAuthorizationInterceptor(
  policy: RpcPolicy,
  options: { clusterId: string },
): grpc.ServerInterceptor {
  return (method, call) =>
    new grpc.ServerInterceptingCall(call, {
      start: (next) => {
        next({
          onReceiveMetadata: (metadata, nextMetadata) => {
            const reason = denialReason(
              policy,
              method.path,
              peerIdentity(call.getAuthContext()),
              options.clusterId,
            );
            if (reason === undefined) {
              nextMetadata(metadata);
              return;
            }
            const err = toGrpcError(new TsorchError('PERMISSION_DENIED', reason));
            call.sendStatus({
              code: grpc.status.PERMISSION_DENIED,
              details: reason,
              metadata: err.metadata ?? new grpc.Metadata(),
            });
          },
        });
      },
    });
}

/**
 * A node's TLS material that can change while servers and channels run: {@link update} swaps the
 * certificate, key and trusted roots of every credential built from it (renewal, root rotation)
 * without rebinding a port. New handshakes use the new material; open connections keep theirs.
 */
export class TlsIdentitySource implements grpc.experimental.CertificateProvider {
  #identity: TlsIdentity;
  readonly #caListeners = new Set<grpc.experimental.CaCertificateUpdateListener>();
  readonly #identityListeners = new Set<grpc.experimental.IdentityCertificateUpdateListener>();

  constructor(identity: TlsIdentity) {
    this.#identity = identity;
  }

  /** Replaces the material and tells every credential built from this source. */
  update(identity: TlsIdentity): void {
    this.#identity = identity;
    for (const listener of this.#caListeners) listener(this.#caUpdate());
    for (const listener of this.#identityListeners) listener(this.#identityUpdate());
  }

  #caUpdate(): grpc.experimental.CaCertificateUpdate {
    return { caCertificate: Buffer.from(this.#identity.trustedRootsPem) };
  }

  #identityUpdate(): grpc.experimental.IdentityCertificateUpdate {
    return {
      certificate: Buffer.from(this.#identity.certChainPem),
      privateKey: Buffer.from(this.#identity.key.toPkcs8Pem()),
    };
  }

  /** @internal grpc-js CertificateProvider contract. */
  addCaCertificateListener(listener: grpc.experimental.CaCertificateUpdateListener): void {
    this.#caListeners.add(listener);
    // grpc-js registers its watcher only after this call returns: deliver on a microtask, or the
    // server would start with no credentials and drop every connection until the next update.
    queueMicrotask(() => {
      if (this.#caListeners.has(listener)) listener(this.#caUpdate());
    });
  }

  /** @internal grpc-js CertificateProvider contract. */
  removeCaCertificateListener(listener: grpc.experimental.CaCertificateUpdateListener): void {
    this.#caListeners.delete(listener);
  }

  /** @internal grpc-js CertificateProvider contract. */
  addIdentityCertificateListener(
    listener: grpc.experimental.IdentityCertificateUpdateListener,
  ): void {
    this.#identityListeners.add(listener);
    queueMicrotask(() => {
      if (this.#identityListeners.has(listener)) listener(this.#identityUpdate());
    });
  }

  /** @internal grpc-js CertificateProvider contract. */
  removeIdentityCertificateListener(
    listener: grpc.experimental.IdentityCertificateUpdateListener,
  ): void {
    this.#identityListeners.delete(listener);
  }
}

/** Options of {@link createReloadableServerCredentials}. */
export interface ReloadableServerOptions {
  /**
   * `required` (default): every connection presents a certificate of the cluster, or the handshake
   * fails. `optional`: for the join port only; a caller without a verified certificate gets no
   * identity, so only RPCs whose policy lists `anonymous` admit it.
   */
  clientCertificate?: 'required' | 'optional';
}

/** Server credentials that follow `source` (see {@link TlsIdentitySource}). */
export function createReloadableServerCredentials(
  source: TlsIdentitySource,
  options: ReloadableServerOptions = {},
): grpc.ServerCredentials {
  return grpc.experimental.createCertificateProviderServerCredentials(
    source,
    source,
    (options.clientCertificate ?? 'required') === 'required',
  );
}
