import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AesGcmEncrypter } from './encrypter.js';
import { LocalProposer } from './proposer.js';
import { Store } from './store.js';
import {
  makeCluster,
  makeConfig,
  makeNetwork,
  makeNode,
  makeSecret,
  makeService,
  makeTask,
  makeVolume,
} from './testing.js';
import { TABLE_NAMES } from './tables.js';
import { hasCode } from '../util/errors.js';

const key1 = randomBytes(32);
const key2 = randomBytes(32);
const ring1 = () => new AesGcmEncrypter({ currentKeyId: 'k1', keys: { k1: key1 } });

function newStore(encrypter = ring1()): Store {
  let now = 1_700_000_000_000;
  const store = new Store({ encrypter, clockMs: () => (now += 1) });
  store.setProposer(new LocalProposer(store));
  return store;
}

async function populate(store: Store): Promise<void> {
  await store.update((tx) => {
    tx.create('clusters', makeCluster('k1', 'CA-PRIVATE-KEY-MATERIAL'));
    tx.create('nodes', makeNode('n1', 'a'));
    tx.create('services', makeService('s1', 'web'));
    tx.create('tasks', makeTask('t1', 's1', 1, { nodeId: 'n1' }));
    tx.create('networks', makeNetwork('w1', 'backend'));
    tx.create('volumes', makeVolume('v1', 'data', 'n1'));
    tx.create('secrets', makeSecret('x1', 'db-password', 'TOP-SECRET-PASSWORD'));
    tx.create('configs', makeConfig('c1', 'nginx', 'CONFIG-PLAINTEXT-BODY'));
  });
  await store.update((tx) => {
    const t = structuredClone(tx.get('tasks', 't1')!);
    t.status.state = 'RUNNING';
    tx.update('tasks', t);
  });
}

function dump(store: Store): unknown {
  return store.view((tx) =>
    Object.fromEntries(
      TABLE_NAMES.map((t) => [t, tx.all(t).sort((a, b) => a.id.localeCompare(b.id))]),
    ),
  );
}

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('Store snapshots', () => {
  it('restore(snapshot()) gives an equal store at the same version', async () => {
    const a = newStore();
    await populate(a);
    const snap = a.snapshot();
    const b = newStore();
    b.restore(snap);
    expect(b.version).toBe(2);
    expect(dump(b)).toEqual(dump(a));
    expect(b.snapshot()).toEqual(snap);
    // Indexes were rebuilt.
    expect(b.view((tx) => tx.find('tasks', 'node', 'n1').map((t) => t.id))).toEqual(['t1']);
    expect(b.view((tx) => tx.getByName('secrets', 'db-password')?.id)).toBe('x1');
    // ...and the restored store keeps going from the snapshot's index.
    b.setProposer(new LocalProposer(b, { lastIndex: b.version }));
    await b.update((tx) => {
      tx.create('services', makeService('s2', 'db'));
    });
    expect(b.view((tx) => tx.get('services', 's2')?.meta.version)).toBe(3);
    expect(Object.isFrozen(b.view((tx) => tx.get('services', 's1')))).toBe(true);
  });

  it('is deterministic: the same log gives the same bytes, whatever the history of writes', async () => {
    const a = newStore();
    await populate(a);
    const b = newStore();
    b.restore(a.snapshot());
    expect(b.snapshot()).toEqual(a.snapshot());
    const c = newStore();
    c.restore(new Store().snapshot());
    expect(text(c.snapshot())).toBe('{"f":"tsorch-store/1","index":0,"tables":{}}');
  });

  it('restore() of garbage fails with STORE_CORRUPT and leaves the store as it was', async () => {
    const store = newStore();
    await populate(store);
    const before = dump(store);
    for (const bad of [
      'not json',
      '{"f":"tsorch-store/1","index":1,"tables":{"pets":[]}}',
      '{"f":"x"}',
    ]) {
      let error: unknown;
      try {
        store.restore(new TextEncoder().encode(bad));
      } catch (err) {
        error = err;
      }
      expect(hasCode(error, 'STORE_CORRUPT'), bad).toBe(true);
    }
    const noMeta =
      '{"f":"tsorch-store/1","index":1,"tables":{"networks":[' +
      JSON.stringify(makeNetwork('w1', 'n')) +
      ']}}';
    expect(() => store.restore(new TextEncoder().encode(noMeta))).toThrow(/no valid meta/);
    expect(dump(store)).toEqual(before);
    expect(store.version).toBe(2);
  });
});

