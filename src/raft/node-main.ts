/**
 * A small process running one Raft member with a key-value state machine and an HTTP/1.1 API on
 * loopback, for the multi-process tests and bench/raft. Not part of the daemon.
 *
 * ```
 * node --import tsx src/raft/node-main.ts --id 1 --data DIR --raft 127.0.0.1:7001 \
 *   --http 127.0.0.1:8001 --peers 1=127.0.0.1:7001,2=127.0.0.1:7002,3=127.0.0.1:7003 --bootstrap
 * ```
 *
 * HTTP API (bodies are raw bytes): `PUT /kv/KEY` (replicates, answers 200 `{index}` once
 * applied), `GET /kv/KEY` (linearizable via ReadIndex; 404 when absent), `GET /status`, and
 * `POST /load` `{concurrency, durationMs, valueBytes, ratePerS?}` which runs proposers inside
 * this (leader) process and answers commit rate and latency percentiles (bench/raft.ts).
 * Errors answer 503 with `{code, message, details}` (RAFT_NOT_LEADER carries the leader).
 * Prints `READY <raftPort> <httpPort>` on stdout once serving.
 *
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { TsorchError } from '../util/errors.js';
import type { NodeId } from './core/types.js';
import { RaftDriver, type StateMachine } from './driver.js';

/**
 * A replicated map of string keys to bytes. Entry payload: `[u16 key length][key][value]`.
 */
export class KvStateMachine implements StateMachine<null> {
  readonly data = new Map<string, Buffer>();

  /** Encodes a put as an entry payload. */
  static encodePut(key: string, value: Uint8Array): Uint8Array {
    const k = Buffer.from(key);
    const out = Buffer.allocUnsafe(2 + k.length + value.length);
    out.writeUInt16LE(k.length, 0);
    k.copy(out, 2);
    out.set(value, 2 + k.length);
    return out;
  }

  apply(payload: Uint8Array): null {
    const buf = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    const len = buf.readUInt16LE(0);
    this.data.set(buf.subarray(2, 2 + len).toString(), Buffer.from(buf.subarray(2 + len)));
    return null;
  }

  /** Binary: `[u16 key length][key][u32 value length][value]` per key. */
  snapshot(): Uint8Array {
    let size = 0;
    const keys: Buffer[] = [];
    for (const [k, v] of this.data) {
      const kb = Buffer.from(k);
      keys.push(kb);
      size += 6 + kb.length + v.length;
    }
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    let i = 0;
    for (const v of this.data.values()) {
      const kb = keys[i++] ?? Buffer.alloc(0);
      out.writeUInt16LE(kb.length, at);
      kb.copy(out, at + 2);
      at += 2 + kb.length;
      out.writeUInt32LE(v.length, at);
      v.copy(out, at + 4);
      at += 4 + v.length;
    }
    return out;
  }

  restore(data: Uint8Array): void {
    this.data.clear();
    const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    let at = 0;
    while (at + 6 <= buf.length) {
      const klen = buf.readUInt16LE(at);
      const key = buf.subarray(at + 2, at + 2 + klen).toString();
      at += 2 + klen;
      const vlen = buf.readUInt32LE(at);
      this.data.set(key, Buffer.from(buf.subarray(at + 4, at + 4 + vlen)));
      at += 4 + vlen;
    }
  }
}

