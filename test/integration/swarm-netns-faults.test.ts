/**
 * Three `tsorch daemon` managers, each in its own network namespace (test/helpers/netns-cluster.ts),
 * made a cluster with the CLI (`swarm init`, `swarm join` as managers), then faulted (issue 10,
 * "Faults to survive"): kill -9 of the leader, the leader cut off from the others, kill -9 of all
 * and a restart from disk. The leader is watched through each daemon's local socket
 * (Swarm/ListNodes, the call behind `node ls`) so the timing is not that of starting a CLI.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { NodeInfo__Output } from '../../src/api/gen/tsorch/v1/NodeInfo.js';
import { DaemonClient } from '../../src/cli/client.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import {
  createNetnsCluster,
  type ClusterNode,
  type NetnsCluster,
} from '../helpers/netns-cluster.js';
import { clusterAddress, daemonSocket, daemonSpec, nodeCli } from '../helpers/netns-daemon.js';

/** Issue 10: a new leader within 5 s of losing the old one. */
const electionBoundMs = 5_000;

async function ok(node: ClusterNode, args: string[]): Promise<string> {
  const r = await nodeCli(node, args, { timeoutMs: 60_000 });
  if (r.code !== 0) {
    throw new Error(
      `node ${node.index}: tsorch ${args.join(' ')} failed (${r.code}):\n${r.stderr}`,
    );
  }
  return r.stdout;
}

/** Calls Swarm/<method> on the daemon of `node` through its socket. */
async function swarmCall<Res>(
  node: ClusterNode,
  method: string,
  request: unknown,
  deadlineMs: number,
): Promise<Res> {
  const client = new DaemonClient(`unix:${daemonSocket(node)}`);
  try {
    return await client.unary<Res>(client.service('cluster', 'Swarm'), method, request, {
      deadlineMs,
    });
  } finally {
    client.close();
  }
}

/** The nodes as `node` sees them, or undefined when it cannot answer within 1 s. */
async function nodesSeenBy(node: ClusterNode): Promise<NodeInfo__Output[] | undefined> {
  if (!node.running) return undefined;
  try {
    return (await swarmCall<{ nodes: NodeInfo__Output[] }>(node, 'listNodes', {}, 1_000)).nodes;
  } catch {
    return undefined;
  }
}

/** The cluster node id of each harness node, read once the cluster is formed. */
const ids = new Map<ClusterNode, string>();

/** The harness node that one of `asked` reports as leader, if any answers. */
async function leaderAmong(asked: readonly ClusterNode[]): Promise<ClusterNode | undefined> {
  const views = await Promise.all(asked.map((n) => nodesSeenBy(n)));
  for (const view of views) {
    const id = view?.find((row) => row.leader)?.id;
    const node = [...ids].find(([, nodeId]) => nodeId === id)?.[0];
    if (node !== undefined) return node;
  }
  return undefined;
}

/** Adds label `key=value` to the node of `on` through its own daemon (forwarded to the leader). */
async function addLabel(on: ClusterNode, key: string, value: string): Promise<void> {
  await swarmCall(on, 'updateNode', { ref: ids.get(on), labelAdd: { [key]: value } }, 10_000);
}

/** All labels of all nodes, as `node` sees them (keyed by node id). */
async function labelsSeenBy(node: ClusterNode): Promise<Record<string, Record<string, string>>> {
  const view = await waitFor(`node ${node.index} to list the nodes`, () => nodesSeenBy(node), {
    timeoutMs: 30_000,
  });
  return Object.fromEntries(view.map((row) => [row.id, row.labels]));
}

