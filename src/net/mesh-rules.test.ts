import { describe, expect, it } from 'vitest';
import {
  meshChainPrefix,
  meshMark,
  meshNodeRules,
  meshTaskRouteLines,
  meshTaskRules,
  parseIpRules,
} from './mesh-rules.js';

const web = {
  proto: 'tcp' as const,
  publishedPort: 8080,
  targetPort: 80,
  backends: ['10.255.0.12', '10.255.0.5', '10.255.0.9'],
};

describe('mesh rules', () => {
  it('meshNodeRules() spreads a port evenly over its backends and SNATs no outside client', () => {
    const rules = meshNodeRules('TSORCH', {
      bridge: 'tsi1',
      subnet: '10.255.0.0/16',
      ports: [
        web,
        {
          proto: 'udp',
          hostIp: '192.0.2.7',
          publishedPort: 53,
          targetPort: 5353,
          backends: ['10.255.0.5'],
        },
      ],
    });
    expect(rules.nat.rules).toEqual([
      '-A TSORCHMESH-DNAT -p tcp -m tcp --dport 8080 -m statistic --mode random --probability 0.33333333333 -j DNAT --to-destination 10.255.0.5:80',
      '-A TSORCHMESH-DNAT -p tcp -m tcp --dport 8080 -m statistic --mode random --probability 0.50000000000 -j DNAT --to-destination 10.255.0.9:80',
      '-A TSORCHMESH-DNAT -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.255.0.12:80',
      '-A TSORCHMESH-DNAT -d 192.0.2.7/32 -p udp -m udp --dport 53 -j DNAT --to-destination 10.255.0.5:5353',
      '-A TSORCHMESH-POSTROUTING -s 127.0.0.0/8 -o tsi1 -j MASQUERADE',
      '-A TSORCHMESH-POSTROUTING -s 10.255.0.0/16 -o tsi1 -m conntrack --ctstate DNAT -j MASQUERADE',
    ]);
    expect(rules.nat.jumps).toEqual([
      'POSTROUTING -j TSORCHMESH-POSTROUTING',
      'PREROUTING -m addrtype --dst-type LOCAL -j TSORCHMESH-DNAT',
      'OUTPUT -m addrtype --dst-type LOCAL -j TSORCHMESH-DNAT',
    ]);
    expect(rules.filter.rules).toContain(
      '-A TSORCHMESH-FORWARD -d 10.255.0.5/32 -p tcp -m tcp --dport 80 -m conntrack --ctstate DNAT -j ACCEPT',
    );
    expect(rules.filter.rules).toContain(
      '-A TSORCHMESH-FORWARD -s 10.255.0.5/32 -p udp -m udp --sport 5353 -m conntrack --ctstate DNAT -j ACCEPT',
    );
    expect(rules.filter.rules).toHaveLength(8);
  });

  it('meshNodeRules() writes no DNAT for a port without a ready task', () => {
    const rules = meshNodeRules('TSORCH', { ports: [{ ...web, backends: [] }] });
    expect(rules.nat.rules).toEqual([]);
    expect(rules.filter.rules).toEqual([]);
  });

  it.each([
    [{ ...web, backends: ['10.255.0.300'] }, 'Invalid IPv4 address "10.255.0.300"'],
    [{ ...web, publishedPort: 70000 }, 'Invalid port 70000'],
    [{ ...web, hostIp: 'localhost' }, 'Invalid IPv4 address "localhost"'],
  ])('meshNodeRules() refuses a bad value (%#)', (port, message) => {
    expect(() => meshNodeRules('TSORCH', { ports: [port] })).toThrow(message);
  });

  it('meshChainPrefix() refuses a prefix iptables cannot carry', () => {
    expect(meshChainPrefix('TS12AB34')).toBe('TS12AB34MESH');
    expect(() => meshChainPrefix('ts-x')).toThrow('Invalid iptables chain prefix "ts-x"');
  });

  it('meshTaskRules() marks connections by the MAC of the node that DNATed them', () => {
    const rules = meshTaskRules('TSORCH', {
      ifName: 'eth1',
      peers: [
        { addr: '10.255.0.3', mac: '02:42:0A:FF:00:03' },
        { addr: '10.255.0.2', mac: '02:42:0a:ff:00:02' },
      ],
    });
    expect(rules.mangle.rules).toEqual([
      '-A TSORCHMESH-MARK -i eth1 -m mac --mac-source 02:42:0a:ff:00:02 -m conntrack --ctstate NEW -j CONNMARK --set-mark 0xaff0002',
      '-A TSORCHMESH-MARK -i eth1 -m mac --mac-source 02:42:0a:ff:00:03 -m conntrack --ctstate NEW -j CONNMARK --set-mark 0xaff0003',
      '-A TSORCHMESH-MARK -i eth1 -m connmark ! --mark 0x0 -j CONNMARK --restore-mark',
      '-A TSORCHMESH-RESTORE -m connmark ! --mark 0x0 -j CONNMARK --restore-mark',
    ]);
    expect(rules.mangle.jumps).toEqual([
      'PREROUTING -j TSORCHMESH-MARK',
      'OUTPUT -j TSORCHMESH-RESTORE',
    ]);
    expect(() =>
      meshTaskRules('TSORCH', { ifName: 'eth1', peers: [{ addr: '10.0.0.1', mac: 'x' }] }),
    ).toThrow('Invalid MAC address "x"');
  });

  it('meshTaskRouteLines() adds what is missing, keeps what is there and deletes nodes that left', () => {
    const existing = parseIpRules(
      JSON.stringify([
        { priority: 0, src: 'all', table: 'local' },
        { priority: 1000, src: 'all', fwmark: '0xaff0002', table: String(meshMark('10.255.0.2')) },
        { priority: 1000, src: 'all', fwmark: '0xaff0009', table: String(meshMark('10.255.0.9')) },
        { priority: 32766, src: 'all', table: 'main' },
      ]),
    );
    const lines = meshTaskRouteLines(
      {
        ifName: 'eth1',
        peers: [
          { addr: '10.255.0.2', mac: '02:42:0a:ff:00:02' },
          { addr: '10.255.0.3', mac: '02:42:0a:ff:00:03' },
        ],
      },
      existing,
    );
    expect(lines).toEqual([
      'rule del priority 1000 fwmark 0xaff0009 table 184483849',
      'route flush table 184483849',
      'route replace default via 10.255.0.2 dev eth1 table 184483842',
      'route replace default via 10.255.0.3 dev eth1 table 184483843',
      'rule add priority 1000 fwmark 0xaff0003 table 184483843',
    ]);
  });

  it('meshTaskRouteLines() deletes a duplicate rule (a crash between two runs)', () => {
    const rule = { priority: 1000, fwmark: 0xaff0002, table: '184483842' };
    const lines = meshTaskRouteLines(
      { ifName: 'eth1', peers: [{ addr: '10.255.0.2', mac: '02:42:0a:ff:00:02' }] },
      [rule, rule],
    );
    expect(lines).toEqual([
      'rule del priority 1000 fwmark 0xaff0002 table 184483842',
      'route replace default via 10.255.0.2 dev eth1 table 184483842',
    ]);
  });

  it('meshTaskRouteLines() sends UDP replies of a published port through the ingress interface', () => {
    const config = {
      ifName: 'eth1',
      peers: [{ addr: '10.255.0.2', mac: '02:42:0a:ff:00:02' }],
      udpPorts: [53],
    };
    const lines = meshTaskRouteLines(config, []);
    expect(lines).toEqual([
      'route replace default via 10.255.0.2 dev eth1 table 184483842',
      'rule add priority 998 ipproto udp sport 53 table main suppress_prefixlength 0',
      'rule add priority 999 ipproto udp sport 53 table 184483842',
      'rule add priority 1000 fwmark 0xaff0002 table 184483842',
    ]);
    // As `ip -j rule show` prints them once added: nothing more to do but the routes.
    const shown = parseIpRules(
      JSON.stringify([
        {
          priority: 998,
          src: 'all',
          ipproto: 'udp',
          sport: 53,
          table: 'main',
          suppress_prefixlen: 0,
        },
        { priority: 999, src: 'all', ipproto: 'udp', sport: 53, table: '184483842' },
        { priority: 1000, src: 'all', fwmark: '0xaff0002', table: '184483842' },
      ]),
    );
    expect(meshTaskRouteLines(config, shown)).toEqual([
      'route replace default via 10.255.0.2 dev eth1 table 184483842',
    ]);
    expect(meshTaskRouteLines({ ...config, udpPorts: [] }, shown)).toEqual([
      'rule del priority 998 ipproto udp sport 53 table main suppress_prefixlength 0',
      'rule del priority 999 ipproto udp sport 53 table 184483842',
      'route replace default via 10.255.0.2 dev eth1 table 184483842',
    ]);
  });
});