/** Parses `1=host:port,2=host:port`. */
export function parsePeers(text: string): Map<NodeId, string> {
  const peers = new Map<NodeId, string>();
  for (const part of text.split(',').filter((p) => p !== '')) {
    const [id, addr] = part.split('=');
    if (id === undefined || addr === undefined || !/^\d+$/.test(id)) {
      throw new TsorchError('INVALID_ARGUMENT', `Invalid peer "${part}": expected ID=HOST:PORT`);
    }
    peers.set(Number(id), addr);
  }
  return peers;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function replyError(res: ServerResponse, err: unknown): void {
  if (err instanceof TsorchError) {
    reply(res, 503, { code: err.code, message: err.message, details: err.details ?? {} });
  } else {
    reply(res, 500, { code: 'INTERNAL', message: String(err) });
  }
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** Proposers running at once (closed loop) or the cap on in-flight proposals (open loop). */
  concurrency: number;
  durationMs: number;
  valueBytes: number;
  /** Open loop at this many proposals per second instead of a closed loop. */
  ratePerS?: number;
}

/** Result of {@link runLoad}; latencies are from propose() to applied on this member. */
export interface LoadResult {
  commits: number;
  failed: number;
  seconds: number;
  commitsPerS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Drives proposals through `driver` and measures commit latency. */
export async function runLoad(driver: RaftDriver<null>, o: LoadOptions): Promise<LoadResult> {
  const value = Buffer.alloc(o.valueBytes, 0x61);
  const latencies: number[] = [];
  let failed = 0;
  let n = 0;
  const start = performance.now();
  const end = start + o.durationMs;
  const one = async (): Promise<void> => {
    const t0 = performance.now();
    try {
      await driver.propose(KvStateMachine.encodePut(`load-${n++ % 10_000}`, value));
      latencies.push(performance.now() - t0);
    } catch {
      failed++;
    }
  };
  if (o.ratePerS === undefined) {
    const worker = async (): Promise<void> => {
      while (performance.now() < end) await one();
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
  } else {
    const inflight = new Set<Promise<void>>();
    let issued = 0;
    while (performance.now() < end) {
      const due = Math.floor(((performance.now() - start) / 1000) * o.ratePerS);
      while (issued < due && inflight.size < o.concurrency) {
        issued++;
        const p = one().finally(() => inflight.delete(p));
        inflight.add(p);
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(inflight);
  }
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    commits: latencies.length,
    failed,
    seconds,
    commitsPerS: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
  };
}

async function handle(
  driver: RaftDriver<null>,
  kv: KvStateMachine,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = req.url ?? '/';
  const signal = AbortSignal.timeout(10_000);
  if (url === '/status') {
    reply(res, 200, driver.status());
    return;
  }
  if (url === '/load' && req.method === 'POST') {
    const opts = JSON.parse((await body(req)).toString()) as LoadOptions;
    reply(res, 200, await runLoad(driver, opts));
    return;
  }
  if (!url.startsWith('/kv/')) {
    reply(res, 404, { code: 'NOT_FOUND', message: `No route "${url}"` });
    return;
  }
  const key = decodeURIComponent(url.slice(4));
  if (req.method === 'PUT') {
    const value = await body(req);
    const { index } = await driver.propose(KvStateMachine.encodePut(key, value), { signal });
    reply(res, 200, { index });
    return;
  }
  await driver.readIndex({ signal });
  const value = kv.data.get(key);
  if (value === undefined) reply(res, 404, { code: 'NOT_FOUND', message: `No key "${key}"` });
  else {
    res.writeHead(200, { 'content-length': value.length });
    res.end(value);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      id: { type: 'string' },
      data: { type: 'string' },
      raft: { type: 'string' },
      http: { type: 'string' },
      peers: { type: 'string', default: '' },
      bootstrap: { type: 'boolean', default: false },
      'tick-ms': { type: 'string', default: '100' },
      'snapshot-every': { type: 'string', default: '10000' },
    },
  });
  if (values.id === undefined || values.data === undefined || values.raft === undefined) {
    throw new TsorchError('INVALID_ARGUMENT', 'Missing --id, --data or --raft');
  }
  const kv = new KvStateMachine();
  const driver = await RaftDriver.start({
    id: Number(values.id),
    dataDir: values.data,
    listenAddress: values.raft,
    peers: parsePeers(values.peers),
    bootstrap: values.bootstrap,
    stateMachine: kv,
    tickIntervalMs: Number(values['tick-ms']),
    snapshotEveryEntries: Number(values['snapshot-every']),
  });
  const server = createServer((req, res) => {
    handle(driver, kv, req, res).catch((err: unknown) => {
      replyError(res, err);
    });
  });
  const [host, port] = (values.http ?? '127.0.0.1:0').split(':');
  await new Promise<void>((resolve) => server.listen(Number(port), host, resolve));
  const addr = server.address();
  const httpPort = typeof addr === 'object' && addr !== null ? addr.port : 0;
  process.stdout.write(`READY ${driver.port} ${httpPort}\n`);
  const shutdown = (): void => {
    server.close();
    void driver.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

if (
  process.argv[1] !== undefined &&
  import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))
) {
  main().catch((err: unknown) => {
    process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
