/**
 * gRPC transport between Raft members (service `tsorch.v1.Raft`, proto/tsorch/v1/raft.proto).
 *
 * Each peer has a bounded send queue and one long-lived `ProcessMessage` client stream; queued
 * messages are written in batches (up to {@link raftBatchMaxBytes}) whenever the stream can take
 * more, so many small Raft messages share one HTTP/2 frame. When the queue is full, or the
 * stream fails, messages are dropped and the core is told the peer is unreachable: Raft
 * retransmits on its own, and an unbounded queue would only hide a dead peer. Snapshots travel
 * on their own `StreamSnapshot` call in chunks, and the outcome is reported to the core.
 *
 * Credentials are injected: insecure on loopback in tests; mutual TLS with the cluster CA once
 * the CA exists (the caller passes `grpc.credentials.createSsl(...)` and
 * `grpc.ServerCredentials.createSsl(...)`).
 *
 * @module
 */
import * as grpc from '@grpc/grpc-js';
import { serviceClient } from '../../api/proto.js';
import {
  grpcMaxMessageBytes,
  raftBatchMaxBytes,
  raftPeerQueueMessages,
  raftSnapshotChunkBytes,
  raftSnapshotMaxBytes,
} from '../../util/limits.js';
import { TsorchError } from '../../util/errors.js';
import type { Message, NodeId } from '../core/types.js';
import {
  canMergeAppends,
  messageFromWire,
  messageSizeBytes,
  messageToWire,
  splitAppend,
  type WireMessage,
} from './codec.js';

/** What the transport delivers to, and reports to, the local Raft member. */
export interface TransportHandler {
  /** Messages received from peers, in arrival order per peer. */
  receive(messages: Message[]): void;
  /** The core should treat `id` as unreachable (messages to it were dropped). */
  reportUnreachable(id: NodeId): void;
  /** A snapshot sent to `id` was installed (`ok`) or failed. */
  reportSnapshot(id: NodeId, ok: boolean): void;
}

/** Options of {@link RaftTransport}. */
export interface TransportOptions {
  /** Server credentials; default insecure (loopback tests only). */
  serverCredentials?: grpc.ServerCredentials;
  /** Client credentials towards peers; default insecure (loopback tests only). */
  channelCredentials?: grpc.ChannelCredentials;
  /**
   * Extra channel options towards peers (mutual TLS: the server name every manager certificate
   * carries, `grpc.ssl_target_name_override`).
   */
  channelOptions?: grpc.ChannelOptions;
  /** Messages queued per peer before dropping. */
  peerQueueMessages?: number;
  /** Largest snapshot accepted from a leader. */
  snapshotMaxBytes?: number;
  /** Bytes per batch; also the split size of large append messages. */
  batchMaxBytes?: number;
}

interface ProcessMessageRequest {
  messages: WireMessage[];
}
interface StreamSnapshotRequest {
  message: WireMessage | null;
  data: Uint8Array;
}

const channelOptions = {
  'grpc.max_send_message_length': grpcMaxMessageBytes,
  'grpc.max_receive_message_length': grpcMaxMessageBytes,
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 1_000,
};

type RaftClient = grpc.Client & {
  processMessage(
    cb: grpc.requestCallback<unknown>,
  ): grpc.ClientWritableStream<ProcessMessageRequest>;
  streamSnapshot(
    cb: grpc.requestCallback<{ accepted: boolean }>,
  ): grpc.ClientWritableStream<StreamSnapshotRequest>;
};

/** Counters for tests and status. */
export interface TransportStats {
  sentMessages: number;
  sentBatches: number;
  droppedMessages: number;
  receivedMessages: number;
}

class Peer {
  readonly client: RaftClient;
  private queue: Message[] = [];
  private stream: grpc.ClientWritableStream<ProcessMessageRequest> | undefined;
  private waitingDrain = false;
  private scheduled = false;

  constructor(
    readonly id: NodeId,
    readonly address: string,
    private readonly owner: RaftTransport,
    ctor: grpc.ServiceClientConstructor,
    credentials: grpc.ChannelCredentials,
    extraOptions: grpc.ChannelOptions,
  ) {
    this.client = new ctor(address, credentials, {
      ...channelOptions,
      ...extraOptions,
    }) as unknown as RaftClient;
  }

