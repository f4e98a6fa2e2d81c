import { describe, expect, it } from 'vitest';
import type { Network, NetworkEndpoints } from '../../store/index.js';
import { makeNetwork } from '../../store/testing.js';
import { clusterNetworkSpec, diffPeers, peersOf } from './cluster.js';

const meta = { version: 3, createdAt: '', updatedAt: '' };

function network(over: { driverOpts?: Record<string, string>; driver?: 'bridge' } = {}): Network {
  const n = makeNetwork('n1abcdefghijkl', 'app');
  return {
    ...n,
    meta,
    spec: {
      ...n.spec,
      ...(over.driver === undefined ? {} : { driver: over.driver }),
      ...(over.driverOpts === undefined ? {} : { driverOpts: over.driverOpts }),
    },
  };
}

const node = { underlay: '192.0.2.2', underlayMtu: 1500, dataPathPort: 4789 };

describe('clusterNetworkSpec()', () => {
  it('takes the underlay MTU less 50 bytes of VXLAN headers', () => {
    const s = clusterNetworkSpec(network(), node);
    expect(s).toMatchObject({
      subnet: '10.0.1.0/24',
      gateway: '10.0.1.1',
      vni: 4097,
      mtu: 1450,
      dataPathPort: 4789,
      underlay: '192.0.2.2',
    });
  });

  it('keeps a configured MTU that fits', () => {
    const s = clusterNetworkSpec(
      network({ driverOpts: { 'com.docker.network.driver.mtu': '1400' } }),
      node,
    );
    expect(s.mtu).toBe(1400);
  });

  it.each([
    [
      { driverOpts: { 'com.docker.network.driver.mtu': '1500' } },
      'Cannot create network "app" on this node: MTU 1500 is larger than the underlay MTU 1500 less 50 bytes of VXLAN headers (1450): larger packets would be lost',
    ],
    [
      { driverOpts: { 'com.docker.network.driver.mtu': 'big' } },
      'Cannot create network "app" on this node: option com.docker.network.driver.mtu="big" is not an MTU (68 or more)',
    ],
    [
      { driverOpts: { encrypted: '' } },
      'Cannot create network "app" on this node: encrypted overlay networks need IPsec ESP, which this kernel lacks',
    ],
    [
      { driver: 'bridge' as const },
      'Cannot create network "app" on this node: driver "bridge" is not a cluster driver (use overlay)',
    ],
  ])('refuses %j', (over, message) => {
    expect(() => clusterNetworkSpec(network(over), node)).toThrow(message);
  });

  it('refuses a network the allocator has not handled yet', () => {
    const n = { ...network(), ipam: [] };
    expect(() => clusterNetworkSpec(n, node)).toThrow(
      'Cannot create network "app" on this node: the manager has not given it a subnet and a VNI yet',
    );
  });
});

function endpoints(tasks: [string, string][]): NetworkEndpoints {
  return {
    id: 'n1',
    tasks: tasks.map(([nodeId, addr], i) => ({
      taskId: `t${i}`,
      taskName: `web.${i}`,
      serviceId: 's1',
      serviceName: 'web',
      nodeId,
      addr,
      aliases: [],
      ready: true,
    })),
    services: [],
    nodes: [
      { nodeId: 'a', addr: '192.0.2.2' },
      { nodeId: 'b', addr: '192.0.2.3' },
    ],
  };
}

describe('peersOf() and diffPeers()', () => {
  it('lists an FDB and a neighbour entry for every remote task, none for local ones', () => {
    const p = peersOf(
      endpoints([
        ['a', '10.0.1.2'],
        ['b', '10.0.1.3'],
        ['c', '10.0.1.4'],
      ]),
      'a',
      'tsx1',
    );
    expect([...p.fdb.values()]).toEqual([
      { dev: 'tsx1', mac: '02:42:0a:00:01:03', dst: '192.0.2.3' },
    ]);
    expect([...p.neighbors.values()]).toEqual([
      { dev: 'tsx1', ip: '10.0.1.3', mac: '02:42:0a:00:01:03' },
    ]);
  });

  it('removes the entries of tasks that went and adds those of tasks that came', () => {
    const before = peersOf(endpoints([['b', '10.0.1.3']]), 'a', 'tsx1');
    const after = peersOf(endpoints([['b', '10.0.1.5']]), 'a', 'tsx1');
    const d = diffPeers(before, after);
    expect(d.fdbDel.map((e) => e.mac)).toEqual(['02:42:0a:00:01:03']);
    expect(d.fdbAdd.map((e) => e.mac)).toEqual(['02:42:0a:00:01:05']);
    expect(d.neighDel.map((e) => e.ip)).toEqual(['10.0.1.3']);
    expect(d.neighAdd.map((e) => e.ip)).toEqual(['10.0.1.5']);
    expect(diffPeers(after, after)).toEqual({ fdbAdd: [], fdbDel: [], neighAdd: [], neighDel: [] });
  });
});
