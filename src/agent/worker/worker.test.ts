import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../../../test/sim/control/fake-engine.js';
import { VirtualTime } from '../../../test/sim/control/virtual-time.js';
import { TsorchError } from '../../util/errors.js';
import { createLogger } from '../../util/log.js';
import { createPrng } from '../../util/prng.js';
import type { WorkerConnection } from './ports.js';
import { startWorker } from './worker.js';

describe('startWorker()', () => {
  it('goes to the leader a follower names, and backs off between failed attempts', async () => {
    const time = new VirtualTime();
    const dialled: [number, string][] = [];
    const refuse = (target: string): WorkerConnection => {
      dialled.push([time.nowMs, target]);
      const details = target === 'a:1' ? { leaderAddress: 'c:1' } : {};
      const error = new TsorchError('RAFT_NOT_LEADER', 'not the leader', { details });
      const fail = (): never => {
        throw error;
      };
      return {
        session: () => ({
          [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }),
        }),
        assignments: fail,
        heartbeat: fail,
        updateTaskStatus: fail,
        close: () => undefined,
      };
    };
    const worker = startWorker({
      managers: ['a:1', 'b:1', 'c:1'],
      connect: refuse,
      engine: new FakeEngine('n1'),
      pullImage: () => Promise.resolve(),
      description: () => ({
        hostname: 'h',
        platform: { os: 'linux', architecture: 'amd64' },
        resources: { nanoCpus: 1e9, memoryBytes: 1e9 },
        engine: { runtime: 'runc', version: '', labels: {} },
      }),
      log: createLogger({ level: 'error' }),
      timers: time,
      rng: createPrng(3),
      backoffMinMs: 100,
      backoffMaxMs: 400,
    });
    await time.advanceTo(3000);
    await worker.stop();
    expect(dialled.slice(0, 3).map(([, t]) => t)).toEqual(['a:1', 'c:1', 'a:1']);
    const gaps = dialled.slice(1).map(([at], i) => at - (dialled[i]?.[0] ?? 0));
    expect(gaps.filter((g) => g < 50 || g > 400)).toEqual([]);
    expect(dialled.length).toBeGreaterThan(8);
    expect(dialled.length).toBeLessThan(3000 / 50 + 2);
  });

  it('takes the managers of its sessions, leader first, tells the node, and tries them next', async () => {
    const time = new VirtualTime();
    const dialled: string[] = [];
    const lists = [
      ['b:1', 'a:1'],
      ['c:1', 'b:1'],
    ];
    const connect = (target: string): WorkerConnection => {
      dialled.push(target);
      const refuse = (): never => {
        throw new TsorchError('UNAVAILABLE', 'down');
      };
      if (target !== 'a:1' || dialled.length > 1)
        return {
          session: refuse,
          assignments: refuse,
          heartbeat: refuse,
          updateTaskStatus: refuse,
          close: () => undefined,
        };
      return {
        // Two manager lists, then the manager ends the session.
        session: async function* () {
          for (const managers of lists) yield { sessionId: 's1', nodeId: 'n1', managers };
          await time.sleep(10);
        },
        assignments: async function* (_id, o) {
          await time.sleep(60_000, o?.signal);
          yield* [];
        },
        heartbeat: () => Promise.resolve({ periodMs: 60_000 }),
        updateTaskStatus: () => Promise.resolve({ applied: 0 }),
        close: () => undefined,
      };
    };
    const told: (readonly string[])[] = [];
    const worker = startWorker({
      managers: ['a:1'],
      connect,
      engine: new FakeEngine('n1'),
      pullImage: () => Promise.resolve(),
      description: () => ({
        hostname: 'h',
        platform: { os: 'linux', architecture: 'amd64' },
        resources: { nanoCpus: 1e9, memoryBytes: 1e9 },
        engine: { runtime: 'runc', version: '', labels: {} },
      }),
      log: createLogger({ level: 'error' }),
      timers: time,
      rng: createPrng(3),
      backoffMinMs: 100,
      backoffMaxMs: 400,
      onManagers: (m) => told.push(m),
    });
    await time.advanceTo(2000);
    await worker.stop();
    expect(told).toEqual([
      ['b:1', 'a:1'],
      ['c:1', 'b:1', 'a:1'],
    ]);
    // After 'a:1' (third in the list) comes 'c:1', then 'b:1'.
    expect(dialled.slice(0, 3)).toEqual(['a:1', 'c:1', 'b:1']);
  });
});
