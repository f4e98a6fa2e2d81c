/**
 * A minimal gRPC client over node:http2 for the local unix socket: unary and server-streaming
 * calls with length-prefixed protobuf frames (encoded by wire.ts), trailers carrying
 * `grpc-status` and tsorch's error metadata. Used by `tsorch run`, whose start-up must not pay
 * for @grpc/grpc-js and proto-loader (docs/adr/010-fast-cli-run.md). Same wire protocol, same
 * errors as src/cli/client.ts.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import * as http2 from 'node:http2';
import * as net from 'node:net';
import { join } from 'node:path';
import {
  TsorchError,
  isErrorCode,
  type ErrorCode,
  type TsorchErrorOptions,
} from '../../util/errors.js';
import { cliUnaryDeadlineMs } from '../../util/limits.js';
import { decode, encode, messages } from './wire.js';

type MessageName = keyof typeof messages;

/** gRPC status codes that map to tsorch codes when no tsorch code came along. */
const transportCodes: Record<number, ErrorCode> = {
  1: 'CANCELLED',
  4: 'TIMEOUT',
  14: 'UNAVAILABLE',
};

function socketPath(env: Readonly<Record<string, string | undefined>>): string {
  const host = env['TSORCH_HOST'];
  if (host !== undefined && host !== '') {
    if (host.startsWith('unix://')) return host.slice('unix://'.length);
    if (host.startsWith('unix:')) return host.slice('unix:'.length);
    throw new TsorchError(
      'UNSUPPORTED',
      `Cannot reach "${host}" from this command: only unix sockets are supported`,
    );
  }
  return join(env['TSORCH_RUN'] ?? '/run/tsorch', 'tsorch.sock');
}

function unreachable(path: string, cause?: unknown): TsorchError {
  return new TsorchError(
    'CLI_DAEMON_UNREACHABLE',
    `Cannot connect to the tsorch daemon at "unix:${path}"`,
    {
      cause,
      hint: 'start it with `tsorch daemon` (as root), or point TSORCH_HOST or TSORCH_RUN at a running one',
    },
  );
}

function frame(body: Uint8Array): Buffer {
  const out = Buffer.alloc(5 + body.length);
  out.writeUInt32BE(body.length, 1);
  out.set(body, 5);
  return out;
}

function header(h: http2.IncomingHttpHeaders, key: string): string | undefined {
  const v = h[key];
  return Array.isArray(v) ? v[0] : v;
}

function statusError(h: http2.IncomingHttpHeaders): TsorchError | undefined {
  const status = Number(header(h, 'grpc-status') ?? 'NaN');
  if (status === 0 || Number.isNaN(status)) return undefined;
  const rawMessage = header(h, 'grpc-message') ?? '';
  let message = rawMessage;
  try {
    message = decodeURIComponent(rawMessage);
  } catch {
    // keep as sent
  }
  const code = header(h, 'tsorch-error-code');
  const options: TsorchErrorOptions = {};
  const hint = header(h, 'tsorch-error-hint');
  if (hint !== undefined) options.hint = hint;
  const details = header(h, 'tsorch-error-details');
  if (details !== undefined) {
    try {
      options.details = JSON.parse(details) as Record<string, unknown>;
    } catch {
      // best effort, as the grpc-js client
    }
  }
  return new TsorchError(
    code !== undefined && isErrorCode(code) ? code : (transportCodes[status] ?? 'INTERNAL'),
    message,
    options,
  );
}

/** A connection to the daemon's Containers service. */
export class LeanClient {
  private readonly session: http2.ClientHttp2Session;
  private readonly path: string;

  private constructor(path: string) {
    this.path = path;
    this.session = http2.connect('http://localhost', { createConnection: () => net.connect(path) });
    this.session.on('error', () => undefined);
  }

  /**
   * Connects (lazily) to the daemon named by `TSORCH_HOST`/`TSORCH_RUN`.
   *
   * @throws {TsorchError} CLI_DAEMON_UNREACHABLE when the socket does not exist.
   */
  static connect(env: Readonly<Record<string, string | undefined>>): LeanClient {
    const path = socketPath(env);
    if (!existsSync(path)) throw unreachable(path);
    return new LeanClient(path);
  }

  /** Calls `method` and yields each response message; ends with the call. */
  async *stream(
    method: string,
    req: MessageName,
    res: MessageName,
    value: Record<string, unknown>,
    opts: { signal?: AbortSignal; deadlineMs?: number } = {},
  ): AsyncGenerator<Record<string, unknown>> {
    let s: http2.ClientHttp2Stream;
    try {
      s = this.session.request({
        ':method': 'POST',
        ':path': `/tsorch.v1.Containers/${method}`,
        'content-type': 'application/grpc',
        te: 'trailers',
        ...(opts.deadlineMs === undefined ? {} : { 'grpc-timeout': `${opts.deadlineMs}m` }),
      });
    } catch (err) {
      throw unreachable(this.path, err);
    }
    const onAbort = (): void => {
      s.close(http2.constants.NGHTTP2_CANCEL);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let error: TsorchError | undefined;
    s.on('response', (h) => {
      error ??= statusError(h);
    });
    s.on('trailers', (h: http2.IncomingHttpHeaders) => {
      error ??= statusError(h);
    });
    s.end(frame(encode(messages[req], value)));
    let pending: Buffer = Buffer.alloc(0);
    try {
      for await (const chunk of s as AsyncIterable<Buffer>) {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        while (pending.length >= 5) {
          const len = pending.readUInt32BE(1);
          if (pending.length < 5 + len) break;
          yield decode(messages[res], pending.subarray(5, 5 + len));
          pending = pending.subarray(5 + len);
        }
      }
    } catch (err) {
      if (opts.signal?.aborted === true) return;
      if (error === undefined) throw unreachable(this.path, err);
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
    }
    if (error !== undefined && opts.signal?.aborted !== true) throw error;
  }

  /** A unary call; resolves with the response. */
  async unary(
    method: string,
    req: MessageName,
    res: MessageName,
    value: Record<string, unknown>,
    deadlineMs = cliUnaryDeadlineMs,
  ): Promise<Record<string, unknown>> {
    let result: Record<string, unknown> | undefined;
    for await (const m of this.stream(method, req, res, value, { deadlineMs })) result = m;
    return result ?? decode(messages[res], new Uint8Array());
  }

  /** Closes the connection. */
  close(): void {
    this.session.close();
  }
}
