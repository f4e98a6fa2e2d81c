import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message, NodeId } from '../../src/raft/core/types.js';
import { RaftTransport, type TransportHandler } from '../../src/raft/transport/transport.js';

function msg(over: Partial<Message>): Message {
  return {
    type: 'heartbeat',
    from: 1,
    to: 2,
    term: 3,
    logTerm: 0,
    index: 0,
    entries: [],
    commit: 0,
    reject: false,
    rejectHint: 0,
    ...over,
  };
}

class Recorder implements TransportHandler {
  received: Message[] = [];
  unreachable: NodeId[] = [];
  snapshots: [NodeId, boolean][] = [];
  receive(messages: Message[]): void {
    this.received.push(...messages);
  }
  reportUnreachable(id: NodeId): void {
    this.unreachable.push(id);
  }
  reportSnapshot(id: NodeId, ok: boolean): void {
    this.snapshots.push([id, ok]);
  }
}

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const open: RaftTransport[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function pair(): Promise<{ a: RaftTransport; b: RaftTransport; ra: Recorder; rb: Recorder }> {
  const ra = new Recorder();
  const rb = new Recorder();
  const a = new RaftTransport(ra, { batchMaxBytes: 4096 });
  const b = new RaftTransport(rb);
  open.push(a, b);
  const pa = await a.listen('127.0.0.1:0');
  const pb = await b.listen('127.0.0.1:0');
  a.setPeer(2, `127.0.0.1:${pb}`);
  b.setPeer(1, `127.0.0.1:${pa}`);
  return { a, b, ra, rb };
}

describe('RaftTransport', () => {
  it('attached to a server the caller owns, serves on it and leaves it running on close', async () => {
    const rb = new Recorder();
    const b = new RaftTransport(rb);
    const server = new grpc.Server();
    b.attach(server);
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => {
        if (err === null) resolve(p);
        else reject(err);
      });
    });
    const ra = new Recorder();
    const a = new RaftTransport(ra, { channelOptions: { 'grpc.primary_user_agent': 'peer-a' } });
    open.push(a);
    a.setPeer(2, `127.0.0.1:${port}`);
    a.send([msg({ term: 5 })]);
    await until('the message', () => rb.received.length === 1);
    expect(rb.received[0]?.term).toBe(5);
    await b.close();
    // The service was removed (a new member can attach again) and the server still serves it.
    const rc = new Recorder();
    const c = new RaftTransport(rc);
    c.attach(server);
    a.removePeer(2);
    a.setPeer(3, `127.0.0.1:${port}`);
    a.send([msg({ to: 3, term: 6 })]);
    await until('the message at the new member', () => rc.received.length === 1);
    await c.close();
    await new Promise<void>((resolve) => {
      server.tryShutdown(() => resolve());
    });
  });

  it('delivers every message field and entry bytes in order', async () => {
    const { a, rb } = await pair();
    const data = new Uint8Array([0, 1, 2, 255]);
    const sent = [
      msg({
        type: 'app',
        term: 7,
        logTerm: 6,
        index: 41,
        commit: 40,
        entries: [
          { term: 7, index: 42, type: 'normal', data },
          { term: 7, index: 43, type: 'conf-change', data: new Uint8Array(0) },
        ],
      }),
      msg({ type: 'app-resp', reject: true, rejectHint: 9, context: new Uint8Array([5]) }),
      msg({ type: 'vote', term: 2 ** 40, index: 2 ** 33 }),
    ];
    a.send(sent);
    await until('3 messages', () => rb.received.length === 3);
    const plain = (m: Message): unknown => ({
      ...m,
      entries: m.entries.map((e) => ({ ...e, data: [...e.data] })),
      ...(m.context && { context: [...m.context] }),
    });
    expect(rb.received.map(plain)).toEqual(sent.map(plain));
  });

  it('merges consecutive appends to one peer into one message', async () => {
    const { a, rb } = await pair();
    const app = (index: number, commit: number): Message =>
      msg({
        type: 'app',
        term: 2,
        index,
        logTerm: 2,
        commit,
        entries: [{ term: 2, index: index + 1, type: 'normal', data: new Uint8Array([index]) }],
      });
    // 5 → 6 → 7 chain; the fourth is a retransmission from an older point and stays separate.
    a.send([app(5, 4), app(6, 5), app(7, 6), app(3, 6)]);
    await until('messages', () => rb.received.length === 2);
    const [merged, probe] = rb.received;
    expect(merged?.index).toBe(5);
    expect(merged?.commit).toBe(6);
    expect(merged?.entries.map((e) => e.index)).toEqual([6, 7, 8]);
    expect(probe?.index).toBe(3);
  });

  it('delivers a large append in order across batches', async () => {
    const { a, rb } = await pair();
    const entries = Array.from({ length: 50 }, (_, i) => ({
      term: 1,
      index: 1 + i,
      type: 'normal' as const,
      data: new Uint8Array(500).fill(i),
    }));
    a.send([msg({ type: 'app', entries })]);
    await until('all entries', () => rb.received.flatMap((m) => m.entries).length === 50);
    expect(rb.received.length).toBeGreaterThan(1);
    expect(rb.received.flatMap((m) => m.entries.map((e) => e.data[0]))).toEqual(
      entries.map((_, i) => i),
    );
  });

  it('streams a snapshot in chunks and reports success', async () => {
    const { a, ra, rb } = await pair();
    const data = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => i % 251);
    a.send([
      msg({
        type: 'snap',
        snapshot: { meta: { index: 100, term: 4, conf: { voters: [1, 2], learners: [3] } }, data },
      }),
    ]);
    await until('snapshot', () => rb.received.length === 1 && ra.snapshots.length === 1);
    const got = rb.received[0]!;
    expect(got.snapshot?.meta).toEqual({
      index: 100,
      term: 4,
      conf: { voters: [1, 2], learners: [3] },
    });
    expect(Buffer.from(got.snapshot!.data).equals(Buffer.from(data))).toBe(true);
    expect(ra.snapshots).toEqual([[2, true]]);
  });

  it('refuses a snapshot over the receiver limit and reports the failure to the sender', async () => {
    const ra = new Recorder();
    const rb = new Recorder();
    const a = new RaftTransport(ra);
    const b = new RaftTransport(rb, { snapshotMaxBytes: 1024 * 1024 });
    open.push(a, b);
    a.setPeer(2, `127.0.0.1:${await b.listen('127.0.0.1:0')}`);
    a.send([
      msg({
        type: 'snap',
        snapshot: {
          meta: { index: 5, term: 1, conf: { voters: [1, 2], learners: [] } },
          data: new Uint8Array(3 * 1024 * 1024),
        },
      }),
    ]);
    await until('snapshot outcome', () => ra.snapshots.length === 1);
    expect(ra.snapshots).toEqual([[2, false]]);
    expect(rb.received).toEqual([]);
  });

  it('drops the stream of a peer that sends an unknown message type', async () => {
    const { a, ra, rb } = await pair();
    a.send([msg({ type: 'future' as Message['type'] })]);
    await until('unreachable', () => ra.unreachable.includes(2));
    expect(rb.received).toEqual([]);
    a.send([msg({})]); // a new stream works again
    await until('delivery', () => rb.received.length === 1);
  });

  it('reports a peer unreachable when it is down, and a failed snapshot', async () => {
    const r = new Recorder();
    const t = new RaftTransport(r);
    open.push(t);
    t.setPeer(9, '127.0.0.1:1'); // nothing listens on port 1
    t.send([msg({ to: 9 })]);
    t.send([
      msg({
        to: 9,
        type: 'snap',
        snapshot: {
          meta: { index: 1, term: 1, conf: { voters: [], learners: [] } },
          data: new Uint8Array(1),
        },
      }),
    ]);
    await until('unreachable', () => r.unreachable.includes(9) && r.snapshots.length === 1);
    expect(r.snapshots).toEqual([[9, false]]);
  });

  it('drops messages beyond the per-peer queue bound and reports the peer', () => {
    const r = new Recorder();
    const t = new RaftTransport(r, { peerQueueMessages: 5 });
    open.push(t);
    t.setPeer(2, '127.0.0.1:1');
    t.send(Array.from({ length: 8 }, () => msg({})));
    expect(t.stats.droppedMessages).toBe(3);
    expect(r.unreachable).toContain(2);
  });

  it('reports messages to an unknown peer as dropped', () => {
    const r = new Recorder();
    const t = new RaftTransport(r);
    open.push(t);
    t.send([msg({ to: 42 })]);
    expect(r.unreachable).toEqual([42]);
  });
});
