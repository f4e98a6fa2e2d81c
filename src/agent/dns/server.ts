/**
 * The node's resolver for its containers: on each bridge network's gateway address, port 53,
 * UDP and TCP (ADR 022). Container names come from the {@link DnsTable}; other names are
 * forwarded over UDP to the host's nameservers, which the resolver reaches from the host's
 * namespace even when they are loopback addresses such as systemd-resolved's 127.0.0.53.
 *
 * @module
 */
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server, type Socket as TcpSocket } from 'node:net';
import dnsPacket from 'dns-packet';
import {
  dnsForwardInFlightMax,
  dnsForwardTimeoutMs,
  dnsRotationNamesMax,
  dnsTcpConnectionsMax,
  dnsTcpIdleMs,
} from '../../util/limits.js';
import type { Logger } from '../../util/log.js';
import { decide, rcode, reply } from './answer.js';
import type { DnsTable } from './table.js';

/** Options of {@link DnsServer}. */
export interface DnsServerOptions {
  /** The current table (rebuilt by the caller when containers come and go). */
  table: () => DnsTable;
  /** Upstream nameservers (dotted quads), tried in order. */
  upstreams: () => readonly string[];
  log: Logger;
  /** Port to listen on (53; tests may use another). */
  port?: number;
  /** Port of the upstream nameservers (53; tests may use another). */
  upstreamPort?: number;
}

interface Listener {
  udp: Socket;
  tcp: Server;
}

/** Listens on addresses as they are added; answers and forwards. */
export class DnsServer {
  private readonly listeners = new Map<string, Listener>();
  /** Addresses that could not be bound (port 53 taken by another resolver). */
  private readonly failed = new Set<string>();
  private inFlight = 0;
  private tcpConnections = 0;
  /** Multi-address answers given per name: where the next one starts (round robin). */
  private readonly rotations = new Map<string, number>();

  constructor(private readonly o: DnsServerOptions) {}

  /** Makes the listened addresses exactly `addresses`; failures to bind are logged. */
  async listenOn(addresses: readonly string[]): Promise<void> {
    const wanted = new Set(addresses);
    for (const [addr, l] of this.listeners) {
      if (wanted.has(addr)) continue;
      this.listeners.delete(addr);
      closeListener(l);
    }
    for (const addr of wanted) {
      if (this.listeners.has(addr)) continue;
      try {
        this.listeners.set(addr, await this.listen(addr));
        this.failed.delete(addr);
      } catch (err) {
        this.failed.add(addr);
        this.o.log.warn('cannot serve DNS on a network gateway', { addr, err });
      }
    }
  }

  /** Addresses served now. */
  addresses(): string[] {
    return [...this.listeners.keys()];
  }

  /** Whether listening on `addr` failed (containers then get the host's nameservers). */
  hasFailed(addr: string): boolean {
    return this.failed.has(addr);
  }

  private async listen(addr: string): Promise<Listener> {
    const port = this.o.port ?? 53;
    const udp = createSocket('udp4');
    udp.on('message', (msg, rinfo) => {
      void this.answer(msg, rinfo.address).then((out) => {
        if (out !== undefined) udp.send(out, rinfo.port, rinfo.address);
      });
    });
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind({ address: addr, port }, () => {
        udp.off('error', reject);
        udp.on('error', (err) => {
          this.o.log.warn('DNS socket error', { addr, err });
        });
        resolve();
      });
    });
    const tcp = createServer((conn) => {
      this.serveTcp(conn);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen({ host: addr, port }, () => {
          tcp.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      udp.close();
      throw err;
    }
    return { udp, tcp };
  }

  /** DNS over TCP (RFC 7766): each message prefixed with its 2-byte length. */
  private serveTcp(conn: TcpSocket): void {
    if (this.tcpConnections >= dnsTcpConnectionsMax) {
      conn.destroy();
      return;
    }
    this.tcpConnections++;
    conn.setTimeout(dnsTcpIdleMs, () => conn.destroy());
    conn.on('close', () => this.tcpConnections--);
    conn.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    conn.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2) {
        const len = buf.readUInt16BE(0);
        if (buf.length < 2 + len) break;
        const msg = buf.subarray(2, 2 + len);
        buf = buf.subarray(2 + len);
        void this.answer(msg, conn.remoteAddress?.replace(/^::ffff:/, '') ?? '').then((out) => {
          if (out === undefined || conn.destroyed) return;
          const head = Buffer.alloc(2);
          head.writeUInt16BE(out.length);
          conn.write(Buffer.concat([head, out]));
        });
      }
    });
  }

  /** The response to `msg` from `source`, or undefined to stay silent. */
  async answer(msg: Buffer, source: string): Promise<Buffer | undefined> {
    const d = decide(this.o.table(), source, msg, (name) => this.rotate(name));
    if (d === undefined) return undefined;
    if ('reply' in d) return d.reply;
    return this.forward(msg);
  }

  /** The next start for `name`; the counters are dropped when too many names have one. */
  private rotate(name: string): number {
    if (this.rotations.size >= dnsRotationNamesMax && !this.rotations.has(name)) {
      this.rotations.clear();
    }
    const n = this.rotations.get(name) ?? 0;
    this.rotations.set(name, (n + 1) % 0x8000_0000);
    return n;
  }

  private async forward(msg: Buffer): Promise<Buffer> {
    const fail = (): Buffer => reply(dnsPacket.decode(msg), rcode.servFail);
    if (this.inFlight >= dnsForwardInFlightMax) return fail();
    this.inFlight++;
    try {
      for (const upstream of this.o.upstreams()) {
        const out = await askUpstream(upstream, this.o.upstreamPort ?? 53, msg);
        if (out !== undefined) return out;
      }
      return fail();
    } finally {
      this.inFlight--;
    }
  }

  /** Stops listening. */
  close(): void {
    for (const l of this.listeners.values()) closeListener(l);
    this.listeners.clear();
  }
}

function closeListener(l: Listener): void {
  l.udp.close();
  l.tcp.close();
}

/** Sends `msg` to `upstream`:`port` over UDP; the answer, or undefined after the deadline. */
function askUpstream(upstream: string, port: number, msg: Buffer): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const sock = createSocket('udp4');
    const id = msg.readUInt16BE(0);
    const done = (out: Buffer | undefined): void => {
      clearTimeout(timer);
      sock.close();
      resolve(out);
    };
    const timer = setTimeout(() => done(undefined), dnsForwardTimeoutMs);
    sock.on('error', () => done(undefined));
    sock.on('message', (out, rinfo) => {
      if (rinfo.address === upstream && out.length >= 2 && out.readUInt16BE(0) === id) done(out);
    });
    sock.send(msg, port, upstream);
  });
}
