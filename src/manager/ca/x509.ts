/**
 * The one module that loads `@peculiar/x509`. Its dependency tsyringe needs the
 * `reflect-metadata` polyfill before it is evaluated, and the library needs a WebCrypto provider;
 * both are set up here once, so the rest of the CA imports x509 from this file only.
 *
 * @module
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

type ProviderCrypto = Parameters<typeof x509.cryptoProvider.set>[0];
x509.cryptoProvider.set(webcrypto as unknown as ProviderCrypto);

export { x509 };

/** A WebCrypto key (Node's implementation). */
export type CryptoKey = webcrypto.CryptoKey;
/** A WebCrypto key pair (Node's implementation). */
export type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** ECDSA P-256 with SHA-256: the key and signature algorithm of every tsorch certificate. */
export const ecdsaP256 = {
  name: 'ECDSA',
  namedCurve: 'P-256',
  hash: 'SHA-256',
} as const;

/** Generates an extractable ECDSA P-256 key pair. */
export async function generateKeyPair(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(ecdsaP256, true, ['sign', 'verify']);
}

/** Encodes DER bytes as PEM with the given label (`CERTIFICATE`, `PRIVATE KEY`). */
export function toPem(der: ArrayBuffer, label: string): string {
  return x509.PemConverter.encode(der, label);
}
