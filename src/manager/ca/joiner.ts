/**
 * The joining node's side of `swarm join`, transport injected: pin the manager's root CA to the
 * token, send a CSR with the token, check the certificate that comes back.
 *
 * @module
 */
import { createNodeKeyRequest } from './issue.js';
import { checkRootPin, parseJoinToken } from './join-token.js';
import type { NodeCredentials } from './key-files.js';
import { rootDigest } from './root-ca.js';
import { verifyNodeCertificate, type VerifiedCertificate } from './verify.js';

/** How the joiner reaches the manager's CA (a gRPC client in the daemon, a function in tests). */
export interface JoinTransport {
  /** Fetches the root CA certificate the manager presents, PEM (not trusted yet). */
  fetchRootCa(): Promise<string>;
  /** Sends the token and CSR; returns the certificate chain, PEM. */
  requestCertificate(request: { token: string; csrPem: string }): Promise<string>;
}

/** What a successful join leaves the node with. */
export interface JoinResult extends VerifiedCertificate {
  credentials: NodeCredentials;
}

/**
 * Joins with `token`: refuses a manager whose root CA the token does not pin, then obtains and
 * checks a node certificate at this machine's time.
 *
 * @throws {CaError} `CA_INVALID_TOKEN` (malformed token, checked before any network call),
 *   `CA_ROOT_MISMATCH` (the manager presents another root CA), `CA_CERT_NOT_YET_VALID` (clock
 *   skew, with a hint), or whatever the transport throws (the manager's `CA_INVALID_TOKEN`, ...).
 */
export async function joinCluster(
  token: string,
  options: { transport: JoinTransport; now: () => Date },
): Promise<JoinResult> {
  parseJoinToken(token);
  const rootPem = await options.transport.fetchRootCa();
  checkRootPin(token, rootDigest(rootPem));
  const request = await createNodeKeyRequest();
  const certChainPem = await options.transport.requestCertificate({
    token,
    csrPem: request.csrPem,
  });
  const verified = await verifyNodeCertificate(certChainPem, {
    trustedRootsPem: [rootPem],
    now: options.now(),
  });
  return {
    ...verified,
    credentials: { key: request.key, certChainPem, trustedRootsPem: rootPem },
  };
}