describe('Encryption at rest', () => {
  it('secret, config and CA key payloads never appear in plaintext in a log entry or snapshot', async () => {
    const store = newStore();
    const entries: Uint8Array[] = [];
    store.setProposer({
      propose: (data) => {
        entries.push(data);
        return Promise.resolve(store.apply(data, store.version + 1));
      },
      readIndex: () => Promise.resolve(store.version),
    });
    await populate(store);
    const log = entries.map(text).join('\n') + text(store.snapshot());
    for (const secret of [
      'TOP-SECRET-PASSWORD',
      'CONFIG-PLAINTEXT-BODY',
      'CA-PRIVATE-KEY-MATERIAL',
    ]) {
      expect(log).not.toContain(secret);
      expect(log).not.toContain(Buffer.from(secret).toString('base64').slice(0, 12));
    }
    expect(log).toContain('"$sealed"');
    // In memory, readers get the plaintext.
    const data = store.view((tx) => tx.get('secrets', 'x1')!.spec.data);
    expect(new TextDecoder().decode(data)).toBe('TOP-SECRET-PASSWORD');
  });

  it('a manager with the wrong key cannot apply the entry: STORE_DECRYPT_FAILED, state unchanged', () => {
    const a = newStore();
    const b = newStore(new AesGcmEncrypter({ currentKeyId: 'k1', keys: { k1: key2 } }));
    const prepared = a.prepare((tx) => {
      tx.create('services', makeService('s1', 'web'));
      tx.create('secrets', makeSecret('x1', 'pw', 'secret'));
    });
    let error: unknown;
    try {
      b.apply(prepared.data!, 1);
    } catch (err) {
      error = err;
    }
    expect(hasCode(error, 'STORE_DECRYPT_FAILED')).toBe(true);
    expect((error as Error).message).toBe(
      'Cannot decrypt payload with key "k1": authentication failed (wrong key or tampered data)',
    );
    expect(b.view((tx) => tx.all('services'))).toEqual([]);
    expect(b.version).toBe(0);
  });

  it('a snapshot sealed with an unknown key id fails to restore with a clear error', async () => {
    const a = newStore();
    await populate(a);
    const b = newStore(new AesGcmEncrypter({ currentKeyId: 'k2', keys: { k2: key1 } }));
    expect(() => b.restore(a.snapshot())).toThrow(
      'Cannot decrypt payload: key "k1" is not in this manager\'s key ring',
    );
    const c = new Store();
    expect(() => c.restore(a.snapshot())).toThrow(/has no encryption key ring/);
  });

  it('a store with a rotated ring still opens payloads sealed with the old key', async () => {
    const a = newStore();
    await populate(a);
    const b = newStore(new AesGcmEncrypter({ currentKeyId: 'k2', keys: { k1: key1, k2: key2 } }));
    b.restore(a.snapshot());
    expect(new TextDecoder().decode(b.view((tx) => tx.get('configs', 'c1')!.spec.data))).toBe(
      'CONFIG-PLAINTEXT-BODY',
    );
  });

  it('a sealed payload moved onto another object does not open', async () => {
    const a = newStore();
    await a.update((tx) => {
      tx.create('secrets', makeSecret('x1', 'pw', 'secret'));
    });
    const swapped = text(a.snapshot()).replace('"id":"x1"', '"id":"x2"');
    const b = newStore();
    expect(() => b.restore(new TextEncoder().encode(swapped))).toThrow(/authentication failed/);
  });
});
