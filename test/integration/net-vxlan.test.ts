import { describe, expect, it } from 'vitest';
import type { HostNet } from '../../src/net/index.js';
import { useCleanup } from '../helpers/host.js';
import {
  bridgeFor,
  netName,
  netnsFor,
  ping,
  requireNetHost,
  sh,
  testHostNet,
} from './net-harness.js';

interface FakeHost {
  /** The host's namespace (stands for one machine). */
  path: string;
  underlay: string;
  overlayIp: string;
  overlayMac: string;
}

describe('VXLAN overlay (root)', () => {
  const cleanup = useCleanup();

  /** A "machine": a namespace on the underlay bridge holding an overlay bridge and a VXLAN. */
  async function machine(
    net: HostNet,
    underlayBridge: string,
    suffix: string,
    host: Omit<FakeHost, 'path'>,
  ): Promise<FakeHost> {
    const path = await netnsFor(net, cleanup, `h${suffix}`);
    await net.attachVeth({
      hostName: netName(`u${suffix}`),
      netnsPath: path,
      bridge: underlayBridge,
      address: `${host.underlay}/24`,
    });
    const inside = { netnsPath: path };
    const bridge = netName('ob');
    await net.createBridge(
      { name: bridge, address: `${host.overlayIp}/24`, mac: host.overlayMac, mtu: 1450 },
      inside,
    );
    await net.createVxlan(
      { name: netName('x'), vni: 4242, port: 4789, local: host.underlay, bridge, mtu: 1450 },
      inside,
    );
    return { path, ...host };
  }

  async function peer(net: HostNet, from: FakeHost, to: FakeHost): Promise<void> {
    await net.setPeers(
      {
        fdb: [{ dev: netName('x'), mac: to.overlayMac, dst: to.underlay }],
        neighbors: [{ dev: netName('ob'), ip: to.overlayIp, mac: to.overlayMac }],
      },
      { netnsPath: from.path },
    );
  }

  it('carries traffic between two namespaces over a test bridge with static FDB entries', async (ctx) => {
    requireNetHost(ctx);
    const net = testHostNet();
    const underlay = await bridgeFor(net, cleanup, 'ul');
    const a = await machine(net, underlay, 'a', {
      underlay: '192.168.210.1',
      overlayIp: '10.210.0.1',
      overlayMac: '02:42:0a:d2:00:01',
    });
    const b = await machine(net, underlay, 'b', {
      underlay: '192.168.210.2',
      overlayIp: '10.210.0.2',
      overlayMac: '02:42:0a:d2:00:02',
    });
    // Without FDB entries nothing crosses: learning is off and there is no multicast group.
    expect(await ping(a.path, b.overlayIp, 1)).toBe(false);
    await peer(net, a, b);
    await peer(net, b, a);
    expect(await ping(a.path, b.overlayIp)).toBe(true);
    expect(await ping(b.path, a.overlayIp)).toBe(true);

    const details = await sh(
      'nsenter',
      `--net=${a.path}`,
      '--',
      'ip',
      '-d',
      'link',
      'show',
      netName('x'),
    );
    expect(details).toMatch(/vxlan id 4242 local 192\.168\.210\.1 .*dstport 4789 .*nolearning/s);
    const fdb = await sh(
      'nsenter',
      `--net=${a.path}`,
      '--',
      'bridge',
      'fdb',
      'show',
      'dev',
      netName('x'),
    );
    expect(fdb).toContain(`${b.overlayMac} dst ${b.underlay} self permanent`);
  });
});
