import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { forward, send } from './stream.js';

/** An object stream that holds every message until `flush()` (a client that reads slowly). */
function slowClient(highWaterMark: number): {
  stream: Writable;
  flush: () => void;
  got: unknown[];
} {
  const pending: (() => void)[] = [];
  const got: unknown[] = [];
  const stream = new Writable({
    objectMode: true,
    highWaterMark,
    write(message, _encoding, callback) {
      got.push(message);
      pending.push(callback);
    },
  });
  const flush = (): void => {
    while (pending.length > 0) pending.shift()?.();
  };
  return { stream, flush, got };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('send()', () => {
  it('waits for drain once the stream asks for a pause, and not before', async () => {
    const { stream, flush } = slowClient(2);
    let done = false;
    await send(stream, 'a');
    void send(stream, 'b').then(() => (done = true));
    await tick();
    expect(done).toBe(false);
    flush();
    await tick();
    flush();
    await tick();
    expect(done).toBe(true);
  });

  it('lets maxQueuedChunks messages queue before waiting', async () => {
    const { stream } = slowClient(1);
    for (const m of ['a', 'b', 'c']) await send(stream, m, { maxQueuedChunks: 4 });
    expect(stream.writableLength).toBe(3);
  });

  it('stops waiting when the signal aborts (a cancelled call never drains)', async () => {
    const { stream } = slowClient(1);
    const abort = new AbortController();
    const sent = send(stream, 'a', { signal: abort.signal });
    abort.abort();
    await expect(sent).resolves.toBeUndefined();
  });
});

describe('forward()', () => {
  it('pauses the source while the stream is full and resumes it on drain', async () => {
    const { stream, flush, got } = slowClient(2);
    const source = new PassThrough();
    forward(source, stream, (chunk) => ({ data: chunk.toString() }), { maxQueuedChunks: 2 });
    source.write('1');
    source.write('2');
    await tick();
    expect(source.isPaused()).toBe(true);
    flush();
    await tick();
    expect(source.isPaused()).toBe(false);
    expect(got).toEqual([{ data: '1' }, { data: '2' }]);
  });
});
