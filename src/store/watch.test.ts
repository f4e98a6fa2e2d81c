import { describe, expect, it } from 'vitest';
import { LocalProposer } from './proposer.js';
import { Store } from './store.js';
import { makeNetwork, makeService, makeTask, testEncrypter } from './testing.js';
import type { StoreEvent, Watch } from './watch.js';
import { hasCode, type ErrorCode } from '../util/errors.js';

function newStore(historyEvents?: number): Store {
  const store = new Store({
    encrypter: testEncrypter(),
    clockMs: () => 0,
    ...(historyEvents === undefined ? {} : { historyEvents }),
  });
  store.setProposer(new LocalProposer(store));
  return store;
}

/** Reads what the watch has queued, without waiting for more. */
async function drain(w: Watch): Promise<StoreEvent[]> {
  const out: StoreEvent[] = [];
  while (w.pending > 0) {
    const r = await w.next();
    if (r.done === true) break;
    out.push(r.value);
  }
  return out;
}

function brief(events: StoreEvent[]): string[] {
  return events.map((e) => `${e.version} ${e.kind} ${e.table}/${e.id}`);
}

async function nextError(w: Watch): Promise<ErrorCode | undefined> {
  for (;;) {
    try {
      const r = await w.next();
      if (r.done === true) return undefined;
    } catch (err) {
      return hasCode(err, 'STORE_WATCH_OVERFLOW') ||
        hasCode(err, 'STORE_WATCH_RESET') ||
        hasCode(err, 'STORE_WATCH_COMPACTED')
        ? err.code
        : 'INTERNAL';
    }
  }
}

async function writeSome(store: Store): Promise<void> {
  await store.update((tx) => {
    tx.create('services', makeService('s1', 'web'));
    tx.create('tasks', makeTask('t1', 's1', 1));
  });
  await store.update((tx) => {
    const t = structuredClone(tx.get('tasks', 't1')!);
    t.status.state = 'PENDING';
    tx.update('tasks', t);
  });
  await store.update((tx) => {
    tx.delete('tasks', 't1');
    tx.create('networks', makeNetwork('w1', 'n'));
  });
}

