import { describe, expect, it } from 'vitest';
import { LocalProposer, Store } from '../../store/index.js';
import { makeNode, makeService } from '../../store/testing.js';
import { createLogger } from '../../util/log.js';
import { pollLeadership, startLeaderLoops } from './leadership.js';
import { FakeClock } from './testing.js';

describe('pollLeadership()', () => {
  it('reports each change of leadership once, and none after stop()', () => {
    const clock = new FakeClock();
    let status = { id: 1, leader: 2 };
    const leadership = pollLeadership(() => status, { clock, intervalMs: 100 });
    const seen: boolean[] = [];
    leadership.onChange((leader) => seen.push(leader));
    expect(leadership.isLeader()).toBe(false);
    const tick = (): void => {
      clock.setNow(clock.nowMs() + 100);
      clock.takeDue(clock.nowMs())?.fn();
    };
    status = { id: 1, leader: 1 };
    tick();
    tick();
    expect(leadership.isLeader()).toBe(true);
    status = { id: 1, leader: 0 };
    tick();
    expect(seen).toEqual([true, false]);
    leadership.stop();
    status = { id: 1, leader: 1 };
    tick();
    expect(seen).toEqual([true, false]);
  });

  it('reads a status that throws (a stopped member) as not leading', () => {
    const clock = new FakeClock();
    const leadership = pollLeadership(
      () => {
        throw new Error('stopped');
      },
      { clock, intervalMs: 100 },
    );
    expect(leadership.isLeader()).toBe(false);
  });

  it('startLeaderLoops() acts only while the Raft member leads', async () => {
    const clock = new FakeClock();
    const store = new Store({ clockMs: () => clock.nowMs() });
    store.setProposer(new LocalProposer(store));
    await store.update((tx) => {
      tx.create('nodes', makeNode('n1', 'host-n1'));
      tx.create('services', makeService('svc1', 'web'));
    });
    let status = { id: 1, leader: 2 };
    const loops = startLeaderLoops(
      { store, raft: { status: () => status } },
      { clock, log: createLogger({ write: () => undefined }), ids: () => 'task1' },
    );
    const advance = async (ms: number): Promise<void> => {
      const end = clock.nowMs() + ms;
      for (let t = clock.takeDue(end); t !== undefined; t = clock.takeDue(end)) {
        clock.setNow(t.atMs);
        t.fn();
        await new Promise((r) => setImmediate(r));
      }
      clock.setNow(end);
    };
    const tasks = (): number => store.view((tx) => tx.all('tasks').length);
    await advance(1000);
    expect(tasks()).toBe(0);
    status = { id: 1, leader: 1 };
    await advance(1000);
    expect(tasks()).toBe(1);
    await loops.stop();
  });
});
