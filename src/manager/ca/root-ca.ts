/**
 * The cluster root CA: an ECDSA P-256 key and a self-signed certificate, created by
 * `swarm init` (and by a root rotation). Time comes in as a value; keys come from WebCrypto.
 *
 * @module
 */
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { generateKeyPair, x509 } from './x509.js';
import { PrivateKey } from './private-key.js';
import { CaError, isId } from './identity.js';
import { assert } from '../../util/assert.js';

/** Default life of a root certificate: 20 years, as swarmkit. */
export const ROOT_CA_VALIDITY_MS = 20 * 365 * 24 * 3600 * 1000;

/** How far certificates are backdated, so that small clock differences do not reject them. */
export const CERT_BACKDATE_MS = 3600 * 1000;

/** A root CA that can sign. */
export interface RootCa {
  /** The self-signed root certificate, PEM. */
  certPem: string;
  /** Its private key (redacted when printed). */
  key: PrivateKey;
  /** SHA-256 of the certificate's DER, hex: what join tokens pin. */
  digest: string;
}

/** Options of {@link createRootCa}. */
export interface CreateRootCaOptions {
  /** The current time (injected clock). */
  now: Date;
  /** The cluster id, written as the subject's O. */
  clusterId: string;
  /** A fresh id telling this root apart from the roots before and after it (subject OU). */
  rootId: string;
  /** Life of the root certificate; default {@link ROOT_CA_VALIDITY_MS}. */
  validityMs?: number;
}

/** Creates a root CA: a new key and a self-signed CA certificate. */
export async function createRootCa(options: CreateRootCaOptions): Promise<RootCa> {
  assert(isId(options.clusterId) && isId(options.rootId), 'Cluster and root ids must be ids');
  const keys = await generateKeyPair();
  const notBefore = new Date(options.now.getTime() - CERT_BACKDATE_MS);
  const notAfter = new Date(options.now.getTime() + (options.validityMs ?? ROOT_CA_VALIDITY_MS));
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: rootSubject(options.clusterId, options.rootId),
    keys,
    notBefore,
    notAfter,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: await caExtensions(keys.publicKey),
  });
  const certPem = cert.toString('pem');
  return {
    certPem,
    key: await PrivateKey.fromCryptoKey(keys.privateKey),
    digest: rootDigest(certPem),
  };
}

/**
 * Loads a root CA from its PEM certificate and key.
 *
 * @throws {CaError} `CA_INVALID_KEY` when the key cannot be read or does not match the
 *   certificate; `CA_CERT_UNTRUSTED` when the certificate cannot be parsed.
 */
export async function loadRootCa(certPem: string, keyPem: string): Promise<RootCa> {
  const cert = parseCertificate(certPem);
  const key = await PrivateKey.fromPkcs8Pem(keyPem);
  const nodeCert = new X509Certificate(Buffer.from(cert.rawData));
  if (!nodeCert.checkPrivateKey(createPrivateKey(key.toPkcs8Pem()))) {
    throw new CaError('CA_INVALID_KEY', 'Root CA key does not match the root CA certificate');
  }
  return { certPem: cert.toString('pem'), key, digest: rootDigest(certPem) };
}

/** The subject of a root: `CN=swarm-ca, OU=<root id>, O=<cluster id>`. */
export function rootSubject(clusterId: string, rootId: string): string {
  return `CN=swarm-ca, OU=${rootId}, O=${clusterId}`;
}

/** The extensions of a CA certificate (root or cross-signed root). */
export async function caExtensions(publicKey: x509.PublicKeyType): Promise<x509.Extension[]> {
  return [
    new x509.BasicConstraintsExtension(true, 1, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
  ];
}

/** SHA-256 of a PEM certificate's DER bytes, hex (64 characters). */
export function rootDigest(certPem: string): string {
  return createHash('sha256')
    .update(Buffer.from(parseCertificate(certPem).rawData))
    .digest('hex');
}

/**
 * Parses one PEM (or DER) certificate.
 *
 * @throws {CaError} `CA_CERT_UNTRUSTED` when it is not a certificate.
 */
export function parseCertificate(pem: string | ArrayBuffer): x509.X509Certificate {
  try {
    return new x509.X509Certificate(pem);
  } catch (err) {
    throw new CaError('CA_CERT_UNTRUSTED', 'Cannot parse certificate: not an X.509 certificate', {
      cause: err,
    });
  }
}

/** Splits a PEM bundle into its certificates, in order. */
export function splitPemChain(chainPem: string): x509.X509Certificate[] {
  return pemCertificates(chainPem).map((block) => parseCertificate(block));
}

/**
 * The PEM certificates in `text`, in order (a chain, or a bundle of trusted roots).
 *
 * @throws {CaError} `CA_CERT_UNTRUSTED` when `text` holds none.
 */
export function pemCertificates(text: string): string[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (blocks === null) {
    throw new CaError(
      'CA_CERT_UNTRUSTED',
      'Cannot parse certificate chain: no PEM certificate found',
    );
  }
  return blocks;
}
