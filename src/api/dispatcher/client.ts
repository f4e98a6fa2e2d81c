/**
 * The worker's side of `tsorch.v1.Dispatcher`: {@link DispatcherCalls} over a gRPC channel to
 * one manager (TCP with mutual TLS, or the local unix socket). Errors arrive as the typed
 * tsorch errors the manager raised.
 *
 * @module
 */
import * as grpc from '@grpc/grpc-js';
import type {
  AssignmentsMessage,
  CallOptions,
  DispatcherCalls,
  SessionMessage,
} from '../../store/index.js';
import { grpcMaxMessageBytes, workerCallDeadlineMs } from '../../util/limits.js';
import { fromGrpcError } from '../errors.js';
import type { DispatcherClient } from '../gen/tsorch/v1/Dispatcher.js';
import type { AssignmentsMessage__Output } from '../gen/tsorch/v1/AssignmentsMessage.js';
import type { SessionMessage__Output } from '../gen/tsorch/v1/SessionMessage.js';
import { serviceClient } from '../proto.js';
import type { ClientTls } from '../tls.js';
import {
  assignmentsFromProto,
  sessionMessageFromProto,
  sessionRequestToProto,
  statusUpdateToProto,
} from './convert.js';

/** A connection to one manager's dispatcher. */
export interface DispatcherConnection extends DispatcherCalls {
  /** The manager's address as dialled. */
  readonly target: string;
  /** Closes the channel; calls under way fail. */
  close(): void;
}

function deadline(): Date {
  return new Date(Date.now() + workerCallDeadlineMs);
}

async function* readStream<Pb, T>(
  stream: grpc.ClientReadableStream<Pb>,
  convert: (pb: Pb) => T,
  signal: AbortSignal | undefined,
): AsyncGenerator<T, void, undefined> {
  const cancel = (): void => {
    stream.cancel();
  };
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    for await (const pb of stream as AsyncIterable<Pb>) yield convert(pb);
  } catch (err) {
    if (signal?.aborted === true) return;
    throw fromGrpcError(err as grpc.ServiceError);
  } finally {
    signal?.removeEventListener('abort', cancel);
    stream.cancel();
  }
}

function call<T>(
  run: (callback: (err: grpc.ServiceError | null, res?: T) => void) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    run((err, res) => {
      if (err !== null) reject(fromGrpcError(err));
      else resolve(res as T);
    });
  });
}

/**
 * Dials the dispatcher at `target` (`host:port` with `tls`, or `unix:/path`).
 *
 * @example
 * const conn = connectDispatcher('unix:/run/tsorch/tsorch.sock');
 */
export function connectDispatcher(
  target: string,
  options: { tls?: ClientTls } = {},
): DispatcherConnection {
  const Ctor = serviceClient('dispatcher', 'Dispatcher');
  const client = new Ctor(target, options.tls?.credentials ?? grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': grpcMaxMessageBytes,
    'grpc.max_send_message_length': grpcMaxMessageBytes,
    ...options.tls?.options,
  }) as unknown as DispatcherClient;
  return {
    target,
    session(request, o: CallOptions = {}): AsyncIterable<SessionMessage> {
      const stream = client.session(sessionRequestToProto(request));
      return readStream<SessionMessage__Output, SessionMessage>(
        stream,
        sessionMessageFromProto,
        o.signal,
      );
    },
    assignments(sessionId, o: CallOptions = {}): AsyncIterable<AssignmentsMessage> {
      const stream = client.assignments({ sessionId });
      return readStream<AssignmentsMessage__Output, AssignmentsMessage>(
        stream,
        assignmentsFromProto,
        o.signal,
      );
    },
    async heartbeat(sessionId) {
      const res = await call<{ periodMs: string }>((cb) =>
        client.heartbeat({ sessionId }, { deadline: deadline() }, cb),
      );
      return { periodMs: Number(res.periodMs) };
    },
    async updateTaskStatus(sessionId, updates) {
      const res = await call<{ applied: number }>((cb) =>
        client.updateTaskStatus(
          { sessionId, updates: updates.map(statusUpdateToProto) },
          { deadline: deadline() },
          cb,
        ),
      );
      return { applied: res.applied };
    },
    close() {
      client.close();
    },
  };
}
