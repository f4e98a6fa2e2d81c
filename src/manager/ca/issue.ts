/**
 * Node certificates: a joining (or renewing) node makes a key and a CSR; the CA signs a
 * certificate whose subject it writes itself. The requester cannot choose its name or role:
 * the CA takes the node id from the cluster and the role from the join token (or the node's
 * current role on renewal), and ignores the CSR's subject and extensions.
 *
 * @module
 */
import { ecdsaP256, generateKeyPair, x509, type CryptoKeyPair } from './x509.js';
import { CaError, ROLE_OU, isId, type NodeIdentity } from './identity.js';
import { PrivateKey } from './private-key.js';
import { CERT_BACKDATE_MS, parseCertificate } from './root-ca.js';
import { assert } from '../../util/assert.js';

/** Default life of a node certificate: 90 days (swarmkit's default). */
export const NODE_CERT_VALIDITY_MS = 90 * 24 * 3600 * 1000;
/** Shortest node certificate life accepted (swarmkit's minimum). */
export const MIN_NODE_CERT_VALIDITY_MS = 3600 * 1000;

/** The key and certificate a CA signs with. */
export interface SigningCa {
  /** The CA certificate of `key`, PEM (a root, or during a root rotation the new root). */
  certPem: string;
  /** The CA's private key. */
  key: PrivateKey;
  /**
   * Certificates appended after the node certificate in the chain it receives (the cross-signed
   * new root during a root rotation); empty otherwise.
   */
  intermediatesPem: readonly string[];
}

/** A signed node certificate. */
export interface IssuedCertificate {
  /** Node certificate followed by any intermediates, PEM. */
  certChainPem: string;
  notBefore: Date;
  notAfter: Date;
}

/** Options of {@link issueNodeCertificate}. */
export interface IssueOptions extends NodeIdentity {
  /** The current time (injected clock). */
  now: Date;
  /** Certificate life; default {@link NODE_CERT_VALIDITY_MS}. */
  validityMs?: number;
  /**
   * Shortest life accepted; default {@link MIN_NODE_CERT_VALIDITY_MS}. Lowered only by the
   * daemon's test flag `--min-cert-expiry`, so renewal can be tested in seconds.
   */
  minValidityMs?: number;
}

/** A node's new key and the CSR to send to the CA. */
export interface NodeKeyRequest {
  key: PrivateKey;
  csrPem: string;
}

/** Creates a node key pair and a CSR for it (the subject is a placeholder the CA replaces). */
export async function createNodeKeyRequest(): Promise<NodeKeyRequest> {
  const keys = await generateKeyPair();
  return { key: await PrivateKey.fromCryptoKey(keys.privateKey), csrPem: await createCsr(keys) };
}

/** Creates a PEM CSR signed by `keys`. */
export async function createCsr(keys: CryptoKeyPair): Promise<string> {
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: 'CN=tsorch-node',
    keys,
    signingAlgorithm: ecdsaP256,
  });
  return csr.toString('pem');
}

/**
 * Signs a node certificate for the key in `csrPem`: CN = node id, OU = role, O = cluster id,
 * DNS names = role OU and node id, usable as TLS client and server.
 *
 * @throws {CaError} `CA_INVALID_CSR` when the CSR cannot be parsed or its signature is wrong;
 *   {@link RangeError} for a validity below one hour or malformed ids (caller bugs or bad config).
 */
export async function issueNodeCertificate(
  ca: SigningCa,
  csrPem: string,
  options: IssueOptions,
): Promise<IssuedCertificate> {
  const validityMs = options.validityMs ?? NODE_CERT_VALIDITY_MS;
  const minMs = options.minValidityMs ?? MIN_NODE_CERT_VALIDITY_MS;
  if (!(validityMs >= minMs)) {
    throw new RangeError(`Certificate validity must be at least ${minMs} ms, got ${validityMs} ms`);
  }
  assert(isId(options.nodeId) && isId(options.clusterId), 'Node and cluster ids must be ids');
  const csr = await parseCsr(csrPem);
  const caCert = parseCertificate(ca.certPem);
  const notBefore = new Date(options.now.getTime() - CERT_BACKDATE_MS);
  const notAfter = new Date(options.now.getTime() + validityMs);
  const ou = ROLE_OU[options.role];
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${options.nodeId}, OU=${ou}, O=${options.clusterId}`,
    issuer: caCert.subjectName,
    publicKey: csr.publicKey,
    signingKey: ca.key.cryptoKey,
    notBefore,
    notAfter,
    signingAlgorithm: ecdsaP256,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension(
        [x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth],
        false,
      ),
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: ou },
        { type: 'dns', value: options.nodeId },
      ]),
      await x509.SubjectKeyIdentifierExtension.create(csr.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  const chain = [cert.toString('pem'), ...ca.intermediatesPem.map((pem) => pem.trim())];
  return { certChainPem: chain.join('\n') + '\n', notBefore, notAfter };
}

async function parseCsr(csrPem: string): Promise<x509.Pkcs10CertificateRequest> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(csrPem);
  } catch (err) {
    throw new CaError('CA_INVALID_CSR', 'Cannot parse certificate signing request', { cause: err });
  }
  if (!(await csr.verify())) {
    throw new CaError('CA_INVALID_CSR', 'Certificate signing request has a wrong signature');
  }
  const alg = csr.publicKey.algorithm as { name?: string; namedCurve?: string };
  if (alg.name !== 'ECDSA' || alg.namedCurve !== 'P-256') {
    throw new CaError('CA_INVALID_CSR', 'Certificate signing request must hold an ECDSA P-256 key');
  }
  return csr;
}
