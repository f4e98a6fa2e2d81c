/**
 * A service's tasks on an overlay network, end to end on one node (root): a store in this
 * process holds the network, the service and its two tasks with the addresses an allocator
 * gives; its dispatcher, served over gRPC, sends them with the network's endpoint list to a real
 * worker, which makes the node's overlay instance and runs the tasks on it with real runc
 * containers. The tasks ping each other by address; once the service is gone, its containers,
 * the VXLAN device, the bridge and their rules go too.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openNetworks, removeNodeNetworks } from '../../src/agent/index.js';
import type { Store, Task, TaskState } from '../../src/store/index.js';
import { makeNetwork, makeService, makeTask, makeTaskSpec } from '../../src/store/testing.js';
import { useCleanup, waitFor } from '../helpers/host.js';
import { openHarness } from './containers-harness.js';
import {
  log,
  nodeId,
  nodeStore,
  runWorker,
  serveDispatcher,
} from './fixtures/dispatcher-harness.js';
import { forwardPolicyFor, netName, ping, requireNetHost, testHostNet } from './net-harness.js';

const underlay = '192.168.234.1';

function reached(store: Store, id: string, state: TaskState): () => Task | undefined {
  return () => {
    const t = store.view((tx) => tx.get('tasks', id));
    const s = t?.status.state;
    if (s !== state && (s === 'REJECTED' || s === 'FAILED'))
      throw new Error(`Task ${id} is ${s}: ${t?.status.err ?? ''}`);
    return s === state ? t : undefined;
  };
}

describe('service tasks on an overlay network (root)', () => {
  const cleanup = useCleanup();

  it('run on the addresses they were given, ping each other, and leave nothing once removed', async (ctx) => {
    requireNetHost(ctx);
    await forwardPolicyFor(cleanup, 'DROP');
    // The node's underlay: a test bridge holding its advertised address.
    const ul = netName('ut');
    execFileSync('ip', ['link', 'add', ul, 'mtu', '1500', 'type', 'bridge']);
    cleanup.push(() => execFileSync('ip', ['link', 'del', ul]));
    execFileSync('ip', ['addr', 'add', `${underlay}/24`, 'dev', ul]);
    execFileSync('ip', ['link', 'set', ul, 'up']);

    const base = mkdtempSync(join(tmpdir(), 'tsorch-ovt-'));
    cleanup.push(() => rmSync(base, { recursive: true, force: true }));
    const root = join(base, 'root');
    cleanup.push(() => removeNodeNetworks(root, '/var/lib/tsorch'));
    const networks = await openNetworks({ root, defaultRoot: '/var/lib/tsorch', log });
    cleanup.push(() => networks.close());
    const h = await openHarness(cleanup, 'runc', { network: networks.port });
    await networks.reconcile(new Set());

    const store = await nodeStore();
    const netId = `${netName('w')}zzzzzzzzzzzzzzzzz`.slice(0, 25);
    await store.update((tx) => {
      const node = tx.get('nodes', nodeId);
      if (node !== undefined) tx.update('nodes', { ...node, advertiseAddr: `${underlay}:4242` });
      const net = makeNetwork(netId, 'backend');
      net.ipam = [{ subnet: '10.234.0.0/24', gateway: '10.234.0.1' }];
      net.vni = 20_000 + Math.floor(Math.random() * 1_000_000);
      tx.create('networks', net);
      const svc = makeService('svc1', 'web');
      svc.spec.task.networks = [{ target: netId, aliases: [] }];
      tx.create('services', svc);
      for (const slot of [1, 2]) {
        const spec = makeTaskSpec('busybox:test');
        spec.container.cmd = ['sh', '-c', "trap 'exit 0' TERM; sleep 600 & wait"];
        spec.networks = [{ target: netId, aliases: [] }];
        tx.create(
          'tasks',
          makeTask(`t${slot}`, 'svc1', slot, {
            nodeId,
            state: 'ASSIGNED',
            spec,
            networks: [
              { networkId: netId, addresses: [`10.234.0.${slot + 1}/24`], aliases: ['web'] },
            ],
          }),
        );
      }
    });
    const target = await serveDispatcher(cleanup, store);
    const worker = runWorker(cleanup, target, h.manager, h.images, {
      networks: networks.cluster,
    });
    await waitFor('t1 running', reached(store, 't1', 'RUNNING'), { timeoutMs: 30_000 });
    await waitFor('t2 running', reached(store, 't2', 'RUNNING'), { timeoutMs: 30_000 });

    // The worker holds the network's endpoint list, naming both tasks, ready once running.
    const eps = await waitFor('both tasks ready in the endpoint list', () => {
      const e = worker.endpoints().get(netId);
      return e?.tasks.every((t) => t.ready) === true ? e : undefined;
    });
    expect(eps.tasks.map((t) => [t.taskId, t.addr, t.ready])).toEqual([
      ['t1', '10.234.0.2', true],
      ['t2', '10.234.0.3', true],
    ]);
    expect(eps.nodes).toEqual([{ nodeId, addr: underlay }]);
    const rec = networks.manager.network(netId);
    expect(rec).toMatchObject({ driver: 'overlay', mtu: 1450, underlay });
    const in1 = worker.netnsPath('t1') ?? '';
    const in2 = worker.netnsPath('t2') ?? '';
    expect(await ping(in1, '10.234.0.3')).toBe(true);
    expect(await ping(in2, '10.234.0.2')).toBe(true);
    // All on this node: no FDB or neighbour entry on the VXLAN device.
    expect(await testHostNet().listPeers(rec?.vxlan ?? '')).toEqual({ fdb: [], neighbors: [] });

    // The service goes: tasks deleted; the containers, then the network's instance, go.
    await store.update((tx) => {
      tx.delete('tasks', 't1');
      tx.delete('tasks', 't2');
      tx.delete('services', 'svc1');
    });
    // The record goes first, the rules last: wait for all of it.
    const rulesOf = (bridge: string): string[] =>
      execFileSync('iptables-save', { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes(bridge));
    await waitFor(
      'the network instance and its rules gone',
      () =>
        networks.manager.network(netId) === undefined && rulesOf(rec?.bridge ?? '-').length === 0
          ? true
          : undefined,
      { timeoutMs: 30_000 },
    );
    expect(h.manager.list()).toEqual([]);
    const links = await testHostNet().listLinks('ts');
    expect(links).not.toContain(rec?.bridge);
    expect(links).not.toContain(rec?.vxlan);
    expect(worker.endpoints().size).toBe(0);
  });
});
