/**
 * Root CA rotation without downtime (`swarm ca --rotate`), in swarmkit's shape.
 *
 * 1. The manager creates a new root and cross-signs it with the old root's key: the
 *    cross-signed certificate has the new root's subject and key, and the old root as issuer.
 * 2. Transition: the CA signs with the new key and appends the cross-signed certificate to every
 *    chain it issues, so nodes that still trust only the old root accept the new certificates;
 *    the trust bundle handed to nodes holds both roots. Every node renews.
 * 3. When every node holds a certificate issued under the new root (and trusts it), the cluster
 *    drops the old root and the cross-signed certificate.
 *
 * The state machine is PURE ({@link startRootRotation}, {@link advanceRootRotation},
 * {@link trustedRoots}); {@link crossSignRoot} does the signing.
 *
 * @module
 */
import { assert } from '../../util/assert.js';
import { ecdsaP256, x509 } from './x509.js';
import { caExtensions, parseCertificate, type RootCa } from './root-ca.js';

/** A root certificate and its digest (hex SHA-256 of DER). */
export interface RootRef {
  certPem: string;
  digest: string;
}

/** The cluster's roots: one root, or a rotation in progress. */
export type RootState =
  | { phase: 'stable'; root: RootRef }
  | { phase: 'rotating'; oldRoot: RootRef; newRoot: RootRef; crossSignedPem: string };

/** What a node reports for the rotation to progress: the root its current certificate chains to. */
export interface NodeRootStatus {
  nodeId: string;
  /** Digest of the root that signed the node's certificate (directly or via the cross-signed one). */
  issuerRootDigest: string;
}

/** The issuing side of a {@link RootState}: which root's key signs, and which certificates follow. */
export interface IssuingPlan {
  /** The root whose key signs new node certificates. */
  signingRootDigest: string;
  /** Intermediates appended to every issued chain. */
  intermediatesPem: readonly string[];
}

/**
 * Signs the new root's subject and key with the old root: a CA certificate that lets nodes trusting
 * only the old root accept chains issued under the new root. It lives no longer than the old root.
 */
export async function crossSignRoot(
  oldRoot: RootCa,
  newRootPem: string,
  now: Date,
): Promise<string> {
  const oldCert = parseCertificate(oldRoot.certPem);
  const newCert = parseCertificate(newRootPem);
  const cert = await x509.X509CertificateGenerator.create({
    subject: newCert.subjectName,
    issuer: oldCert.subjectName,
    publicKey: newCert.publicKey,
    signingKey: oldRoot.key.cryptoKey,
    notBefore: newCert.notBefore,
    notAfter: new Date(Math.min(newCert.notAfter.getTime(), oldCert.notAfter.getTime())),
    signingAlgorithm: ecdsaP256,
    extensions: [
      ...(await caExtensions(newCert.publicKey)),
      await x509.AuthorityKeyIdentifierExtension.create(oldCert),
    ],
  });
  assert(now <= cert.notAfter, 'Cannot cross-sign with an expired root');
  return cert.toString('pem');
}

/** Starts a rotation from a stable state. */
export function startRootRotation(
  state: RootState,
  newRoot: RootRef,
  crossSignedPem: string,
): RootState {
  assert(state.phase === 'stable', 'A root rotation is already in progress');
  assert(newRoot.digest !== state.root.digest, 'The new root must differ from the current one');
  return { phase: 'rotating', oldRoot: state.root, newRoot, crossSignedPem };
}

/** The roots nodes must trust now, PEM. */
export function trustedRoots(state: RootState): string[] {
  return state.phase === 'stable'
    ? [state.root.certPem]
    : [state.oldRoot.certPem, state.newRoot.certPem];
}

/** Which key signs node certificates now, and which intermediates their chains carry. */
export function issuingPlan(state: RootState): IssuingPlan {
  return state.phase === 'stable'
    ? { signingRootDigest: state.root.digest, intermediatesPem: [] }
    : { signingRootDigest: state.newRoot.digest, intermediatesPem: [state.crossSignedPem] };
}

/**
 * Finishes a rotation once every node's certificate was issued under the new root; otherwise
 * returns `state` unchanged. Call it whenever node statuses change.
 */
export function advanceRootRotation(state: RootState, nodes: readonly NodeRootStatus[]): RootState {
  if (state.phase === 'stable') return state;
  const done = nodes.every((n) => n.issuerRootDigest === state.newRoot.digest);
  return done ? { phase: 'stable', root: state.newRoot } : state;
}

/** Nodes still holding a certificate under the old root (what `swarm ca` shows as progress). */
export function nodesPendingRotation(state: RootState, nodes: readonly NodeRootStatus[]): string[] {
  if (state.phase === 'stable') return [];
  return nodes.filter((n) => n.issuerRootDigest !== state.newRoot.digest).map((n) => n.nodeId);
}
