/**
 * Autolock (ADR 032): a manager's data-encryption key (DEK, seals the Raft WAL and snapshots)
 * and its key ring (seals secrets in the store) kept on disk only wrapped by a key-encryption
 * key, the unlock key, which is never written. A restarted manager stays locked until `swarm
 * unlock` gives the key.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../manager/index.js';
import { createAesGcmCipher, DATA_KEY_BYTES } from '../raft/index.js';
import { hasCode, TsorchError } from '../util/errors.js';

/** Prefix of an unlock key, as Docker's `SWMKEY-1-`. */
export const UNLOCK_KEY_PREFIX = 'SWMKEY-1-';

/** What the unlock key opens. */
export interface ManagerKeys {
  /** The Raft data-encryption key. */
  dek: Uint8Array;
  /** The store's key ring (sealed secrets), as `keyRingToJson` writes it. */
  keyRingJson: string;
}

/** A new random unlock key: `SWMKEY-1-` and 32 random bytes in base64url. */
export function newUnlockKey(): string {
  return UNLOCK_KEY_PREFIX + randomBytes(DATA_KEY_BYTES).toString('base64url');
}

/** A new random data-encryption key. */
export function newDataKey(): Uint8Array {
  return randomBytes(DATA_KEY_BYTES);
}

function invalidKey(reason: string): TsorchError {
  return new TsorchError('CLUSTER_UNLOCK_KEY_INVALID', `Invalid unlock key: ${reason}`, {
    hint: 'give the key "tsorch swarm init --autolock" printed (on stdin)',
  });
}

function kekOf(unlockKey: string): Uint8Array {
  const text = unlockKey.trim();
  if (!text.startsWith(UNLOCK_KEY_PREFIX)) {
    throw invalidKey(`it does not start with "${UNLOCK_KEY_PREFIX}"`);
  }
  const kek = Buffer.from(text.slice(UNLOCK_KEY_PREFIX.length), 'base64url');
  if (kek.length !== DATA_KEY_BYTES) throw invalidKey('it has the wrong length');
  return kek;
}

/** Writes `keys` sealed with `unlockKey` to `path` (0600, atomically). */
export async function saveLockedKeys(
  path: string,
  unlockKey: string,
  keys: ManagerKeys,
): Promise<void> {
  const plain = JSON.stringify({
    dek: Buffer.from(keys.dek).toString('base64'),
    keyRingJson: keys.keyRingJson,
  });
  const sealed = createAesGcmCipher(kekOf(unlockKey)).seal(new TextEncoder().encode(plain));
  const file = { version: 1, sealed: Buffer.from(sealed).toString('base64') };
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, `${JSON.stringify(file)}\n`, 0o600);
}

/** True when the node keeps its keys locked (the file exists). */
export async function hasLockedKeys(path: string): Promise<boolean> {
  return readFile(path).then(
    () => true,
    (err: unknown) => {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    },
  );
}

/**
 * Opens the keys at `path` with `unlockKey`.
 *
 * @throws {TsorchError} CLUSTER_UNLOCK_KEY_INVALID for a malformed or wrong key.
 */
export async function loadLockedKeys(path: string, unlockKey: string): Promise<ManagerKeys> {
  const kek = kekOf(unlockKey);
  const file = JSON.parse(await readFile(path, 'utf8')) as { sealed: string };
  let plain: Uint8Array;
  try {
    plain = createAesGcmCipher(kek).open(Buffer.from(file.sealed, 'base64'));
  } catch (err) {
    if (hasCode(err, 'RAFT_WAL_KEY_MISMATCH')) {
      throw invalidKey("it does not open this node's keys");
    }
    throw err;
  }
  const keys = JSON.parse(new TextDecoder().decode(plain)) as { dek: string; keyRingJson: string };
  return { dek: Buffer.from(keys.dek, 'base64'), keyRingJson: keys.keyRingJson };
}
