/**
 * Raft under real faults: members (src/raft/node-main.ts, default timers: 100 ms ticks, election
 * after 10 to 20 ticks) run each in its own network namespace, and the tests kill -9, partition,
 * pause and restart them while clients write and read, then check the clients' history with the
 * project's linearizability checker (issue 10, "Faults to survive").
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { checkLinearizable } from '../sim/checkers/linearizability.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { finalReads, startKvClients, type KvClients } from './fixtures/kv-history.js';
import { memberStatus, putKey } from './fixtures/raft-cluster.js';
import {
  leaderWithin,
  roleOf,
  startRaftNetnsCluster,
  type NetnsMember,
  type RaftNetnsCluster,
} from './fixtures/raft-netns.js';

/** Issue 10: a new leader within 5 s of losing the old one. */
const electionBoundMs = 5_000;

/** Stops the clients, reads every key from every live member, checks the whole history. */
async function checkHistory(clients: KvClients, members: readonly NetnsMember[]): Promise<void> {
  await clients.stop();
  const views = await finalReads(members, clients);
  const [first, ...rest] = [...views.values()];
  for (const view of rest) expect(view).toEqual(first);
  const result = checkLinearizable(clients.history);
  if (!result.ok) {
    expect.fail(
      `History not linearizable on key "${result.key}":\n${JSON.stringify(result.ops, null, 1)}`,
    );
  }
  expect(clients.acked()).toBeGreaterThan(0);
}

/**
 * Waits until every member follows the same leader and has applied at least what that leader
 * had committed when the wait began (clients keep writing meanwhile, so equal indexes are not
 * the test).
 */
async function converged(members: readonly NetnsMember[]): Promise<void> {
  let target: number | undefined;
  await waitFor(
    'every member to follow one leader and apply its log',
    async () => {
      const s = await Promise.all(members.map((m) => memberStatus(m)));
      const leaders = new Set(s.map((x) => x?.leader));
      const [leader] = leaders;
      if (leaders.size !== 1 || leader === undefined || leader === 0) return false;
      target ??= s[leader - 1]?.commit;
      return target !== undefined && s.every((x) => (x?.applied ?? 0) >= (target ?? Infinity));
    },
    { timeoutMs: 30_000 },
  );
}

