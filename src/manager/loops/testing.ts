/**
 * A manager on virtual time for tests: a store with a {@link LocalProposer}, the loops on a
 * {@link FakeClock}, and simulated agents that move assigned tasks through ACCEPTED → ... →
 * RUNNING the way the dispatcher writes them, and can crash tasks or go down. Not used by
 * production code.
 *
 * @module
 */

import {
  isTerminal,
  LocalProposer,
  Store,
  type NewObject,
  type Node,
  type Service,
  type Task,
  type TaskStatus,
} from '../../store/index.js';
import { makeCluster, makeNode, makeService, testEncrypter } from '../../store/testing.js';
import { createLogger } from '../../util/log.js';
import { pendingTaskMessage } from '../allocator/index.js';
import type { LoopClock } from './clock.js';
import { startManagerLoops, type Leadership, type ManagerLoops } from './loops.js';

/** Epoch ms the simulations start at. */
export const SIM_START_MS = Date.parse('2026-06-01T00:00:00.000Z');

interface FakeTimer {
  atMs: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock whose time moves only when a test advances it; timers fire in time order. */
export class FakeClock implements LoopClock {
  #nowMs: number;
  #seq = 0;
  #timers: FakeTimer[] = [];

  constructor(startMs = SIM_START_MS) {
    this.#nowMs = startMs;
  }

  nowMs(): number {
    return this.#nowMs;
  }

  after(delayMs: number, fn: () => void): () => void {
    const timer = {
      atMs: this.#nowMs + Math.max(0, delayMs),
      seq: this.#seq++,
      fn,
      cancelled: false,
    };
    this.#timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** The earliest live timer due at or before `atMs`, removed from the queue. */
  takeDue(atMs: number): FakeTimer | undefined {
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    let best: FakeTimer | undefined;
    for (const t of this.#timers) {
      if (t.atMs > atMs) continue;
      if (best === undefined || t.atMs < best.atMs || (t.atMs === best.atMs && t.seq < best.seq))
        best = t;
    }
    if (best !== undefined) this.#timers = this.#timers.filter((t) => t !== best);
    return best;
  }

  /** Moves the time to `atMs` (never backwards). */
  setNow(atMs: number): void {
    this.#nowMs = Math.max(this.#nowMs, atMs);
  }
}

/** How a simulated container behaves, chosen by its image name. */
function behaviour(task: Task): 'run' | 'crash' | 'exit0' | 'sick' {
  const image = task.spec.container.image;
  if (image.includes('crash')) return 'crash';
  if (image.includes('job')) return 'exit0';
  if (image.includes('sick')) return 'sick';
  return 'run';
}

/** The next observed status of `task` on a live agent, or undefined when nothing changes. */
export function agentStep(task: Task, iso: string): TaskStatus | undefined {
  const s = task.status;
  if (isTerminal(s.state) || s.state === 'NEW' || s.state === 'PENDING') return undefined;
  const next = (state: TaskStatus['state'], extra: Partial<TaskStatus> = {}): TaskStatus => ({
    ...s,
    state,
    timestamp: iso,
    message: state.toLowerCase(),
    ...extra,
  });
  if (isTerminal(task.desiredState)) return next('SHUTDOWN', { message: 'shut down' });
  const hc = task.spec.container.healthcheck !== undefined;
  if (s.state === 'ASSIGNED') return next('PREPARING');
  if (s.state === 'ACCEPTED' || s.state === 'PREPARING' || s.state === 'READY')
    return next('STARTING');
  if (s.state === 'STARTING') return next('RUNNING', hc ? { health: 'starting' } : {});
  const kind = behaviour(task);
  if (kind === 'crash')
    return next('FAILED', { exitCode: 1, err: 'task exited with code 1', message: 'failed' });
  if (kind === 'exit0') return next('COMPLETE', { exitCode: 0, message: 'finished' });
  if (hc && s.health === 'starting')
    return next('RUNNING', { health: kind === 'sick' ? 'unhealthy' : 'healthy' });
  if (s.health === 'unhealthy')
    return next('FAILED', { err: 'task is unhealthy', message: 'unhealthy' });
  return undefined;
}

/** The sorted images of `tasks`. */
export function images(tasks: readonly Task[]): string[] {
  return tasks.map((t) => t.spec.container.image).sort();
}

/** How many of `tasks` each node holds. */
export function perNode(tasks: readonly Task[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tasks) out[t.nodeId] = (out[t.nodeId] ?? 0) + 1;
  return out;
}

/** A settable leadership signal. */
export class TestLeadership implements Leadership {
  #leader: boolean;
  readonly #listeners = new Set<(leader: boolean) => void>();

  constructor(leader: boolean) {
    this.#leader = leader;
  }

  isLeader(): boolean {
    return this.#leader;
  }

