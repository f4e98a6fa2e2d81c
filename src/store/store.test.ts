import { describe, expect, it } from 'vitest';
import { LocalProposer } from './proposer.js';
import { Store, type StoreOptions } from './store.js';
import { indexKey } from './tables.js';
import {
  makeCluster,
  makeConfig,
  makeNetwork,
  makeNode,
  makeSecret,
  makeService,
  makeTask,
  makeVolume,
  testEncrypter,
} from './testing.js';
import type { Service } from './objects.js';
import { hasCode, TsorchError, type ErrorCode } from '../util/errors.js';

function newStore(options: StoreOptions = {}): Store {
  let now = Date.parse('2026-11-23T10:00:00.000Z');
  const store = new Store({ encrypter: testEncrypter(), clockMs: () => (now += 1000), ...options });
  store.setProposer(new LocalProposer(store));
  return store;
}

async function rejectsWith(p: Promise<unknown>, code: ErrorCode): Promise<TsorchError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TsorchError);
  expect((err as TsorchError).code).toBe(code);
  return err as TsorchError;
}

function throwsWith(fn: () => unknown, code: ErrorCode): TsorchError {
  try {
    fn();
  } catch (err) {
    expect(hasCode(err, code), String(err)).toBe(true);
    return err as TsorchError;
  }
  throw new Error('expected a throw');
}

describe('Store tables', () => {
  it.each([
    ['services', makeService('s1', 'web')],
    ['tasks', makeTask('t1', 's1', 1)],
    ['nodes', makeNode('n1', 'host-a')],
    ['networks', makeNetwork('w1', 'backend')],
    ['volumes', makeVolume('v1', 'data', 'n1')],
    ['secrets', makeSecret('x1', 'db-password', 'hunter2')],
    ['configs', makeConfig('c1', 'nginx-conf', 'server {}')],
    ['clusters', makeCluster('k1')],
  ] as const)('create, get, update and delete a %s object', async (table, object) => {
    const store = newStore();
    await store.update((tx) => {
      tx.create(table, object);
    });
    const created = store.view((tx) => tx.get(table, object.id));
    expect(created?.id).toBe(object.id);
    expect(created?.meta).toEqual({
      version: 1,
      createdAt: '2026-11-23T10:00:01.000Z',
      updatedAt: '2026-11-23T10:00:01.000Z',
    });
    expect(Object.isFrozen(created)).toBe(true);

    await store.update((tx) => {
      const copy = structuredClone(tx.get(table, object.id)!);
      tx.update(table, copy);
    });
    const updated = store.view((tx) => tx.get(table, object.id));
    expect(updated?.meta.version).toBe(2);
    expect(updated?.meta.createdAt).toBe('2026-11-23T10:00:01.000Z');
    expect(updated?.meta.updatedAt).toBe('2026-11-23T10:00:02.000Z');

    await store.update((tx) => {
      tx.delete(table, object.id);
    });
    expect(store.view((tx) => tx.get(table, object.id))).toBeUndefined();
    expect(store.version).toBe(3);
  });

  it('view() returns frozen objects that cannot be changed in place', async () => {
    const store = newStore();
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    const svc = store.view((tx) => tx.get('services', 's1'))!;
    expect(() => {
      (svc.spec as { name: string }).name = 'other';
    }).toThrow(TypeError);
  });

  it('getByName() finds services, networks, secrets and configs by name', async () => {
    const store = newStore();
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
      tx.create('networks', makeNetwork('w1', 'backend'));
      tx.create('secrets', makeSecret('x1', 'pw', 'a'));
      tx.create('configs', makeConfig('c1', 'conf', 'b'));
    });
    store.view((tx) => {
      expect(tx.getByName('services', 'web')?.id).toBe('s1');
      expect(tx.getByName('networks', 'backend')?.id).toBe('w1');
      expect(tx.getByName('secrets', 'pw')?.id).toBe('x1');
      expect(tx.getByName('configs', 'conf')?.id).toBe('c1');
      expect(tx.getByName('services', 'nope')).toBeUndefined();
    });
  });

  it('renaming a service frees the old name', async () => {
    const store = newStore();
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    await store.update((tx) => {
      const svc = structuredClone(tx.get('services', 's1')!);
      svc.spec.name = 'www';
      tx.update('services', svc);
    });
    await store.update((tx) => {
      tx.create('services', makeService('s2', 'web'));
    });
    store.view((tx) => {
      expect(tx.getByName('services', 'www')?.id).toBe('s1');
      expect(tx.getByName('services', 'web')?.id).toBe('s2');
    });
  });

  it('node hostnames are not unique', async () => {
    const store = newStore();
    await store.update((tx) => {
      tx.create('nodes', makeNode('n1', 'same'));
      tx.create('nodes', makeNode('n2', 'same'));
    });
    const ids = store.view((tx) => tx.find('nodes', 'hostname', 'same').map((n) => n.id));
    expect(ids.sort()).toEqual(['n1', 'n2']);
  });

  it('volume names are unique per node only', async () => {
    const store = newStore();
    await store.update((tx) => {
      tx.create('volumes', makeVolume('v1', 'data', 'n1'));
      tx.create('volumes', makeVolume('v2', 'data', 'n2'));
    });
    expect(store.view((tx) => tx.find('volumes', 'name', 'data')).length).toBe(2);
    expect(store.view((tx) => tx.find('volumes', 'node', 'n2')).map((v) => v.id)).toEqual(['v2']);
    await rejectsWith(
      store.update((tx) => {
        tx.create('volumes', makeVolume('v3', 'data', 'n1'));
      }),
      'STORE_EXISTS',
    );
  });
});

