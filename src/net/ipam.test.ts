import { describe, expect, it } from 'vitest';
import { createIpam } from './ipam.js';
import type { NetworkLike } from './ipam-types.js';

function net(
  id: string,
  options: {
    driver?: 'bridge' | 'overlay';
    subnet?: string;
    gateway?: string;
    ipRange?: string;
  } = {},
): NetworkLike {
  const { driver = 'overlay', subnet, gateway, ipRange } = options;
  return {
    id,
    spec: {
      name: id,
      driver,
      ipam: subnet === undefined ? [] : [{ subnet, gateway, ipRange }],
    },
  };
}

function allocated<T>(result: { ok: true; value: T } | { ok: false; issue: unknown }): T {
  if (!result.ok) throw new Error(`Expected success, got ${JSON.stringify(result.issue)}`);
  return result.value;
}

describe('Ipam networks', () => {
  it('allocateNetwork() cuts /20 subnets from the default pool and gives overlays a VNI', () => {
    const ipam = createIpam();
    expect(allocated(ipam.allocateNetwork(net('a')))).toEqual({
      subnet: '10.0.0.0/20',
      gateway: '10.0.0.1',
      vni: 4096,
    });
    expect(allocated(ipam.allocateNetwork(net('b', { driver: 'bridge' })))).toEqual({
      subnet: '10.0.16.0/20',
      gateway: '10.0.16.1',
    });
    expect(allocated(ipam.allocateNetwork(net('c'))).vni).toBe(4097);
  });

  it('allocateNetwork() skips subnets the pools must avoid (the host routes of a node)', () => {
    const ipam = createIpam({
      pools: [{ base: '172.17.0.0/16', subnetPrefixLength: 24 }],
      avoid: ['172.17.0.0/23', '172.17.3.0/24'],
    });
    expect(allocated(ipam.allocateNetwork(net('a', { driver: 'bridge' }))).subnet).toBe(
      '172.17.2.0/24',
    );
    expect(allocated(ipam.allocateNetwork(net('b', { driver: 'bridge' }))).subnet).toBe(
      '172.17.4.0/24',
    );
  });

  it('createIpam() refuses a subnet to avoid that does not parse', () => {
    expect(() => createIpam({ avoid: ['10.0.0.1/8'] })).toThrow('Invalid subnet to avoid');
  });

  it('allocateNetwork() returns the same allocation when called again', () => {
    const ipam = createIpam();
    const first = allocated(ipam.allocateNetwork(net('a')));
    expect(allocated(ipam.allocateNetwork(net('a')))).toEqual(first);
    expect(ipam.usage('a')).toEqual({ inUseCount: 1, capacity: 4094 });
  });

  it('allocateNetwork() honours a given subnet and gateway and skips it in the pool', () => {
    const ipam = createIpam();
    const given = net('given', { subnet: '10.0.0.0/24', gateway: '10.0.0.254' });
    expect(allocated(ipam.allocateNetwork(given))).toMatchObject({
      subnet: '10.0.0.0/24',
      gateway: '10.0.0.254',
    });
    expect(allocated(ipam.allocateNetwork(net('pooled'))).subnet).toBe('10.0.16.0/20');
  });

  it.each([
    ['10.0.3.0/33', 'invalid_config', /"10.0.3.0\/33" is not an IPv4 subnet/],
    ['10.0.3.1/24', 'invalid_config', /host bits set: did you mean "10.0.3.0\/24"/],
    ['fd00::/64', 'invalid_config', /not an IPv4 subnet/],
    ['10.0.3.0/31', 'invalid_config', /too small/],
    ['10.0.0.0/16', 'subnet_overlap', /overlaps "10.0.0.0\/20" of network "first"/],
  ])('allocateNetwork() refuses subnet %s (%s)', (subnet, code, message) => {
    const ipam = createIpam();
    allocated(ipam.allocateNetwork(net('first')));
    const result = ipam.allocateNetwork(net('second', { subnet }));
    expect(result).toMatchObject({ ok: false, issue: { code, networkId: 'second' } });
    expect(!result.ok && result.issue.message).toMatch(message);
    expect(ipam.network('second')).toBeUndefined();
  });

  it.each([['10.0.4.1'], ['10.0.3.0'], ['10.0.3.255'], ['nonsense']])(
    'allocateNetwork() refuses gateway %s outside the hosts of 10.0.3.0/24',
    (gateway) => {
      const result = createIpam().allocateNetwork(net('n', { subnet: '10.0.3.0/24', gateway }));
      expect(result).toMatchObject({ ok: false, issue: { code: 'invalid_config' } });
    },
  );

  it('allocateNetwork() reports full pools', () => {
    const ipam = createIpam({ pools: [{ base: '192.168.0.0/23', subnetPrefixLength: 24 }] });
    allocated(ipam.allocateNetwork(net('a')));
    allocated(ipam.allocateNetwork(net('b')));
    expect(ipam.allocateNetwork(net('c'))).toEqual({
      ok: false,
      issue: {
        code: 'pool_exhausted',
        networkId: 'c',
        message: 'Network "c": the address pools are full (192.168.0.0/23 (/24 each), 2 networks)',
      },
    });
  });

  it('allocateNetwork() reports when no VNI is left', () => {
    const ipam = createIpam({ vniRange: { first: 10, last: 10 } });
    allocated(ipam.allocateNetwork(net('a')));
    expect(ipam.allocateNetwork(net('b'))).toMatchObject({
      ok: false,
      issue: { code: 'vni_exhausted' },
    });
    expect(ipam.network('b')).toBeUndefined();
    // A bridge network needs no VNI.
    allocated(ipam.allocateNetwork(net('c', { driver: 'bridge' })));
  });

  it('releaseNetwork() is refused while endpoints hold addresses, then frees subnet and VNI', () => {
    const ipam = createIpam({ vniRange: { first: 10, last: 10 } });
    allocated(ipam.allocateNetwork(net('a')));
    allocated(ipam.allocateTask('t1', ['a']));
    expect(ipam.releaseNetwork('a')).toMatchObject({
      ok: false,
      issue: {
        code: 'network_in_use',
        message: 'Network "a" still has 1 endpoint(s) with an address',
      },
    });
    ipam.releaseTask('t1');
    expect(ipam.releaseNetwork('a')).toEqual({ ok: true, value: undefined });
    expect(allocated(ipam.allocateNetwork(net('b')))).toEqual({
      subnet: '10.0.0.0/20',
      gateway: '10.0.0.1',
      vni: 10,
    });
  });

  it.each([
    [{ pools: [{ base: '10.0.0.0/8', subnetPrefixLength: 31 }] }, /between \/8 and \/30/],
    [{ pools: [{ base: '10.0.0.0/8', subnetPrefixLength: 7 }] }, /between \/8 and \/30/],
    [{ pools: [{ base: '10.0.0.0', subnetPrefixLength: 24 }] }, /Invalid address pool/],
    [{ vniRange: { first: 0, last: 5 } }, /VXLAN identifier range 0..5/],
    [{ vniRange: { first: 1, last: 2 ** 24 } }, /must lie within/],
  ])('createIpam() rejects bad options %#', (options, message) => {
    expect(() => createIpam(options)).toThrow(message);
  });
});

