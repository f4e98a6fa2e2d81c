import { describe, expect, it } from 'vitest';
import { LocalProposer, Store } from '../../store/index.js';
import { makeNetwork, makeNode, makeService, makeTask } from '../../store/testing.js';
import { parseEventTypes, watchEvents, type ClusterEvent } from './events.js';

function newStore(): Store {
  const s = new Store({ clockMs: () => Date.parse('2026-01-01T00:00:00Z') });
  s.setProposer(new LocalProposer(s));
  return s;
}

async function take(it: AsyncIterator<ClusterEvent>, n: number): Promise<ClusterEvent[]> {
  const out: ClusterEvent[] = [];
  for (let i = 0; i < n; i++) {
    const r = await it.next();
    if (r.done === true) break;
    out.push(r.value);
  }
  return out;
}

describe('watchEvents()', () => {
  it('streams service, task, node and network changes in commit order', async () => {
    const store = newStore();
    const events = watchEvents(store);
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
    });
    await store.update((tx) => {
      tx.create('nodes', makeNode('n1', 'node-a'));
      tx.create('networks', makeNetwork('net1', 'backend'));
    });
    await store.update((tx) => tx.create('tasks', makeTask('t1', 's1', 1, { state: 'PENDING' })));
    await store.update((tx) => {
      const t = tx.get('tasks', 't1');
      if (t === undefined) throw new Error('gone');
      tx.update('tasks', {
        ...structuredClone(t),
        nodeId: 'n1',
        status: { ...t.status, state: 'ASSIGNED' },
      });
    });
    await store.update((tx) => tx.delete('services', 's1'));
    const got = await take(events, 6);
    expect(got.map((e) => `${e.type} ${e.action} ${e.id}`)).toEqual([
      'service create s1',
      'node create n1',
      'network create net1',
      'task create t1',
      'task update t1',
      'service remove s1',
    ]);
    expect(got[0]).toMatchObject({ attributes: { name: 'web' }, time: '2026-01-01T00:00:00.000Z' });
    expect(got[1]?.attributes).toEqual({ name: 'node-a', state: 'ready', availability: 'active' });
    expect(got[4]?.attributes).toMatchObject({
      name: 'svc.1',
      service: 's1',
      node: 'n1',
      state: 'assigned',
      'state.old': 'pending',
      desired: 'running',
    });
    await events.return(undefined);
  });

  it('filters by type and ends when the signal aborts', async () => {
    const store = newStore();
    const abort = new AbortController();
    const events = watchEvents(store, { types: ['node'], signal: abort.signal });
    await store.update((tx) => {
      tx.create('services', makeService('s1', 'web'));
      tx.create('nodes', makeNode('n1', 'node-a'));
    });
    const [first] = await take(events, 1);
    expect(first?.type).toBe('node');
    abort.abort();
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });

  it('replays from a version', async () => {
    const store = newStore();
    await store.update((tx) => tx.create('services', makeService('s1', 'web')));
    const events = watchEvents(store, { fromVersion: 0 });
    expect((await take(events, 1)).map((e) => e.id)).toEqual(['s1']);
    await events.return(undefined);
  });
});

describe('parseEventTypes()', () => {
  it('accepts the four types and refuses others, naming the filter', () => {
    expect(parseEventTypes(['service', 'task', 'node', 'network'])).toHaveLength(4);
    expect(() => parseEventTypes(['container'])).toThrow(
      'Invalid filter "type=container": use service, task, node, network',
    );
  });
});
