import { describe, expect, it } from 'vitest';
import { encodeTx } from './codec.js';
import { newObjectId, OBJECT_ID_LENGTH } from './ids.js';
import { LocalProposer } from './proposer.js';
import { Store } from './store.js';
import { makeSecret, makeService, makeTask, testEncrypter } from './testing.js';
import { hasCode, type ErrorCode } from '../util/errors.js';
import { storeReadWaitersMax, storeTransactionMaxOps } from '../util/limits.js';

function newStore(): Store {
  const store = new Store({ encrypter: testEncrypter(), clockMs: () => 0 });
  store.setProposer(new LocalProposer(store));
  return store;
}

function codeOf(fn: () => unknown): ErrorCode | undefined {
  try {
    fn();
  } catch (err) {
    return hasCode(err, 'INTERNAL') ? 'INTERNAL' : (err as { code?: ErrorCode }).code;
  }
  return undefined;
}

describe('newObjectId()', () => {
  it('returns distinct 25-character base-36 ids the store accepts', async () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newObjectId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(new RegExp(`^[0-9a-z]{${OBJECT_ID_LENGTH}}$`));
    const store = newStore();
    const id = newObjectId();
    await store.update((tx) => {
      tx.create('services', makeService(id, 'web'));
    });
    expect(store.view((tx) => tx.findByIdPrefix('services', id.slice(0, 6)))[0]?.id).toBe(id);
  });
});

describe('Store limits and edge errors', () => {
  it(`refuses more than ${storeTransactionMaxOps} writes in one transaction`, () => {
    const store = newStore();
    const code = codeOf(() =>
      store.prepare((tx) => {
        for (let i = 0; i <= storeTransactionMaxOps; i++)
          tx.create('tasks', makeTask(`t${i}`, 's1', 1));
      }),
    );
    expect(code).toBe('INVALID_ARGUMENT');
  });

  it('rejects an entry with too many ops at apply as STORE_CORRUPT', () => {
    const store = newStore();
    const ops = Array.from({ length: storeTransactionMaxOps + 1 }, (_, i) => ({
      op: 'delete' as const,
      table: 'tasks' as const,
      id: `t${i}`,
      version: 1,
    }));
    const r = store.apply(encodeTx({ timestampMs: 0, requestId: 'r', ops }), 1);
    expect(r?.ok === false && r.error.code).toBe('STORE_CORRUPT');
  });

  it('rejects a secret whose payload reached the log unsealed', () => {
    const store = newStore();
    const data = encodeTx({
      timestampMs: 0,
      requestId: 'r',
      ops: [{ op: 'create', table: 'secrets', object: { ...makeSecret('x1', 'pw', 'plain') } }],
    });
    const r = store.apply(data, 1);
    expect(r?.ok === false && r.error.code).toBe('STORE_INVALID_OBJECT');
    expect(r?.ok === false && r.error.message).toBe(
      'Invalid secrets object "x1": spec.data must be a sealed payload',
    );
  });

  it('names an unknown table and a non-string id', () => {
    const store = newStore();
    expect(codeOf(() => store.view((tx) => tx.get('pets' as never, 'x')))).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() =>
        store.prepare((tx) => {
          tx.create('services', { ...makeService('s1', 'web'), id: 7 as never });
        }),
      ),
    ).toBe('STORE_INVALID_OBJECT');
  });

  it(`refuses more than ${storeReadWaitersMax} linearizable reads waiting at once`, async () => {
    const store = new Store();
    store.setProposer({
      propose: () => Promise.reject(new Error('unused')),
      readIndex: () => Promise.resolve(1),
    });
    const ac = new AbortController();
    const waiting = Array.from({ length: storeReadWaitersMax }, () =>
      store.linearizableView(() => 1, { signal: ac.signal }).catch((e: unknown) => e),
    );
    const extra = await store.linearizableView(() => 1).catch((e: unknown) => e);
    expect(hasCode(extra, 'UNAVAILABLE')).toBe(true);
    store.apply(new Uint8Array(0), 1);
    expect((await Promise.all(waiting)).every((v) => v === 1)).toBe(true);
  });

  it('restore() fails transactions still waiting to apply as UNAVAILABLE (outcome unknown)', async () => {
    const store = new Store();
    const proposals: Uint8Array[] = [];
    store.setProposer({
      propose: (data) => {
        proposals.push(data);
        return new Promise(() => undefined); // never committed here
      },
      readIndex: () => Promise.resolve(0),
    });
    const write = store
      .update((tx) => {
        tx.create('services', makeService('s1', 'web'));
      })
      .catch((e: unknown) => e);
    await Promise.resolve();
    expect(proposals.length).toBe(1);
    store.restore(new Store().snapshot());
    expect(hasCode(await write, 'UNAVAILABLE')).toBe(true);
  });

  it('close() ends watches and fails waiting writes and reads with UNAVAILABLE', async () => {
    const store = new Store();
    store.setProposer({
      propose: () => new Promise(() => undefined),
      readIndex: () => Promise.resolve(5),
    });
    const w = store.watch();
    const write = store
      .update((tx) => {
        tx.create('services', makeService('s1', 'web'));
      })
      .catch((e: unknown) => e);
    const read = store.linearizableView(() => 1).catch((e: unknown) => e);
    // Let the read get its index and start waiting (a turn of the event loop, not a sleep).
    await new Promise((resolve) => setImmediate(resolve));
    store.close();
    expect((await w.next()).done).toBe(true);
    expect(hasCode(await write, 'UNAVAILABLE')).toBe(true);
    expect(hasCode(await read, 'UNAVAILABLE')).toBe(true);
  });

  it('a watch opened with an aborted signal is closed at once', async () => {
    const store = newStore();
    const ac = new AbortController();
    ac.abort();
    const w = store.watch({ signal: ac.signal });
    expect(w.closed).toBe(true);
    expect((await w.next()).done).toBe(true);
  });

  it('LocalProposer starts after the index it is given', async () => {
    const store = newStore();
    store.apply(new Uint8Array(0), 7);
    const p = new LocalProposer(store, { lastIndex: 7 });
    store.setProposer(p);
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    expect(p.lastIndex).toBe(8);
    expect(store.view((tx) => tx.get('services', 's1')?.meta.version)).toBe(8);
  });
});
