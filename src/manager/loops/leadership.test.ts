import { describe, expect, it } from 'vitest';
import { pollLeadership } from './leadership.js';
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
});
