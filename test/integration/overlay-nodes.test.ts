/**
 * Two nodes on one overlay network (root): node A in this process (the host's namespace), node
 * B a process of its own inside a network namespace (its links, rules and containers there),
 * both on a test underlay bridge and both workers of one dispatcher (a unix socket each). A
 * task on A reaches a task on B by address over VXLAN (real packets between the namespaces);
 * each node holds an FDB and a neighbour entry for the other's task; once B's task stops, A's
 * entries for it go; once the service is gone, neither node keeps links or rules of it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeNodeNetworks } from '../../src/agent/index.js';
import { namedNetnsPath } from '../../src/net/index.js';
import {
  makeNetwork,
  makeNode,
  makeService,
  makeTask,
  makeTaskSpec,
} from '../../src/store/testing.js';
import { LocalProposer, Store as StoreClass } from '../../src/store/index.js';
import { testEncrypter } from '../../src/store/testing.js';
import { useCleanup, waitFor, type Cleanup } from '../helpers/host.js';
import {
  openNetworkedNode,
  runWorker,
  serveDispatcherFor,
  taskReached,
} from './fixtures/dispatcher-harness.js';
import { netName, ping, requireNetHost, testHostNet } from './net-harness.js';

const addrA = '192.168.235.1';
const addrB = '192.168.235.2';

const ip = (...args: string[]): string => execFileSync('ip', args, { encoding: 'utf8' });

/** The underlay bridge holding A's address, and B's namespace on it; returns B's netns path. */
function underlay(cleanup: Cleanup): string {
  const ul = netName('uv');
  const ns = netName('nb');
  cleanup.push(() => ip('link', 'del', ul));
  ip('link', 'add', ul, 'mtu', '1500', 'type', 'bridge');
  ip('addr', 'add', `${addrA}/24`, 'dev', ul);
  ip('link', 'set', ul, 'up');
  cleanup.push(() => ip('netns', 'del', ns));
  ip('netns', 'add', ns);
  ip('link', 'add', netName('vb'), 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
  ip('link', 'set', netName('vb'), 'master', ul, 'up');
  ip('-n', ns, 'addr', 'add', `${addrB}/24`, 'dev', 'eth0');
  ip('-n', ns, 'link', 'set', 'eth0', 'up');
  ip('-n', ns, 'link', 'set', 'lo', 'up');
  return namedNetnsPath(ns);
}

/** Node B: the fixture process inside `netnsPath`, stopped (SIGTERM, then SIGKILL) at cleanup. */
async function nodeB(cleanup: Cleanup, netnsPath: string, target: string): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), 'tsorch-ovb-'));
  cleanup.push(() => rmSync(base, { recursive: true, force: true }));
  const child = spawn(
    'nsenter',
    [
      `--net=${netnsPath}`,
      '--',
      join(process.cwd(), 'node_modules/.bin/tsx'),
      join(process.cwd(), 'test/integration/fixtures/overlay-node.ts'),
      target,
      base,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out = `${out}${d.toString()}`.slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanup.push(async () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
    const late = setTimeout(() => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    }, 20_000);
    await exited;
    clearTimeout(late);
    // Whatever the process could not remove (killed): its records name it.
    await removeNodeNetworks(join(base, 'root'), '/var/lib/tsorch').catch(() => undefined);
  });
  await waitFor(
    'node B ready',
    () => {
      if (child.exitCode !== null) throw new Error(`Node B exited: ${out}`);
      return out.includes('ready') ? true : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 100 },
  );
}

