/**
 * The store on three real Raft members in one process: RaftDriver (core + WAL + snapshots) over
 * its gRPC transport on loopback, the Store as each member's state machine and the driver as each
 * store's proposer. Needs no root.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePorts } from './fixtures/raft-cluster.js';
import { useCleanup, waitFor } from '../helpers/host.js';
import { RaftDriver } from '../../src/raft/driver.js';
import type { NodeId } from '../../src/raft/core/types.js';
import { Store, type Proposer, type StateMachine } from '../../src/store/index.js';
import type { ApplyResult } from '../../src/store/apply.js';
import { makeSecret, makeService, makeTask, testEncrypter } from '../../src/store/testing.js';
import { hasCode } from '../../src/util/errors.js';
import type { Encrypter } from '../../src/store/encrypter.js';

// The driver is a Proposer and the store is the driver's state machine, as they are (tsc checks).
export type DriverIsProposer = RaftDriver<ApplyResult | undefined> extends Proposer ? true : never;
export type StoreIsStateMachine = Store extends StateMachine ? true : never;
const contract: [DriverIsProposer, StoreIsStateMachine] = [true, true];

interface Member {
  id: NodeId;
  dir: string;
  store: Store;
  driver: RaftDriver<ApplyResult | undefined>;
}

describe('Store on a 3-member Raft cluster (RaftDriver over loopback gRPC)', () => {
  const cleanup = useCleanup();

  async function start(
    id: NodeId,
    dir: string,
    peers: Map<NodeId, string>,
    encrypter: Encrypter,
  ): Promise<Member> {
    const store = new Store({ encrypter });
    const driver = await RaftDriver.start({
      id,
      dataDir: dir,
      listenAddress: peers.get(id)!,
      peers,
      bootstrap: true,
      stateMachine: store,
      tickIntervalMs: 20,
      snapshotEveryEntries: 25,
      compactionKeepEntries: 5,
    });
    store.setProposer(driver);
    cleanup.push(() => driver.stop());
    return { id, dir, store, driver };
  }

  async function cluster(): Promise<{
    members: Member[];
    peers: Map<NodeId, string>;
    encrypter: Encrypter;
  }> {
    const ports = await freePorts(3);
    const peers = new Map(ports.map((p, i) => [i + 1, `127.0.0.1:${p}`]));
    const encrypter = testEncrypter();
    const members: Member[] = [];
    for (const id of [1, 2, 3]) {
      const dir = await mkdtemp(join(tmpdir(), `tsorch-store-raft-${id}-`));
      cleanup.push(() => rm(dir, { recursive: true, force: true }));
      members.push(await start(id, dir, peers, encrypter));
    }
    return { members, peers, encrypter };
  }

  const leaderOf = (members: Member[]) => members.find((m) => m.driver.status().role === 'leader');
  const text = (s: Store) => Buffer.from(s.snapshot()).toString();
  const converged = (members: Member[]) =>
    members.every((m) => text(m.store) === text(members[0]!.store)) ? true : undefined;

  it('replicates transactions to every store, which converge to identical state', async () => {
    expect(contract).toEqual([true, true]);
    const { members } = await cluster();
    const leader = await waitFor('a leader', () => leaderOf(members));
    await leader.store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
      tx.create('secrets', makeSecret('x1', 'db-password', 'hunter2'));
    });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        leader.store.update((tx) => {
          tx.create('tasks', makeTask(`t${i}`, 's1', i + 1));
        }),
      ),
    );
    await waitFor('stores to converge', () => converged(members));
    for (const m of members) {
      expect(m.store.view((tx) => tx.find('tasks', 'service', 's1').length)).toBe(40);
      const secret = m.store.view((tx) => tx.getByName('secrets', 'db-password'));
      expect(new TextDecoder().decode(secret!.spec.data)).toBe('hunter2');
    }
  });

  it('a follower refuses writes with RAFT_NOT_LEADER and serves linearizable reads', async () => {
    const { members } = await cluster();
    const leader = await waitFor('a leader', () => leaderOf(members));
    await waitFor('followers know the leader', () =>
      members.every((m) => m.driver.status().leader === leader.id),
    );
    const follower = members.find((m) => m !== leader)!;
    const err = await follower.store
      .update((tx) => {
        tx.create('services', makeService('s1', 'web'));
      })
      .catch((e: unknown) => e);
    expect(hasCode(err, 'RAFT_NOT_LEADER')).toBe(true);

    await leader.store.update((tx) => {
      tx.create('services', makeService('s2', 'db'));
    });
    // A read on the follower right after the commit on the leader sees it.
    const name = await follower.store.linearizableView((tx) => tx.get('services', 's2')?.spec.name);
    expect(name).toBe('db');
  });

  it('of two writers that read the same version through Raft, exactly one wins', async () => {
    const { members } = await cluster();
    const leader = await waitFor('a leader', () => leaderOf(members));
    await leader.store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    const scale = (n: number) =>
      leader.store.update((tx) => {
        const svc = structuredClone(tx.get('services', 's1')!);
        svc.spec.mode = { kind: 'replicated', replicas: n };
        tx.update('services', svc);
      });
    // Both build on version v before either commits (the first awaits Raft before it applies).
    const results = await Promise.allSettled([scale(3), scale(5)]);
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.length).toBe(1);
    expect(hasCode((failed[0] as PromiseRejectedResult).reason, 'STORE_CONFLICT')).toBe(true);
    await waitFor('stores to converge', () => converged(members));
  });

  it('a member restarted from its data dir recovers the store from snapshot and log', async () => {
    const { members, peers, encrypter } = await cluster();
    const leader = await waitFor('a leader', () => leaderOf(members));
    await leader.store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    for (let i = 0; i < 60; i++)
      await leader.store.update((tx) => {
        tx.create('tasks', makeTask(`t${i}`, 's1', i + 1));
      });
    const victim = members.find((m) => m !== leader)!;
    await waitFor('the victim to catch up', () => (converged(members) ? true : undefined));
    await victim.driver.stop();
    for (let i = 60; i < 80; i++)
      await leader.store.update((tx) => {
        tx.create('tasks', makeTask(`t${i}`, 's1', i + 1));
      });
    const reborn = await start(victim.id, victim.dir, peers, encrypter);
    const live = members.map((m) => (m === victim ? reborn : m));
    await waitFor('the restarted member to converge', () => converged(live), { timeoutMs: 20_000 });
    expect(reborn.store.view((tx) => tx.all('tasks').length)).toBe(80);
  });
});
