import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasCode } from '../util/errors.js';
import {
  keyRingFromJson,
  keyRingToJson,
  loadKeyRing,
  loadSwarmState,
  newKeyRing,
  removeSwarmFiles,
  saveKeyRing,
  saveSwarmState,
  swarmPaths,
} from './manager-state.js';

describe('cluster state files', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const root = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'tsorch-swarm-state-'));
    dirs.push(d);
    return d;
  };

  it('saves and loads the state and key ring as private files, and removes them on leave', async () => {
    const paths = swarmPaths(root());
    expect(await loadSwarmState(paths)).toBeUndefined();
    const state = {
      clusterId: 'c',
      nodeId: 'n',
      role: 'manager' as const,
      raftId: 7,
      listenAddr: '0.0.0.0:2377',
      advertiseAddr: '10.0.0.1:2377',
      managers: ['10.0.0.1:2377'],
    };
    await saveSwarmState(paths, state);
    const ring = newKeyRing();
    await saveKeyRing(paths, ring);
    expect(await loadSwarmState(paths)).toEqual(state);
    expect(await loadKeyRing(paths)).toEqual(ring);
    expect(statSync(paths.state).mode & 0o777).toBe(0o600);
    expect(statSync(paths.keyRing).mode & 0o777).toBe(0o600);
    expect(statSync(paths.dir).mode & 0o777).toBe(0o700);
    await removeSwarmFiles(paths);
    expect(await loadSwarmState(paths)).toBeUndefined();
  });

  it('a key ring survives JSON and a damaged one is refused', () => {
    const ring = newKeyRing();
    expect(keyRingFromJson(keyRingToJson(ring))).toEqual(ring);
    expect(Object.values(ring.keys)[0]?.byteLength).toBe(32);
    let err: unknown;
    try {
      keyRingFromJson('{"currentKeyId":"x","keys":{}}');
    } catch (e) {
      err = e;
    }
    expect(hasCode(err, 'FAILED_PRECONDITION')).toBe(true);
  });
});