  onChange(fn: (leader: boolean) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  set(leader: boolean): void {
    this.#leader = leader;
    for (const fn of this.#listeners) fn(leader);
  }
}

/** Options of a {@link SimCluster}. */
export interface SimOptions {
  nodes: number;
  seed?: number;
  /** Period of every agent's step. */
  agentStepMs?: number;
  leader?: boolean;
  historyLimit?: number;
}

/** A store, the loops and simulated agents on one fake clock. */
export class SimCluster {
  readonly clock = new FakeClock();
  readonly store: Store;
  readonly loops: ManagerLoops;
  readonly leadership: TestLeadership;
  readonly logLines: string[] = [];
  /** Nodes whose agent is down (it neither reports nor acts). */
  readonly downAgents = new Set<string>();
  readonly #agentStepMs: number;
  #pending = new Set<Promise<unknown>>();
  #nextId = 0;
  #checks: (() => void)[] = [];

  static async create(options: SimOptions): Promise<SimCluster> {
    const sim = new SimCluster(options);
    await sim.store.update((tx) => {
      const cluster = makeCluster('cluster1');
      cluster.spec.taskDefaults.historyLimit = options.historyLimit ?? 3;
      tx.create('clusters', cluster);
      for (let i = 1; i <= options.nodes; i += 1) tx.create('nodes', sim.newNode(`n${String(i)}`));
    });
    sim.always(() => {
      const waiting = sim.pendingWithoutReason().map((t) => t.id);
      if (waiting.length > 0)
        throw new Error(`Pending tasks without a reason: ${waiting.join(', ')}`);
    });
    sim.#armAgents();
    await sim.settle();
    return sim;
  }

  private constructor(options: SimOptions) {
    this.store = new Store({ clockMs: () => this.clock.nowMs(), encrypter: testEncrypter() });
    this.store.setProposer(new LocalProposer(this.store));
    this.#agentStepMs = options.agentStepMs ?? 100;
    this.leadership = new TestLeadership(options.leader ?? true);
    this.loops = startManagerLoops(this.store, {
      clock: this.clock,
      log: createLogger({ level: 'debug', write: (line) => this.logLines.push(line) }),
      leadership: this.leadership,
      seed: options.seed ?? 1,
      ids: () => `t${String(++this.#nextId).padStart(4, '0')}`,
    });
  }

  /** A ready, active worker node `id` (hostname `host-ID`). */
  newNode(id: string, labels: Record<string, string> = {}): NewObject<Node> {
    const node = makeNode(id, `host-${id}`);
    node.spec.labels = labels;
    return node;
  }

  /**
   * Runs `check` after every step from now on. Every simulation checks that each pending task
   * says why it waits.
   */
  always(check: () => void): void {
    this.#checks.push(check);
  }

  #armAgents(): void {
    this.clock.after(this.#agentStepMs, () => {
      this.#track(this.#agentsStep());
      this.#armAgents();
    });
  }

  #track(p: Promise<unknown>): void {
    this.#pending.add(p);
    void p.finally(() => this.#pending.delete(p));
  }

  /** True while an agent step hands its write to the store (tests tell it from the loops'). */
  agentWriting = false;

  async #agentsStep(): Promise<void> {
    const iso = new Date(this.clock.nowMs()).toISOString();
    this.agentWriting = true;
    const write = this.store.update((tx) => {
      for (const task of tx.all('tasks')) {
        if (task.nodeId === '' || this.downAgents.has(task.nodeId)) continue;
        const node = tx.get('nodes', task.nodeId);
        if (node === undefined) continue;
        const status = agentStep(task, iso);
        if (status !== undefined) tx.update('tasks', { ...task, status });
      }
    });
    this.agentWriting = false;
    await write;
  }

  /** Agent steps still being written. */
  pendingSteps(): number {
    return this.#pending.size;
  }

