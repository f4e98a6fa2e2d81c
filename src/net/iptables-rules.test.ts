import { describe, expect, it } from 'vitest';
import { chainNames, desiredRules, parseTable, restoreScript } from './iptables-rules.js';

const networks = [
  { bridge: 'tsb2', subnet: '10.0.16.0/20', internal: true },
  { bridge: 'tsb1', subnet: '10.0.0.0/20', internal: false },
];

describe('iptables rules', () => {
  it('desiredRules() isolates networks, keeps internal ones in, lets others out and masquerades', () => {
    const rules = desiredRules('TSORCH', networks);
    expect(rules.filter.rules).toEqual([
      '-A TSORCH-ISOLATION-1 -i tsb1 ! -o tsb1 -j TSORCH-ISOLATION-2',
      '-A TSORCH-ISOLATION-1 -i tsb2 ! -o tsb2 -j DROP',
      '-A TSORCH-ISOLATION-1 -o tsb2 ! -i tsb2 -j DROP',
      '-A TSORCH-ISOLATION-2 -o tsb1 -j DROP',
      '-A TSORCH-ISOLATION-2 -o tsb2 -j DROP',
      '-A TSORCH-FORWARD -i tsb1 -o tsb1 -j ACCEPT',
      '-A TSORCH-FORWARD -i tsb1 ! -o tsb1 -j ACCEPT',
      '-A TSORCH-FORWARD -o tsb1 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A TSORCH-FORWARD -i tsb2 -o tsb2 -j ACCEPT',
    ]);
    expect(rules.nat.rules).toEqual([
      '-A TSORCH-POSTROUTING -s 10.0.0.0/20 ! -o tsb1 -j MASQUERADE',
    ]);
  });

  it('parseTable() finds the prefix chains and every jump to them, duplicates included', () => {
    const saved = [
      '*filter',
      ':FORWARD DROP [0:0]',
      ':TSORCH-FORWARD - [0:0]',
      ':TSORCH-OLD - [0:0]',
      ':DOCKER - [0:0]',
      '-A FORWARD -j TSORCH-FORWARD',
      '-A FORWARD -j TSORCH-FORWARD',
      '-A FORWARD -j DOCKER',
      '-A TSORCH-FORWARD -i tsb1 -o tsb1 -j ACCEPT',
      'COMMIT',
    ].join('\n');
    expect(parseTable('TSORCH', saved)).toEqual({
      chains: ['TSORCH-FORWARD', 'TSORCH-OLD'],
      jumps: ['-A FORWARD -j TSORCH-FORWARD', '-A FORWARD -j TSORCH-FORWARD'],
    });
  });

  it('restoreScript() rewrites the chains, drops duplicates and stale chains, jumps first', () => {
    const current = {
      chains: ['TSORCH-FORWARD', 'TSORCH-OLD'],
      jumps: ['-A FORWARD -j TSORCH-FORWARD', '-A FORWARD -j TSORCH-FORWARD'],
    };
    expect(restoreScript('filter', current, desiredRules('TSORCH', []).filter)).toBe(
      [
        '*filter',
        ':TSORCH-FORWARD - [0:0]',
        ':TSORCH-ISOLATION-1 - [0:0]',
        ':TSORCH-ISOLATION-2 - [0:0]',
        ':TSORCH-OLD - [0:0]',
        '-D FORWARD -j TSORCH-FORWARD',
        '-D FORWARD -j TSORCH-FORWARD',
        '-X TSORCH-OLD',
        '-I FORWARD 1 -j TSORCH-FORWARD',
        '-I FORWARD 1 -j TSORCH-ISOLATION-1',
        'COMMIT',
        '',
      ].join('\n'),
    );
  });

  it('restoreScript() without wanted rules removes everything of the prefix', () => {
    const current = {
      chains: ['TSORCH-POSTROUTING'],
      jumps: ['-A POSTROUTING -j TSORCH-POSTROUTING'],
    };
    expect(restoreScript('nat', current, undefined)).toBe(
      [
        '*nat',
        ':TSORCH-POSTROUTING - [0:0]',
        '-D POSTROUTING -j TSORCH-POSTROUTING',
        '-X TSORCH-POSTROUTING',
        'COMMIT',
        '',
      ].join('\n'),
    );
  });

  it.each(['tsorch', 'TOO-LONG-PREFIX', ''])('chainNames() refuses prefix "%s"', (prefix) => {
    expect(() => chainNames(prefix)).toThrow(/Invalid iptables chain prefix/);
  });
});

describe('iptables rules for published ports', () => {
  const published = {
    bridge: 'tsb1',
    subnet: '10.0.0.0/20',
    internal: false,
    ports: [
      { proto: 'tcp' as const, hostPort: 8080, containerIp: '10.0.0.2', containerPort: 80 },
      {
        proto: 'udp' as const,
        hostIp: '127.0.0.1',
        hostPort: 5353,
        containerIp: '10.0.0.3',
        containerPort: 53,
      },
    ],
  };

  it('desiredRules() DNATs each port, lets it in, and masquerades loopback and hairpin clients', () => {
    const rules = desiredRules('TSORCH', [published]);
    expect(rules.nat.rules).toEqual([
      '-A TSORCH-POSTROUTING -s 10.0.0.0/20 ! -o tsb1 -j MASQUERADE',
      '-A TSORCH-POSTROUTING -s 127.0.0.0/8 -o tsb1 -j MASQUERADE',
      '-A TSORCH-POSTROUTING -s 10.0.0.0/20 -o tsb1 -m conntrack --ctstate DNAT -j MASQUERADE',
      '-A TSORCH-DNAT -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.0.0.2:80',
      '-A TSORCH-DNAT -d 127.0.0.1/32 -p udp -m udp --dport 5353 -j DNAT --to-destination 10.0.0.3:53',
    ]);
    expect(rules.nat.jumps).toContain('OUTPUT -m addrtype --dst-type LOCAL -j TSORCH-DNAT');
    expect(rules.nat.jumps).toContain('PREROUTING -m addrtype --dst-type LOCAL -j TSORCH-DNAT');
    expect(rules.filter.rules).toContain(
      '-A TSORCH-FORWARD -d 10.0.0.2/32 ! -i tsb1 -o tsb1 -p tcp -m tcp --dport 80 -j ACCEPT',
    );
  });

  it('desiredRules() publishes nothing from an internal network', () => {
    const rules = desiredRules('TSORCH', [{ ...published, internal: true }]);
    expect(rules.nat.rules).toEqual([]);
  });

  it.each([
    ['a bad container address', { containerIp: '10.0.0.300' }, 'Invalid IPv4 address'],
    ['a port out of range', { hostPort: 70000 }, 'Invalid port 70000'],
  ])('desiredRules() refuses %s', (_name, change, message) => {
    const port = { ...published.ports[0], ...change } as (typeof published.ports)[0];
    expect(() => desiredRules('TSORCH', [{ ...published, ports: [port] }])).toThrow(message);
  });
});
