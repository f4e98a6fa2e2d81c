/**
 * The bridge driver: a Linux bridge per network (the gateway address on it), a veth pair per
 * endpoint with the inner end in the container's namespace. Egress NAT, isolation and
 * published ports are iptables rules the network manager writes for all networks at once.
 *
 * @module
 */
import type { HostNet } from '../../net/index.js';
import { assert } from '../../util/assert.js';
import type { EndpointRecord, JoinTarget, NetworkDriver, NetworkRecord } from './types.js';

/** The bridge driver over the kernel adapter. */
export class BridgeDriver implements NetworkDriver {
  readonly name = 'bridge' as const;

  constructor(private readonly net: HostNet) {}

  async create(n: NetworkRecord, signal?: AbortSignal): Promise<void> {
    const { bridge, subnet, gateway } = bridgeOf(n);
    const present = await this.net.listLinks(bridge, { signal });
    if (present.includes(bridge)) return;
    const prefix = subnet.split('/')[1] ?? '32';
    await this.net.createBridge(
      { name: bridge, address: `${gateway}/${prefix}`, mtu: n.mtu },
      { signal },
    );
    // Published ports answer on 127.0.0.1 through DNAT (ADR 022).
    if (!n.internal) await this.net.enableRouteLocalnet(bridge);
  }

  async remove(n: NetworkRecord, signal?: AbortSignal): Promise<void> {
    if (n.bridge !== undefined) await this.net.deleteLinks([n.bridge], { signal });
  }

  async join(
    n: NetworkRecord,
    ep: EndpointRecord,
    target: JoinTarget,
    signal?: AbortSignal,
  ): Promise<void> {
    const { bridge, gateway } = bridgeOf(n);
    await this.net.attachVeth(
      {
        hostName: ep.hostIf,
        netnsPath: target.netnsPath,
        bridge,
        address: ep.address,
        mac: ep.mac,
        mtu: n.mtu,
        innerName: ep.ifName,
        hairpin: !n.internal,
        gateway: target.defaultRoute ? gateway : undefined,
        createNetns: target.createNetns,
      },
      { signal },
    );
  }

  async leave(ep: EndpointRecord, signal?: AbortSignal): Promise<void> {
    await this.net.deleteLinks([ep.hostIf], { signal });
  }
}

function bridgeOf(n: NetworkRecord): { bridge: string; subnet: string; gateway: string } {
  assert(
    n.bridge !== undefined && n.subnet !== undefined && n.gateway !== undefined,
    `Bridge network "${n.name}" has a bridge, a subnet and a gateway`,
  );
  return { bridge: n.bridge, subnet: n.subnet, gateway: n.gateway };
}