  /** Lets every started pass and agent step finish. */
  async settle(): Promise<void> {
    for (let i = 0; i < 1000; i += 1) {
      await new Promise((r) => setImmediate(r));
      await this.loops.idle();
      if (this.#pending.size === 0) {
        await new Promise((r) => setImmediate(r));
        if (this.pendingSteps() === 0) return;
      }
      await Promise.all(this.#pending);
    }
    throw new Error('the simulation did not settle');
  }

  /** Advances virtual time by `ms`, firing timers in order and checking after each. */
  async run(ms: number): Promise<void> {
    const end = this.clock.nowMs() + ms;
    for (;;) {
      const timer = this.clock.takeDue(end);
      if (timer === undefined) break;
      this.clock.setNow(timer.atMs);
      timer.fn();
      await this.settle();
      for (const check of this.#checks) check();
    }
    this.clock.setNow(end);
  }

  /** Creates a service from `spec` overrides. */
  async createService(
    id: string,
    name: string,
    change: (s: NewObject<Service>) => void,
  ): Promise<void> {
    const service = makeService(id, name);
    service.spec.task.restartPolicy = { condition: 'any', delayMs: 0, maxAttempts: 0, windowMs: 0 };
    change(service);
    await this.store.update((tx) => tx.create('services', service));
  }

  /** Changes a service the way the control API does (spec changes bump the version). */
  async updateService(id: string, change: (s: Service) => void): Promise<void> {
    await this.store.update((tx) => {
      const current = tx.get('services', id);
      if (current === undefined) throw new Error(`no service ${id}`);
      const next = structuredClone(current);
      change(next);
      if (JSON.stringify(next.spec) !== JSON.stringify(current.spec)) {
        next.previousSpec = structuredClone(current.spec);
        next.specVersion = current.specVersion + 1;
        delete next.updateStatus;
      }
      tx.update('services', next);
    });
  }

  /** Changes a node (status, availability, labels), as the dispatcher or `node update` would. */
  async updateNode(id: string, change: (n: Node) => void): Promise<void> {
    await this.store.update((tx) => {
      const current = tx.get('nodes', id);
      if (current === undefined) throw new Error(`no node ${id}`);
      const next = structuredClone(current);
      change(next);
      tx.update('nodes', next);
    });
  }

  /** The node's agent stops and the dispatcher marks the node down. */
  async nodeDown(id: string): Promise<void> {
    this.downAgents.add(id);
    await this.updateNode(id, (n) => {
      n.status.state = 'down';
    });
  }

  /** The node's agent comes back and the node is ready again. */
  async nodeUp(id: string): Promise<void> {
    this.downAgents.delete(id);
    await this.updateNode(id, (n) => {
      n.status.state = 'ready';
    });
  }

  /** The task's container dies (exit 137), as its agent would report it. */
  async crash(taskId: string): Promise<void> {
    const iso = new Date(this.clock.nowMs()).toISOString();
    await this.store.update((tx) => {
      const task = tx.get('tasks', taskId);
      if (task === undefined || isTerminal(task.status.state)) return;
      const status: TaskStatus = {
        ...task.status,
        state: 'FAILED',
        timestamp: iso,
        message: 'failed',
        err: 'task exited with code 137',
        exitCode: 137,
      };
      tx.update('tasks', { ...task, status });
    });
  }

  tasks(serviceId?: string): Task[] {
    return this.store.view((tx) =>
      serviceId === undefined ? tx.all('tasks') : tx.find('tasks', 'service', serviceId),
    );
  }

  service(id: string): Service | undefined {
    return this.store.view((tx) => tx.get('services', id));
  }

  /** Creates service `svc1` named `web` with `replicas` replicas of image `web:1`. */
  async replicated(
    replicas: number,
    change: (svc: NewObject<Service>) => void = () => undefined,
  ): Promise<void> {
    await this.createService('svc1', 'web', (svc) => {
      svc.spec.mode = { kind: 'replicated', replicas };
      svc.spec.task.container.image = 'web:1';
      change(svc);
    });
  }

  /** Slots 1..replicas of the service without a running task. */
  downSlots(serviceId: string, replicas: number): number[] {
    const up = new Set(this.running(serviceId).map((t) => t.slot));
    return Array.from({ length: replicas }, (_, i) => i + 1).filter((slot) => !up.has(slot));
  }

  /** Slots of the service with more than one running task (none once converged). */
  slotsRunningTwice(serviceId: string): number[] {
    const slots = new Map<number, number>();
    for (const t of this.running(serviceId)) slots.set(t.slot, (slots.get(t.slot) ?? 0) + 1);
    return [...slots].filter(([, n]) => n > 1).map(([slot]) => slot);
  }

  /** PENDING tasks still wanted that do not say why they wait (none after a pass). */
  pendingWithoutReason(): Task[] {
    return this.tasks().filter(
      (t) =>
        t.status.state === 'PENDING' &&
        !isTerminal(t.desiredState) &&
        (t.status.message === '' || t.status.message === pendingTaskMessage),
    );
  }

  /** Tasks observed RUNNING on a node whose agent is up. */
  running(serviceId: string): Task[] {
    return this.tasks(serviceId).filter(
      (t) => t.status.state === 'RUNNING' && !this.downAgents.has(t.nodeId),
    );
  }

  async stop(): Promise<void> {
    await this.loops.stop();
  }
}

/**
 * A `start(nodes, options)` for a test file: each simulation it creates is stopped by the
 * `afterEach` hook passed in (vitest's), so a failed test leaves no loops running.
 */
export function simulations(
  afterEach: (fn: () => Promise<void>) => void,
): (nodes: number, options?: Omit<SimOptions, 'nodes'>) => Promise<SimCluster> {
  let current: SimCluster | undefined;
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  return async (nodes, options = {}) => {
    current = await SimCluster.create({ nodes, ...options });
    return current;
  };
}
