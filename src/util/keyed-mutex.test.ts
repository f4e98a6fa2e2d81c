import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.js';

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

describe('KeyedMutex', () => {
  it('run() runs work of one key one at a time, in call order', async () => {
    const m = new KeyedMutex();
    const order: string[] = [];
    const g = gate();
    const a = m.run('k', async () => {
      order.push('a start');
      await g.opened;
      order.push('a end');
    });
    const b = m.run('k', () => {
      order.push('b');
      return Promise.resolve();
    });
    await Promise.resolve();
    expect(order).toEqual(['a start']);
    g.open();
    await Promise.all([a, b]);
    expect(order).toEqual(['a start', 'a end', 'b']);
  });

  it('run() runs work of different keys concurrently', async () => {
    const m = new KeyedMutex();
    const g = gate();
    const a = m.run('a', () => g.opened);
    const b = await m.run('b', () => Promise.resolve('b done'));
    expect(b).toBe('b done');
    g.open();
    await a;
  });

  it('run() goes on with the next work after a failure and passes the failure on', async () => {
    const m = new KeyedMutex();
    const failed = m.run('k', () => Promise.reject(new Error('boom')));
    const next = m.run('k', () => Promise.resolve(2));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe(2);
  });

  it('frees a key once its work settled', async () => {
    const m = new KeyedMutex();
    const g = gate();
    const a = m.run('a', () => g.opened);
    const b = m.run('b', () => Promise.reject(new Error('x'))).catch(() => undefined);
    expect(m.size).toBe(2);
    await b;
    expect(m.size).toBe(1);
    g.open();
    await a;
    expect(m.size).toBe(0);
  });
});
