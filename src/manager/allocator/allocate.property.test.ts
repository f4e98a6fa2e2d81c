import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIpam, rebuildIpam, type Ipam } from '../../net/index.js';
import { isTerminal, type PortConfig, type Service, type Task } from '../../store/index.js';
import { makeService } from '../../store/testing.js';
import { allocate } from './allocate.js';
import { portKey } from './ports.js';
import { ingressPort, testNetwork, testService, testTask, TestStore } from './test-fixtures.js';

const networkIds = ['n0', 'n1'] as const;

type Op =
  | { kind: 'create'; nets: number[]; port: number | undefined; replicas: number; count: number }
  | { kind: 'scale'; service: number; replicas: number }
  | { kind: 'remove' | 'purge'; service: number }
  | { kind: 'end' | 'run'; task: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    nets: fc.uniqueArray(fc.nat(1), { maxLength: 2 }),
    port: fc.option(fc.constantFrom(0, 8080, 8081), { nil: undefined }),
    replicas: fc.nat(5),
    // Two services created at once race for the same ports within one pass.
    count: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({ kind: fc.constant('scale' as const), service: fc.nat(9), replicas: fc.nat(6) }),
  fc.record({ kind: fc.constantFrom('remove' as const, 'purge' as const), service: fc.nat(9) }),
  fc.record({ kind: fc.constantFrom('end' as const, 'run' as const), task: fc.nat(40) }),
);

/** The test's orchestrator: services, their replica counts, and task lifecycles. */
class World {
  readonly store = new TestStore();
  readonly ipam: Ipam = createIpam();
  readonly replicas = new Map<string, number>();
  #nextService = 0;
  #nextTask = 0;
  #deleted: { serviceIds: string[]; taskIds: string[] } = { serviceIds: [], taskIds: [] };

  constructor() {
    this.store.put({
      networks: [
        testNetwork('n0', 'small', { subnet: '10.1.0.0/28' }),
        testNetwork('n1', 'pooled', { driver: 'bridge' }),
      ],
    });
  }

  step(op: Op): void {
    const services = [...this.store.services.values()];
    const tasks = [...this.store.tasks.values()];
    switch (op.kind) {
      case 'create': {
        const ports: PortConfig[] = op.port === undefined ? [] : [ingressPort(op.port)];
        const nets = op.nets.map((n) => networkIds[n] ?? 'n0');
        for (let i = 0; i < op.count; i++) {
          const id = `s${String(this.#nextService++).padStart(2, '0')}`;
          const service = testService(makeService(id, `svc-${id}`), { networkIds: nets, ports });
          this.store.put({ services: [service] });
          this.replicas.set(id, op.replicas);
        }
        break;
      }
      case 'scale':
      case 'remove':
      case 'purge': {
        const service = services[op.service % Math.max(services.length, 1)];
        if (service === undefined) break;
        if (op.kind === 'scale') {
          if (!service.pendingDelete) this.replicas.set(service.id, op.replicas);
        } else if (op.kind === 'remove') this.remove(service, tasks);
        else if (service.pendingDelete) this.purge(service, tasks);
        break;
      }
      case 'end':
      case 'run': {
        const task = tasks[op.task % Math.max(tasks.length, 1)];
        if (task === undefined || isTerminal(task.status.state)) break;
        if (op.kind === 'end') this.setState(task, 'FAILED');
        else if (task.status.state === 'PENDING') this.setState(task, 'RUNNING');
        break;
      }
    }
    this.reconcileReplicas();
  }

  /** Runs an allocator pass and commits it. */
  allocate(): void {
    const result = allocate(this.store.snapshot(this.#deleted), this.ipam, {
      publishedPortRange: { first: 30000, last: 30003 },
    });
    this.store.apply(result.updates);
    this.#deleted = { serviceIds: [], taskIds: [] };
  }

  private remove(service: Service, tasks: readonly Task[]): void {
    this.store.put({ services: [{ ...service, pendingDelete: true }] });
    for (const task of tasks) {
      if (task.serviceId === service.id && !isTerminal(task.status.state))
        this.setState(task, 'SHUTDOWN');
    }
    this.replicas.delete(service.id);
  }

