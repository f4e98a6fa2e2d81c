/**
 * Join tokens in swarmkit's shape: `SWMTKN-1-<root CA digest, base36>-<secret, base36>`. PURE.
 *
 * The digest part pins the root CA: a joining node refuses a manager whose root certificate has
 * another digest. The secret part decides the role (one secret per role); the manager compares it
 * in constant time. Rotating a token replaces its secret, so the old token fails at once.
 *
 * @module
 */
import { CaError, toBase36, type NodeRole } from './identity.js';

/** Prefix and format version of every join token. */
export const JOIN_TOKEN_PREFIX = 'SWMTKN-1';

/** Bytes of randomness in a token secret (128 bits, as swarmkit). */
export const TOKEN_SECRET_BYTES = 16;

/** Width of the digest part: a SHA-256 digest needs 50 base36 digits. */
const DIGEST_WIDTH = 50;
/** Width of the secret part: 128 bits need 25 base36 digits. */
const SECRET_WIDTH = 25;

const TOKEN_PATTERN = /^SWMTKN-1-([0-9a-z]{50})-([0-9a-z]{25})$/;

/** The current join tokens of a cluster, one per role. */
export interface JoinTokens {
  worker: string;
  manager: string;
}

/** The two parts of a parsed token. */
export interface ParsedJoinToken {
  /** Root CA digest, base36 (50 characters). */
  rootDigest: string;
  /** Secret, base36 (25 characters). */
  secret: string;
}

/** Encodes a SHA-256 digest given as hex into the token's base36 digest part. */
export function digestPart(rootDigestHex: string): string {
  if (!/^[0-9a-f]{64}$/.test(rootDigestHex)) {
    throw new RangeError(`A root CA digest is 64 hex digits, got "${rootDigestHex}"`);
  }
  return BigInt(`0x${rootDigestHex}`).toString(36).padStart(DIGEST_WIDTH, '0');
}

/** Builds a token from the root CA digest (hex SHA-256) and 16 random bytes. */
export function formatJoinToken(rootDigestHex: string, secretBytes: Uint8Array): string {
  if (secretBytes.length !== TOKEN_SECRET_BYTES) {
    throw new RangeError(`A token secret needs ${TOKEN_SECRET_BYTES} bytes`);
  }
  return `${JOIN_TOKEN_PREFIX}-${digestPart(rootDigestHex)}-${toBase36(secretBytes, SECRET_WIDTH)}`;
}

/**
 * Parses a token without checking it against any cluster.
 *
 * @throws {CaError} `CA_INVALID_TOKEN` when the text is not a join token. The message never
 *   repeats the token: it is a secret.
 */
export function parseJoinToken(token: string): ParsedJoinToken {
  const match = TOKEN_PATTERN.exec(token.trim());
  if (match === null) {
    throw new CaError(
      'CA_INVALID_TOKEN',
      'Cannot parse join token: expected "SWMTKN-1-<digest>-<secret>"',
      {
        hint: 'Copy the whole token printed by "tsorch swarm join-token worker" (or manager) on a manager',
      },
    );
  }
  return { rootDigest: match[1] as string, secret: match[2] as string };
}

/** Creates both join tokens of a new cluster; `randomBytes(n)` must be a CSPRNG. */
export function createJoinTokens(
  rootDigestHex: string,
  randomBytes: (n: number) => Uint8Array,
): JoinTokens {
  return {
    worker: formatJoinToken(rootDigestHex, randomBytes(TOKEN_SECRET_BYTES)),
    manager: formatJoinToken(rootDigestHex, randomBytes(TOKEN_SECRET_BYTES)),
  };
}

/**
 * Replaces the secret of one role's token (`join-token --rotate`). The previous token of that role
 * stops verifying as soon as the returned tokens are the current ones.
 */
export function rotateJoinToken(
  tokens: JoinTokens,
  role: NodeRole,
  rootDigestHex: string,
  randomBytes: (n: number) => Uint8Array,
): JoinTokens {
  return { ...tokens, [role]: formatJoinToken(rootDigestHex, randomBytes(TOKEN_SECRET_BYTES)) };
}

/**
 * Re-targets both tokens at a new root CA (after a root rotation) and keeps their secrets, as
 * swarmkit does: old tokens then fail the joiner's pin check, new ones pin the new root.
 */
export function retargetJoinTokens(tokens: JoinTokens, newRootDigestHex: string): JoinTokens {
  const retarget = (token: string): string =>
    `${JOIN_TOKEN_PREFIX}-${digestPart(newRootDigestHex)}-${parseJoinToken(token).secret}`;
  return { worker: retarget(tokens.worker), manager: retarget(tokens.manager) };
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

/**
 * Checks a token a joining node presented against the cluster's current tokens (manager side)
 * and returns the role it grants.
 *
 * @throws {CaError} `CA_INVALID_TOKEN` for a malformed token or a wrong (or rotated) secret;
 *   `CA_TOKEN_OTHER_CLUSTER` when the token pins another root CA.
 */
export function verifyJoinToken(
  tokens: JoinTokens,
  presented: string,
  rootDigestHex: string,
): NodeRole {
  const parsed = parseJoinToken(presented);
  if (!constantTimeEqual(parsed.rootDigest, digestPart(rootDigestHex))) {
    throw new CaError(
      'CA_TOKEN_OTHER_CLUSTER',
      'Join token belongs to another cluster: its root CA digest does not match this cluster',
      {
        hint: 'Get a token from a manager of the cluster you want to join: "tsorch swarm join-token worker"',
      },
    );
  }
  // Compare against both secrets every time so that timing does not reveal which one matched.
  const isWorker = constantTimeEqual(parsed.secret, parseJoinToken(tokens.worker).secret);
  const isManager = constantTimeEqual(parsed.secret, parseJoinToken(tokens.manager).secret);
  if (isManager) return 'manager';
  if (isWorker) return 'worker';
  throw new CaError(
    'CA_INVALID_TOKEN',
    'Join token is not valid for this cluster: wrong or rotated secret',
    {
      hint: 'Ask for the current token with "tsorch swarm join-token worker" (or manager) on a manager',
    },
  );
}

/**
 * Joiner side: checks that the root CA a manager presented is the one the token pins.
 *
 * @throws {CaError} `CA_INVALID_TOKEN` for a malformed token; `CA_ROOT_MISMATCH` when the manager
 *   presents another root CA (a wrong address or a man in the middle).
 */
export function checkRootPin(token: string, presentedRootDigestHex: string): void {
  const parsed = parseJoinToken(token);
  if (!constantTimeEqual(parsed.rootDigest, digestPart(presentedRootDigestHex))) {
    throw new CaError(
      'CA_ROOT_MISMATCH',
      'Refusing to join: the manager presented a root CA that does not match the join token',
      {
        hint: 'Check the manager address; the token pins the root CA of the cluster it came from',
        details: { presentedRootDigest: presentedRootDigestHex },
      },
    );
  }
}
