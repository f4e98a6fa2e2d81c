/**
 * The routing mesh on one host (ADR 030): two task namespaces on an ingress bridge, a client in
 * a namespace of its own reaching the host's published port. Connections spread over both
 * tasks, TCP and UDP, and each task sees the client's own address (no SNAT); the replies find
 * their way back only through the marks and policy routes of the task namespace (the tasks'
 * default route leads nowhere). Then two nodes in namespaces: the port answers on both, and the
 * task on node B, reached through node A, answers through A.
 */
import { execFile, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { IngressMesh } from '../../src/agent/ingress/index.js';
import { macOf } from '../../src/agent/networks/names.js';
import { meshChainPrefix, type HostNet } from '../../src/net/index.js';
import { runPrefix, useCleanup, waitFor, type Cleanup } from '../helpers/host.js';
import {
  bridgeFor,
  forwardPolicyFor,
  netName,
  netnsFor,
  requireNetHost,
  sh,
  testHostNet,
} from './net-harness.js';

const exec = promisify(execFile);

/** A task: answers TCP port 80 and UDP port 53 with its name and the peer's address. */
const serverScript = `
const name = process.argv[1];
const net = require('node:net');
const dgram = require('node:dgram');
const tcp = net.createServer((s) => s.end(name + ' ' + s.remoteAddress + '\\n'));
const udp = dgram.createSocket('udp4');
udp.on('message', (_m, r) => udp.send(name + ' ' + r.address + '\\n', r.port, r.address));
tcp.listen(80, '0.0.0.0', () => udp.bind(53, () => console.log('ready')));
`;

/** A client: tries TCP or UDP \`count\` times, one new connection (or socket) each, prints JSON. */
const clientScript = `
const [proto, host, port, count] = process.argv.slice(1);
const net = require('node:net');
const dgram = require('node:dgram');
function tcp() {
  return new Promise((resolve) => {
    const s = net.connect(Number(port), host);
    let data = '';
    s.setTimeout(1500, () => { s.destroy(); resolve('timeout'); });
    s.on('data', (c) => (data += c));
    s.on('end', () => resolve(data.trim()));
    s.on('error', (e) => resolve('error ' + e.code));
  });
}
function udp() {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    const timer = setTimeout(() => { s.close(); resolve('timeout'); }, 1500);
    s.on('message', (m) => { clearTimeout(timer); s.close(); resolve(m.toString().trim()); });
    s.send('x', Number(port), host);
  });
}
(async () => {
  const out = [];
  for (let i = 0; i < Number(count); i++) out.push(await (proto === 'udp' ? udp() : tcp()));
  console.log(JSON.stringify(out));
})();
`;

async function tries(
  netnsPath: string,
  proto: 'tcp' | 'udp',
  target: string,
  count: number,
): Promise<string[]> {
  const { stdout } = await exec(
    'nsenter',
    [
      `--net=${netnsPath}`,
      '--',
      process.execPath,
      '-e',
      clientScript,
      proto,
      ...target.split(':'),
      String(count),
    ],
    { timeout: 60_000 },
  );
  return JSON.parse(stdout) as string[];
}

async function startTask(cleanup: Cleanup, netnsPath: string, name: string): Promise<void> {
  const child = spawn(
    'nsenter',
    [`--net=${netnsPath}`, '--', process.execPath, '-e', serverScript, name],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('nsenter did not start');
  cleanup.push(() => process.kill(pid, 'SIGKILL'));
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  await waitFor(`task ${name} to listen`, () => out.includes('ready'), { timeoutMs: 15_000 });
}

function loopbackTry(port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let data = '';
    s.setTimeout(1500, () => {
      s.destroy();
      resolve('timeout');
    });
    s.on('data', (c: Buffer) => (data += c.toString()));
    s.on('end', () => resolve(data.trim()));
    s.on('error', (e: NodeJS.ErrnoException) => resolve(`error ${e.code ?? ''}`));
  });
}

