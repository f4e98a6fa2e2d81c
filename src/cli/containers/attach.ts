/**
 * The client side of ContainerStreams.Attach: `run -i -t`, `start -a -i` and `attach`. With a
 * terminal on both sides, the local one is put in raw mode (keys such as Ctrl-C go to the
 * container) and its size follows the window (SIGWINCH); the detach keys end the attachment
 * and leave the container running; otherwise the command exits with the container's code.
 *
 * @module
 */
import { status, type ServiceError, type ClientDuplexStream } from '@grpc/grpc-js';
import { StringDecoder } from 'node:string_decoder';
import { fromGrpcError } from '../../api/errors.js';
import type { AttachResponse__Output } from '../../api/gen/tsorch/v1/AttachResponse.js';
import { connectDaemon } from '../client.js';
import type { CliIo } from '../io.js';

/** How to attach. */
export interface AttachOptions {
  container: string;
  /** Forward this process's stdin. */
  stdin: boolean;
  /** The container has a terminal: put ours in raw mode and pass its size. */
  tty: boolean;
  /** Start the container first (start -a, run). */
  start: boolean;
  detachKeys?: string | undefined;
  /** Ctrl-C without a terminal: stop following (the container keeps running). */
  interruptDetaches?: boolean;
}

type Duplex = ClientDuplexStream<Record<string, unknown>, AttachResponse__Output>;

/** The local terminal, when stdin is one. */
interface Terminal {
  rows(): number;
  columns(): number;
}

/** Attaches and relays until the container exits or the client detaches. */
export async function attachContainer(io: CliIo, o: AttachOptions): Promise<void> {
  const client = connectDaemon(io.env);
  const service = client.service('streams', 'ContainerStreams') as unknown as {
    attach(): Duplex;
  };
  const stdin = process.stdin;
  const terminal: Terminal | undefined =
    o.tty && stdin.isTTY
      ? { rows: () => process.stdout.rows, columns: () => process.stdout.columns }
      : undefined;
  const call = service.attach();
  call.write({
    start: {
      container: o.container,
      stdin: o.stdin,
      detachKeys: o.detachKeys ?? '',
      ttyHeight: terminal?.rows() ?? 0,
      ttyWidth: terminal?.columns() ?? 0,
      start: o.start,
    },
  });
  const onData = (d: Buffer): void => {
    call.write({ stdin: d });
  };
  const onEnd = (): void => {
    call.write({ stdinClose: true });
  };
  const onResize = (): void => {
    if (terminal !== undefined)
      call.write({ resize: { height: terminal.rows(), width: terminal.columns() } });
  };
  const onInterrupt = (): void => {
    call.cancel();
  };
  if (o.stdin) {
    if (terminal !== undefined) stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.once('end', onEnd);
  }
  process.stdout.on('resize', onResize);
  if (terminal === undefined && o.interruptDetaches === true) process.once('SIGINT', onInterrupt);
  // One decoder per stream: a character may be split between two chunks.
  const out = new StringDecoder('utf8');
  const err = new StringDecoder('utf8');
  try {
    await new Promise<void>((resolve, reject) => {
      call.on('data', (ev: AttachResponse__Output) => {
        if (ev.event === 'stdout' && ev.stdout !== undefined) io.stdout.write(out.write(ev.stdout));
        else if (ev.event === 'stderr' && ev.stderr !== undefined)
          io.stderr.write(err.write(ev.stderr));
        else if (ev.event === 'exited' && ev.exited) {
          if (ev.exited.oomKilled)
            io.stderr.write('Error: the container was killed: out of memory (OOMKilled)\n');
          io.exitCode = ev.exited.exitCode;
        }
      });
      call.on('end', resolve);
      call.on('error', (err: ServiceError) => {
        // A Ctrl-C without a terminal stops following.
        if (err.code === status.CANCELLED) resolve();
        else reject(fromGrpcError(err));
      });
    });
  } finally {
    process.stdout.off('resize', onResize);
    process.off('SIGINT', onInterrupt);
    if (o.stdin) {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      if (terminal !== undefined) stdin.setRawMode(false);
      stdin.pause();
      stdin.unref();
    }
    call.end();
    client.close();
  }
}
