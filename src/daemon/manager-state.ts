/**
 * A node's cluster membership on disk, under `<root>/swarm` (0700): `state.json` (who this node
 * is in which cluster; 0600), `keyring.json` (managers: the keys that seal secrets in the Raft
 * log; 0600) and `raft/` (WAL and snapshots). Credentials live in `<root>/certificates`.
 *
 * @module
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CREDENTIAL_FILES, writeFileAtomic } from '../manager/index.js';
import type { KeyRing } from '../store/index.js';
import { TsorchError } from '../util/errors.js';

/** What a node remembers about its cluster. */
export interface SwarmState {
  clusterId: string;
  nodeId: string;
  role: 'manager' | 'worker';
  /** This manager's Raft id (managers). */
  raftId?: number;
  /** `host:port` the cluster listener binds (managers). */
  listenAddr: string;
  /** `host:port` other nodes reach this one at. */
  advertiseAddr: string;
  /** Manager addresses known at join (workers use them to reach the cluster). */
  managers: string[];
  /** Raft members known at join: raft id → address (managers). */
  members?: Record<string, string>;
}

/** Paths of a node's cluster files. */
export interface SwarmPaths {
  dir: string;
  state: string;
  keyRing: string;
  /** Autolock: the DEK and key ring sealed with the unlock key (managers, ADR 032). */
  lockedKeys: string;
  raft: string;
  certificates: string;
}

/** The cluster files under `root`. */
export function swarmPaths(root: string): SwarmPaths {
  const dir = join(root, 'swarm');
  return {
    dir,
    state: join(dir, 'state.json'),
    keyRing: join(dir, 'keyring.json'),
    lockedKeys: join(dir, 'locked-keys.json'),
    raft: join(dir, 'raft'),
    certificates: join(root, 'certificates'),
  };
}

/** Reads the node's state, or undefined when it is in no cluster. */
export async function loadSwarmState(paths: SwarmPaths): Promise<SwarmState | undefined> {
  let text: string;
  try {
    text = await readFile(paths.state, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return JSON.parse(text) as SwarmState;
  } catch (err) {
    throw new TsorchError(
      'FAILED_PRECONDITION',
      `Cannot read the cluster state "${paths.state}": not JSON`,
      {
        cause: err,
        hint: 'restore it from a backup, or run "tsorch swarm leave --force" and join again',
      },
    );
  }
}

/** Writes the node's state (0600, atomically). */
export async function saveSwarmState(paths: SwarmPaths, state: SwarmState): Promise<void> {
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(paths.state, `${JSON.stringify(state, null, 2)}\n`, 0o600);
}

/** A new key ring with one random 256-bit key. */
export function newKeyRing(): KeyRing {
  const id = randomBytes(8).toString('hex');
  return { currentKeyId: id, keys: { [id]: new Uint8Array(randomBytes(32)) } };
}

/** The key ring as JSON (keys in base64), for the file and a joining manager. */
export function keyRingToJson(ring: KeyRing): string {
  const keys = Object.fromEntries(
    Object.entries(ring.keys).map(([id, k]) => [id, Buffer.from(k).toString('base64')]),
  );
  return JSON.stringify({ currentKeyId: ring.currentKeyId, keys });
}

/**
 * Reads a key ring from JSON.
 *
 * @throws {TsorchError} FAILED_PRECONDITION when the text is not a key ring.
 */
export function keyRingFromJson(text: string): KeyRing {
  try {
    const raw = JSON.parse(text) as { currentKeyId: string; keys: Record<string, string> };
    const keys = Object.fromEntries(
      Object.entries(raw.keys).map(([id, k]) => [id, new Uint8Array(Buffer.from(k, 'base64'))]),
    );
    if (typeof raw.currentKeyId !== 'string' || !(raw.currentKeyId in keys))
      throw new Error('no current key');
    return { currentKeyId: raw.currentKeyId, keys };
  } catch (err) {
    throw new TsorchError('FAILED_PRECONDITION', 'Cannot read the cluster key ring', {
      cause: err,
    });
  }
}

/** Writes the key ring (0600, atomically). */
export async function saveKeyRing(paths: SwarmPaths, ring: KeyRing): Promise<void> {
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(paths.keyRing, keyRingToJson(ring), 0o600);
}

/** Reads the key ring. */
export async function loadKeyRing(paths: SwarmPaths): Promise<KeyRing> {
  return keyRingFromJson(await readFile(paths.keyRing, 'utf8'));
}

/** Removes every cluster file of the node (leave). */
export async function removeSwarmFiles(paths: SwarmPaths): Promise<void> {
  await rm(paths.dir, { recursive: true, force: true });
  for (const f of Object.values(CREDENTIAL_FILES)) {
    await rm(join(paths.certificates, f), { force: true });
  }
}