describe('overlay networks across two nodes (root)', () => {
  const cleanup = useCleanup();

  it('a task on A reaches a task on B over VXLAN; entries follow the tasks; nothing stays', async (ctx) => {
    requireNetHost(ctx);
    const inB = underlay(cleanup);
    const store = new StoreClass({ encrypter: testEncrypter() });
    store.setProposer(new LocalProposer(store));
    const netId = `${netName('x')}qqqqqqqqqqqqqqqqqq`.slice(0, 25);
    const vni = 30_000 + Math.floor(Math.random() * 1_000_000);
    await store.update((tx) => {
      tx.create('nodes', makeNode('A', 'a', { advertiseAddr: `${addrA}:4242` }));
      tx.create('nodes', makeNode('B', 'b', { advertiseAddr: `${addrB}:4242` }));
      const net = makeNetwork(netId, 'backend');
      net.ipam = [{ subnet: '10.235.0.0/24', gateway: '10.235.0.1' }];
      net.vni = vni;
      tx.create('networks', net);
      const svc = makeService('svc1', 'web');
      svc.spec.task.networks = [{ target: netId, aliases: [] }];
      tx.create('services', svc);
      for (const [slot, node] of [
        [1, 'A'],
        [2, 'B'],
      ] as const) {
        const spec = makeTaskSpec('busybox:test');
        spec.container.cmd = ['sh', '-c', "trap 'exit 0' TERM; sleep 600 & wait"];
        spec.networks = [{ target: netId, aliases: [] }];
        tx.create(
          'tasks',
          makeTask(`t${slot}`, 'svc1', slot, {
            nodeId: node,
            state: 'ASSIGNED',
            spec,
            networks: [{ networkId: netId, addresses: [`10.235.0.${slot + 1}/24`], aliases: [] }],
          }),
        );
      }
    });
    const [targetA, targetB] = await serveDispatcherFor(cleanup, store, ['A', 'B']);

    const base = mkdtempSync(join(tmpdir(), 'tsorch-ova-'));
    cleanup.push(() => rmSync(base, { recursive: true, force: true }));
    const { networks, h } = await openNetworkedNode(cleanup, base);
    const worker = runWorker(cleanup, targetA ?? '', h.manager, h.images, {
      networks: networks.cluster,
    });
    await nodeB(cleanup, inB, targetB ?? '');

    await waitFor('t1 running', taskReached(store, 't1', 'RUNNING'), { timeoutMs: 60_000 });
    await waitFor('t2 running', taskReached(store, 't2', 'RUNNING'), { timeoutMs: 60_000 });
    const rec = networks.manager.network(netId);
    const vx = rec?.vxlan ?? '';
    const macOf2 = '02:42:0a:eb:00:03';
    const macOf1 = '02:42:0a:eb:00:02';
    await waitFor("A holds the entries of B's task", async () => {
      const p = await testHostNet().listPeers(vx);
      return p.fdb.length === 1 ? p : undefined;
    });
    expect(await testHostNet().listPeers(vx)).toEqual({
      fdb: [{ dev: vx, mac: macOf2, dst: addrB }],
      neighbors: [{ dev: vx, ip: '10.235.0.3', mac: macOf2 }],
    });
    const peersB = await waitFor("B holds the entries of A's task", async () => {
      const p = await testHostNet().listPeers(vx, { netnsPath: inB });
      return p.fdb.length === 1 ? p : undefined;
    });
    expect(peersB).toEqual({
      fdb: [{ dev: vx, mac: macOf1, dst: addrA }],
      neighbors: [{ dev: vx, ip: '10.235.0.2', mac: macOf1 }],
    });
    const in1 = worker.netnsPath('t1') ?? '';
    expect(await ping(in1, '10.235.0.3', 3)).toBe(true);

    // B's task stops: A's entries for it go, and it is out of reach.
    await store.update((tx) => {
      const t2 = tx.get('tasks', 't2');
      if (t2 !== undefined) tx.update('tasks', { ...t2, desiredState: 'SHUTDOWN' });
    });
    await waitFor("A dropped the entries of B's task", async () => {
      const p = await testHostNet().listPeers(vx);
      return p.fdb.length === 0 && p.neighbors.length === 0 ? true : undefined;
    });
    expect(await ping(in1, '10.235.0.3', 1)).toBe(false);

    // The service goes: both nodes remove their instances of the network and its rules.
    await store.update((tx) => {
      tx.delete('tasks', 't1');
      tx.delete('tasks', 't2');
      tx.delete('services', 'svc1');
    });
    const left = async (netnsPath?: string): Promise<string[]> => {
      const links = await testHostNet().listLinks('ts', { netnsPath });
      const rules = execFileSync(
        'nsenter',
        [`--net=${netnsPath ?? '/proc/self/ns/net'}`, '--', 'iptables-save'],
        { encoding: 'utf8' },
      ).split('\n');
      return [
        ...links.filter((l) => l === vx || l === rec?.bridge),
        ...rules.filter((l) => l.includes(rec?.bridge ?? '-')),
      ];
    };
    await waitFor(
      'nothing of the network left on A',
      async () => ((await left()).length === 0 ? true : undefined),
      { timeoutMs: 30_000 },
    );
    await waitFor(
      'nothing of the network left on B',
      async () => ((await left(inB)).length === 0 ? true : undefined),
      { timeoutMs: 30_000 },
    );
  });
});
