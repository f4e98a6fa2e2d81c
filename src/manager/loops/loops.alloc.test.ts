import { afterEach, describe, expect, it } from 'vitest';
import { makeNetwork, makeService } from '../../store/testing.js';
import { TsorchError } from '../../util/errors.js';
import { DEFAULT_UPDATE_CONFIG } from '../update/index.js';
import { SIM_START_MS, images, simulations } from './testing.js';

const start = simulations(afterEach);

describe('allocation', () => {
  it('gives networks a subnet, services a VIP and tasks an address before they are placed', async () => {
    const s = await start(2);
    await s.store.update((tx) => {
      const net = makeNetwork('net1', 'back');
      net.ipam = [];
      delete net.vni;
      net.spec.ipam = [];
      tx.create('networks', net);
    });
    await s.replicated(2, (svc) => {
      svc.spec.task.networks = [{ target: 'net1', aliases: ['api'] }];
    });
    await s.run(2000);
    const net = s.store.view((tx) => tx.get('networks', 'net1'));
    expect(net?.ipam).toHaveLength(1);
    expect(net?.vni).toBeGreaterThan(0);
    expect(s.service('svc1')?.endpoint?.virtualIps).toHaveLength(1);
    const running = s.running('svc1');
    expect(running).toHaveLength(2);
    for (const t of running) {
      expect(t.networks[0]?.networkId).toBe('net1');
      expect(t.networks[0]?.aliases).toEqual(['api']);
      expect(t.networks[0]?.addresses).toHaveLength(1);
    }
    expect(new Set(running.map((t) => t.networks[0]?.addresses[0])).size).toBe(2);
  });

  it('leaves the tasks of a service whose port is taken waiting, with the reason on them', async () => {
    const s = await start(1);
    const port = {
      protocol: 'tcp',
      targetPort: 80,
      publishedPort: 8080,
      publishMode: 'ingress',
    } as const;
    await s.replicated(1, (svc) => {
      svc.spec.endpoint = { mode: 'vip', ports: [port] };
    });
    await s.run(1000);
    await s.createService('svc2', 'other', (svc) => {
      svc.spec.endpoint = { mode: 'vip', ports: [port] };
    });
    await s.run(1000);
    expect(s.running('svc1')).toHaveLength(1);
    const [waiting] = s.tasks('svc2');
    expect(waiting?.status.state).toBe('NEW');
    expect(waiting?.status.err).toBe(
      'Cannot publish port 8080/tcp: service "web" already publishes it',
    );
    expect(
      s.logLines.some((l) => l.includes('allocation failed: Cannot publish port 8080/tcp')),
    ).toBe(true);
  });

  it('rebuilds its address book after a failed commit and allocates again', async () => {
    const s = await start(1);
    await s.store.update((tx) => tx.create('networks', makeNetwork('net1', 'back')));
    // A write that lands between the allocator's read and its commit makes the commit stale.
    const original = s.store.update.bind(s.store);
    let raced = false;
    s.store.update = async (fn, options) => {
      if (!raced && s.tasks('svc1').some((t) => t.status.state === 'NEW')) {
        raced = true;
        await original((tx) => {
          const t = tx.find('tasks', 'service', 'svc1')[0];
          if (t !== undefined)
            tx.update('tasks', { ...t, status: { ...t.status, message: 'touched' } });
        });
      }
      return original(fn, options);
    };
    await s.replicated(1, (svc) => {
      svc.spec.task.networks = [{ target: 'net1', aliases: [] }];
    });
    await s.run(2000);
    expect(raced).toBe(true);
    expect(s.logLines.some((l) => l.includes('manager pass failed'))).toBe(true);
    const [t] = s.running('svc1');
    // The VIP took the first address; the task the next, once, after the retry.
    expect(s.service('svc1')?.endpoint?.virtualIps).toEqual([
      { networkId: 'net1', addr: '10.0.1.2/24' },
    ]);
    expect(t?.networks[0]?.addresses).toEqual(['10.0.1.3/24']);
  });
});

describe('leadership and scale', () => {
  it.each([
    ['RAFT_NOT_LEADER', 5],
    ['INTERNAL', 20],
  ] as const)('a pass refused with %s is retried, at most %i times in 4 s', async (code, most) => {
    const s = await start(2);
    const original = s.store.update.bind(s.store);
    let refusals = 0;
    s.store.update = (fn, options) => {
      if (!s.agentWriting && s.clock.nowMs() < SIM_START_MS + 5000) {
        refusals += 1;
        return Promise.reject(new TsorchError(code, 'Refused'));
      }
      return original(fn, options);
    };
    await original((tx) => tx.create('services', makeService('svc1', 'web')));
    await s.run(4000);
    // Not one refused pass per timer turn: not leading waits for the next event or tick, other
    // failures back off (10 ms, 20 ms, 40 ms, ... up to the tick).
    expect(refusals).toBeGreaterThan(0);
    expect(refusals).toBeLessThan(most);
    expect(s.tasks('svc1')).toEqual([]);
    await s.run(12_000);
    expect(s.running('svc1')).toHaveLength(1);
  });

  it('updates a global service node by node', async () => {
    const s = await start(3);
    await s.createService('svc1', 'agent', (svc) => {
      svc.spec.mode = { kind: 'global' };
      svc.spec.task.container.image = 'agent:1';
      svc.spec.update = { ...DEFAULT_UPDATE_CONFIG, monitorMs: 1000 };
    });
    await s.run(2000);
    s.always(() => {
      expect(s.running('svc1').length).toBeGreaterThanOrEqual(2);
    });
    await s.updateService('svc1', (svc) => {
      svc.spec.task.container.image = 'agent:2';
    });
    await s.run(20_000);
    expect(images(s.running('svc1'))).toEqual(['agent:2', 'agent:2', 'agent:2']);
    expect(s.service('svc1')?.updateStatus?.state).toBe('completed');
  });

  it('replaces the tasks of a lost node among 100 nodes and 500 replicas', async () => {
    const s = await start(100);
    await s.replicated(500);
    await s.run(3000);
    expect(s.running('svc1')).toHaveLength(500);
    await s.nodeDown('n7');
    await s.run(3000);
    const running = s.running('svc1');
    expect(running).toHaveLength(500);
    expect(running.some((t) => t.nodeId === 'n7')).toBe(false);
    expect(s.slotsRunningTwice('svc1')).toEqual([]);
  });
});