describe('swarm managers in network namespaces under faults', () => {
  const cleanup = useCleanup();
  let cluster: NetnsCluster;

  /** Three daemons, a cluster of three managers; resolves with its leader. */
  async function form(): Promise<ClusterNode> {
    cluster = await createNetnsCluster({ nodes: 3 });
    cleanup.push(() => cluster.destroy());
    await Promise.all(cluster.nodes.map((n) => n.start(daemonSpec(n))));
    const [a, ...rest] = cluster.nodes;
    if (a === undefined) throw new Error('unreachable: three nodes');
    await ok(a, ['swarm', 'init', '--advertise-addr', clusterAddress(a)]);
    const token = (await ok(a, ['swarm', 'join-token', '-q', 'manager'])).trim();
    for (const n of rest) {
      const addr = clusterAddress(n);
      await ok(n, ['swarm', 'join', '--token', token, '--advertise-addr', addr, clusterAddress(a)]);
    }
    ids.clear();
    for (const n of cluster.nodes) {
      const self = (await waitFor('the node list', () => nodesSeenBy(n))).find((r) => r.self);
      if (self === undefined) throw new Error(`node ${n.index} is not in its own node list`);
      ids.set(n, self.id);
    }
    return waitFor('a leader', () => leaderAmong(cluster.nodes), { timeoutMs: 30_000 });
  }

  beforeEach((ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'ip', 'nsenter', 'iptables', 'iptables-restore');
  });

  it('kill -9 of the leader: a new leader within 5 s, writes go on through a survivor, nothing acknowledged lost; kill -9 of all and a restart keep it all', async () => {
    const old = await form();
    const survivors = cluster.nodes.filter((n) => n !== old);
    for (const n of cluster.nodes) await addLabel(n, 'before', `n${n.index}`);

    const t0 = Date.now();
    await old.kill9();
    const next = await waitFor('a new leader', () => leaderAmong(survivors), {
      timeoutMs: electionBoundMs * 4,
      intervalMs: 20,
    });
    const electedMs = Date.now() - t0;
    expect(survivors).toContain(next);
    expect(electedMs, `new leader after ${electedMs} ms`).toBeLessThanOrEqual(electionBoundMs);
    for (const n of survivors) await addLabel(n, 'after', `n${n.index}`);

    await old.restart();
    await Promise.all(cluster.nodes.map((n) => n.kill9()));
    await Promise.all(cluster.nodes.map((n) => n.restart()));
    await waitFor('a leader after the restart', () => leaderAmong(cluster.nodes), {
      timeoutMs: 30_000,
    });
    const want: Record<string, Record<string, string>> = {};
    for (const n of cluster.nodes) {
      const name = `n${n.index}`;
      want[ids.get(n) ?? ''] = n === old ? { before: name } : { before: name, after: name };
    }
    for (const n of cluster.nodes) expect(await labelsSeenBy(n)).toEqual(want);
  }, 300_000);

  it('the leader cut off from the others: the two elect and serve, the one refuses writes with the quorum error; after heal, one view', async () => {
    const old = await form();
    const majority = cluster.nodes.filter((n) => n !== old);
    await cluster.isolate(old);
    await waitFor('a leader among the two', () => leaderAmong(majority), {
      timeoutMs: electionBoundMs * 4,
    });
    for (const n of majority) await addLabel(n, 'split', `n${n.index}`);
    const refused = await nodeCli(
      old,
      ['node', 'update', '--label-add', 'lost=1', ids.get(old) ?? ''],
      {
        timeoutMs: 90_000,
      },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'Error: This manager cannot reach a majority: 1 of 3 managers reachable; writes are refused',
    );

    await cluster.heal();
    await waitFor(
      'every manager to see the same labels',
      async () => {
        const views = await Promise.all(cluster.nodes.map((n) => nodesSeenBy(n)));
        const texts = views.map((v) =>
          v === undefined ? undefined : JSON.stringify(v.map((r) => [r.id, r.labels]).sort()),
        );
        return texts.every((t) => t !== undefined && t === texts[0]) ? texts[0] : undefined;
      },
      { timeoutMs: 30_000 },
    );
    const labels = await labelsSeenBy(old);
    for (const n of majority) expect(labels[ids.get(n) ?? '']).toEqual({ split: `n${n.index}` });
    expect(labels[ids.get(old) ?? '']).toEqual({});
  }, 300_000);
});