  private purge(service: Service, tasks: readonly Task[]): void {
    this.store.services.delete(service.id);
    this.#deleted.serviceIds.push(service.id);
    for (const task of tasks) {
      if (task.serviceId !== service.id) continue;
      this.store.tasks.delete(task.id);
      this.#deleted.taskIds.push(task.id);
    }
  }

  private setState(task: Task, state: Task['status']['state']): void {
    this.store.put({ tasks: [{ ...task, status: { ...task.status, state } }] });
  }

  /** Like the replicated orchestrator: a NEW task for each missing replica, extras shut down. */
  private reconcileReplicas(): void {
    for (const [serviceId, replicas] of this.replicas) {
      const service = this.store.services.get(serviceId);
      if (service === undefined) continue;
      const live = [...this.store.tasks.values()].filter(
        (t) => t.serviceId === serviceId && !isTerminal(t.status.state),
      );
      for (const extra of live.slice(replicas)) this.setState(extra, 'SHUTDOWN');
      for (let slot = live.length; slot < replicas; slot++) {
        const id = `t${String(this.#nextTask++).padStart(3, '0')}`;
        this.store.put({ tasks: [testTask(id, service, slot + 1)] });
      }
    }
  }
}

/** Every address held by a live owner, per network, with no owner twice. */
function checkAddresses(world: World): void {
  const liveServices = [...world.store.services.values()].filter((s) => !s.pendingDelete);
  const liveTasks = [...world.store.tasks.values()].filter((t) => !isTerminal(t.status.state));
  for (const networkId of networkIds) {
    const owners = new Map<string, string>();
    const hold = (addr: string, owner: string): void => {
      expect(owners.get(addr), `${addr} held by ${owner} and ${owners.get(addr)}`).toBeUndefined();
      owners.set(addr, owner);
    };
    for (const s of liveServices) {
      for (const v of s.endpoint?.virtualIps ?? [])
        if (v.networkId === networkId) hold(v.addr, s.id);
    }
    for (const t of liveTasks) {
      for (const n of t.networks)
        if (n.networkId === networkId) n.addresses.forEach((a) => hold(a, t.id));
    }
    // Released when the owner ends: the IPAM holds exactly the gateway and the live owners.
    expect(world.ipam.usage(networkId)?.inUseCount).toBe(owners.size + 1);
  }
  for (const t of liveTasks) {
    // A task that waits says why, on itself.
    if (t.status.state === 'NEW')
      expect(t.status.err).toMatch(/no free address|Cannot publish port/);
  }
}

/** No published port is held by two live services; services being deleted hold none. */
function checkPorts(world: World): void {
  const seen = new Map<string, string>();
  for (const service of world.store.services.values()) {
    if (service.pendingDelete) {
      expect(service.endpoint?.ports ?? []).toEqual([]);
      continue;
    }
    for (const port of service.endpoint?.ports ?? []) {
      const key = portKey(port);
      expect(seen.get(key), `${key} held by ${service.id} and ${seen.get(key)}`).toBeUndefined();
      seen.set(key, service.id);
    }
  }
}

/** The IPAM rebuilt from the stored objects holds what the running one holds. */
function checkRebuild(world: World): void {
  const { ipam: rebuilt, issues } = rebuildIpam(world.store.snapshot());
  expect(issues).toEqual([]);
  for (const networkId of networkIds) {
    expect(rebuilt.network(networkId)).toEqual(world.ipam.network(networkId));
    expect(rebuilt.usage(networkId)).toEqual(world.ipam.usage(networkId));
  }
  for (const task of world.store.tasks.values()) {
    if (isTerminal(task.status.state) || task.networks.length === 0) continue;
    const again = rebuilt.allocateTask(
      task.id,
      task.networks.map((n) => n.networkId),
    );
    expect(again).toEqual({
      ok: true,
      value: task.networks.map((n) => ({ networkId: n.networkId, addr: n.addresses[0] })),
    });
  }
}

describe('allocate() over random service and task histories', () => {
  it('never gives an address or a published port to two live owners, and frees them at the end', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const world = new World();
        for (const op of ops) {
          world.step(op);
          world.allocate();
          checkAddresses(world);
          checkPorts(world);
        }
        checkRebuild(world);
      }),
      { numRuns: 150 },
    );
  });
});
