/**
 * The manager side of a join: the token decides the role, the CA writes it into the certificate.
 *
 * @module
 */
import { issueNodeCertificate, type IssuedCertificate, type SigningCa } from './issue.js';
import { verifyJoinToken, type JoinTokens } from './join-token.js';
import type { NodeRole } from './identity.js';

/** A join request as it reaches the CA. */
export interface JoinRequest {
  /** The token the joining node presented. */
  token: string;
  /** The CSR of the joining node's new key. */
  csrPem: string;
}

/** What the CA answers to a join. */
export interface JoinGrant extends IssuedCertificate {
  role: NodeRole;
}

/** Options of {@link signJoinRequest}. */
export interface SignJoinOptions {
  /** The cluster's current join tokens. */
  tokens: JoinTokens;
  /** Digest of the current root (the one tokens pin), hex. */
  rootDigest: string;
  clusterId: string;
  /** The id the cluster gives the new node. */
  nodeId: string;
  /** The current time (injected clock). */
  now: Date;
  /** Node certificate life; default 90 days. */
  validityMs?: number;
  /** Shortest life accepted (see `IssueOptions.minValidityMs`). */
  minValidityMs?: number;
}

/**
 * Verifies the join token, then signs the CSR with the role the token grants: a worker token
 * never yields a manager certificate, whatever the CSR says.
 *
 * @throws {CaError} `CA_INVALID_TOKEN` or `CA_TOKEN_OTHER_CLUSTER` for a bad token (nothing is
 *   signed), `CA_INVALID_CSR` for a bad CSR.
 */
export async function signJoinRequest(
  ca: SigningCa,
  request: JoinRequest,
  options: SignJoinOptions,
): Promise<JoinGrant> {
  const role = verifyJoinToken(options.tokens, request.token, options.rootDigest);
  const issued = await issueNodeCertificate(ca, request.csrPem, {
    nodeId: options.nodeId,
    role,
    clusterId: options.clusterId,
    now: options.now,
    ...(options.validityMs === undefined ? {} : { validityMs: options.validityMs }),
    ...(options.minValidityMs === undefined ? {} : { minValidityMs: options.minValidityMs }),
  });
  return { ...issued, role };
}
