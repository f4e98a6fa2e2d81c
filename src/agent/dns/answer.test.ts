import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { networkEndpoints } from '../lb/testing.js';
import { decide, rcode } from './answer.js';
import { DnsTable } from './table.js';

const table = new DnsTable(
  [
    {
      id: 'aaaaaaaaaaaa1111',
      name: 'web',
      hostname: 'webhost',
      endpoints: [
        { networkId: 'front', ip: '172.18.0.2', aliases: ['www'] },
        { networkId: 'back', ip: '172.19.0.2', aliases: [] },
      ],
    },
    {
      id: 'bbbbbbbbbbbb2222',
      name: 'db',
      hostname: 'db',
      endpoints: [{ networkId: 'back', ip: '172.19.0.3', aliases: [] }],
    },
    {
      id: 'cccccccccccc3333',
      name: 'other',
      hostname: 'other',
      endpoints: [{ networkId: 'front', ip: '172.18.0.9', aliases: [] }],
    },
    {
      id: 'dddddddddddd4444',
      name: 'sealed',
      hostname: 'sealed',
      endpoints: [{ networkId: 'inner', ip: '10.9.0.2', aliases: [] }],
    },
  ],
  new Set(['inner']),
  [
    // The container "other" is on network front, as a task of service "shop_api"; "remote" is a
    // task on another node; "shop_rr" answers round robin.
    networkEndpoints('front', [
      { name: 'shop_api', vip: '172.18.0.100', aliases: ['api'], tasks: ['172.18.0.9'] },
      { name: 'shop_rr', tasks: ['172.18.0.20', '172.18.0.21', '172.18.0.22'] },
    ]),
    networkEndpoints('cluster', [{ name: 'remote', vip: '10.0.0.2', tasks: ['10.0.0.5'] }]),
  ],
);

function ask(
  source: string,
  name: string,
  type: 'A' | 'AAAA' = 'A',
  rotation = 0,
): dnsPacket.DecodedPacket | 'forward' | undefined {
  const msg = dnsPacket.encode({
    type: 'query',
    id: 7,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name }],
  });
  const d = decide(table, source, msg, () => rotation);
  if (d === undefined) return undefined;
  return 'forward' in d ? 'forward' : dnsPacket.decode(d.reply);
}

function dataOf(p: dnsPacket.DecodedPacket | 'forward' | undefined): unknown[] {
  const answers = (p as dnsPacket.DecodedPacket).answers ?? [];
  return answers.map((a) => ('data' in a ? a.data : undefined));
}

function ttlOf(p: dnsPacket.DecodedPacket): number | undefined {
  const a = p.answers?.[0];
  return a !== undefined && 'ttl' in a ? a.ttl : undefined;
}

function rcodeOf(p: dnsPacket.DecodedPacket): number {
  return (p.flags ?? 0) & 0xf;
}

describe("the resolver's answers", () => {
  it('answers a container name with its address on the shared network only', () => {
    const r = ask('172.18.0.9', 'web');
    expect(r).not.toBe('forward');
    const p = r as dnsPacket.DecodedPacket;
    expect(p.id).toBe(7);
    expect(dataOf(p)).toEqual(['172.18.0.2']);
  });

  it.each([['www'], ['WEBHOST.'], ['aaaaaaaaaaaa']])(
    'answers the alias, hostname or short id "%s"',
    (name) => {
      const p = ask('172.18.0.9', name) as dnsPacket.DecodedPacket;
      expect(dataOf(p)).toEqual(['172.18.0.2']);
    },
  );

  it('gives nothing about containers on networks the querier is not on: it forwards the name', () => {
    expect(ask('172.18.0.9', 'db')).toBe('forward');
  });

  it('a container on two networks sees the names of both', () => {
    expect(dataOf(ask('172.18.0.2', 'db'))).toEqual(['172.19.0.3']);
  });

  it('refuses queries from addresses that are no container', () => {
    expect(rcodeOf(ask('192.0.2.7', 'web') as dnsPacket.DecodedPacket)).toBe(rcode.refused);
  });

  it('does not forward for a container only on internal networks', () => {
    expect(rcodeOf(ask('10.9.0.2', 'example.com') as dnsPacket.DecodedPacket)).toBe(rcode.nxDomain);
  });

  it('answers AAAA for a container name with no records rather than NXDOMAIN', () => {
    const p = ask('172.18.0.9', 'web', 'AAAA') as dnsPacket.DecodedPacket;
    expect(rcodeOf(p)).toBe(rcode.noError);
    expect(p.answers).toEqual([]);
  });

  it('drops what does not decode', () => {
    expect(decide(table, '172.18.0.9', Buffer.from([1, 2, 3]))).toBeUndefined();
  });

  it('answers a service of a cluster network with its VIP for 600 s, to containers on it only', () => {
    const p = ask('172.18.0.2', 'API.') as dnsPacket.DecodedPacket;
    expect(dataOf(p)).toEqual(['172.18.0.100']);
    expect(ttlOf(p)).toBe(600);
    expect(ask('172.19.0.3', 'shop_api')).toBe('forward');
  });

  it('knows a task of a cluster network as a querier even without a container record', () => {
    expect(dataOf(ask('10.0.0.5', 'remote'))).toEqual(['10.0.0.2']);
    expect(ask('10.0.0.5', 'web')).toBe('forward');
  });

  it('hands out the addresses of a dnsrr service round robin, for 10 s', () => {
    const firsts = [0, 1, 2, 3].map((n) => dataOf(ask('172.18.0.9', 'shop_rr', 'A', n))[0]);
    expect(firsts).toEqual(['172.18.0.20', '172.18.0.21', '172.18.0.22', '172.18.0.20']);
    const p = ask('172.18.0.9', 'tasks.shop_rr', 'A', 1) as dnsPacket.DecodedPacket;
    expect(dataOf(p)).toEqual(['172.18.0.21', '172.18.0.22', '172.18.0.20']);
    expect(ttlOf(p)).toBe(10);
  });
});
