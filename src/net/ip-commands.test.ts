import { describe, expect, it } from 'vitest';
import { hasCode } from '../util/errors.js';
import {
  bridgeLines,
  checkName,
  fdbLines,
  neighborLines,
  spareHostLines,
  spareInnerLines,
  vethHostLines,
  vethInnerLines,
  vxlanLines,
} from './ip-commands.js';

describe('ip-commands', () => {
  it('bridgeLines() sets MAC, MTU and address and brings the bridge up', () => {
    expect(
      bridgeLines({ name: 'tsb1', address: '10.0.0.1/20', mac: '02:42:AC:11:00:01', mtu: 1450 }),
    ).toEqual([
      'link add tsb1 address 02:42:ac:11:00:01 mtu 1450 type bridge',
      'addr add 10.0.0.1/20 dev tsb1',
      'link set tsb1 up',
    ]);
    expect(bridgeLines({ name: 'tsb2' })).toEqual([
      'link add tsb2 type bridge',
      'link set tsb2 up',
    ]);
  });

  it('vethHostLines() creates eth0 directly in the namespace and joins the bridge', () => {
    const veth = {
      hostName: 'tsv1',
      netnsPath: '/proc/42/ns/net',
      bridge: 'tsb1',
      address: '10.0.0.2/20',
      mac: '02:00:0a:00:00:02',
      mtu: 1450,
      gateway: '10.0.0.1',
    };
    expect(vethHostLines(veth)).toEqual([
      'link add tsv1 mtu 1450 type veth peer name eth0 address 02:00:0a:00:00:02 mtu 1450 netns /proc/42/ns/net',
      'link set tsv1 master tsb1',
      'link set tsv1 up',
    ]);
    expect(vethInnerLines(veth)).toEqual([
      'addr add 10.0.0.2/20 dev eth0',
      'link set eth0 up',
      'link set lo up',
      'route add default via 10.0.0.1',
    ]);
    expect(vethInnerLines({ ...veth, gateway: undefined })).not.toContainEqual(
      expect.stringContaining('route'),
    );
  });

  it('vxlanLines() answers ARP from neighbour entries with proxy', () => {
    expect(
      vxlanLines({ name: 'tsx1', vni: 4096, port: 4789, local: '192.168.1.5', proxy: true })[0],
    ).toBe('link add tsx1 type vxlan id 4096 dstport 4789 local 192.168.1.5 nolearning proxy');
  });

  it('vxlanLines() turns learning off and sets VNI, port and local address', () => {
    expect(
      vxlanLines({ name: 'tsx1', vni: 4096, port: 4789, local: '192.168.1.5', bridge: 'tsb1' }),
    ).toEqual([
      'link add tsx1 type vxlan id 4096 dstport 4789 local 192.168.1.5 nolearning',
      'link set tsx1 master tsb1',
      'link set tsx1 up',
    ]);
  });

  it('fdbLines() appends flood entries and replaces unicast ones', () => {
    expect(
      fdbLines([
        { dev: 'tsx1', mac: '00:00:00:00:00:00', dst: '192.168.1.6' },
        { dev: 'tsx1', mac: '02:00:0a:00:00:07', dst: '192.168.1.6' },
      ]),
    ).toEqual([
      'fdb append 00:00:00:00:00:00 dev tsx1 dst 192.168.1.6 self permanent',
      'fdb replace 02:00:0a:00:00:07 dev tsx1 dst 192.168.1.6 self permanent',
    ]);
    expect(neighborLines([{ dev: 'tsb1', ip: '10.0.0.7', mac: '02:00:0a:00:00:07' }])).toEqual([
      'neigh replace 10.0.0.7 lladdr 02:00:0a:00:00:07 dev tsb1 nud permanent',
    ]);
  });

  it.each([
    () => checkName('ts-sixteen-chars'),
    () => checkName(''),
    () => checkName('tsb1\nlink del eth0'),
    () => bridgeLines({ name: 'tsb1', address: '10.0.0.1' }),
    () => bridgeLines({ name: 'tsb1', mtu: 1_000_000 }),
    () => vxlanLines({ name: 'tsx', vni: 2 ** 24, port: 4789, local: '10.0.0.1' }),
    () => vxlanLines({ name: 'tsx', vni: 5, port: 4789, local: '10.0.0.1 dev eth0' }),
    () => fdbLines([{ dev: 'tsx', mac: '02:00:0a:00:00', dst: '10.0.0.1' }]),
    () => vethHostLines({ hostName: 'tsv', netnsPath: '/run/netns/x y', address: '10.0.0.2/24' }),
  ])('refuses values that would break a batch line (%#)', (build) => {
    let thrown: unknown;
    try {
      build();
    } catch (err) {
      thrown = err;
    }
    expect(hasCode(thrown, 'INVALID_ARGUMENT')).toBe(true);
  });
});