describe('raft members in network namespaces under faults', () => {
  const cleanup = useCleanup();
  let rc: RaftNetnsCluster;

  async function start(n: number): Promise<NetnsMember> {
    rc = await startRaftNetnsCluster(n, (cluster) => cleanup.push(() => cluster.destroy()));
    const leader = await leaderWithin(rc.members, 30_000);
    if (leader === undefined) throw new Error(`No leader among ${n} fresh members in 30 s`);
    return leader;
  }

  /** Starts `n` members and clients, and waits for the first acknowledged writes. */
  async function begin(n: number): Promise<{ old: NetnsMember; clients: KvClients }> {
    const old = await start(n);
    const clients = startKvClients(rc.members);
    cleanup.push(() => clients.stop());
    await clients.ackedMore(30, 20_000);
    return { old, clients };
  }

  /** After the faults: more writes, every member on the same log, the history checked. */
  async function finish(clients: KvClients): Promise<void> {
    await clients.ackedMore(10, 20_000);
    await converged(rc.members);
    await checkHistory(clients, rc.members);
  }

  beforeEach((ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'ip', 'nsenter', 'iptables', 'iptables-restore');
  });

  it('kill -9 of the leader: a new leader within 5 s, writes go on, the history is linearizable', async () => {
    const { old, clients } = await begin(3);

    const t0 = Date.now();
    await old.node.kill9();
    const next = await leaderWithin(
      rc.members.filter((m) => m !== old),
      electionBoundMs,
    );
    const electedMs = Date.now() - t0;
    expect(next, `no new leader ${electedMs} ms after kill -9`).toBeDefined();
    expect(electedMs).toBeLessThanOrEqual(electionBoundMs);
    await clients.ackedMore(30, 20_000);

    await old.node.restart();
    await finish(clients);
  });

  it('the leader cut off from the others steps down; the majority elects and serves; the minority refuses writes; after heal, one history', async () => {
    const { old, clients } = await begin(3);

    await rc.cluster.isolate(old.node);
    const majority = rc.members.filter((m) => m !== old);
    const next = await leaderWithin(majority, electionBoundMs);
    expect(next, 'no leader on the majority side').toBeDefined();
    // CheckQuorum: without a quorum for an election timeout the old leader steps down.
    await waitFor('the cut-off leader to step down', async () => (await roleOf(old)) !== 'leader', {
      timeoutMs: electionBoundMs,
    });
    await clients.ackedMore(30, 20_000);
    const refused = await putKey(old, 'minority', 'x', { timeoutMs: 5_000 });
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('RAFT_NOT_LEADER');

    await rc.cluster.heal();
    await converged(rc.members);
    expect((await memberStatus(old))?.leader).toBe(next?.id);
    await finish(clients);
  });

  it('SIGSTOP of the leader: the others elect a new one; after SIGCONT the old one follows', async () => {
    const { old, clients } = await begin(3);

    old.node.pause();
    const next = await leaderWithin(
      rc.members.filter((m) => m !== old),
      electionBoundMs,
    );
    expect(next, 'no new leader while the old one is paused').toBeDefined();
    await clients.ackedMore(30, 20_000);
    old.node.resume();
    await converged(rc.members);
    expect(await roleOf(old)).toBe('follower');
    await finish(clients);
  });

  it('kill -9 of every member, then a restart from disk: the same data', async () => {
    await start(3);
    const clients = startKvClients(rc.members);
    cleanup.push(() => clients.stop());
    await clients.ackedMore(60, 20_000);
    await clients.stop();
    const before = await finalReads(rc.members, clients);

    await Promise.all(rc.members.map((m) => m.node.kill9()));
    await Promise.all(rc.members.map((m) => m.node.restart()));
    expect(await leaderWithin(rc.members, 30_000)).toBeDefined();
    const after = await finalReads(rc.members, clients);
    expect(after).toEqual(before);
    const result = checkLinearizable(clients.history);
    expect(result.ok).toBe(true);
  });

  it('two of three members gone: the survivor refuses writes; one back: writes go on over the same data', async () => {
    const { old, clients } = await begin(3);
    await clients.stop();
    const before = await finalReads(rc.members, clients);
    const [survivor, back] = rc.members.filter((m) => m !== old);
    if (survivor === undefined || back === undefined) throw new Error('unreachable: three members');
    await Promise.all([old.node.kill9(), back.node.kill9()]);
    await waitFor(
      'the survivor to lead no more',
      async () => (await roleOf(survivor)) !== 'leader',
      {
        timeoutMs: electionBoundMs,
      },
    );
    const refused = await putKey(survivor, 'alone', 'x', { timeoutMs: 5_000 });
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('RAFT_NOT_LEADER');

    await back.node.restart();
    const leader = await leaderWithin([survivor, back], 30_000);
    expect(leader, 'no leader once two of three run again').toBeDefined();
    if (leader === undefined) return;
    expect((await putKey(leader, 'together', 'y', { timeoutMs: 5_000 })).status).toBe(200);
    const after = await finalReads([survivor, back], clients);
    expect(after.get(survivor.id)).toEqual(before.get(survivor.id));
    expect(after.get(back.id)).toEqual(before.get(back.id));
    expect(checkLinearizable(clients.history).ok).toBe(true);
  });

  it('five members: two (the leader among them) cut off from three; a one-way cut from the new leader does not depose it; heal', async () => {
    const { old, clients } = await begin(5);

    const other = rc.members.find((m) => m !== old);
    if (other === undefined) throw new Error('unreachable: five members');
    const minority = [old, other];
    const majority = rc.members.filter((m) => !minority.includes(m));
    await rc.cluster.partition(
      minority.map((m) => m.node),
      majority.map((m) => m.node),
    );
    const next = await leaderWithin(majority, electionBoundMs);
    expect(next, 'no leader among the three').toBeDefined();
    await waitFor(
      'the minority leader to step down',
      async () => (await roleOf(old)) !== 'leader',
      {
        timeoutMs: electionBoundMs,
      },
    );
    for (const m of minority) {
      expect((await putKey(m, 'minority', 'x', { timeoutMs: 5_000 })).body.code).toBe(
        'RAFT_NOT_LEADER',
      );
    }
    await clients.ackedMore(30, 20_000);
    await rc.cluster.heal();
    await converged(rc.members);

    // What the leader opens towards one follower is lost; PreVote and CheckQuorum keep the
    // follower from deposing a leader the others still hear from.
    const leader = await leaderWithin(rc.members, electionBoundMs);
    const follower = rc.members.find((m) => m !== leader);
    if (leader === undefined || follower === undefined) throw new Error('no leader after heal');
    const term = (await memberStatus(leader))?.term;
    await rc.cluster.cutOneWay(leader.node, follower.node);
    await clients.ackedMore(30, 20_000);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await roleOf(leader)).toBe('leader');
    expect((await memberStatus(leader))?.term).toBe(term);
    // The cut is real: the follower no longer gets the log.
    const [ls, fs] = [await memberStatus(leader), await memberStatus(follower)];
    expect(fs?.applied ?? 0).toBeLessThan(ls?.commit ?? 0);
    await rc.cluster.heal();
    await finish(clients);
  });
});
