/**
 * Checks a node certificate chain against trusted roots at a given time and reads the node
 * identity from it. A joining node runs it on the certificate it receives (so that clock skew
 * shows up as a clear error there), and a node runs it on its stored certificate at start.
 *
 * @module
 */
import { CaError, roleFromOu, type NodeIdentity } from './identity.js';
import { CERT_BACKDATE_MS, parseCertificate, rootDigest, splitPemChain } from './root-ca.js';
import type { CertValidity } from './renewal.js';
import { x509 } from './x509.js';

/** Longest chain accepted: node certificate, one cross-signed root, the trusted root. */
const MAX_CHAIN_LENGTH = 3;

/** A chain that checked out. */
export interface VerifiedCertificate {
  identity: NodeIdentity;
  notBefore: Date;
  notAfter: Date;
  /** Digest (hex SHA-256) of the trusted root the chain ends at. */
  rootDigest: string;
}

/** Options of {@link verifyNodeCertificate}. */
export interface VerifyOptions {
  /** Root certificates to trust, PEM (two during a root rotation). */
  trustedRootsPem: readonly string[];
  /** The current time (injected clock). */
  now: Date;
}

/**
 * Verifies `certChainPem` (node certificate first, then intermediates) up to one of the trusted
 * roots and returns who it names.
 *
 * @throws {CaError} `CA_CERT_NOT_YET_VALID` (with a clock-skew hint) or `CA_CERT_EXPIRED` when a
 *   certificate on the path is outside its validity; `CA_CERT_UNTRUSTED` when no path leads to a
 *   trusted root or the subject does not name a tsorch node.
 */
export async function verifyNodeCertificate(
  certChainPem: string,
  options: VerifyOptions,
): Promise<VerifiedCertificate> {
  const chain = splitPemChain(certChainPem);
  const leaf = chain[0] as x509.X509Certificate;
  const roots = options.trustedRootsPem.map((pem) => parseCertificate(pem));
  let current = leaf;
  for (let depth = 0; depth < MAX_CHAIN_LENGTH; depth++) {
    checkValidity(current, options.now, depth === 0 ? 'Node certificate' : 'CA certificate');
    const root = await findIssuer(current, roots);
    if (root !== undefined) {
      checkValidity(root, options.now, 'Root CA certificate');
      return {
        identity: identityOf(leaf),
        notBefore: leaf.notBefore,
        notAfter: leaf.notAfter,
        rootDigest: rootDigest(root.toString('pem')),
      };
    }
    const next = await findIssuer(current, chain.slice(1));
    if (next === undefined) break;
    current = next;
  }
  throw new CaError(
    'CA_CERT_UNTRUSTED',
    'Certificate is not signed by a trusted root CA of this cluster',
  );
}

async function findIssuer(
  cert: x509.X509Certificate,
  candidates: readonly x509.X509Certificate[],
): Promise<x509.X509Certificate | undefined> {
  for (const candidate of candidates) {
    if (candidate.subject !== cert.issuer || !isCa(candidate)) continue;
    if (await cert.verify({ publicKey: candidate.publicKey, signatureOnly: true })) {
      return candidate;
    }
  }
  return undefined;
}

function isCa(cert: x509.X509Certificate): boolean {
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  return bc?.ca === true;
}

function checkValidity(cert: x509.X509Certificate, now: Date, what: string): void {
  if (now < cert.notBefore) {
    // This CA backdates every certificate by CERT_BACKDATE_MS, so the issuer's clock read
    // notBefore + CERT_BACKDATE_MS when it signed: that is how far this machine is behind.
    const behindS = Math.ceil((cert.notBefore.getTime() + CERT_BACKDATE_MS - now.getTime()) / 1000);
    throw new CaError(
      'CA_CERT_NOT_YET_VALID',
      `${what} not valid until ${cert.notBefore.toISOString()}: this machine's clock is ${behindS} s behind the manager's; fix the clock (NTP)`,
      {
        hint: 'synchronize the clocks of this machine and the managers (NTP, e.g. "timedatectl set-ntp true") and retry',
        details: {
          notBefore: cert.notBefore.toISOString(),
          now: now.toISOString(),
          clockBehindS: behindS,
        },
      },
    );
  }
  if (now > cert.notAfter) {
    throw new CaError('CA_CERT_EXPIRED', `${what} expired at ${cert.notAfter.toISOString()}`, {
      hint: 'Renew it, or if the node stayed offline too long, remove it and join again with a token',
      details: { notAfter: cert.notAfter.toISOString(), now: now.toISOString() },
    });
  }
}

/** The validity period of the first certificate in `certChainPem` (a node's own certificate). */
export function certificateValidity(certChainPem: string): CertValidity {
  const leaf = splitPemChain(certChainPem)[0] as x509.X509Certificate;
  return { notBefore: leaf.notBefore, notAfter: leaf.notAfter };
}

/**
 * Reads the identity a node certificate names.
 *
 * @throws {CaError} `CA_CERT_UNTRUSTED` when CN, OU or O is missing or the OU is not a role.
 */
export function identityOf(cert: x509.X509Certificate): NodeIdentity {
  const name = cert.subjectName;
  const nodeId = name.getField('CN')[0];
  const role = roleFromOu(name.getField('OU')[0]);
  const clusterId = name.getField('O')[0];
  if (nodeId === undefined || role === undefined || clusterId === undefined) {
    throw new CaError(
      'CA_CERT_UNTRUSTED',
      `Certificate does not name a tsorch node: subject "${cert.subject}"`,
    );
  }
  return { nodeId, role, clusterId };
}