describe('Store indexes', () => {
  async function seeded(): Promise<Store> {
    const store = newStore();
    await store.update((tx) => {
      tx.create(
        'services',
        makeService('s1', 'web', {
          spec: {
            ...makeService('', 'web').spec,
            labels: { 'com.docker.stack.namespace': 'shop' },
          },
        }),
      );
      tx.create('services', makeService('s2', 'db'));
      tx.create('tasks', makeTask('t1', 's1', 1, { nodeId: 'n1', state: 'RUNNING' }));
      tx.create('tasks', makeTask('t2', 's1', 2, { nodeId: 'n2', state: 'PENDING' }));
      tx.create('tasks', makeTask('t3', 's2', 1, { nodeId: 'n1', desiredState: 'SHUTDOWN' }));
      tx.create('tasks', makeTask('t4', 's2', 0, { nodeId: 'n2' }));
      tx.create(
        'nodes',
        makeNode('n1', 'a', { spec: { labels: {}, role: 'manager', availability: 'drain' } }),
      );
      tx.create('nodes', makeNode('n2', 'b'));
      tx.create('networks', makeNetwork('w1', 'backend'));
    });
    return store;
  }

  it.each([
    ['tasks', 'service', 's1', ['t1', 't2']],
    ['tasks', 'node', 'n1', ['t1', 't3']],
    ['tasks', 'desiredState', 'SHUTDOWN', ['t3']],
    ['tasks', 'desiredState', 'RUNNING', ['t1', 't2', 't4']],
    ['tasks', 'state', 'RUNNING', ['t1']],
    ['tasks', 'serviceSlot', indexKey('s1', 2), ['t2']],
    ['tasks', 'serviceNode', indexKey('s2', 'n2'), ['t4']],
    ['services', 'namespace', 'shop', ['s1']],
    ['nodes', 'role', 'manager', ['n1']],
    ['nodes', 'availability', 'active', ['n2']],
    ['networks', 'driver', 'overlay', ['w1']],
  ] as const)('find(%s, %s, %s) lists the matching objects', async (table, index, key, ids) => {
    const store = await seeded();
    const found = store.view((tx) => tx.find(table, index as never, key).map((o) => o.id));
    expect(found.sort()).toEqual(ids);
  });

  it('indexes follow updates and deletes', async () => {
    const store = await seeded();
    await store.update((tx) => {
      const t2 = structuredClone(tx.get('tasks', 't2')!);
      t2.nodeId = 'n1';
      t2.status.state = 'RUNNING';
      tx.update('tasks', t2);
      tx.delete('tasks', 't1');
    });
    store.view((tx) => {
      expect(
        tx
          .find('tasks', 'node', 'n1')
          .map((t) => t.id)
          .sort(),
      ).toEqual(['t2', 't3']);
      expect(tx.find('tasks', 'node', 'n2').map((t) => t.id)).toEqual(['t4']);
      expect(tx.find('tasks', 'state', 'RUNNING').map((t) => t.id)).toEqual(['t2']);
      expect(tx.find('tasks', 'service', 's1').map((t) => t.id)).toEqual(['t2']);
    });
  });

  it('a write transaction sees its own writes in get, find, all and prefix lookups', async () => {
    const store = await seeded();
    await store.update((tx) => {
      tx.create('tasks', makeTask('t5', 's1', 3));
      tx.delete('tasks', 't1');
      const t2 = structuredClone(tx.get('tasks', 't2')!);
      t2.desiredState = 'SHUTDOWN';
      tx.update('tasks', t2);
      expect(tx.get('tasks', 't1')).toBeUndefined();
      expect(
        tx
          .find('tasks', 'service', 's1')
          .map((t) => t.id)
          .sort(),
      ).toEqual(['t2', 't5']);
      expect(
        tx
          .find('tasks', 'desiredState', 'SHUTDOWN')
          .map((t) => t.id)
          .sort(),
      ).toEqual(['t2', 't3']);
      expect(tx.all('tasks').length).toBe(4);
      expect(tx.findByIdPrefix('tasks', 't5').length).toBe(1);
    });
    // ...and the view outside saw none of it until the commit.
    expect(store.view((tx) => tx.all('tasks').length)).toBe(4);
  });

  it('findByIdPrefix() resolves short ids', async () => {
    const store = newStore();
    await store.update((tx) => {
      tx.create('services', makeService('abc123', 'a'));
      tx.create('services', makeService('abd456', 'b'));
    });
    store.view((tx) => {
      expect(tx.findByIdPrefix('services', 'ab').length).toBe(2);
      expect(tx.findByIdPrefix('services', 'abc').map((s) => s.id)).toEqual(['abc123']);
      expect(tx.findByIdPrefix('services', 'x')).toEqual([]);
    });
  });

  it('find() with an unknown index fails clearly', async () => {
    const store = await seeded();
    throwsWith(
      () => store.view((tx) => tx.find('tasks', 'colour' as never, 'x')),
      'INVALID_ARGUMENT',
    );
  });
});

