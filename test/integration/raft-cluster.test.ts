import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCleanup, waitFor } from '../helpers/host.js';
import {
  findLeader,
  getKey,
  memberStatus,
  putKey,
  startCluster,
  type MemberProcess,
} from './fixtures/raft-cluster.js';

/** Writes keys through whoever leads, retrying on redirects; returns the acknowledged ones. */
async function writeKeys(
  members: MemberProcess[],
  keys: string[],
  acked: Map<string, string>,
  onProgress?: (done: number) => void,
): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < keys.length) {
      const key = keys[next++]!;
      const value = `value-of-${key}`;
      for (let attempt = 0; attempt < 200; attempt++) {
        const leader = await findLeader(members);
        if (leader === undefined) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        try {
          const res = await putKey(leader, key, value);
          if (res.status === 200) {
            acked.set(key, value);
            break;
          }
        } catch {
          // connection reset by a killed leader: not acknowledged, retry elsewhere
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      onProgress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

describe('raft cluster of three processes', () => {
  const cleanup = useCleanup();

  it('survives SIGKILL of the leader without losing an acknowledged write, and the killed member catches up', async () => {
    const base = await mkdtemp(join(tmpdir(), 'tsorch-raft-cluster-'));
    cleanup.push(() => rm(base, { recursive: true, force: true }));
    const members = await startCluster(3, base, ['--tick-ms', '50', '--snapshot-every', '150']);
    for (const m of members) cleanup.push(() => m.kill());

    const first = await waitFor('a leader', () => findLeader(members), { timeoutMs: 20_000 });
    const acked = new Map<string, string>();
    const keys = Array.from({ length: 400 }, (_, i) => `key-${i}`);
    let killed = false;
    await writeKeys(members, keys, acked, (done) => {
      if (done === 150 && !killed) {
        killed = true;
        void first.kill();
      }
    });
    expect(killed).toBe(true);
    expect(acked.size).toBe(keys.length);

    const survivors = members.filter((m) => m !== first);
    const second = await waitFor('a new leader', () => findLeader(survivors), {
      timeoutMs: 20_000,
    });
    expect(second.id).not.toBe(first.id);
    for (const m of survivors) {
      for (const [key, value] of acked) expect(await getKey(m, key)).toBe(value);
    }

    await first.start();
    const leaderStatus = await memberStatus(second);
    await waitFor(
      'the restarted member to catch up',
      async () => ((await memberStatus(first))?.applied ?? 0) >= (leaderStatus?.commit ?? 1),
      { timeoutMs: 30_000 },
    );
    for (const [key, value] of acked) expect(await getKey(first, key)).toBe(value);
  });
});