describe('veth lines for a second network', () => {
  it('vethHostLines() names the inner end and turns hairpin on', () => {
    const veth = {
      hostName: 'tsv1',
      netnsPath: '/run/netns/tsc1',
      bridge: 'tsb1',
      address: '10.0.0.2/20',
      innerName: 'eth1',
      hairpin: true,
    };
    expect(vethHostLines(veth)).toEqual([
      'link add tsv1 type veth peer name eth1 netns /run/netns/tsc1',
      'link set tsv1 master tsb1',
      'link set tsv1 type bridge_slave hairpin on',
      'link set tsv1 up',
    ]);
    expect(vethInnerLines(veth)[0]).toBe('addr add 10.0.0.2/20 dev eth1');
  });
});

describe('veth lines that also make the namespace', () => {
  const veth = {
    hostName: 'tsv2',
    netnsPath: '/run/netns/tsc2',
    address: '10.0.0.3/20',
    createNetns: true,
  };

  it('vethHostLines() adds the namespace first, in the same batch', () => {
    expect(vethHostLines(veth).slice(0, 2)).toEqual([
      'netns add tsc2',
      'link add tsv2 type veth peer name eth0 netns /run/netns/tsc2',
    ]);
  });

  it('vethHostLines() refuses to create a namespace outside /run/netns', () => {
    expect(() => vethHostLines({ ...veth, netnsPath: '/proc/1/ns/net' })).toThrow(
      'Cannot create namespace "/proc/1/ns/net": not under /run/netns',
    );
  });
});

describe('lines of an attach into a namespace made ahead of need', () => {
  const veth = {
    hostName: 'tsv3',
    netnsPath: '/run/netns/tsc3',
    bridge: 'tsb3',
    address: '10.0.0.4/20',
    mac: '02:42:0A:00:00:04',
    mtu: 1450,
    gateway: '10.0.0.1',
    hairpin: true,
  };

  it('spareHostLines() names the namespace, renames the waiting end and bridges it', () => {
    expect(spareHostLines(veth, 'tsp0123456789ab', 4242)).toEqual([
      'netns attach tsc3 4242',
      'link set tsp0123456789ab name tsv3 mtu 1450',
      'link set tsv3 master tsb3',
      'link set tsv3 type bridge_slave hairpin on',
      'link set tsv3 up',
    ]);
  });

  it('spareInnerLines() gives eth0 its MAC and MTU before the address and route', () => {
    expect(spareInnerLines(veth)).toEqual([
      'link set eth0 address 02:42:0a:00:00:04 mtu 1450',
      'addr add 10.0.0.4/20 dev eth0',
      'link set eth0 up',
      'link set lo up',
      'route add default via 10.0.0.1',
    ]);
  });

  it('spareInnerLines() renames eth0 for a second network and sets nothing it was not given', () => {
    const second = { hostName: 'tsv4', netnsPath: '/run/netns/tsc4', address: '10.0.1.4/24' };
    expect(spareInnerLines({ ...second, innerName: 'eth1' })[0]).toBe('link set eth0 name eth1');
    expect(spareInnerLines(second)[0]).toBe('addr add 10.0.1.4/24 dev eth0');
  });

  it('spareHostLines() refuses a namespace outside /run/netns and a bad process id', () => {
    expect(() => spareHostLines({ ...veth, netnsPath: '/proc/1/ns/net' }, 'tsp1', 1)).toThrow(
      'Cannot create namespace "/proc/1/ns/net": not under /run/netns',
    );
    expect(() => spareHostLines(veth, 'tsp1', 0)).toThrow('Invalid process id 0');
  });
});
