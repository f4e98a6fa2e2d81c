/**
 * A client of a container shim's attach socket: the container's output as it comes, and its
 * input and terminal size.
 *
 * @module
 */
import { createConnection, type Socket } from 'node:net';
import { TsorchError } from '../../util/errors.js';
import { attachConnectTimeoutMs } from '../../util/limits.js';
import { encodeClientFrame, OutputDecoder, type OutputFrame } from './frames.js';

/** An attached client. */
export interface ShimAttachment {
  /** The output until the shim closes the connection (the container exited) or {@link close}. */
  output(): AsyncGenerator<OutputFrame>;
  /** Writes to the container's stdin (or terminal). */
  write(data: Uint8Array): void;
  /** Ends the container's stdin (not a terminal's). */
  closeInput(): void;
  resize(rows: number, columns: number): void;
  /** Disconnects; the container keeps running. */
  close(): void;
}

/**
 * Connects to the shim's attach socket at `path`. With `replay`, the output the container made
 * before any client attached comes first (an attach right after the start sees it all).
 *
 * @throws {TsorchError} CONTAINER_STATE when the socket does not answer (the container is not
 *   running, or its shim predates attaching).
 */
export async function attachToShim(
  path: string,
  opts: { replay: boolean },
): Promise<ShimAttachment> {
  const socket = await new Promise<Socket>((resolve, reject) => {
    const s = createConnection(path);
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`connect timed out after ${String(attachConnectTimeoutMs)} ms`));
    }, attachConnectTimeoutMs);
    s.once('connect', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  }).catch((err: unknown) => {
    throw new TsorchError('CONTAINER_STATE', 'Cannot attach: the container does not run', {
      cause: err,
    });
  });
  // Writes after the container exited fail; the end of the output says so.
  socket.on('error', () => undefined);
  const send = (b: Buffer): void => {
    if (!socket.destroyed) socket.write(b);
  };
  send(encodeClientFrame({ type: 'hello', replay: opts.replay }));
  return {
    async *output() {
      const decoder = new OutputDecoder();
      for await (const chunk of socket) yield* decoder.push(chunk as Buffer);
    },
    write: (data) => {
      send(encodeClientFrame({ type: 'input', data }));
    },
    closeInput: () => {
      send(encodeClientFrame({ type: 'close-input' }));
    },
    resize: (rows, columns) => {
      send(encodeClientFrame({ type: 'resize', rows, columns }));
    },
    close: () => socket.destroy(),
  };
}