  enqueue(msg: Message): void {
    if (this.queue.length >= this.owner.peerQueueMessages) {
      this.owner.dropped(this.id, 1);
      return;
    }
    this.queue.push(msg);
    if (!this.scheduled && !this.waitingDrain) {
      // Let the rest of this Ready's messages join the batch before writing.
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  private open(): grpc.ClientWritableStream<ProcessMessageRequest> {
    const stream = this.client.processMessage((err) => {
      if (this.stream === stream) this.stream = undefined;
      if (err !== null) this.fail();
    });
    stream.on('error', () => undefined); // reported through the callback above
    this.stream = stream;
    return stream;
  }

  private fail(): void {
    this.waitingDrain = false;
    const lost = this.queue.length;
    this.queue = [];
    this.owner.dropped(this.id, lost);
  }

  flush(): void {
    while (this.queue.length > 0 && !this.waitingDrain) {
      const stream = this.stream ?? this.open();
      const msgs: Message[] = [];
      let owned: Message | undefined; // the last message, when it is our own merged copy
      let size = 0;
      let taken = 0;
      for (const next of this.queue) {
        const bytes = messageSizeBytes(next);
        if (msgs.length > 0 && size + bytes > this.owner.batchMaxBytes) break;
        taken++;
        size += bytes;
        const prev = msgs[msgs.length - 1];
        if (prev !== undefined && canMergeAppends(prev, next)) {
          // One append per batch instead of one per proposal: the follower appends and
          // answers once (the message is exactly what the leader sends for the whole range).
          if (owned !== prev) {
            owned = { ...prev, entries: [...prev.entries] };
            msgs[msgs.length - 1] = owned;
          }
          owned.entries.push(...next.entries);
          owned.commit = Math.max(owned.commit, next.commit);
          continue;
        }
        msgs.push(next);
      }
      this.queue.splice(0, taken);
      this.owner.stats.sentBatches++;
      this.owner.stats.sentMessages += msgs.length;
      if (!stream.write({ messages: msgs.map(messageToWire) })) {
        this.waitingDrain = true;
        stream.once('drain', () => {
          this.waitingDrain = false;
          this.flush();
        });
      }
    }
  }

  close(): void {
    this.stream?.end();
    this.stream = undefined;
    this.queue = [];
    this.client.close();
  }
}

/** The Raft gRPC server and per-peer clients of one member. */
export class RaftTransport {
  readonly stats: TransportStats = {
    sentMessages: 0,
    sentBatches: 0,
    droppedMessages: 0,
    receivedMessages: 0,
  };
  /** @internal */
  readonly peerQueueMessages: number;
  /** @internal */
  readonly batchMaxBytes: number;
  private readonly snapshotMaxBytes: number;
  private readonly ctor = serviceClient('raft', 'Raft');
  private readonly peers = new Map<NodeId, Peer>();
  private server: grpc.Server | undefined;
  /** True when {@link attach} put the service on a server this transport does not own. */
  private attached = false;
  private readonly channelCredentials: grpc.ChannelCredentials;
  private readonly channelOptions: grpc.ChannelOptions;
  private readonly serverCredentials: grpc.ServerCredentials;

  /** @param handler receives messages and reports; usually the Raft driver. */
  constructor(
    private readonly handler: TransportHandler,
    options: TransportOptions = {},
  ) {
    this.peerQueueMessages = options.peerQueueMessages ?? raftPeerQueueMessages;
    this.batchMaxBytes = options.batchMaxBytes ?? raftBatchMaxBytes;
    this.snapshotMaxBytes = options.snapshotMaxBytes ?? raftSnapshotMaxBytes;
    this.channelCredentials = options.channelCredentials ?? grpc.credentials.createInsecure();
    this.channelOptions = options.channelOptions ?? {};
    this.serverCredentials = options.serverCredentials ?? grpc.ServerCredentials.createInsecure();
  }

  /**
   * Starts serving on `address` (`host:port`; port 0 picks a free one).
   *
   * @returns the bound port.
   */
  async listen(address: string): Promise<number> {
    const server = new grpc.Server({
      'grpc.max_receive_message_length': grpcMaxMessageBytes,
      'grpc.max_send_message_length': grpcMaxMessageBytes,
    });
    server.addService(this.ctor.service, {
      processMessage: this.onProcessMessage.bind(this),
      streamSnapshot: this.onStreamSnapshot.bind(this),
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(address, this.serverCredentials, (err, p) => {
        if (err === null) resolve(p);
        else reject(err);
      });
    });
    this.server = server;
    return port;
  }

  /**
   * Serves the Raft service on `server`, which the caller owns, binds and shuts down (a
   * manager's one TCP listener, shared with its control API). {@link close} then removes the
   * service and leaves the server running.
   */
  attach(server: grpc.Server): void {
    server.addService(this.ctor.service, {
      processMessage: this.onProcessMessage.bind(this),
      streamSnapshot: this.onStreamSnapshot.bind(this),
    });
    this.server = server;
    this.attached = true;
  }

  /** Adds or re-addresses a peer. */
  setPeer(id: NodeId, address: string): void {
    const old = this.peers.get(id);
    if (old?.address === address) return;
    old?.close();
    this.peers.set(
      id,
      new Peer(id, address, this, this.ctor, this.channelCredentials, this.channelOptions),
    );
  }

  /** Removes a peer and closes its connection. */
  removePeer(id: NodeId): void {
    this.peers.get(id)?.close();
    this.peers.delete(id);
  }

  /** Sends messages (fire and forget); failures surface as reportUnreachable/reportSnapshot. */
  send(messages: readonly Message[]): void {
    for (const m of messages) {
      const peer = this.peers.get(m.to);
      if (peer === undefined) {
        this.dropped(m.to, 1);
        continue;
      }
      if (m.type === 'snap') {
        this.sendSnapshot(peer, m);
        continue;
      }
      for (const part of splitAppend(m, this.batchMaxBytes)) peer.enqueue(part);
    }
  }

  /** Stops the server and all peer connections. */
  async close(): Promise<void> {
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    if (this.attached) {
      server.removeService(this.ctor.service);
      return;
    }
    await new Promise<void>((resolve) => {
      server.tryShutdown(() => resolve());
      // Open client streams from peers would hold a graceful shutdown forever.
      setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, 500).unref();
    });
  }

  /** @internal Counts dropped messages (maybe 0, after a failed stream) and tells the core. */
  dropped(id: NodeId, count: number): void {
    this.stats.droppedMessages += count;
    this.handler.reportUnreachable(id);
  }

  private sendSnapshot(peer: Peer, m: Message): void {
    const snapshot = m.snapshot;
    if (snapshot === undefined) {
      this.handler.reportSnapshot(peer.id, false);
      return;
    }
    const call = peer.client.streamSnapshot((err, res) => {
      this.handler.reportSnapshot(peer.id, err === null && res?.accepted === true);
    });
    call.on('error', () => undefined); // reported through the callback
    const data = snapshot.data;
    call.write({ message: messageToWire(m), data: new Uint8Array(0) });
    for (let at = 0; at < data.length; at += raftSnapshotChunkBytes) {
      call.write({ message: null, data: data.subarray(at, at + raftSnapshotChunkBytes) });
    }
    call.end();
  }

  private onProcessMessage(
    call: grpc.ServerReadableStream<ProcessMessageRequest, unknown>,
    callback: grpc.sendUnaryData<unknown>,
  ): void {
    let done = false;
    call.on('data', (req: ProcessMessageRequest) => {
      if (done) return;
      let msgs: Message[];
      try {
        msgs = req.messages.map((w) => messageFromWire(w));
      } catch (err) {
        // A message this version cannot read (a newer peer): end the stream with a status, so
        // the sender reports us unreachable instead of believing its messages arrived.
        done = true;
        callback({ code: grpc.status.INVALID_ARGUMENT, details: String(err) });
        return;
      }
      this.stats.receivedMessages += msgs.length;
      this.handler.receive(msgs);
    });
    call.on('end', () => {
      if (!done) callback(null, {});
      done = true;
    });
    call.on('error', () => undefined);
  }

  private onStreamSnapshot(
    call: grpc.ServerReadableStream<StreamSnapshotRequest, { accepted: boolean }>,
    callback: grpc.sendUnaryData<{ accepted: boolean }>,
  ): void {
    let head: WireMessage | undefined;
    const chunks: Uint8Array[] = [];
    let size = 0;
    let failed = false;
    const fail = (err: TsorchError): void => {
      if (failed) return;
      failed = true;
      callback({ code: grpc.status.INVALID_ARGUMENT, details: err.message });
    };
    call.on('data', (req: StreamSnapshotRequest) => {
      if (req.message !== null) head ??= req.message;
      size += req.data.length;
      if (size > this.snapshotMaxBytes) {
        fail(
          new TsorchError(
            'RAFT_MESSAGE_TOO_LARGE',
            `Cannot receive the snapshot: it exceeds ${this.snapshotMaxBytes} bytes`,
          ),
        );
        return;
      }
      chunks.push(req.data);
    });
    call.on('end', () => {
      if (failed) return;
      if (head === undefined) {
        fail(new TsorchError('INVALID_ARGUMENT', 'Cannot install the snapshot: no message'));
        return;
      }
      const data = Buffer.concat(chunks);
      try {
        this.handler.receive([messageFromWire(head, new Uint8Array(data))]);
        callback(null, { accepted: true });
      } catch (err) {
        fail(new TsorchError('INVALID_ARGUMENT', `Cannot install the snapshot: ${String(err)}`));
      }
    });
    call.on('error', () => undefined);
  }
}
