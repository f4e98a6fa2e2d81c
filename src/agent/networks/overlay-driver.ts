/**
 * The overlay driver (ADR 028): this node's instance of a cluster network is a Linux bridge in
 * the host's namespace holding the network's gateway address, with a VXLAN device as one of its
 * ports (`nolearning proxy`, no multicast group). Task containers join the bridge by veth as on
 * a bridge network; remote tasks are reached through static FDB and neighbour entries on the
 * VXLAN device ({@link ClusterNetworks} keeps them). Egress NAT and isolation are the bridge
 * rules the network manager writes for every network.
 *
 * @module
 */
import type { HostNet } from '../../net/index.js';
import { assert } from '../../util/assert.js';
import type { BridgeDriver } from './bridge-driver.js';
import { macOf } from './names.js';
import type { EndpointRecord, JoinTarget, NetworkDriver, NetworkRecord } from './types.js';

/** The overlay driver over the kernel adapter; endpoints join as on the bridge driver. */
export class OverlayDriver implements NetworkDriver {
  readonly name = 'overlay' as const;

  constructor(
    private readonly net: HostNet,
    private readonly bridge: BridgeDriver,
  ) {}

  async create(n: NetworkRecord, signal?: AbortSignal): Promise<void> {
    const o = overlayOf(n);
    const present = new Set(await this.net.listLinks('ts', { signal }));
    if (!present.has(o.bridge)) {
      const prefix = o.subnet.split('/')[1] ?? '32';
      // A fixed MAC: a bridge otherwise takes the lowest MAC of its ports, which changes.
      await this.net.createBridge(
        { name: o.bridge, address: `${o.gateway}/${prefix}`, mac: macOf(o.gateway), mtu: n.mtu },
        { signal },
      );
    }
    if (!present.has(o.vxlan)) {
      await this.net.createVxlan(
        {
          name: o.vxlan,
          vni: o.vni,
          port: o.port,
          local: o.underlay,
          bridge: o.bridge,
          mtu: n.mtu,
          proxy: true,
        },
        { signal },
      );
    }
  }

  async remove(n: NetworkRecord, signal?: AbortSignal): Promise<void> {
    // The VXLAN device takes its FDB and neighbour entries with it.
    const links = [n.vxlan, n.bridge].flatMap((l) => (l === undefined ? [] : [l]));
    await this.net.deleteLinks(links, { signal });
  }

  join(
    n: NetworkRecord,
    ep: EndpointRecord,
    target: JoinTarget,
    signal?: AbortSignal,
  ): Promise<void> {
    return this.bridge.join(n, ep, target, signal);
  }

  leave(ep: EndpointRecord, signal?: AbortSignal): Promise<void> {
    return this.bridge.leave(ep, signal);
  }
}

function overlayOf(n: NetworkRecord): {
  bridge: string;
  vxlan: string;
  subnet: string;
  gateway: string;
  vni: number;
  port: number;
  underlay: string;
} {
  const { bridge, vxlan, subnet, gateway, vni, dataPathPort, underlay } = n;
  assert(
    bridge !== undefined &&
      vxlan !== undefined &&
      subnet !== undefined &&
      gateway !== undefined &&
      vni !== undefined &&
      dataPathPort !== undefined &&
      underlay !== undefined,
    `Overlay network "${n.name}" has a bridge, a VXLAN device, a subnet, a VNI and an underlay`,
  );
  return { bridge, vxlan, subnet, gateway, vni, port: dataPathPort, underlay };
}
