/**
 * The attach path of ADR 034 on the real kernel (root): a namespace made ahead of need is
 * named, its veth bridged and configured through long-lived `ip` processes; failures name the
 * command and leave nothing; a dead `ip` is replaced.
 */
import { execFileSync, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BatchSession, HostNet, NetnsSpares, processRunner } from '../../src/net/index.js';
import { sessionRunner } from '../../src/net/exec.js';
import { requireRoot, requireTool, useCleanup, type Cleanup } from '../helpers/host.js';

const sh = (...argv: string[]): string =>
  execFileSync(argv[0] ?? '', argv.slice(1), { encoding: 'utf8' });

interface IpLink {
  ifname: string;
  address?: string;
  mtu?: number;
  operstate?: string;
  addr_info?: { local: string; prefixlen: number }[];
}

function linksIn(netns: string): IpLink[] {
  return JSON.parse(sh('ip', '-4', '-n', netns, '-j', 'addr', 'show')) as IpLink[];
}

/** A bridge of our own, and a HostNet with its own session and spares (closed on cleanup). */
function setup(cleanup: Cleanup, tag: string): { net: HostNet; session: BatchSession; br: string } {
  const session = new BatchSession();
  const net = new HostNet({ runner: sessionRunner(session), spares: new NetnsSpares(1) });
  const br = `tsnpbr${tag}`;
  const plain = new HostNet({ runner: processRunner });
  cleanup.push(() => session.close());
  cleanup.push(() => plain.deleteLinks([br]));
  return { net, session, br };
}

describe('attach through long-lived ip processes (root)', () => {
  const cleanup = useCleanup();

  it('names a namespace made ahead of need, with eth0 addressed, routed and bridged', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'ip', 'unshare', 'nsenter');
    const { net, br } = setup(cleanup, 'a');
    await net.createBridge({ name: br, address: '10.253.0.1/24' });
    for (const [i, name] of ['tsnpca', 'tsnpcb'].entries()) {
      cleanup.push(() => new HostNet({ runner: processRunner }).deleteNetns([name]));
      await net.attachVeth({
        hostName: `tsnpv${i}`,
        netnsPath: `/run/netns/${name}`,
        bridge: br,
        address: `10.253.0.${i + 2}/24`,
        mac: `02:42:0a:fd:00:0${i + 2}`,
        mtu: 1400,
        gateway: '10.253.0.1',
        createNetns: true,
        hairpin: true,
      });
    }
    const eth0 = linksIn('tsnpcb').find((l) => l.ifname === 'eth0');
    expect(eth0).toMatchObject({ mtu: 1400, operstate: 'UP' });
    const link = JSON.parse(sh('ip', '-n', 'tsnpcb', '-j', 'link', 'show', 'eth0')) as IpLink[];
    expect(link[0]?.address).toBe('02:42:0a:fd:00:03');
    expect(eth0?.addr_info?.map((a) => `${a.local}/${a.prefixlen}`)).toEqual(['10.253.0.3/24']);
    expect(sh('ip', '-n', 'tsnpcb', 'route', 'show', 'default')).toContain('via 10.253.0.1');
    const host = JSON.parse(sh('ip', '-j', 'link', 'show', 'tsnpv1')) as (IpLink & {
      master?: string;
    })[];
    expect(host[0]).toMatchObject({ master: br, mtu: 1400 });
    // Container to container over the bridge: a TCP answer from one namespace to the other.
    const server = spawn('nsenter', [
      '--net=/run/netns/tsnpca',
      process.execPath,
      '-e',
      "require('net').createServer((c) => c.end('hi')).listen(5000, '10.253.0.2', () => console.log('up'))",
    ]);
    cleanup.push(() => void server.kill('SIGKILL'));
    await new Promise((r) => server.stdout.once('data', r));
    const client = sh(
      'nsenter',
      '--net=/run/netns/tsnpcb',
      process.execPath,
      '-e',
      "require('net').connect(5000, '10.253.0.2').on('data', (d) => process.stdout.write(d))",
    );
    expect(client).toBe('hi');
  });

  it('a failing attach names the command, and the veth goes with it', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'ip', 'unshare');
    const { net } = setup(cleanup, 'b');
    cleanup.push(() => new HostNet({ runner: processRunner }).deleteNetns(['tsnpcc']));
    const attach = net.attachVeth({
      hostName: 'tsnpv2',
      netnsPath: '/run/netns/tsnpcc',
      bridge: 'tsnpnosuch',
      address: '10.253.1.2/24',
      createNetns: true,
    });
    await expect(attach).rejects.toThrow(
      'Network command "link set tsnpv2 master tsnpnosuch" failed: Error: argument "tsnpnosuch" is wrong: Device does not exist',
    );
    expect(sh('ip', '-br', 'link', 'show')).not.toMatch(/^tsnpv2/m);
    // The named namespace is the caller's to delete (the network manager does, from its record).
    await new HostNet({ runner: processRunner }).deleteNetns(['tsnpcc']);
    expect(sh('ip', 'netns', 'list')).not.toMatch(/^tsnpcc/m);
  });

  it('replaces a host ip process that died, and the next attach works', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'ip', 'unshare');
    const { net, session, br } = setup(cleanup, 'c');
    await net.createBridge({ name: br, address: '10.253.2.1/24' });
    process.kill(session.pid ?? 0, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    cleanup.push(() => new HostNet({ runner: processRunner }).deleteNetns(['tsnpcd']));
    await net.attachVeth({
      hostName: 'tsnpv3',
      netnsPath: '/run/netns/tsnpcd',
      bridge: br,
      address: '10.253.2.2/24',
      createNetns: true,
    });
    expect(linksIn('tsnpcd').find((l) => l.ifname === 'eth0')?.operstate).toBe('UP');
  });
});
