import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasCode } from '../../src/util/errors.js';
import { raftEntryMaxBytes } from '../../src/util/limits.js';
import type { NodeId } from '../../src/raft/core/types.js';
import { RaftDriver } from '../../src/raft/driver.js';
import { KvStateMachine } from '../../src/raft/node-main.js';
import { freePorts } from './fixtures/raft-cluster.js';

interface Member {
  id: NodeId;
  dir: string;
  kv: KvStateMachine;
  driver: RaftDriver<null>;
}

const dirs: string[] = [];
const running: RaftDriver<null>[] = [];
afterEach(async () => {
  for (const d of running.splice(0)) await d.stop();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function startMember(
  id: NodeId,
  dir: string,
  peers: Map<NodeId, string>,
  extra: { snapshotEveryEntries?: number; kv?: KvStateMachine } = {},
): Promise<Member> {
  const kv = extra.kv ?? new KvStateMachine();
  const driver = await RaftDriver.start({
    id,
    dataDir: dir,
    listenAddress: peers.get(id)!,
    peers,
    bootstrap: true,
    stateMachine: kv,
    tickIntervalMs: 20,
    ...(extra.snapshotEveryEntries !== undefined && {
      snapshotEveryEntries: extra.snapshotEveryEntries,
      compactionKeepEntries: 5,
    }),
  });
  running.push(driver);
  return { id, dir, kv, driver };
}

async function cluster(
  n: number,
  extra: { snapshotEveryEntries?: number } = {},
): Promise<{ members: Member[]; peers: Map<NodeId, string> }> {
  const ports = await freePorts(n);
  const peers = new Map(ports.map((p, i) => [i + 1, `127.0.0.1:${p}`]));
  const members: Member[] = [];
  for (let id = 1; id <= n; id++) {
    const dir = await mkdtemp(join(tmpdir(), `tsorch-drv-${id}-`));
    dirs.push(dir);
    members.push(await startMember(id, dir, peers, extra));
  }
  return { members, peers };
}

async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function leaderOf(members: Member[]): Member | undefined {
  return members.find((m) => m.driver.status().role === 'leader');
}

const put = (k: string, v: string): Uint8Array => KvStateMachine.encodePut(k, Buffer.from(v));

describe('RaftDriver', () => {
  it('elects a leader, replicates proposals to every member and answers linearizable reads', async () => {
    const { members } = await cluster(3);
    const leader = await until('a leader', () => leaderOf(members));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => leader.driver.propose(put(`k${i}`, `v${i}`))),
    );
    expect(new Set(results.map((r) => r.index)).size).toBe(50);
    for (const m of members) {
      await until(`member ${m.id} applied`, () => m.kv.data.size === 50);
      expect(m.kv.data.get('k7')?.toString()).toBe('v7');
    }
    const follower = members.find((m) => m !== leader)!;
    await follower.driver.readIndex();
    expect(follower.driver.status().applied).toBeGreaterThanOrEqual(results.at(-1)!.index);
  });

  it('refuses proposals on a follower with RAFT_NOT_LEADER naming the leader', async () => {
    const { members, peers } = await cluster(3);
    const leader = await until('a leader', () => leaderOf(members));
    await until('followers know the leader', () =>
      members.every((m) => m.driver.status().leader === leader.id),
    );
    const follower = members.find((m) => m !== leader)!;
    const err = await follower.driver.propose(put('a', 'b')).catch((e: unknown) => e);
    expect(hasCode(err, 'RAFT_NOT_LEADER')).toBe(true);
    if (hasCode(err, 'RAFT_NOT_LEADER')) {
      expect(err.details).toEqual({ leaderId: leader.id, leaderAddress: peers.get(leader.id) });
    }
  });

  it('rejects oversized proposals, aborted calls, and calls after stop', async () => {
    const { members } = await cluster(1);
    const [m] = members;
    await until('a leader', () => leaderOf(members));
    const big = await m!.driver.propose(new Uint8Array(raftEntryMaxBytes)).catch((e: unknown) => e);
    expect(hasCode(big, 'RAFT_MESSAGE_TOO_LARGE')).toBe(true);
    const ac = new AbortController();
    ac.abort(new Error('gave up'));
    const aborted = await m!.driver
      .propose(put('x', 'y'), { signal: ac.signal })
      .catch((e: unknown) => e);
    expect((aborted as Error).message).toBe('gave up');
    await m!.driver.stop();
    const stopped = await m!.driver.propose(put('x', 'y')).catch((e: unknown) => e);
    expect(hasCode(stopped, 'RAFT_STOPPED')).toBe(true);
    const read = await m!.driver.readIndex().catch((e: unknown) => e);
    expect(hasCode(read, 'RAFT_STOPPED')).toBe(true);
  });

  it('drops reads and refuses proposals while no leader is known', async () => {
    const ports = await freePorts(3);
    const peers = new Map(ports.map((p, i) => [i + 1, `127.0.0.1:${p}`]));
    const dir = await mkdtemp(join(tmpdir(), 'tsorch-drv-alone-'));
    dirs.push(dir);
    // Member 1 of 3 alone never wins an election.
    const { driver } = await startMember(1, dir, peers);
    const read = await driver.readIndex().catch((e: unknown) => e);
    expect(hasCode(read, 'RAFT_PROPOSAL_DROPPED')).toBe(true);
    const prop = await driver.propose(put('a', 'b')).catch((e: unknown) => e);
    expect(hasCode(prop, 'RAFT_NOT_LEADER')).toBe(true);
    if (hasCode(prop, 'RAFT_NOT_LEADER')) expect(prop.details?.['leaderId']).toBe(0);
    expect(driver.status().leader).toBe(0);
  });

  it('stops, failing every call with the I/O error, when a snapshot cannot be written', async () => {
    const [port] = await freePorts(1);
    const peers = new Map([[1, `127.0.0.1:${port}`]]);
    const dir = await mkdtemp(join(tmpdir(), 'tsorch-drv-snapfail-'));
    dirs.push(dir);
    const m = await startMember(1, dir, peers, { snapshotEveryEntries: 5 });
    await until('a leader', () => m.driver.status().role === 'leader');
    await writeFile(join(dir, 'snap'), 'a file where the snapshot directory belongs');
    const outcomes: unknown[] = [];
    for (let i = 0; i < 20; i++) {
      outcomes.push(await m.driver.propose(put(`k${i}`, 'v')).catch((e: unknown) => e));
    }
    const failure = await until('the driver to stop', async () =>
      m.driver.readIndex().then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    expect((failure as NodeJS.ErrnoException).code).toMatch(/^E/);
    expect(outcomes.at(-1)).toBe(failure);
  });

  it('recovers state from the WAL and snapshots after a restart', async () => {
    const { members, peers } = await cluster(3, { snapshotEveryEntries: 20 });
    const leader = await until('a leader', () => leaderOf(members));
    for (let i = 0; i < 60; i++) await leader.driver.propose(put(`k${i}`, `v${i}`));
    const victim = members.find((m) => m !== leader)!;
    await until('victim applied', () => victim.kv.data.size === 60);
    await victim.driver.stop();
    running.splice(running.indexOf(victim.driver), 1);
    // The leader compacts past the victim's log (keeps 5 entries): it must send a snapshot.
    for (let i = 60; i < 100; i++) await leader.driver.propose(put(`k${i}`, `v${i}`));
    const again = await startMember(victim.id, victim.dir, peers, { snapshotEveryEntries: 20 });
    expect(again.kv.data.size).toBeGreaterThanOrEqual(40); // restored from its own snapshot
    await until('restarted member caught up', () => again.kv.data.size === 100);
    expect(again.kv.data.get('k99')?.toString()).toBe('v99');
    expect(again.driver.status().snapshotsInstalled).toBeGreaterThanOrEqual(1); // Raft §7
  });

  it('adds a member that knows only the leader; it catches up and follows any later leader (Raft §6)', async () => {
    const { members, peers } = await cluster(3);
    const leader = await until('a leader', () => leaderOf(members));
    for (let i = 0; i < 20; i++) await leader.driver.propose(put(`k${i}`, `v${i}`));
    const [port] = await freePorts(1);
    const dir = await mkdtemp(join(tmpdir(), 'tsorch-drv-4-'));
    dirs.push(dir);
    const kv = new KvStateMachine();
    const joiner = await RaftDriver.start({
      id: 4,
      dataDir: dir,
      listenAddress: `127.0.0.1:${port}`,
      peers: new Map([
        [4, `127.0.0.1:${port}`],
        [leader.id, peers.get(leader.id)!],
      ]),
      stateMachine: kv,
      tickIntervalMs: 20,
    });
    running.push(joiner);
    await leader.driver.addMember(4, `127.0.0.1:${port}`);
    await until('the new member caught up', () => kv.data.size === 20);
    expect(joiner.status().voters).toEqual([1, 2, 3, 4]);
    // Hand leadership to a member the joiner was never told about at start.
    const next = members.find((m) => m !== leader)!;
    leader.driver.transferLeadership(next.id);
    await until('the new leader leads', () => next.driver.status().role === 'leader');
    // With the third original member down, 3 of 4 voters need the joiner's acknowledgement,
    // which it can only send if it learned the new leader's address.
    const third = members.find((m) => m !== leader && m !== next)!;
    await third.driver.stop();
    await until('the new leader accepts writes', async () =>
      next.driver.propose(put('after', 'transfer'), { signal: AbortSignal.timeout(2000) }).then(
        () => true,
        () => false,
      ),
    );
    await until(
      'the joiner follows the new leader',
      () => kv.data.get('after')?.toString() === 'transfer',
    );
  });

  it('transfers leadership and adds then removes a member', async () => {
    const { members } = await cluster(3);
    const leader = await until('a leader', () => leaderOf(members));
    const target = members.find((m) => m !== leader)!;
    leader.driver.transferLeadership(target.id);
    await until('target leads', () => target.driver.status().role === 'leader');
    const [port] = await freePorts(1);
    // A new leader refuses conf changes until its first entry is applied (retryable).
    for (let i = 0; ; i++) {
      const err = await target.driver
        .addMember(4, `127.0.0.1:${port}`, { learner: true })
        .catch((e: unknown) => e);
      if (err === undefined) break;
      expect(hasCode(err, 'RAFT_PROPOSAL_DROPPED') && i < 100).toBe(true);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(target.driver.status().learners).toEqual([4]);
    await target.driver.removeMember(4);
    expect(target.driver.status().learners).toEqual([]);
    const notLeader = (() => {
      try {
        leader.driver.transferLeadership(target.id);
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(hasCode(notLeader, 'RAFT_NOT_LEADER')).toBe(true);
  });
});
