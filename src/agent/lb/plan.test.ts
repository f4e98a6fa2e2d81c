import { describe, expect, it } from 'vitest';
import { containerLbRules, containerVips } from './plan.js';
import { networkEndpoints } from './testing.js';

const front = networkEndpoints('net-front', [
  { name: 'shop_web', vip: '10.0.0.2', tasks: ['10.0.0.7', '10.0.0.10', '10.0.0.5!'] },
  { name: 'shop_cache', mode: 'dnsrr', tasks: ['10.0.0.8'] },
  { name: 'shop_down', vip: '10.0.0.3', tasks: ['10.0.0.9!'] },
]);
const back = networkEndpoints('net-back', [
  { name: 'shop_db', vip: '10.1.0.2', tasks: ['10.1.0.5'] },
]);

describe('containerVips()', () => {
  it('lists the VIPs of the networks the container is on, with their ready tasks, sorted', () => {
    expect(containerVips([front, back], ['net-front'])).toEqual([
      { vip: '10.0.0.2', backends: ['10.0.0.7', '10.0.0.10'] },
      { vip: '10.0.0.3', backends: [] },
    ]);
    expect(containerVips([front, back], ['net-back', 'net-front']).map((v) => v.vip)).toEqual([
      '10.0.0.2',
      '10.0.0.3',
      '10.1.0.2',
    ]);
  });

  it('gives nothing to a container on no cluster network', () => {
    expect(containerVips([front, back], ['local-bridge'])).toEqual([]);
    expect(containerLbRules('TSORCH', [front, back], ['local-bridge'])).toBeUndefined();
  });
});

describe('containerLbRules()', () => {
  it('balances every VIP with backends and refuses the one without', () => {
    const rules = containerLbRules('TSORCH', [front], ['net-front']);
    expect(rules?.nat.rules).toEqual([
      '-A TSORCH-VIP -d 10.0.0.2/32 -j TSORCH-VIP-0A000002',
      '-A TSORCH-VIP-0A000002 -m statistic --mode random --probability 0.50000000 -j DNAT --to-destination 10.0.0.7',
      '-A TSORCH-VIP-0A000002 -j DNAT --to-destination 10.0.0.10',
    ]);
    expect(rules?.filter.rules).toEqual([
      '-A TSORCH-VIP -d 10.0.0.3/32 -p tcp -j REJECT --reject-with tcp-reset',
      '-A TSORCH-VIP -d 10.0.0.3/32 -j REJECT --reject-with icmp-port-unreachable',
    ]);
  });

  it('refuses a table with an address that is no IPv4 address', () => {
    const bad = networkEndpoints('net-x', [{ name: 'x', vip: '10.0.0.2', tasks: ['fe80::1'] }]);
    expect(() => containerLbRules('TSORCH', [bad], ['net-x'])).toThrow(
      'Invalid IPv4 address "fe80::1"',
    );
  });
});
