/**
 * Node credential files: `node.key` (0600), `node.crt` and `ca.crt` (0644) in a directory of the
 * node's state (`<root>/certificates`, 0700). Every file is written atomically: a temporary file
 * created with its final mode (never wider for a moment), fsynced, renamed over the target, and
 * the directory fsynced, so a crash leaves the old or the new file, never a torn one.
 *
 * @module
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PrivateKey } from './private-key.js';

/** Mode of private key files. */
export const KEY_FILE_MODE = 0o600;
/** Mode of certificate files. */
export const CERT_FILE_MODE = 0o644;
/** Mode of the credentials directory. */
export const CREDENTIALS_DIR_MODE = 0o700;

/** File names inside the credentials directory. */
export const CREDENTIAL_FILES = { key: 'node.key', cert: 'node.crt', roots: 'ca.crt' } as const;

/** What a node needs for mutual TLS. */
export interface NodeCredentials {
  key: PrivateKey;
  /** Node certificate and intermediates, PEM. */
  certChainPem: string;
  /** Trusted root certificates, PEM, concatenated. */
  trustedRootsPem: string;
}

/**
 * Writes `data` to `path` atomically with `mode`. The temporary file is created with `mode`
 * (O_EXCL), so the content is never readable by others, not even briefly.
 */
export async function writeFileAtomic(path: string, data: string, mode: number): Promise<void> {
  const tmp = `${path}.tmp-${randomBytes(6).toString('hex')}`;
  const file = await open(tmp, 'wx', mode);
  try {
    // The umask may have narrowed the mode; chmod sets it exactly.
    await file.chmod(mode);
    await file.writeFile(data);
    await file.sync();
  } catch (err) {
    await file.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await file.close();
  await rename(tmp, path);
  await syncDirectory(dirname(path));
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a private key file (0600) atomically. */
export async function writeKeyFile(path: string, key: PrivateKey): Promise<void> {
  await writeFileAtomic(path, key.toPkcs8Pem(), KEY_FILE_MODE);
}

/** Saves a node's credentials into `dir` (created 0700 if missing); roots, key, then certificate. */
export async function saveNodeCredentials(
  dir: string,
  credentials: NodeCredentials,
): Promise<void> {
  await mkdir(dir, { recursive: true, mode: CREDENTIALS_DIR_MODE });
  await writeFileAtomic(
    join(dir, CREDENTIAL_FILES.roots),
    credentials.trustedRootsPem,
    CERT_FILE_MODE,
  );
  await writeKeyFile(join(dir, CREDENTIAL_FILES.key), credentials.key);
  await writeFileAtomic(join(dir, CREDENTIAL_FILES.cert), credentials.certChainPem, CERT_FILE_MODE);
}

/** Loads a node's credentials from `dir`, or undefined when the node has none yet. */
export async function loadNodeCredentials(dir: string): Promise<NodeCredentials | undefined> {
  let keyPem: string;
  try {
    keyPem = await readFile(join(dir, CREDENTIAL_FILES.key), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return {
    key: await PrivateKey.fromPkcs8Pem(keyPem),
    certChainPem: await readFile(join(dir, CREDENTIAL_FILES.cert), 'utf8'),
    trustedRootsPem: await readFile(join(dir, CREDENTIAL_FILES.roots), 'utf8'),
  };
}
