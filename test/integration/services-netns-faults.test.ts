/**
 * A replicated service on 1 manager + 2 workers, each `tsorch daemon` in its own network
 * namespace (test/helpers/netns-cluster.ts, docs/adr/026), under a node fault (issue 11): a
 * worker killed with SIGKILL has its tasks replaced on the other nodes within three heartbeat
 * periods plus scheduling; restarted, it shuts its stale copies down, and no slot ends with two
 * running tasks.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { writeBusyboxArchive } from '../helpers/images.js';
import { createNetnsCluster, type ClusterNode } from '../helpers/netns-cluster.js';
import { clusterAddress, daemonSpec, nodeCli } from '../helpers/netns-daemon.js';

/** The cluster's heartbeat period here; a node is down after three missed. */
const heartbeatMs = 2_000;
/** Scheduling, the new containers' start and this test's polling, on a busy 2-core host. */
const replaceSlackMs = 10_000;
const replicas = 6;

async function ok(node: ClusterNode, args: string[], timeoutMs = 60_000): Promise<string> {
  const r = await nodeCli(node, args, { timeoutMs });
  if (r.code !== 0)
    throw new Error(
      `node ${node.index}: tsorch ${args.join(' ')} failed (${r.code}):\n${r.stderr}`,
    );
  return r.stdout;
}

interface TaskRow {
  slot: string;
  nodeId: string;
  desired: string;
  state: string;
}

async function tasks(via: ClusterNode): Promise<TaskRow[] | undefined> {
  const r = await nodeCli(via, [
    'service',
    'ps',
    '--format',
    '{{.slot}}|{{.nodeId}}|{{.desiredState}}|{{.state}}',
    'flt',
  ]);
  if (r.code !== 0) return undefined;
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const [slot = '', nodeId = '', desired = '', state = ''] = l.split('|');
      return { slot, nodeId, desired, state };
    });
}

/** Running containers of the service on `node`. */
async function running(node: ClusterNode): Promise<string[]> {
  const out = await ok(node, ['ps', '--format', '{{.name}}']);
  return out.split('\n').filter((l) => l.startsWith('flt.'));
}

describe('a replicated service in network namespaces under a node fault', () => {
  const cleanup = useCleanup();

  it('a killed worker: its tasks run again elsewhere in time; back, its stale copies stop', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'ip', 'nsenter', 'iptables', 'iptables-restore', 'runc', 'busybox');
    const cluster = await createNetnsCluster({ nodes: 3 });
    cleanup.push(() => cluster.destroy());
    // Before the cluster goes: the service (else removed containers are replaced), then every
    // node's containers (the shims outlive a killed daemon).
    cleanup.push(async () => {
      for (const n of cluster.nodes) if (!n.running) await n.restart().catch(() => undefined);
      const [first] = cluster.nodes;
      if (first !== undefined) await nodeCli(first, ['service', 'rm', 'flt']);
      for (const n of cluster.nodes) {
        await waitFor('the task containers removed', async () => (await running(n)).length === 0, {
          timeoutMs: 30_000,
          intervalMs: 500,
        }).catch(() => undefined);
        const ids = (await nodeCli(n, ['ps', '-aq'])).stdout.split('\n').filter((l) => l !== '');
        if (ids.length > 0) await nodeCli(n, ['rm', '-f', ...ids]);
      }
    });
    const dir = mkdtempSync(join(tmpdir(), 'tsorch-flt-'));
    cleanup.push(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    const archive = join(dir, 'busybox.tar');
    await writeBusyboxArchive(archive, { format: 'docker' });
    await Promise.all(cluster.nodes.map((n) => n.start(daemonSpec(n, { bin: true }))));
    for (const n of cluster.nodes) await ok(n, ['image', 'load', '-i', archive]);

    const [manager, w1, w2] = cluster.nodes as [ClusterNode, ClusterNode, ClusterNode];
    await ok(manager, ['swarm', 'init', '--advertise-addr', clusterAddress(manager)]);
    await ok(manager, ['swarm', 'update', '--dispatcher-heartbeat', `${heartbeatMs / 1000}s`]);
    const token = (await ok(manager, ['swarm', 'join-token', '-q', 'worker'])).trim();
    for (const w of [w1, w2]) {
      await ok(w, [
        'swarm',
        'join',
        '--token',
        token,
        '--advertise-addr',
        clusterAddress(w),
        clusterAddress(manager),
      ]);
    }
    await ok(manager, [
      'service',
      'create',
      '--name',
      'flt',
      '--replicas',
      String(replicas),
      '--stop-grace-period',
      '2s',
      'busybox:test',
      'sh',
      '-c',
      "trap 'exit 0' TERM; while true; do sleep 1; done",
    ]);
    const spread = await waitFor(
      'the replicas running 2/2/2',
      async () => {
        const rows = (await tasks(manager))?.filter((t) => t.state === 'RUNNING') ?? [];
        if (rows.length !== replicas) return undefined;
        const counts = [manager, w1, w2].map(async (n) => (await running(n)).length);
        const byNode = await Promise.all(counts);
        return byNode.every((c) => c === 2) ? rows : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    const w1Id = (
      JSON.parse(readFileSync(join(w1.stateDir, 'swarm', 'state.json'), 'utf8')) as {
        nodeId: string;
      }
    ).nodeId;
    expect(spread.filter((t) => t.nodeId === w1Id)).toHaveLength(2);
    const nodesBefore = new Set(spread.map((t) => t.nodeId));
    expect(nodesBefore.size).toBe(3);

    // SIGKILL of a worker: its tasks run again on the others within 3 heartbeats + scheduling.
    const t0 = Date.now();
    await w1.kill9();
    const bound = 3 * heartbeatMs + replaceSlackMs;
    const replaced = await waitFor(
      "the killed worker's tasks running elsewhere",
      async () => {
        const rows = await tasks(manager);
        const live = rows?.filter((t) => t.desired === 'RUNNING' && t.state === 'RUNNING') ?? [];
        const slots = new Set(live.map((t) => t.slot));
        const elsewhere = live.every((t) => t.nodeId !== w1Id);
        return live.length === replicas && slots.size === replicas && elsewhere ? live : undefined;
      },
      { timeoutMs: bound * 3, intervalMs: 250 },
    );
    const replacedMs = Date.now() - t0;
    expect(replacedMs, `replaced after ${replacedMs} ms`).toBeLessThanOrEqual(bound);
    expect(new Set(replaced.map((t) => t.nodeId)).size).toBe(2);

    // Back: its stale copies stop, nothing runs twice, and the replicas stay where they are.
    await w1.restart();
    await waitFor('the stale copies stopped', async () => (await running(w1)).length === 0, {
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    const runningRows = await waitFor(
      'the stale copies reported',
      async () => {
        const r = (await tasks(manager))?.filter((t) => t.state === 'RUNNING') ?? [];
        return r.length === replicas ? r : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(new Set(runningRows.map((t) => t.slot)).size).toBe(replicas);
    expect((await running(manager)).length + (await running(w2)).length).toBe(replicas);
  });
});