describe('routing mesh on one host (root)', () => {
  const cleanup = useCleanup();

  async function task(net: HostNet, ingress: string, deadEnd: string, n: number): Promise<string> {
    const path = await netnsFor(net, cleanup, `t${n}`);
    // The task's default route leads to an address nobody holds: only the mesh's policy routes
    // can carry a reply to the client.
    await net.attachVeth({
      hostName: netName(`a${n}`),
      netnsPath: path,
      bridge: deadEnd,
      address: `10.222.0.${n + 1}/24`,
      gateway: '10.222.0.254',
    });
    await net.attachVeth({
      hostName: netName(`i${n}`),
      netnsPath: path,
      bridge: ingress,
      address: `10.221.0.${n + 1}/24`,
      innerName: 'eth1',
      mac: macOf(`10.221.0.${n + 1}`),
    });
    await startTask(cleanup, path, `T${n}`);
    return path;
  }

  it('a published port spreads over the tasks, TCP and UDP, and each task sees the client', async (ctx) => {
    requireNetHost(ctx);
    const net = testHostNet();
    const prefix = runPrefix().toUpperCase();
    await forwardPolicyFor(cleanup, 'DROP');
    const forwarding = '/proc/sys/net/ipv4/ip_forward';
    const before = await readFile(forwarding, 'utf8');
    cleanup.push(() => writeFile(forwarding, before));
    await net.enableIpForwarding();

    const nodeAddr = '10.221.0.1';
    const ingress = netName('ig');
    await net.createBridge({ name: ingress, address: `${nodeAddr}/24`, mac: macOf(nodeAddr) });
    cleanup.push(() => net.deleteLinks([ingress]));
    const deadEnd = await bridgeFor(net, cleanup, 'de');
    const t1 = await task(net, ingress, deadEnd, 1);
    const t2 = await task(net, ingress, deadEnd, 2);
    const client = await netnsFor(net, cleanup, 'cl');
    const uplink = netName('c');
    await net.attachVeth({
      hostName: uplink,
      netnsPath: client,
      address: '10.223.0.2/24',
      gateway: '10.223.0.1',
    });
    await sh('ip', 'addr', 'add', '10.223.0.1/24', 'dev', uplink);

    const mesh = new IngressMesh({ net, chainPrefix: prefix });
    cleanup.push(() => mesh.removeNode());
    const backends = ['10.221.0.2', '10.221.0.3'];
    await mesh.applyNode({
      bridge: ingress,
      subnet: '10.221.0.0/24',
      ports: [
        { proto: 'tcp', publishedPort: 8080, targetPort: 80, backends },
        { proto: 'udp', publishedPort: 5353, targetPort: 53, backends },
        // Host mode: the port of the node running the task goes to that task only.
        { proto: 'tcp', publishedPort: 9090, targetPort: 80, backends: ['10.221.0.2'] },
      ],
    });

    // Without the task side, the DNATed connection arrives but its reply has no way back.
    expect(await tries(client, 'tcp', '10.223.0.1:8080', 1)).toEqual(['timeout']);

    const peers = [{ addr: nodeAddr, mac: macOf(nodeAddr) }];
    for (const path of [t1, t2, t1])
      await mesh.applyTask(path, { ifName: 'eth1', peers, udpPorts: [53] });

    const viaTcp = await tries(client, 'tcp', '10.223.0.1:8080', 16);
    expect(new Set(viaTcp)).toEqual(new Set(['T1 10.223.0.2', 'T2 10.223.0.2']));
    const viaUdp = await tries(client, 'udp', '10.223.0.1:5353', 16);
    expect(new Set(viaUdp)).toEqual(new Set(['T1 10.223.0.2', 'T2 10.223.0.2']));
    expect(new Set(await tries(client, 'tcp', '10.223.0.1:9090', 6))).toEqual(
      new Set(['T1 10.223.0.2']),
    );

    // The node itself through loopback: masqueraded to the node's ingress address.
    expect(await loopbackTry(8080)).toMatch(/^T[12] 10\.221\.0\.1$/);

    // Applying twice left one rule per node in the task namespace.
    const rules = await sh('nsenter', `--net=${t1}`, '--', 'ip', 'rule', 'show');
    expect(rules.split('\n').filter((l) => l.startsWith('1000:'))).toHaveLength(1);

    await mesh.removeNode();
    const mine = meshChainPrefix(prefix);
    for (const table of ['filter', 'nat']) {
      expect(await sh('iptables-save', '-t', table)).not.toContain(mine);
    }
    expect(await tries(client, 'tcp', '10.223.0.1:8080', 1)).not.toEqual(['T1 10.223.0.2']);
  });

  it('two nodes: the port answers on both, and a task on B reached through A sees the client', async (ctx) => {
    requireNetHost(ctx);
    const net = testHostNet();
    const prefix = runPrefix().toUpperCase();
    // Underlay: nodes A and B and a client, each in its own namespace on one test bridge.
    const underlay = await bridgeFor(net, cleanup, 'ul');
    const nodeA = await netnsFor(net, cleanup, 'na');
    const nodeB = await netnsFor(net, cleanup, 'nb');
    const client = await netnsFor(net, cleanup, 'cm');
    const on = (path: string, suffix: string, address: string): Promise<void> =>
      net.attachVeth({ hostName: netName(suffix), netnsPath: path, bridge: underlay, address });
    await on(nodeA, 'ua', '10.231.0.2/24');
    await on(nodeB, 'ub', '10.231.0.3/24');
    await on(client, 'uc', '10.231.0.9/24');
    // Each node's ingress bridge carries the node's own ingress address and the MAC derived
    // from it; one L2 link joins the two bridges (VXLAN does this between real nodes).
    const nodes = [
      { path: nodeA, addr: '10.232.0.2' },
      { path: nodeB, addr: '10.232.0.3' },
    ];
    for (const n of nodes) {
      await net.createBridge(
        { name: 'ing0', address: `${n.addr}/24`, mac: macOf(n.addr) },
        { netnsPath: n.path },
      );
      await net.setIpv4Sysctl('ip_forward', '1', { netnsPath: n.path });
    }
    await sh(
      'nsenter',
      `--net=${nodeA}`,
      '--',
      'ip',
      'link',
      'add',
      'l2a',
      'type',
      'veth',
      'peer',
      'name',
      'l2b',
      'netns',
      nodeB,
    );
    await sh('nsenter', `--net=${nodeA}`, '--', 'ip', 'link', 'set', 'l2a', 'master', 'ing0', 'up');
    await sh('nsenter', `--net=${nodeB}`, '--', 'ip', 'link', 'set', 'l2b', 'master', 'ing0', 'up');
    // The task runs on node B; its only route is its ingress interface's subnet.
    const taskPath = await netnsFor(net, cleanup, 'tb');
    await net.attachVeth(
      {
        hostName: 'tv0',
        netnsPath: taskPath,
        bridge: 'ing0',
        address: '10.232.0.10/24',
        innerName: 'eth1',
        mac: macOf('10.232.0.10'),
      },
      { netnsPath: nodeB },
    );
    await startTask(cleanup, taskPath, 'TB');

    const ports = [
      { proto: 'tcp' as const, publishedPort: 8080, targetPort: 80, backends: ['10.232.0.10'] },
      { proto: 'udp' as const, publishedPort: 5353, targetPort: 53, backends: ['10.232.0.10'] },
    ];
    for (const n of nodes) {
      const mesh = new IngressMesh({ net, chainPrefix: prefix, netnsPath: n.path });
      await mesh.applyNode({ bridge: 'ing0', subnet: '10.232.0.0/24', ports });
    }
    const peers = nodes.map((n) => ({ addr: n.addr, mac: macOf(n.addr) }));
    await new IngressMesh({ net, chainPrefix: prefix }).applyTask(taskPath, {
      ifName: 'eth1',
      peers,
      udpPorts: [53],
    });

    for (const node of ['10.231.0.2', '10.231.0.3']) {
      expect(await tries(client, 'tcp', `${node}:8080`, 4)).toEqual(Array(4).fill('TB 10.231.0.9'));
      expect(await tries(client, 'udp', `${node}:5353`, 4)).toEqual(Array(4).fill('TB 10.231.0.9'));
    }
  });
});
