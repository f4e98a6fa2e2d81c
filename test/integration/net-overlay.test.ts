/**
 * The overlay driver on one node (root, ADR 028): real runc containers on this node's instance
 * of a cluster network (a bridge with a VXLAN port in the host's namespace), and a "remote
 * node" in a namespace on a test underlay bridge, reached over real VXLAN packets through the
 * static FDB and neighbour entries the endpoint list gives.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openNetworks, removeNodeNetworks, type Networks } from '../../src/agent/index.js';
import type { ContainerManager } from '../../src/agent/containers/manager.js';
import type { Network, NetworkEndpoints } from '../../src/store/index.js';
import { createLogger } from '../../src/util/log.js';
import { useCleanup, type Cleanup } from '../helpers/host.js';
import { openHarness, spec } from './containers-harness.js';
import { forwardPolicyFor, netName, ping, requireNetHost, testHostNet } from './net-harness.js';

const notDefaultRoot = '/var/lib/tsorch';
const underlayA = '192.168.233.1';
const underlayB = '192.168.233.2';
const remoteTaskIp = '10.233.0.9';
const remoteMac = '02:42:0a:e9:00:09';

function overlayNetwork(id: string, subnet = '10.233.0.0/24', gateway = '10.233.0.1'): Network {
  return {
    id,
    meta: { version: 1, createdAt: '', updatedAt: '' },
    spec: {
      name: 'ovl',
      labels: {},
      driver: 'overlay',
      ipam: [],
      attachable: false,
      internal: false,
      ipv6: false,
      ingress: false,
    },
    ipam: [{ subnet, gateway }],
    // A VNI of this run's own, so parallel runs never share a VXLAN id on the host.
    vni: 10_000 + Math.floor(Math.random() * 1_000_000),
    pendingDelete: false,
  };
}

function endpoints(id: string, remote: boolean): NetworkEndpoints {
  const task = (n: number, nodeId: string, addr: string): NetworkEndpoints['tasks'][number] => ({
    taskId: `t${n}`,
    taskName: `web.${n}`,
    serviceId: 's',
    serviceName: 'web',
    nodeId,
    addr,
    aliases: [],
    ready: true,
  });
  return {
    id,
    tasks: [
      task(1, 'A', '10.233.0.2'),
      task(2, 'A', '10.233.0.3'),
      ...(remote ? [task(3, 'B', remoteTaskIp)] : []),
    ],
    services: [],
    nodes: [
      { nodeId: 'A', addr: underlayA },
      ...(remote ? [{ nodeId: 'B', addr: underlayB }] : []),
    ],
  };
}

async function node(cleanup: Cleanup): Promise<{ networks: Networks; manager: ContainerManager }> {
  const base = mkdtempSync(join(tmpdir(), 'tsorch-ovl-'));
  cleanup.push(() => rmSync(base, { recursive: true, force: true }));
  const log = createLogger({ level: 'error', write: (l) => process.stderr.write(l) });
  const root = join(base, 'root');
  cleanup.push(() => removeNodeNetworks(root, notDefaultRoot));
  const networks = await openNetworks({ root, defaultRoot: notDefaultRoot, log });
  cleanup.push(() => networks.close());
  const h = await openHarness(cleanup, 'runc', { network: networks.port });
  await networks.reconcile(new Set());
  return { networks, manager: h.manager };
}

/** The underlay (a test bridge holding node A's address) and node B in a namespace on it. */
function underlayWithRemote(cleanup: Cleanup, vni: number): string {
  const ul = netName('ul');
  const ns = netName('rb');
  const ip = (...args: string[]): string => execFileSync('ip', args, { encoding: 'utf8' });
  const inB = (...args: string[]): string =>
    execFileSync('ip', ['netns', 'exec', ns, ...args], { encoding: 'utf8' });
  cleanup.push(() => ip('link', 'del', ul));
  ip('link', 'add', ul, 'mtu', '1500', 'type', 'bridge');
  ip('addr', 'add', `${underlayA}/24`, 'dev', ul);
  ip('link', 'set', ul, 'up');
  cleanup.push(() => ip('netns', 'del', ns));
  ip('netns', 'add', ns);
  ip('link', 'add', netName('ulb'), 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
  ip('link', 'set', netName('ulb'), 'master', ul, 'up');
  inB('ip', 'addr', 'add', `${underlayB}/24`, 'dev', 'eth0');
  inB('ip', 'link', 'set', 'eth0', 'up');
  inB('ip', 'link', 'set', 'lo', 'up');
  // Node B's side by hand: a bridge holding its task's address, a VXLAN port towards node A.
  inB('ip', 'link', 'add', 'br0', 'address', remoteMac, 'mtu', '1450', 'type', 'bridge');
  inB('ip', 'addr', 'add', `${remoteTaskIp}/24`, 'dev', 'br0');
  inB('ip', 'link', 'set', 'br0', 'up');
  inB(
    ...['ip', 'link', 'add', 'vx0', 'mtu', '1450', 'type', 'vxlan', 'id', String(vni)],
    ...['dstport', '4789', 'local', underlayB, 'nolearning', 'proxy'],
  );
  inB('ip', 'link', 'set', 'vx0', 'master', 'br0', 'up');
  for (const last of [2, 3]) {
    const mac = `02:42:0a:e9:00:0${last}`;
    inB('bridge', 'fdb', 'replace', mac, 'dev', 'vx0', 'dst', underlayA, 'self', 'permanent');
    inB(
      'ip',
      'neigh',
      'replace',
      `10.233.0.${last}`,
      'lladdr',
      mac,
      'dev',
      'vx0',
      'nud',
      'permanent',
    );
  }
  return ul;
}

describe('overlay networks on one node (root)', () => {
  const cleanup = useCleanup();

  it('two task containers talk over the bridge, reach a remote node over VXLAN, and nothing stays after', async (ctx) => {
    requireNetHost(ctx);
    await forwardPolicyFor(cleanup, 'DROP');
    const { networks, manager } = await node(cleanup);
    const id = `${netName('n')}xxxxxxxxxxxx`.slice(0, 25);
    const net = overlayNetwork(id);
    underlayWithRemote(cleanup, net.vni ?? 0);
    await networks.cluster.ensure(net, endpoints(id, true), 'A');
    const rec = networks.manager.network(id);
    expect(rec).toMatchObject({ driver: 'overlay', mtu: 1450, underlay: underlayA });
    const bridge = rec?.bridge ?? '';
    const vxlan = rec?.vxlan ?? '';
    expect(readFileSync(`/sys/class/net/${bridge}/mtu`, 'utf8').trim()).toBe('1450');
    expect(readFileSync(`/sys/class/net/${vxlan}/mtu`, 'utf8').trim()).toBe('1450');
    const join = (addr: string): ReturnType<typeof spec> =>
      spec({
        cmd: ['sh', '-c', "trap 'exit 0' TERM; sleep 60 & wait"],
        networkMode: id,
        networks: [{ network: id, ipv4Address: addr }],
      });
    const c1 = await manager.create(join('10.233.0.2'));
    const c2 = await manager.create(join('10.233.0.3'));
    await manager.start(c1.id);
    await manager.start(c2.id);
    const inC1 = networks.cluster.netnsPath(c1.id) ?? '';
    expect(await ping(inC1, '10.233.0.3')).toBe(true);
    expect(await ping(inC1, remoteTaskIp)).toBe(true);
    const peers = await testHostNet().listPeers(vxlan);
    expect(peers.fdb).toEqual([{ dev: vxlan, mac: remoteMac, dst: underlayB }]);
    expect(peers.neighbors).toEqual([{ dev: vxlan, ip: remoteTaskIp, mac: remoteMac }]);
    // /sys is the host's under nsenter: ask ip inside the namespace.
    const link = execFileSync(
      'nsenter',
      [`--net=${inC1}`, '--', 'ip', '-j', 'link', 'show', 'eth0'],
      { encoding: 'utf8' },
    );
    const eth0 = (JSON.parse(link) as { address: string; mtu: number }[])[0];
    expect(eth0?.mtu).toBe(1450);
    const mac = eth0?.address ?? '';
    expect(mac.trim()).toBe('02:42:0a:e9:00:02');

    // The remote task goes: its entries go, and it is out of reach.
    await networks.cluster.setEndpoints(endpoints(id, false), 'A');
    expect(await testHostNet().listPeers(vxlan)).toEqual({ fdb: [], neighbors: [] });
    expect(await ping(inC1, remoteTaskIp, 1)).toBe(false);

    // Still in use: pruning keeps it; once the containers are gone it goes with its rules.
    await networks.cluster.prune(new Set());
    expect(networks.manager.network(id)).toBeDefined();
    await manager.remove(c1.id, { force: true, volumes: true });
    await manager.remove(c2.id, { force: true, volumes: true });
    await networks.cluster.prune(new Set());
    expect(networks.manager.network(id)).toBeUndefined();
    const links = await testHostNet().listLinks('ts');
    expect(links).not.toContain(bridge);
    expect(links).not.toContain(vxlan);
    expect(execFileSync('iptables-save', { encoding: 'utf8' })).not.toContain(bridge);
  });

  it('refuses a subnet the host routes already, naming the route', async (ctx) => {
    requireNetHost(ctx);
    const { networks } = await node(cleanup);
    underlayWithRemote(cleanup, 4242);
    const id = `${netName('m')}yyyyyyyyyyyy`.slice(0, 25);
    const net = overlayNetwork(id, '192.168.233.0/24', '192.168.233.254');
    await expect(networks.cluster.ensure(net, endpoints(id, false), 'A')).rejects.toThrow(
      `Cannot create network "ovl" on this node: its subnet 192.168.233.0/24 overlaps the host's route to 192.168.233.0/24`,
    );
    expect(networks.manager.network(id)).toBeUndefined();
  });
});
