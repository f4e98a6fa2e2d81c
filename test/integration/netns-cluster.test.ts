import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { forwardPolicyFor, sh } from './net-harness.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import {
  createNetnsCluster,
  tcpOpens,
  type ClusterNode,
  type NetnsCluster,
  type ProcessSpec,
} from '../helpers/netns-cluster.js';
import { listHarnessResources, pidAlive, sweepLeftovers } from '../helpers/netns-teardown.js';

const repoRoot = join(import.meta.dirname, '..', '..');

/** `busybox httpd` serving the node's index page on port 8080 of its address. */
function httpd(node: ClusterNode): ProcessSpec {
  return {
    command: 'busybox',
    args: ['httpd', '-f', '-p', `${node.address}:8080`, '-h', node.stateDir],
    readyProbe: () => tcpOpens(node.address, 8080),
  };
}

/**
 * What `from` fetches from `to`'s httpd, or undefined when it cannot within 1 s. (The time limit
 * comes from `timeout`: busybox 1.35's `wget -T` crashes.)
 */
async function fetchFrom(from: ClusterNode, to: ClusterNode): Promise<string | undefined> {
  try {
    const url = `http://${to.address}:8080/`;
    return (await from.execInNetns('timeout', ['1', 'busybox', 'wget', '-q', '-O-', url])).trim();
  } catch {
    return undefined;
  }
}

async function startHttpds(cluster: NetnsCluster): Promise<void> {
  for (const node of cluster.nodes) {
    await writeFile(join(node.stateDir, 'index.html'), `node ${node.index}\n`);
    await node.start(httpd(node));
  }
}

/** Every ordered pair of nodes: whether the first reaches the second. */
async function reachability(cluster: NetnsCluster): Promise<string[]> {
  const out: string[] = [];
  for (const a of cluster.nodes) {
    for (const b of cluster.nodes) {
      if (a === b) continue;
      const ok = (await fetchFrom(a, b)) === `node ${b.index}`;
      out.push(`${a.index}->${b.index} ${ok ? 'ok' : 'cut'}`);
    }
  }
  return out;
}

const allOk = ['1->2 ok', '1->3 ok', '2->1 ok', '2->3 ok', '3->1 ok', '3->2 ok'];

/** Whether anything named with `prefix` is still on the host. */
function leftovers(prefix: string): string[] {
  const res = listHarnessResources().get(prefix);
  if (res === undefined) return [];
  return [...res.netns, ...res.links, ...(res.forwardRule ?? []), ...res.dirs];
}

/** Starts the child fixture and reads its `{prefix, pid}` line. */
async function startChild(): Promise<{
  child: ReturnType<typeof spawn>;
  prefix: string;
  pid: number;
}> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'test/integration/fixtures/netns-cluster-child.ts')],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const line = await waitFor(
    'the child cluster',
    () => {
      if (child.exitCode !== null) throw new Error(`The child exited early:\n${out}`);
      return /^\{.*\}$/m.exec(out)?.[0];
    },
    { timeoutMs: 30_000 },
  );
  const { prefix, pid } = JSON.parse(line) as { prefix: string; pid: number };
  return { child, prefix, pid };
}

