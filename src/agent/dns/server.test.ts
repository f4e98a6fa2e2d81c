import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import dnsPacket from 'dns-packet';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../util/log.js';
import { networkEndpoints } from '../lb/testing.js';
import { DnsServer } from './server.js';
import { DnsTable } from './table.js';

// Real sockets on loopback: the querier is 127.0.0.1, "on" network n1 with a container "web".
const table = new DnsTable(
  [
    {
      id: 'q'.repeat(12),
      name: 'client',
      hostname: 'client',
      endpoints: [{ networkId: 'n1', ip: '127.0.0.1', aliases: [] }],
    },
    {
      id: 'w'.repeat(12),
      name: 'web',
      hostname: 'web',
      endpoints: [{ networkId: 'n1', ip: '10.1.0.2', aliases: [] }],
    },
  ],
  new Set(),
  [networkEndpoints('n1', [{ name: 'rr', tasks: ['10.1.0.5', '10.1.0.6', '10.1.0.7'] }])],
);
const log = createLogger({ level: 'error', write: () => undefined });
const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

function query(name: string): Buffer {
  return dnsPacket.encode({
    type: 'query',
    id: 42,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: 'A', name }],
  });
}

function udpAsk(port: number, msg: Buffer): Promise<dnsPacket.DecodedPacket> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.on('message', (out) => {
      s.close();
      resolve(dnsPacket.decode(out));
    });
    s.send(msg, port, '127.0.0.1');
  });
}

function tcpAsk(port: number, msg: Buffer): Promise<dnsPacket.DecodedPacket> {
  return new Promise((resolve, reject) => {
    const c = connect({ host: '127.0.0.1', port }, () => {
      const head = Buffer.alloc(2);
      head.writeUInt16BE(msg.length);
      c.write(Buffer.concat([head, msg]));
    });
    let buf = Buffer.alloc(0);
    c.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        c.end();
        resolve(dnsPacket.decode(buf.subarray(2)));
      }
    });
    c.on('error', reject);
  });
}

/** A fake upstream nameserver: answers every A query with 192.0.2.99. */
async function upstream(): Promise<number> {
  const s = createSocket('udp4');
  s.on('message', (msg, rinfo) => {
    const q = dnsPacket.decode(msg);
    const name = q.questions?.[0]?.name ?? '';
    s.send(
      dnsPacket.encode({
        type: 'response',
        id: q.id ?? 0,
        questions: q.questions ?? [],
        answers: [{ type: 'A', name, ttl: 5, data: '192.0.2.99' }],
      }),
      rinfo.port,
      rinfo.address,
    );
  });
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  closers.push(() => s.close());
  return s.address().port;
}

async function serve(upstreamPort: number): Promise<number> {
  // An unprivileged, free port: bind once to learn one, then serve on it.
  const probe = createSocket('udp4');
  await new Promise<void>((r) => probe.bind(0, '127.0.0.1', r));
  const port = probe.address().port;
  probe.close();
  const server = new DnsServer({
    table: () => table,
    upstreams: () => ['127.0.0.1'],
    log,
    port,
    upstreamPort,
  });
  await server.listenOn(['127.0.0.1']);
  closers.push(() => server.close());
  expect(server.addresses()).toEqual(['127.0.0.1']);
  return port;
}

function dataOf(p: dnsPacket.DecodedPacket): unknown[] {
  return (p.answers ?? []).map((a) => ('data' in a ? a.data : undefined));
}

describe('DnsServer (real sockets on loopback)', () => {
  it('answers a container name over UDP and over TCP', async () => {
    const port = await serve(await upstream());
    expect(dataOf(await udpAsk(port, query('web')))).toEqual(['10.1.0.2']);
    const overTcp = await tcpAsk(port, query('web'));
    expect(overTcp.id).toBe(42);
    expect(dataOf(overTcp)).toEqual(['10.1.0.2']);
  });

  it('forwards other names to the upstream nameserver, over UDP and TCP', async () => {
    const port = await serve(await upstream());
    expect(dataOf(await udpAsk(port, query('example.com')))).toEqual(['192.0.2.99']);
    expect(dataOf(await tcpAsk(port, query('example.com')))).toEqual(['192.0.2.99']);
  });

  it('reports an address it cannot bind and keeps serving the others', async () => {
    const port = await serve(await upstream());
    const second = new DnsServer({ table: () => table, upstreams: () => [], log, port });
    closers.push(() => second.close());
    await second.listenOn(['127.0.0.1']);
    expect(second.hasFailed('127.0.0.1')).toBe(true);
    expect(second.addresses()).toEqual([]);
  });

  it('hands out a dnsrr service round robin per name, whatever else is asked between', async () => {
    const port = await serve(await upstream());
    const firsts: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      firsts.push(dataOf(await udpAsk(port, query('rr')))[0]);
      await udpAsk(port, query('tasks.rr'));
    }
    expect(firsts).toEqual(['10.1.0.5', '10.1.0.6', '10.1.0.7', '10.1.0.5']);
  });
});