describe('Store.watch', () => {
  it('delivers committed changes in commit order with their versions', async () => {
    const store = newStore();
    const w = store.watch();
    await writeSome(store);
    const events = await drain(w);
    expect(brief(events)).toEqual([
      '1 create services/s1',
      '1 create tasks/t1',
      '2 update tasks/t1',
      '3 delete tasks/t1',
      '3 create networks/w1',
    ]);
    const update = events[2]!;
    expect(update.old?.meta.version).toBe(1);
    expect(update.object.meta.version).toBe(2);
    expect(events[3]!.object.meta.version).toBe(2);
  });

  it('does not deliver rejected transactions', async () => {
    const store = newStore();
    const w = store.watch();
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    const bad = store.prepare((tx) => {
      tx.create('services', makeService('s2', 'web2'));
    });
    const conflicting = store.prepare((tx) => {
      tx.create('services', makeService('s2', 'web3'));
    });
    store.apply(bad.data!, 2);
    store.apply(conflicting.data!, 3);
    expect(brief(await drain(w))).toEqual(['1 create services/s1', '2 create services/s2']);
  });

  it('filters by table, kind and predicate', async () => {
    const store = newStore();
    const tasks = store.watch({ tables: ['tasks'] });
    const deletes = store.watch({ kinds: ['delete'] });
    const pending = store.watch({
      filter: (e) =>
        e.table === 'tasks' &&
        e.kind !== 'delete' &&
        e.object.id === 't1' &&
        (e.object as { status: { state: string } }).status.state === 'PENDING',
    });
    await writeSome(store);
    expect(brief(await drain(tasks))).toEqual([
      '1 create tasks/t1',
      '2 update tasks/t1',
      '3 delete tasks/t1',
    ]);
    expect(brief(await drain(deletes))).toEqual(['3 delete tasks/t1']);
    expect(brief(await drain(pending))).toEqual(['2 update tasks/t1']);
  });

  it('resumes from a version, replaying what came after it', async () => {
    const store = newStore();
    await writeSome(store);
    expect(brief(await drain(store.watch({ fromVersion: 1 })))).toEqual([
      '2 update tasks/t1',
      '3 delete tasks/t1',
      '3 create networks/w1',
    ]);
    expect(await drain(store.watch({ fromVersion: 3 }))).toEqual([]);
    // A list and a watch from the list's version see every change exactly once.
    const listed = store.view((tx) => ({ v: tx.version, n: tx.all('services').length }));
    const w = store.watch({ fromVersion: listed.v });
    await store.update((tx) => {
      tx.create('services', makeService('s2', 'db'));
    });
    expect(brief(await drain(w))).toEqual(['4 create services/s2']);
  });

  it('viewAndWatch() lists, then follows every later change exactly once', async () => {
    const store = newStore(2);
    await writeSome(store);
    const { result, watch } = store.viewAndWatch((tx) => tx.all('networks').map((n) => n.id), {
      tables: ['networks'],
    });
    expect(result).toEqual(['w1']);
    await store.update((tx) => {
      tx.delete('networks', 'w1');
    });
    expect(brief(await drain(watch))).toEqual(['4 delete networks/w1']);
  });

  it('fails with STORE_WATCH_COMPACTED when resuming before the kept history', async () => {
    const store = newStore(3);
    await writeSome(store); // five events; the first two were dropped
    let error: unknown;
    try {
      store.watch({ fromVersion: 0 });
    } catch (err) {
      error = err;
    }
    expect(hasCode(error, 'STORE_WATCH_COMPACTED')).toBe(true);
    expect((error as Error).message).toBe(
      'Cannot resume watch from version 0: events up to version 1 are no longer kept',
    );
    expect(brief(await drain(store.watch({ fromVersion: 1 })))).toEqual([
      '2 update tasks/t1',
      '3 delete tasks/t1',
      '3 create networks/w1',
    ]);
  });

  it('closes a subscriber that falls behind with STORE_WATCH_OVERFLOW', async () => {
    const store = newStore();
    const slow = store.watch({ queueEvents: 3 });
    const fast = store.watch();
    await writeSome(store);
    expect(slow.closed).toBe(true);
    expect(slow.pending).toBe(3);
    // The reader still gets what was queued, then the error.
    expect(await nextError(slow)).toBe('STORE_WATCH_OVERFLOW');
    expect((await drain(fast)).length).toBe(5);
    // The store carries on.
    await store.update((tx) => {
      tx.create('services', makeService('s9', 'later'));
    });
    expect((await drain(fast)).length).toBe(1);
  });

  it('a resume that replays more than the queue holds overflows at once', async () => {
    const store = newStore();
    await writeSome(store);
    const w = store.watch({ fromVersion: 0, queueEvents: 2 });
    expect(await nextError(w)).toBe('STORE_WATCH_OVERFLOW');
  });

  it('a waiting reader is woken by the next commit', async () => {
    const store = newStore();
    const w = store.watch();
    const next = w.next();
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    const r = await next;
    expect(r.done === false && r.value.id).toBe('s1');
  });

  it('ends iteration on close() and on abort', async () => {
    const store = newStore();
    const a = store.watch();
    const pendingRead = a.next();
    a.close();
    expect((await pendingRead).done).toBe(true);

    const ac = new AbortController();
    const b = store.watch({ signal: ac.signal });
    const seen: string[] = [];
    const loop = (async () => {
      for await (const e of b) seen.push(e.id);
    })();
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    ac.abort();
    await loop;
    expect(seen).toEqual(['s1']);
    expect(b.closed).toBe(true);
  });

  it('a filter that throws closes only that watch', async () => {
    const store = newStore();
    const bad = store.watch({
      filter: () => {
        throw new Error('bad filter');
      },
    });
    const good = store.watch();
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    await expect(bad.next()).rejects.toThrow('bad filter');
    expect((await drain(good)).length).toBe(1);
  });

  it('restore() fails open watches with STORE_WATCH_RESET and starts history at the snapshot', async () => {
    const store = newStore();
    await writeSome(store);
    const snap = store.snapshot();
    const w = store.watch();
    store.restore(snap);
    expect(await nextError(w)).toBe('STORE_WATCH_RESET');
    expect(() => store.watch({ fromVersion: 2 })).toThrow(/no longer kept/);
    const fresh = store.watch({ fromVersion: 3 });
    await store.update((tx) => {
      tx.create('services', makeService('s2', 'db'));
    });
    expect(brief(await drain(fresh))).toEqual(['4 create services/s2']);
  });
});
