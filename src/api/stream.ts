/**
 * Backpressure on server streams: a handler that produces faster than the client reads waits
 * for the stream's `drain` instead of queueing without bound (STYLE.md: every stream has a
 * bounded send queue).
 *
 * @module
 */

/** The part of a gRPC writable stream that backpressure needs. */
export interface DrainableStream<T> {
  write(message: T): boolean;
  readonly writableLength: number;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}

/**
 * Resolves when `stream` emits `drain`, closes, or `signal` aborts (a cancelled call never
 * drains).
 */
export function drained<T>(stream: DrainableStream<T>, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    if (signal?.aborted === true) {
      resolve();
      return;
    }
    stream.once('drain', done);
    stream.once('close', done);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Options of {@link send} and {@link forward}. */
export interface SendOptions {
  /** Ends a wait for `drain` (a cancelled call never drains). */
  signal?: AbortSignal;
  /**
   * Messages the stream may hold before the producer waits; below the stream's own high-water
   * mark, the producer waits whenever `write()` asks it to.
   */
  maxQueuedChunks?: number;
}

/** Writes `message`; true when the producer must now wait for `drain`. */
function writeMustWait<T>(stream: DrainableStream<T>, message: T, options: SendOptions): boolean {
  return !stream.write(message) && stream.writableLength >= (options.maxQueuedChunks ?? 0);
}

/** Writes `message`, then waits for `drain` when the stream asks for a pause. */
export async function send<T>(
  stream: DrainableStream<T>,
  message: T,
  options: SendOptions = {},
): Promise<void> {
  if (writeMustWait(stream, message, options)) {
    await drained(stream, options.signal);
  }
}

/** A source of chunks that can be paused, such as a child process's stdout. */
export interface PausableSource {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/**
 * Forwards every chunk of `source` to `stream` as `wrap(chunk)`, pausing the source while the
 * stream holds `maxQueuedChunks` or more unsent messages.
 */
export function forward<T>(
  source: PausableSource,
  stream: DrainableStream<T>,
  wrap: (chunk: Buffer) => T,
  options: SendOptions = {},
): void {
  source.on('data', (chunk) => {
    if (!writeMustWait(stream, wrap(chunk), options)) return;
    source.pause();
    void drained(stream, options.signal).then(() => source.resume());
  });
}
