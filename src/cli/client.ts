/**
 * The CLI's connection to the local daemon over its unix socket (or `TSORCH_HOST`).
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { fromGrpcError } from '../api/errors.js';
import { remoteClientTls } from '../api/cluster/remote.js';
import { serviceClient } from '../api/proto.js';
import type { ClientTls } from '../api/tls.js';
import { TsorchError } from '../util/errors.js';
import { cliUnaryDeadlineMs, grpcMaxMessageBytes } from '../util/limits.js';

/**
 * The daemon address from `TSORCH_HOST` (`unix:///path`, `unix:/path`, or `tcp://HOST:PORT` for a
 * remote manager over mutual TLS) or `TSORCH_RUN`.
 */
export function daemonAddress(env: Readonly<Record<string, string | undefined>>): string {
  const host = env['TSORCH_HOST'];
  if (host !== undefined && host !== '') {
    if (host.startsWith('tcp://')) return host.slice('tcp://'.length);
    return host.startsWith('unix://') ? `unix:${host.slice('unix://'.length)}` : host;
  }
  return `unix:${join(env['TSORCH_RUN'] ?? '/run/tsorch', 'tsorch.sock')}`;
}

/** The error of a daemon that does not answer, with a hint that fits the kind of address. */
export function unreachable(address: string, cause?: unknown): TsorchError {
  const remote = !address.startsWith('unix:');
  return new TsorchError(
    'CLI_DAEMON_UNREACHABLE',
    `Cannot connect to the tsorch daemon at "${address}"`,
    {
      cause,
      hint: remote
        ? 'check the address and port (default 2377), that a manager listens there, and that --tlscacert/--tlscert/--tlskey are of that cluster'
        : 'start it with `tsorch daemon` (as root), or point TSORCH_HOST or TSORCH_RUN at a running one',
    },
  );
}

/** Options of a single call. */
export interface CallOptions {
  /** Deadline from now. Defaults to {@link cliUnaryDeadlineMs}. */
  deadlineMs?: number;
  signal?: AbortSignal;
}

type UnaryFn = (
  request: unknown,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, res?: unknown) => void,
) => grpc.ClientUnaryCall;
type StreamFn = (request: unknown, options: grpc.CallOptions) => grpc.ClientReadableStream<unknown>;

/** A connection to the daemon; create with {@link connectDaemon}, end with `close()`. */
export class DaemonClient {
  readonly address: string;
  private readonly clients = new Map<string, grpc.Client>();
  private readonly tls: ClientTls | undefined;

  /** `tls`: mutual TLS towards a remote manager; none for the local socket. */
  constructor(address: string, tls?: ClientTls) {
    this.address = address;
    this.tls = tls;
  }

  /** The gRPC client of `tsorch.v1.<service>` defined in proto/tsorch/v1/<file>.proto. */
  service(file: string, service: string): grpc.Client {
    const key = `${file}/${service}`;
    let client = this.clients.get(key);
    if (client === undefined) {
      const Ctor = serviceClient(file, service);
      client = new Ctor(this.address, this.tls?.credentials ?? grpc.credentials.createInsecure(), {
        ...this.tls?.options,
        'grpc.max_receive_message_length': grpcMaxMessageBytes,
        'grpc.max_send_message_length': grpcMaxMessageBytes,
      });
      this.clients.set(key, client);
    }
    return client;
  }

  /**
   * Calls a unary method (its lowerCamel name, e.g. `ping`) and resolves with the response.
   *
   * @throws {TsorchError} with the code the daemon sent, or CLI_DAEMON_UNREACHABLE.
   */
  unary<Res>(client: grpc.Client, method: string, request: unknown, options: CallOptions = {}) {
    const fn = (client as unknown as Record<string, UnaryFn | undefined>)[method];
    if (fn === undefined) throw new TypeError(`No method "${method}" on the client`);
    return new Promise<Res>((resolve, reject) => {
      // Removed when the call ends: a watch loop makes many calls under one signal.
      const onAbort = (): void => call.cancel();
      const call = fn.call(
        client,
        request,
        { deadline: Date.now() + (options.deadlineMs ?? cliUnaryDeadlineMs) },
        (err, res) => {
          options.signal?.removeEventListener('abort', onAbort);
          if (err) reject(this.convert(err));
          else resolve(res as Res);
        },
      );
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Calls a server-streaming method and yields its messages.
   *
   * @throws {TsorchError} as {@link DaemonClient.unary}.
   */
  async *stream<Res>(
    client: grpc.Client,
    method: string,
    request: unknown,
    options: { signal?: AbortSignal; deadlineMs?: number } = {},
  ): AsyncGenerator<Res> {
    const fn = (client as unknown as Record<string, StreamFn | undefined>)[method];
    if (fn === undefined) throw new TypeError(`No method "${method}" on the client`);
    const callOptions: grpc.CallOptions = {};
    if (options.deadlineMs !== undefined) callOptions.deadline = Date.now() + options.deadlineMs;
    const call = fn.call(client, request, callOptions);
    const onAbort = (): void => call.cancel();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const msg of call) yield msg as Res;
    } catch (err) {
      if ((err as grpc.ServiceError).code === grpc.status.CANCELLED && options.signal?.aborted) {
        return;
      }
      throw this.convert(err as grpc.ServiceError);
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      call.cancel();
    }
  }

  private convert(err: grpc.ServiceError): TsorchError {
    const typed = fromGrpcError(err);
    // A transport failure before any handler ran: the daemon is not there.
    if (typed.code === 'UNAVAILABLE' && err.metadata.get('tsorch-error-code').length === 0) {
      return unreachable(this.address, err);
    }
    return typed;
  }

  /** Closes every channel. */
  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}

/**
 * Connects to the local daemon (lazily: no I/O until the first call). Fails at once with a
 * clear message when the socket does not exist.
 *
 * @throws {TsorchError} CLI_DAEMON_UNREACHABLE
 */
export function connectDaemon(env: Readonly<Record<string, string | undefined>>): DaemonClient {
  const address = daemonAddress(env);
  if (address.startsWith('unix:') && !existsSync(address.slice('unix:'.length))) {
    throw unreachable(address);
  }
  if (env['TSORCH_HOST']?.startsWith('tcp://') === true) {
    return new DaemonClient(address, remoteClientTls(env));
  }
  return new DaemonClient(address);
}
