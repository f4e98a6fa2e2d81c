import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Store } from './store.js';
import { TASK_STATES, type TaskState } from './task-state.js';
import { makeService, makeTask, makeSecret, testEncrypter } from './testing.js';
import type { WriteTx } from './transaction.js';
import type { Service, Task } from './objects.js';
import { TsorchError } from '../util/errors.js';

type Cmd =
  | { kind: 'createService'; id: string; name: string }
  | { kind: 'scaleService'; id: string; replicas: number; stale: boolean }
  | { kind: 'deleteService'; id: string; stale: boolean }
  | { kind: 'createTask'; id: string; serviceId: string; slot: number }
  | { kind: 'setTaskState'; id: string; state: TaskState; stale: boolean }
  | { kind: 'deleteTask'; id: string }
  | { kind: 'createSecret'; id: string; name: string };

const ids = (prefix: string) => fc.constantFrom(...[1, 2, 3, 4].map((i) => `${prefix}${i}`));
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({
    kind: fc.constant('createService' as const),
    id: ids('s'),
    name: fc.constantFrom('web', 'db', 'cache'),
  }),
  fc.record({
    kind: fc.constant('scaleService' as const),
    id: ids('s'),
    replicas: fc.nat(9),
    stale: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('deleteService' as const), id: ids('s'), stale: fc.boolean() }),
  fc.record({
    kind: fc.constant('createTask' as const),
    id: ids('t'),
    serviceId: ids('s'),
    slot: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('setTaskState' as const),
    id: ids('t'),
    state: fc.constantFrom(...TASK_STATES),
    stale: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('deleteTask' as const), id: ids('t') }),
  fc.record({
    kind: fc.constant('createSecret' as const),
    id: ids('x'),
    name: fc.constantFrom('a', 'b'),
  }),
);
/** A transaction: its commands, and whether it is built before the previous one is applied. */
const txs = fc.array(
  fc.record({ cmds: fc.array(cmd, { minLength: 1, maxLength: 4 }), concurrent: fc.boolean() }),
  {
    maxLength: 40,
  },
);

/** Objects as read some time ago: stale writes use them. */
type Cache = Map<string, Service | Task>;

function run(tx: WriteTx, c: Cmd, cache: Cache): void {
  const swallow = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      // Early failures (exists, not found, conflict, transition) are expected outcomes here.
      if (!(err instanceof TsorchError)) throw err;
    }
  };
  swallow(() => {
    switch (c.kind) {
      case 'createService':
        tx.create('services', makeService(c.id, c.name));
        return;
      case 'scaleService': {
        const read = c.stale ? (cache.get(c.id) as Service | undefined) : tx.get('services', c.id);
        if (read === undefined) return;
        cache.set(c.id, read);
        const svc = structuredClone(read);
        svc.spec.mode = { kind: 'replicated', replicas: c.replicas };
        tx.update('services', svc);
        return;
      }
      case 'deleteService': {
        const read = c.stale ? cache.get(c.id) : tx.get('services', c.id);
        if (read !== undefined) tx.delete('services', c.id, read.meta.version);
        return;
      }
      case 'createTask':
        tx.create('tasks', makeTask(c.id, c.serviceId, c.slot));
        return;
      case 'setTaskState': {
        const read = c.stale ? (cache.get(c.id) as Task | undefined) : tx.get('tasks', c.id);
        if (read === undefined) return;
        cache.set(c.id, read);
        const t = structuredClone(read);
        t.status.state = c.state;
        tx.update('tasks', t);
        return;
      }
      case 'deleteTask':
        tx.delete('tasks', c.id);
        return;
      case 'createSecret':
        tx.create('secrets', makeSecret(c.id, c.name, `data-${c.id}`));
        return;
    }
  });
}

describe('Store properties', () => {
  it('the same entries in the same order give identical snapshots, and versions only grow', () => {
    const outcomes = { ok: 0, rejected: 0 };
    fc.assert(
      fc.property(txs, (list) => {
        const encrypter = testEncrypter();
        const a = new Store({ encrypter, clockMs: () => 1000 });
        const b = new Store({ encrypter, clockMs: () => 2000 });
        const cache: Cache = new Map();
        let index = 0;
        let held: Uint8Array | undefined;
        const applyBoth = (data: Uint8Array) => {
          index += 1;
          const ra = a.apply(data, index);
          const rb = b.apply(data, index);
          expect(rb?.ok).toBe(ra?.ok);
          if (ra?.ok === true) outcomes.ok += 1;
          else outcomes.rejected += 1;
          if (ra?.ok === true) {
            for (const e of ra.events) {
              expect(e.version).toBe(index);
              if (e.kind !== 'delete') expect(e.object.meta.version).toBe(index);
              if (e.old !== undefined) expect(e.old.meta.version).toBeLessThan(index);
            }
          }
        };
        for (const t of list) {
          const prepared = a.prepare((tx) => {
            for (const c of t.cmds) run(tx, c, cache);
          });
          if (!t.concurrent && held !== undefined) {
            applyBoth(held);
            held = undefined;
          }
          if (prepared.data === undefined) continue;
          if (t.concurrent) {
            // Built on the same state as the held one: both go to the log, then both apply.
            if (held !== undefined) applyBoth(held);
            held = prepared.data;
          } else applyBoth(prepared.data);
        }
        if (held !== undefined) applyBoth(held);
        expect(b.snapshot()).toEqual(a.snapshot());
        const c = new Store({ encrypter });
        c.restore(a.snapshot());
        expect(c.snapshot()).toEqual(a.snapshot());
        a.view((tx) => {
          for (const table of ['services', 'tasks', 'secrets'] as const)
            for (const o of tx.all(table)) expect(o.meta.version).toBeLessThanOrEqual(tx.version);
        });
      }),
      { numRuns: 150 },
    );
    // The generator really exercises both committed and rejected (stale, duplicate) transactions.
    // Random inputs: the count varies from run to run (19 was seen against a bar of 20 once).
    expect(outcomes.ok).toBeGreaterThan(100);
    expect(outcomes.rejected).toBeGreaterThan(5);
  });

  it('of N transactions built on the same read of an object, exactly one commits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.nat(20), (n, priorWrites) => {
        const store = new Store({ clockMs: () => 0 });
        let index = 0;
        const commit = (data: Uint8Array | undefined) => store.apply(data!, ++index);
        commit(store.prepare((tx) => tx.create('services', makeService('s1', 'web'))).data);
        for (let i = 0; i < priorWrites; i++)
          commit(
            store.prepare((tx) => tx.update('services', structuredClone(tx.get('services', 's1')!)))
              .data,
          );
        const prepared = Array.from({ length: n }, (_, i) =>
          store.prepare((tx) => {
            const svc = structuredClone(tx.get('services', 's1')!);
            svc.spec.mode = { kind: 'replicated', replicas: i + 1 };
            tx.update('services', svc);
          }),
        );
        const results = prepared.map((p) => commit(p.data));
        const winners = results.filter((r) => r?.ok === true);
        expect(winners.length).toBe(1);
        for (const r of results.slice(1))
          expect(r?.ok === false && r.error.code).toBe('STORE_CONFLICT');
        expect(store.view((tx) => tx.get('services', 's1')!.spec.mode)).toEqual({
          kind: 'replicated',
          replicas: 1,
        });
      }),
      { numRuns: 100 },
    );
  });
});