describe('netns cluster harness', () => {
  const cleanup = useCleanup();
  let cluster: NetnsCluster;

  beforeEach(async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'ip', 'nsenter', 'iptables', 'iptables-restore', 'busybox');
    cluster = await createNetnsCluster({ nodes: 3 });
    cleanup.push(() => cluster.destroy());
  });

  it('gives each node its namespace, address and directories; nodes and the host reach each other', async () => {
    await startHttpds(cluster);
    expect(await reachability(cluster)).toEqual(allOk);
    for (const node of cluster.nodes) {
      expect(await tcpOpens(node.address, 8080)).toBe(true);
      expect(node.stateDir).not.toBe(cluster.node(1 + (node.index % 3)).stateDir);
      const addrs = await node.execInNetns('ip', ['-4', '-o', 'addr', 'show']);
      expect(addrs).toContain(`inet ${node.address}/24`);
      expect(addrs).toContain('inet 127.0.0.1/8');
    }
  });

  it('nodes reach each other when the host FORWARD policy is DROP (as where Docker runs)', async () => {
    await forwardPolicyFor(cleanup, 'DROP');
    await startHttpds(cluster);
    expect(await reachability(cluster)).toEqual(allOk);
  });

  it('partitions both ways and heals', async () => {
    await startHttpds(cluster);
    const [n1, n2, n3] = [cluster.node(1), cluster.node(2), cluster.node(3)];
    await cluster.partition([n1], [n2]);
    expect(await reachability(cluster)).toEqual([
      '1->2 cut',
      '1->3 ok',
      '2->1 cut',
      '2->3 ok',
      '3->1 ok',
      '3->2 ok',
    ]);
    await cluster.isolate(n3);
    expect(await reachability(cluster)).toEqual([
      '1->2 cut',
      '1->3 cut',
      '2->1 cut',
      '2->3 cut',
      '3->1 cut',
      '3->2 cut',
    ]);
    // The host keeps reaching every node: tests observe and drive a partitioned node.
    for (const node of cluster.nodes) expect(await tcpOpens(node.address, 8080)).toBe(true);
    await cluster.heal();
    expect(cluster.cuts).toEqual([]);
    expect(await reachability(cluster)).toEqual(allOk);
  });

  it('cuts one way: what the source opens is lost, the other way still works', async () => {
    await startHttpds(cluster);
    await cluster.cutOneWay(cluster.node(1), cluster.node(2));
    expect(await reachability(cluster)).toEqual([
      '1->2 cut',
      '1->3 ok',
      '2->1 ok',
      '2->3 ok',
      '3->1 ok',
      '3->2 ok',
    ]);
    await cluster.heal();
    expect(await reachability(cluster)).toEqual(allOk);
  });

  it('kills -9, restarts, pauses and resumes a node by PID', async () => {
    await startHttpds(cluster);
    const [n1, n2] = [cluster.node(1), cluster.node(2)];
    const first = n1.pid;
    expect(first).toBeDefined();
    n1.pause();
    expect(n1.paused).toBe(true);
    expect(await fetchFrom(n2, n1)).toBeUndefined();
    n1.resume();
    expect(await fetchFrom(n2, n1)).toBe('node 1');

    await n1.kill9();
    expect(n1.running).toBe(false);
    expect(pidAlive(first ?? 0)).toBe(false);
    expect(await tcpOpens(n1.address, 8080)).toBe(false);
    await n1.restart();
    expect(n1.pid).not.toBe(first);
    expect(await fetchFrom(n2, n1)).toBe('node 1');
  });

  it('start() says why a process could not start, and kills one that is not ready in time', async () => {
    const n1 = cluster.node(1);
    await expect(n1.restart()).rejects.toThrow('Node 1 was never started');
    await expect(
      n1.start({ command: 'sh', args: ['-c', 'echo boom; exit 3'], readyLine: /never/ }),
    ).rejects.toThrow(/exited before it was ready:\nboom/);
    await expect(
      n1.start({ command: 'nsenter-absent', args: [], env: { PATH: '/nonexistent' } }),
    ).rejects.toThrow(/Node 1: cannot start "nsenter-absent": spawn nsenter ENOENT/);
    await expect(
      n1.start({ command: 'sleep', args: ['30'], readyLine: /never/, readyTimeoutMs: 300 }),
    ).rejects.toThrow('not ready after 300 ms');
    expect(n1.running).toBe(false);
    await n1.start(httpd(n1));
    await expect(n1.start(httpd(n1))).rejects.toThrow(/already runs PID/);
  });

  it('destroy() removes the namespaces, links, FORWARD rule, directories and processes', async () => {
    await startHttpds(cluster);
    const pids = cluster.nodes.map((n) => n.pid ?? 0);
    cluster.node(2).pause();
    await cluster.partition([cluster.node(1)], [cluster.node(3)]);
    expect(leftovers(cluster.prefix).length).toBeGreaterThan(0);
    await cluster.destroy();
    expect(leftovers(cluster.prefix)).toEqual([]);
    expect(await sh('iptables', '-S', 'FORWARD')).not.toContain(cluster.prefix);
    for (const pid of pids) expect(pidAlive(pid)).toBe(false);
  });
});

describe('netns cluster harness on interruption', () => {
  const cleanup = useCleanup();

  beforeEach((ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'ip', 'nsenter', 'iptables', 'iptables-restore', 'busybox');
  });

  it('an interrupted test process (SIGTERM) removes its cluster on the way out', async () => {
    const { child, prefix, pid } = await startChild();
    cleanup.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      sweepLeftovers();
    });
    expect(leftovers(prefix).length).toBeGreaterThan(0);
    const exited = new Promise((r) => child.once('exit', (code, signal) => r(signal ?? code)));
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(leftovers(prefix)).toEqual([]);
    expect(pidAlive(pid)).toBe(false);
  });

  it('a later run sweeps what a killed (SIGKILL) run left, its processes included', async () => {
    const { child, prefix, pid } = await startChild();
    cleanup.push(() => sweepLeftovers());
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    // Nothing could clean up: the namespace and its process outlive the run.
    expect(leftovers(prefix).length).toBeGreaterThan(0);
    expect(pidAlive(pid)).toBe(true);
    expect(sweepLeftovers()).toContain(prefix);
    expect(leftovers(prefix)).toEqual([]);
    await waitFor('the orphaned process to die', () => !pidAlive(pid), { timeoutMs: 5_000 });
  });
});