describe('Ipam endpoints', () => {
  it('a default network holds a 1,000-task service with its VIP, twice over', () => {
    const ipam = createIpam();
    allocated(ipam.allocateNetwork(net('big')));
    allocated(ipam.allocateVips('svc', ['big']));
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      for (const { addr } of allocated(ipam.allocateTask(`t${i}`, ['big']))) seen.add(addr);
    }
    expect(seen.size).toBe(2000);
    expect(ipam.usage('big')).toEqual({ inUseCount: 2002, capacity: 4094 });
  });

  it('allocateTask() reports exhaustion with the network, subnet and count in the message', () => {
    const ipam = createIpam();
    allocated(ipam.allocateNetwork(net('backend', { subnet: '10.0.3.0/24' })));
    for (let i = 0; i < 253; i++) allocated(ipam.allocateTask(`t${i}`, ['backend']));
    expect(ipam.allocateTask('one-too-many', ['backend'])).toEqual({
      ok: false,
      issue: {
        code: 'address_exhausted',
        networkId: 'backend',
        message: 'network backend: no free address in 10.0.3.0/24 (254 in use)',
      },
    });
  });

  it('allocateTask() gives the first host addresses after the gateway, as CIDR', () => {
    const ipam = createIpam();
    allocated(ipam.allocateNetwork(net('a', { subnet: '10.0.3.0/24' })));
    allocated(ipam.allocateNetwork(net('b', { subnet: '10.0.4.0/24', gateway: '10.0.4.9' })));
    expect(allocated(ipam.allocateTask('t1', ['a', 'b']))).toEqual([
      { networkId: 'a', addr: '10.0.3.2/24' },
      { networkId: 'b', addr: '10.0.4.1/24' },
    ]);
  });

  it('allocateTask() is idempotent per network', () => {
    const ipam = createIpam();
    allocated(ipam.allocateNetwork(net('a')));
    allocated(ipam.allocateNetwork(net('b')));
    const first = allocated(ipam.allocateTask('t1', ['a']));
    const again = allocated(ipam.allocateTask('t1', ['a', 'b']));
    expect(again[0]).toEqual(first[0]);
    expect(ipam.usage('a')?.inUseCount).toBe(2);
  });

  it('allocateTask() is all or nothing across networks', () => {
    const ipam = createIpam();
    allocated(ipam.allocateNetwork(net('roomy')));
    allocated(ipam.allocateNetwork(net('tiny', { subnet: '10.9.0.0/30' })));
    allocated(ipam.allocateTask('t1', ['tiny']));
    expect(ipam.allocateTask('t2', ['roomy', 'tiny'])).toMatchObject({
      ok: false,
      issue: { code: 'address_exhausted', networkId: 'tiny' },
    });
    expect(ipam.usage('roomy')?.inUseCount).toBe(1);
    expect(ipam.allocateTask('t3', ['roomy', 'gone'])).toMatchObject({
      ok: false,
      issue: { code: 'unknown_network', networkId: 'gone' },
    });
    expect(ipam.usage('roomy')?.inUseCount).toBe(1);
  });

  it('allocateTask() keeps earlier addresses when a later call fails', () => {
    const ipam = createIpam();
    allocated(ipam.allocateNetwork(net('a')));
    const held = allocated(ipam.allocateTask('t1', ['a']));
    expect(ipam.allocateTask('t1', ['a', 'gone']).ok).toBe(false);
    expect(allocated(ipam.allocateTask('t1', ['a']))).toEqual(held);
  });

  it('releaseTask() frees addresses, which come back only after the rest of the range', () => {
    const ipam = createIpam();
    allocated(ipam.allocateNetwork(net('n', { subnet: '10.0.3.0/29' })));
    const [first] = allocated(ipam.allocateTask('t1', ['n']));
    ipam.releaseTask('t1');
    const later = ['t2', 't3', 't4', 't5', 't6'].map(
      (t) => allocated(ipam.allocateTask(t, ['n']))[0]?.addr,
    );
    expect(later).toEqual([
      '10.0.3.3/29',
      '10.0.3.4/29',
      '10.0.3.5/29',
      '10.0.3.6/29',
      '10.0.3.2/29',
    ]);
    expect(first?.addr).toBe('10.0.3.2/29');
  });

  it('ip_range limits the addresses handed out, not the subnet', () => {
    const ipam = createIpam();
    const n = net('n', { subnet: '10.0.0.0/24', ipRange: '10.0.0.128/30' });
    expect(allocated(ipam.allocateNetwork(n)).gateway).toBe('10.0.0.1');
    const addrs = ['a', 'b', 'c', 'd'].map((t) => allocated(ipam.allocateTask(t, ['n']))[0]?.addr);
    expect(addrs).toEqual(['10.0.0.128/24', '10.0.0.129/24', '10.0.0.130/24', '10.0.0.131/24']);
    expect(ipam.allocateTask('e', ['n']).ok).toBe(false);
    expect(ipam.releaseNetwork('n').ok).toBe(false);
  });

  it('ip_range outside the subnet is refused', () => {
    const result = createIpam().allocateNetwork(
      net('n', { subnet: '10.0.0.0/24', ipRange: '10.0.1.0/28' }),
    );
    expect(result).toMatchObject({ ok: false, issue: { code: 'invalid_config' } });
  });

  it('VIPs and task addresses never collide, and releaseVips() frees per network', () => {
    const ipam = createIpam();
    allocated(ipam.allocateNetwork(net('a', { subnet: '10.0.3.0/24' })));
    allocated(ipam.allocateNetwork(net('b', { subnet: '10.0.4.0/24' })));
    expect(allocated(ipam.allocateVips('svc', ['a', 'b']))).toEqual([
      { networkId: 'a', addr: '10.0.3.2/24' },
      { networkId: 'b', addr: '10.0.4.2/24' },
    ]);
    expect(allocated(ipam.allocateTask('svc', ['a']))).toEqual([
      { networkId: 'a', addr: '10.0.3.3/24' },
    ]);
    ipam.releaseVips('svc', ['b']);
    expect(ipam.usage('b')?.inUseCount).toBe(1);
    expect(ipam.usage('a')?.inUseCount).toBe(3);
    ipam.releaseVips('svc');
    expect(ipam.usage('a')?.inUseCount).toBe(2);
  });
});
