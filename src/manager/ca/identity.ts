/**
 * Node identity as the CA writes it into certificates, and the ids the CA mints. PURE: no I/O,
 * randomness comes in as bytes.
 *
 * Subject layout follows swarmkit: CN = node id, OU = role (`swarm-manager` or `swarm-worker`),
 * O = cluster id. The role in the certificate is what every RPC checks.
 *
 * @module
 */
import { TsorchError, type ErrorCode, type TsorchErrorOptions } from '../../util/errors.js';

/** A node's role in the cluster. */
export type NodeRole = 'manager' | 'worker';

/** The organizational unit (OU) that carries each role in a certificate subject. */
export const ROLE_OU: Readonly<Record<NodeRole, string>> = {
  manager: 'swarm-manager',
  worker: 'swarm-worker',
};

/** The DNS name every manager certificate holds; clients that need a manager verify it. */
export const MANAGER_SERVER_NAME = ROLE_OU.manager;

/** Who a certificate says its holder is. */
export interface NodeIdentity {
  /** Node id (subject CN). */
  nodeId: string;
  /** Role (from subject OU). */
  role: NodeRole;
  /** Cluster id (subject O). */
  clusterId: string;
}

/** An error of the cluster CA (tokens, certificates, CSRs). */
export class CaError extends TsorchError {
  override name = 'CaError';
  constructor(code: ErrorCode, message: string, options: TsorchErrorOptions = {}) {
    super(code, message, options);
  }
}

/** Returns the role an OU stands for, or undefined when it is not a tsorch role. */
export function roleFromOu(ou: string | undefined): NodeRole | undefined {
  if (ou === ROLE_OU.manager) return 'manager';
  if (ou === ROLE_OU.worker) return 'worker';
  return undefined;
}

/** Width of an id in base36 digits: 128 bits need 25 (swarmkit's identity.NewID). */
export const ID_WIDTH = 25;

/** Bytes of randomness in a node or cluster id. */
export const ID_RANDOM_BYTES = 16;

const ID_PATTERN = /^[0-9a-z]{25}$/;

/**
 * Encodes `bytes` as a big-endian number in base36 (digits then lower-case letters), left-padded
 * with zeros to `width` digits.
 */
export function toBase36(bytes: Uint8Array, width: number): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n.toString(36).padStart(width, '0');
}

/**
 * Builds a node or cluster id from 16 random bytes: 25 base36 characters, safe inside an X.509
 * name and a file name.
 */
export function formatId(randomBytes: Uint8Array): string {
  if (randomBytes.length !== ID_RANDOM_BYTES) {
    throw new RangeError(`An id needs ${ID_RANDOM_BYTES} random bytes, got ${randomBytes.length}`);
  }
  return toBase36(randomBytes, ID_WIDTH);
}

/** Returns true when `id` has the shape of an id from {@link formatId}. */
export function isId(id: string): boolean {
  return ID_PATTERN.test(id);
}
