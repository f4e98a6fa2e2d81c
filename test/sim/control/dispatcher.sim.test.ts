/**
 * Control-plane simulation: hundreds of real workers (src/agent/worker) on in-memory container
 * engines speak the dispatcher protocol to two dispatcher cores over one store, on virtual
 * time, seeded. It checks heartbeats and node status, node loss (down after 3 missed periods,
 * not before), assignments as a complete set then changes, reconnection to the other
 * dispatcher when the leader changes, and that no task ever gets a second container or start.
 *
 * SIM_SEED=S replays one seed.
 */
import { describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '../../../src/agent/worker/index.js';
import { Dispatcher } from '../../../src/manager/dispatcher/index.js';
import { LocalProposer, Store, type Task, type TaskState } from '../../../src/store/index.js';
import { makeNode, makeTask, testEncrypter } from '../../../src/store/testing.js';
import { createLogger } from '../../../src/util/log.js';
import { createPrng, type Prng } from '../../../src/util/prng.js';
import { FakeEngine } from './fake-engine.js';
import { SimNetwork } from './network.js';
import { VirtualTime } from './virtual-time.js';

const NODES = 300;
const TASKS_PER_NODE = 2;
const PERIOD_MS = 5000;
const STEP_MS = 250;
const log = createLogger({ level: 'error' });

interface Sim {
  store: Store;
  time: VirtualTime;
  net: SimNetwork;
  rng: Prng;
  engines: Map<string, FakeEngine>;
  workers: Map<string, Worker>;
  leader: { id: string };
  run(ms: number, check?: () => void): Promise<void>;
}

function nodeName(i: number): string {
  return `n${String(i).padStart(3, '0')}`;
}

async function build(seed: number): Promise<Sim> {
  const time = new VirtualTime();
  const rng = createPrng(seed);
  const store = new Store({ encrypter: testEncrypter(), clockMs: time.epochNowMs });
  store.setProposer(new LocalProposer(store));
  await store.update((tx) => {
    for (let i = 0; i < NODES; i++) {
      const id = nodeName(i);
      tx.create('nodes', makeNode(id, id, { status: { state: 'unknown', message: '', addr: '' } }));
      for (let k = 0; k < TASKS_PER_NODE; k++)
        tx.create(
          'tasks',
          makeTask(`${id}-t${k}`, 'svc', i * TASKS_PER_NODE + k + 1, {
            nodeId: id,
            state: 'ASSIGNED',
          }),
        );
    }
  });
  const net = new SimNetwork();
  const leader = { id: 'm1' };
  for (const m of ['m1', 'm2'])
    net.dispatchers.set(
      m,
      new Dispatcher(store, {
        nowMs: time.epochNowMs,
        rng: rng.fork(),
        log,
        heartbeatPeriodMs: PERIOD_MS,
        leadership: () => ({ leader: leader.id === m }),
      }),
    );
  const engines = new Map<string, FakeEngine>();
  const workers = new Map<string, Worker>();
  for (let i = 0; i < NODES; i++) {
    const id = nodeName(i);
    const engine = new FakeEngine(id);
    engines.set(id, engine);
    workers.set(
      id,
      startWorker({
        managers: ['m1', 'm2'],
        connect: net.connector(id),
        engine,
        pullImage: () => Promise.reject(new Error('no registry in the simulation')),
        description: () => ({
          hostname: id,
          platform: { os: 'linux', architecture: 'amd64' },
          resources: { nanoCpus: 2e9, memoryBytes: 2 ** 32 },
          engine: { runtime: 'runc', version: 'sim', labels: {} },
        }),
        log,
        timers: time,
        rng: rng.fork(),
        sweepIntervalMs: 1000,
        backoffMinMs: 100,
        backoffMaxMs: 2000,
      }),
    );
  }
  const sim: Sim = {
    store,
    time,
    net,
    rng,
    engines,
    workers,
    leader,
    async run(ms, check) {
      const end = time.nowMs + ms;
      while (time.nowMs < end) {
        await time.advanceTo(Math.min(end, time.nowMs + STEP_MS));
        for (const d of net.dispatchers.values()) await d.tick();
        check?.();
      }
    },
  };
  return sim;
}

function nodeStates(sim: Sim): Map<string, string> {
  return new Map(sim.store.view((tx) => tx.all('nodes')).map((n) => [n.id, n.status.state]));
}

function tasksIn(sim: Sim, state: TaskState): Task[] {
  return sim.store.view((tx) => tx.find('tasks', 'state', state));
}

/** No task ever got a second container, and no container was started twice. */
function checkNoDuplicates(sim: Sim): void {
  for (const [node, e] of sim.engines) {
    for (const [task, n] of e.createsByTask)
      if (n > 1) throw new Error(`${node}: task ${task} created ${n} times`);
    for (const [c, n] of e.startsByContainer)
      if (n > 1) throw new Error(`${node}: container ${c} started ${n} times`);
  }
}

const seedEnv = process.env['SIM_SEED'];
const seeds = seedEnv === undefined ? [1, 2] : [Number(seedEnv)];

describe('dispatcher simulation', () => {
  it.each(seeds)(
    'seed %i: %i agents keep sessions, lose nodes, follow the leader',
    async (seed) => {
      const sim = await build(seed);
      try {
        // Sessions open and the complete sets are run.
        await sim.run(10_000, () => {
          checkNoDuplicates(sim);
        });
        expect([...nodeStates(sim).values()].every((s) => s === 'ready')).toBe(true);
        expect(tasksIn(sim, 'RUNNING')).toHaveLength(NODES * TASKS_PER_NODE);

        // Incremental changes: new tasks on some nodes, shutdowns on others.
        const picked = new Set<number>();
        while (picked.size < 50) picked.add(sim.rng.int(NODES));
        await sim.store.update((tx) => {
          for (const i of picked) {
            const id = nodeName(i);
            tx.create(
              'tasks',
              makeTask(`${id}-new`, 'svc2', i + 1, { nodeId: id, state: 'ASSIGNED' }),
            );
            const t = tx.get('tasks', `${id}-t0`);
            if (t !== undefined) tx.update('tasks', { ...t, desiredState: 'SHUTDOWN' });
          }
        });
        await sim.run(5_000, () => {
          checkNoDuplicates(sim);
        });
        expect(tasksIn(sim, 'RUNNING')).toHaveLength(NODES * TASKS_PER_NODE);
        expect(tasksIn(sim, 'SHUTDOWN')).toHaveLength(50);
        for (const i of picked)
          expect(sim.engines.get(nodeName(i))?.createsByTask.get(`${nodeName(i)}-new`)).toBe(1);

        // A crash on a node: the task fails with its exit code, reported upward.
        const crashed = nodeName(sim.rng.int(NODES));
        const ctr = sim.engines
          .get(crashed)
          ?.list()
          .find((r) => r.state.status === 'running');
        sim.engines.get(crashed)?.exit(ctr?.id ?? '', 2);
        await sim.run(1_000);
        const failed = tasksIn(sim, 'FAILED');
        expect(failed.map((t) => [t.nodeId, t.status.exitCode])).toEqual([[crashed, 2]]);

        // Node loss: 20 nodes cut off are down after 3 missed periods, and not before.
        const lost = new Set<string>();
        while (lost.size < 20) lost.add(nodeName(sim.rng.int(NODES)));
        for (const id of lost) sim.net.partitioned.add(id);
        await sim.run(9_000, () => {
          const states = nodeStates(sim);
          for (const id of lost)
            if (states.get(id) === 'down') throw new Error(`${id} down too early`);
        });
        await sim.run(9_000);
        const states = nodeStates(sim);
        for (const [id, s] of states)
          expect([id, s]).toEqual([id, lost.has(id) ? 'down' : 'ready']);

        // The leader changes: every session moves to the other dispatcher; nothing restarts.
        sim.leader.id = 'm2';
        await sim.run(15_000, () => {
          checkNoDuplicates(sim);
        });
        const m2 = sim.net.dispatchers.get('m2');
        expect(m2?.sessionCount).toBe(NODES - lost.size);
        expect(sim.net.dispatchers.get('m1')?.sessionCount).toBe(0);
        for (const [id, w] of sim.workers) if (!lost.has(id)) expect(w.manager).toBe('m2');
        for (const [id, s] of nodeStates(sim))
          expect([id, s]).toEqual([id, lost.has(id) ? 'down' : 'ready']);

        // The lost nodes come back and open sessions with the new leader.
        sim.net.partitioned.clear();
        await sim.run(15_000, () => {
          checkNoDuplicates(sim);
        });
        expect([...nodeStates(sim).values()].every((s) => s === 'ready')).toBe(true);
        expect(m2?.sessionCount).toBe(NODES);
        expect(tasksIn(sim, 'RUNNING')).toHaveLength(NODES * TASKS_PER_NODE - 1);
      } catch (err) {
        throw new Error(`dispatcher simulation failed: replay with SIM_SEED=${seed}`, {
          cause: err,
        });
      } finally {
        await Promise.all([...sim.workers.values()].map((w) => w.stop()));
        for (const d of sim.net.dispatchers.values()) d.close();
      }
    },
  );
});