describe('Store transactions', () => {
  it('update() returns what the callback returned and commits once', async () => {
    const store = newStore();
    const out = await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
      tx.create('tasks', makeTask('t1', 's1', 1));
      return 'done';
    });
    expect(out).toBe('done');
    expect(store.version).toBe(1);
    expect(store.view((tx) => tx.get('tasks', 't1')?.meta.version)).toBe(1);
  });

  it('a transaction that writes nothing proposes nothing', async () => {
    const store = newStore();
    expect(await store.update((tx) => tx.all('services').length)).toBe(0);
    expect(store.version).toBe(0);
  });

  it('a stale update fails with STORE_CONFLICT naming both versions', async () => {
    const store = newStore();
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    const stale = structuredClone(store.view((tx) => tx.get('services', 's1')!));
    await store.update((tx) => {
      tx.update('services', structuredClone(tx.get('services', 's1')!));
    });
    const err = await rejectsWith(
      store.update((tx) => {
        tx.update('services', stale);
      }),
      'STORE_CONFLICT',
    );
    expect(err.message).toBe(
      'Cannot update service "s1": it changed since it was read (read version 1, current version 2)',
    );
    expect(err.details).toMatchObject({
      table: 'services',
      id: 's1',
      readVersion: 1,
      currentVersion: 2,
    });
  });

  it('a stale delete fails with STORE_CONFLICT', async () => {
    const store = newStore();
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    await rejectsWith(
      store.update((tx) => {
        tx.delete('services', 's1', 7);
      }),
      'STORE_CONFLICT',
    );
  });

  it('the version check runs at apply: two transactions built on the same read, one wins', async () => {
    const store = newStore();
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    const scale = (n: number) =>
      store.prepare((tx) => {
        const svc = structuredClone(tx.get('services', 's1')!);
        svc.spec.mode = { kind: 'replicated', replicas: n };
        tx.update('services', svc);
      });
    const a = scale(3);
    const b = scale(5);
    const ra = store.apply(a.data!, 2);
    const rb = store.apply(b.data!, 3);
    expect(ra?.ok).toBe(true);
    expect(rb?.ok).toBe(false);
    expect(rb?.ok === false && rb.error.code).toBe('STORE_CONFLICT');
    const svc = store.view((tx) => tx.get('services', 's1')!);
    expect(svc.spec.mode).toEqual({ kind: 'replicated', replicas: 3 });
    expect(svc.meta.version).toBe(2);
  });

  it('a failing write rolls back the whole transaction', async () => {
    const store = newStore();
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    const stale = structuredClone(store.view((tx) => tx.get('services', 's1')!));
    const other = store.prepare((tx) => {
      tx.update('services', structuredClone(tx.get('services', 's1')!));
    });
    const tx = store.prepare((t) => {
      t.create('tasks', makeTask('t1', 's1', 1));
      t.create('networks', makeNetwork('w1', 'n'));
      t.update('services', stale);
    });
    expect(store.apply(other.data!, 2)?.ok).toBe(true);
    const result = store.apply(tx.data!, 3);
    expect(result?.ok).toBe(false);
    store.view((t) => {
      expect(t.get('tasks', 't1')).toBeUndefined();
      expect(t.get('networks', 'w1')).toBeUndefined();
      expect(t.find('tasks', 'service', 's1')).toEqual([]);
      expect(t.getByName('networks', 'n')).toBeUndefined();
    });
    expect(store.version).toBe(3);
  });

  it.each([
    ['an existing id', makeService('s1', 'other'), 'Cannot create service "s1": it already exists'],
    [
      'an existing name',
      makeService('s2', 'web'),
      'Cannot write service "s2": name "web" is taken by service "s1"',
    ],
  ])('create of %s fails with STORE_EXISTS', async (_what, svc, message) => {
    const store = newStore();
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    const err = await rejectsWith(
      store.update((tx) => {
        tx.create('services', svc);
      }),
      'STORE_EXISTS',
    );
    expect(err.message).toBe(message);
  });

  it('a name conflict detected only at apply fails with STORE_EXISTS', () => {
    const store = newStore();
    const a = store.prepare((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    const b = store.prepare((tx) => {
      tx.create('services', makeService('s2', 'web'));
    });
    expect(store.apply(a.data!, 1)?.ok).toBe(true);
    const r = store.apply(b.data!, 2);
    expect(r?.ok === false && r.error.code).toBe('STORE_EXISTS');
    expect(r?.ok === false && r.error.message).toBe(
      'Cannot create service "s2": name "web" is taken by service "s1"',
    );
  });

  it('deleting and re-creating a name in one transaction is allowed', async () => {
    const store = newStore();
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    await store.update((tx) => {
      tx.delete('services', 's1');
      tx.create('services', makeService('s2', 'web'));
    });
    expect(store.view((tx) => tx.getByName('services', 'web')?.id)).toBe('s2');
  });

  it.each([
    [
      'update',
      (s: Store) =>
        s.update((tx) =>
          tx.update('services', {
            ...(makeService('s9', 'x') as Service),
            meta: { version: 1, createdAt: '', updatedAt: '' },
          }),
        ),
    ],
    ['delete', (s: Store) => s.update((tx) => tx.delete('services', 's9'))],
  ] as const)('%s of a missing object fails with STORE_NOT_FOUND', async (_op, run) => {
    const err = await rejectsWith(run(newStore()), 'STORE_NOT_FOUND');
    expect(err.message).toMatch(/^Cannot (update|delete) service "s9": it does not exist$/);
  });

  it('an update or delete that finds the object gone at apply fails with STORE_NOT_FOUND', async () => {
    const store = newStore();
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    const del = store.prepare((tx) => {
      tx.delete('services', 's1');
    });
    const upd = store.prepare((tx) => {
      tx.update('services', structuredClone(tx.get('services', 's1')!));
    });
    expect(store.apply(del.data!, 2)?.ok).toBe(true);
    const r = store.apply(upd.data!, 3);
    expect(r?.ok === false && r.error.code).toBe('STORE_NOT_FOUND');
  });

  it.each([
    [
      'services',
      { ...makeService('s1', 'web'), spec: { ...makeService('s1', 'web').spec, name: '' } },
      'spec.name',
    ],
    ['services', makeService('bad id!', 'web'), 'id'],
    ['tasks', { ...makeTask('t1', 's1', 1), desiredState: 'SLEEPING' }, 'desiredState'],
    ['tasks', { ...makeTask('t1', 's1', 1), slot: -1 }, 'slot'],
    [
      'nodes',
      makeNode('n1', 'a', { spec: { labels: {}, role: 'king' as never, availability: 'active' } }),
      'spec.role',
    ],
    [
      'networks',
      { ...makeNetwork('w1', 'n'), spec: { ...makeNetwork('w1', 'n').spec, driver: 'macvlan' } },
      'spec.driver',
    ],
    [
      'secrets',
      { ...makeSecret('x1', 'pw', ''), spec: { name: 'pw', labels: {}, data: 'text' } },
      'spec.data',
    ],
    ['secrets', makeSecret('x1', 'pw', 'x'.repeat(600 * 1024)), 'spec.data'],
  ] as const)(
    'a %s object with a bad %s fails with STORE_INVALID_OBJECT naming it',
    async (table, object, field) => {
      const store = newStore();
      const err = await rejectsWith(
        store.update((tx) => {
          tx.create(table, object as never);
        }),
        'STORE_INVALID_OBJECT',
      );
      expect(err.details).toMatchObject({ table, field });
      expect(err.message).toContain(` ${field} `);
    },
  );

  it('a task never moves backwards: STORE_INVALID_TRANSITION', async () => {
    const store = newStore();
    await store.update((tx) => {
      tx.create('tasks', makeTask('t1', 's1', 1, { state: 'RUNNING' }));
    });
    const err = await rejectsWith(
      store.update((tx) => {
        const t = structuredClone(tx.get('tasks', 't1')!);
        t.status.state = 'PENDING';
        tx.update('tasks', t);
      }),
      'STORE_INVALID_TRANSITION',
    );
    expect(err.message).toBe(
      'Cannot update task "t1": status.state cannot move from RUNNING to PENDING',
    );
    await store.update((tx) => {
      const t = structuredClone(tx.get('tasks', 't1')!);
      t.status.state = 'FAILED';
      t.desiredState = 'SHUTDOWN';
      tx.update('tasks', t);
    });
    expect(store.view((tx) => tx.get('tasks', 't1')?.status.state)).toBe('FAILED');
  });

  it('a read-only transaction refuses writes', () => {
    const store = newStore();
    throwsWith(
      () =>
        store.view((tx) =>
          (tx as unknown as { create: (t: string, o: unknown) => void }).create(
            'services',
            makeService('s1', 'a'),
          ),
        ),
      'FAILED_PRECONDITION',
    );
  });

  it('a callback that throws aborts without proposing', async () => {
    const store = newStore();
    await expect(
      store.update((tx) => {
        tx.create('services', makeService('s1', 'web'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(store.version).toBe(0);
  });

  it('an async callback is a programming error', async () => {
    const store = newStore();
    await expect(store.update(async () => Promise.resolve(1))).rejects.toThrow(/synchronous/);
  });

  it('writing a secret without a key ring fails with FAILED_PRECONDITION', async () => {
    const store = new Store();
    store.setProposer(new LocalProposer(store));
    await rejectsWith(
      store.update((tx) => {
        tx.create('secrets', makeSecret('x1', 'pw', 'a'));
      }),
      'FAILED_PRECONDITION',
    );
  });

  it('a malformed entry is rejected as STORE_CORRUPT and the index still advances', () => {
    const store = newStore();
    const r = store.apply(new TextEncoder().encode('{"f":"other"}'), 1);
    expect(r?.ok === false && r.error.code).toBe('STORE_CORRUPT');
    expect(store.apply(new Uint8Array(0), 2)).toBeUndefined();
    expect(store.version).toBe(2);
  });

  it('apply() refuses to go backwards', () => {
    const store = newStore();
    store.apply(new Uint8Array(0), 5);
    expect(() => store.apply(new Uint8Array(0), 5)).toThrow(/go forward/);
  });

  it('timestamps come from the proposer clock inside the record, not from apply', () => {
    const a = newStore({ clockMs: () => 1_000 });
    const b = newStore({ clockMs: () => 9_999_999 });
    const prepared = a.prepare((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    a.apply(prepared.data!, 1);
    b.apply(prepared.data!, 1);
    expect(b.view((tx) => tx.get('services', 's1')?.meta.createdAt)).toBe(
      '1970-01-01T00:00:01.000Z',
    );
    expect(a.snapshot()).toEqual(b.snapshot());
  });
});

describe('Store.linearizableView', () => {
  it('waits for the read index to be applied', async () => {
    const store = new Store();
    let readIndex = 3;
    store.setProposer({
      propose: () => Promise.reject(new Error('unused')),
      readIndex: () => Promise.resolve(readIndex),
    });
    let seen: number | undefined;
    const read = store.linearizableView((tx) => (seen = tx.version));
    store.apply(new Uint8Array(0), 1);
    store.apply(new Uint8Array(0), 2);
    await Promise.resolve();
    expect(seen).toBeUndefined();
    store.apply(new Uint8Array(0), 3);
    expect(await read).toBe(3);
    readIndex = 2;
    expect(await store.linearizableView((tx) => tx.version)).toBe(3);
  });

  it('reads at once when the proposer has already waited for the read point', async () => {
    const store = new Store();
    store.setProposer({
      propose: () => Promise.reject(new Error('unused')),
      readIndex: () => Promise.resolve(),
    });
    expect(await store.linearizableView((tx) => tx.version)).toBe(0);
  });

  it('fails with CANCELLED when the signal aborts while waiting', async () => {
    const store = new Store();
    store.setProposer({
      propose: () => Promise.reject(new Error('unused')),
      readIndex: () => Promise.resolve(10),
    });
    const ac = new AbortController();
    const read = store.linearizableView(() => 1, { signal: ac.signal });
    ac.abort();
    await rejectsWith(read, 'CANCELLED');
  });

  it('passes the proposer error through', async () => {
    const store = new Store();
    store.setProposer({
      propose: () => Promise.reject(new Error('unused')),
      readIndex: () => Promise.reject(new TsorchError('RAFT_NOT_LEADER', 'Not the leader')),
    });
    await rejectsWith(
      store.linearizableView(() => 1),
      'RAFT_NOT_LEADER',
    );
  });
});

describe('Store with a proposer that fails', () => {
  it('update() rejects with the proposer error', async () => {
    const store = new Store();
    store.setProposer({
      propose: () => Promise.reject(new TsorchError('RAFT_NOT_LEADER', 'Not the leader')),
      readIndex: () => Promise.resolve(0),
    });
    await rejectsWith(
      store.update((tx) => {
        tx.create('services', makeService('s1', 'web'));
      }),
      'RAFT_NOT_LEADER',
    );
  });

  it('LocalProposer refuses an aborted proposal with CANCELLED', async () => {
    const store = newStore();
    const ac = new AbortController();
    ac.abort();
    await rejectsWith(
      store.update(
        (tx) => {
          tx.create('services', makeService('s1', 'web'));
        },
        { signal: ac.signal },
      ),
      'CANCELLED',
    );
    expect(store.version).toBe(0);
  });
});
