/**
 * The manager's control loops: what turns the pure cores (orchestrators, rolling updater,
 * allocator, scheduler, reaper) into a running manager. On the leader only, a *pass* runs them
 * in order over the store, each committing through store transactions:
 *
 * 1. per service touched since the last pass: the rolling updater, then the orchestrator's
 *    reconcile (restart delays and update delays come back as timers on the injected clock);
 * 2. the allocator (networks, VIPs, ports, task addresses: NEW → PENDING);
 * 3. the scheduler (PENDING → ASSIGNED, or the reason it fits nowhere);
 * 4. the reaper (stopped tasks beyond the history, removed services).
 *
 * Passes are event-driven: the store's watch marks what changed and starts a pass a few
 * milliseconds later, so a burst of events is one pass; a periodic tick runs a full pass as a
 * safety net. Under a fake clock the loops are deterministic: they act only on timers.
 *
 * @module
 */

import { createPrng, type Prng } from '../../util/prng.js';
import { newObjectId, type Store, type StoreEvent, type Task } from '../../store/index.js';
import type { IpamOptions } from '../../net/index.js';
import type { AllocatorOptions } from '../allocator/index.js';
import { isTaskReady } from '../update/index.js';
import { createLogger, type Logger } from '../../util/log.js';
import { hasCode } from '../../util/errors.js';
import {
  managerLoopCoalesceMs,
  managerLoopConflictRetries,
  managerLoopTickMs,
} from '../../util/limits.js';
import { AllocatorState } from './allocate-pass.js';
import { systemClock, type LoopClock } from './clock.js';
import { orchestrateService } from './orchestrate.js';
import { planReap } from './reap.js';
import { scheduleStep } from './schedule-pass.js';

/** Whether this manager leads, and news when that changes. */
export interface Leadership {
  isLeader(): boolean;
  /** Calls `fn` on every change; returns a function that stops the calls. */
  onChange(fn: (leader: boolean) => void): () => void;
}

/** A single-node store is always its own leader. */
export const alwaysLeader: Leadership = {
  isLeader: () => true,
  onChange: () => () => undefined,
};

/** Options of {@link startManagerLoops}; every field has a default. */
export interface ManagerLoopsOptions {
  /** Time and timers (default: the system clock). */
  clock?: LoopClock;
  log?: Logger;
  /** Default: always leader (a single-node store). */
  leadership?: Leadership;
  /** Ids of new tasks (default: random object ids). */
  ids?: () => string;
  /** Seed of the scheduler's tie breaks (default: from the clock). */
  seed?: number;
  /** Period of the full pass (default {@link managerLoopTickMs}). */
  tickIntervalMs?: number;
  /** Window that batches events into one pass (default {@link managerLoopCoalesceMs}). */
  coalesceMs?: number;
  /** Task history kept per slot when the cluster object does not say (default 5). */
  historyLimit?: number;
  ipam?: IpamOptions;
  allocator?: AllocatorOptions;
}

/** Running loops. */
export interface ManagerLoops {
  /** Stops the loops; resolves once the pass under way (if any) has finished. */
  stop(): Promise<void>;
  /** Resolves when no pass is running (for tests driving a fake clock). */
  idle(): Promise<void>;
}

const DEFAULT_HISTORY_LIMIT = 5;

/**
 * Starts the manager loops over `store`. They act only while `leadership` says this manager
 * leads; on becoming leader they rebuild their memory (IPAM, when tasks came up) from the store.
 *
 * @example
 * const loops = startManagerLoops(store, { log });
 * // ...
 * await loops.stop();
 */
export function startManagerLoops(store: Store, options: ManagerLoopsOptions = {}): ManagerLoops {
  const runner = new LoopRunner(store, options);
  runner.start();
  return { stop: () => runner.stop(), idle: () => runner.idle() };
}

class LoopRunner {
  readonly #store: Store;
  readonly #clock: LoopClock;
  readonly #log: Logger;
  readonly #leadership: Leadership;
  readonly #ids: () => string;
  readonly #rng: Prng;
  readonly #tickMs: number;
  readonly #coalesceMs: number;
  readonly #historyLimit: number;
  readonly #allocator: AllocatorState;
  readonly #abort = new AbortController();
  /** When each task was first seen up (RUNNING, healthy when it has a check). */
  readonly #readySince = new Map<string, number>();
  /** Services to reconcile in the next pass; `all` for every one. */
  #dirty = new Set<string>();
  #dirtyAll = true;
  /** When each service asked to be looked at again. */
  readonly #wakes = new Map<string, number>();
  #cancelPass: (() => void) | undefined;
  #cancelWake: (() => void) | undefined;
  #cancelTick: (() => void) | undefined;
  #unsubscribe: (() => void) | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  /** The pass under way met an error (its work is retried, with a back-off). */
  #failed = false;
  #failedPasses = 0;
  #stopped = false;
  #watching: Promise<void> | undefined;

  constructor(store: Store, options: ManagerLoopsOptions) {
    this.#store = store;
    this.#clock = options.clock ?? systemClock;
    this.#log = (options.log ?? createLogger()).with({ component: 'manager-loops' });
    this.#leadership = options.leadership ?? alwaysLeader;
    this.#ids = options.ids ?? newObjectId;
    this.#rng = createPrng(options.seed ?? this.#clock.nowMs());
    this.#tickMs = options.tickIntervalMs ?? managerLoopTickMs;
    this.#coalesceMs = options.coalesceMs ?? managerLoopCoalesceMs;
    this.#historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT;
    this.#allocator = new AllocatorState({
      ipam: options.ipam ?? {},
      allocator: options.allocator ?? {},
      log: this.#log,
    });
  }

  start(): void {
    this.#unsubscribe = this.#leadership.onChange((leader) => {
      if (leader) this.#lead();
    });
    this.#watching = this.#watch();
    this.#armTick();
    this.#lead();
  }

  /** Starts leading: forget what memory may be stale, then a full pass. */
  #lead(): void {
    this.#allocator.reset();
    this.#readySince.clear();
    for (const task of this.#store.view((tx) => tx.all('tasks'))) this.#noteTask(task);
    this.#dirtyAll = true;
    this.#requestPass();
  }

  async #watch(): Promise<void> {
    while (!this.#stopped) {
      const watch = this.#store.watch({ signal: this.#abort.signal });
      try {
        for await (const event of watch) this.#onEvent(event);
        return;
      } catch (error) {
        // Overflow or reset: the events are lost, so everything is looked at again.
        this.#log.warn('store watch ended: re-reading everything', { error });
        this.#lead();
      }
    }
  }

  #onEvent(event: StoreEvent): void {
    switch (event.table) {
      case 'tasks': {
        const task = event.object as Task;
        if (event.kind === 'delete') {
          this.#readySince.delete(task.id);
          this.#allocator.deleted('tasks', task.id);
        } else this.#noteTask(task);
        this.#dirty.add(task.serviceId);
        break;
      }
      case 'services':
        if (event.kind === 'delete') this.#allocator.deleted('services', event.id);
        this.#dirty.add(event.id);
        break;
      case 'networks':
        if (event.kind === 'delete') this.#allocator.deleted('networks', event.id);
        break;
      case 'nodes':
        if (event.kind === 'delete') this.#allocator.deleted('nodes', event.id);
        this.#dirtyAll = true;
        break;
      case 'clusters':
        this.#dirtyAll = true;
        break;
      case 'configs':
      case 'secrets':
      case 'volumes':
        return;
    }
    this.#requestPass();
  }

  #noteTask(task: Task): void {
    if (!this.#readySince.has(task.id) && isTaskReady(task)) {
      const ms = Date.parse(task.status.timestamp);
      this.#readySince.set(task.id, Number.isNaN(ms) ? this.#clock.nowMs() : ms);
    }
  }

  #armTick(): void {
    this.#cancelTick = this.#clock.after(this.#tickMs, () => {
      this.#dirtyAll = true;
      this.#requestPass();
      this.#armTick();
    });
  }

  #requestPass(delayMs = this.#coalesceMs): void {
    if (this.#stopped || this.#cancelPass !== undefined) return;
    this.#cancelPass = this.#clock.after(delayMs, () => {
      this.#cancelPass = undefined;
      this.#startPass();
    });
  }

  #startPass(): void {
    if (this.#running !== undefined) {
      this.#again = true;
      return;
    }
    this.#failed = false;
    this.#running = this.#pass()
      .catch((error: unknown) => {
        this.#log.warn('manager pass failed: retried on the next one', { error });
        this.#dirtyAll = true;
        // Not the leader: the leadership signal (or the tick) starts the next pass.
        if (!hasCode(error, 'RAFT_NOT_LEADER')) this.#failed = true;
      })
      .finally(() => {
        this.#running = undefined;
        if (this.#stopped) return;
        if (this.#failed) {
          // A failure that repeats (a bug, a store refusing writes) backs off up to the tick.
          this.#failedPasses = Math.min(this.#failedPasses + 1, 30);
          this.#again = false;
          this.#requestPass(Math.min(this.#tickMs, this.#coalesceMs * 2 ** this.#failedPasses));
          return;
        }
        this.#failedPasses = 0;
        if (this.#again) {
          this.#again = false;
          this.#requestPass();
        }
      });
  }

  async #pass(): Promise<void> {
    if (this.#stopped || !this.#leadership.isLeader()) return;
    const nowMs = this.#clock.nowMs();
    await this.#orchestrate(nowMs);
    await this.#allocator.step(this.#store, nowMs);
    const scheduled = await scheduleStep(this.#store, nowMs, this.#rng);
    if (scheduled.stale > 0) this.#again = true;
    await this.#reap();
    this.#armWake();
  }

  /** Reconciles the services touched since the last pass, and those whose timer is due. */
  async #orchestrate(nowMs: number): Promise<void> {
    const { nodes, historyLimit, serviceIds } = this.#store.view((tx) => ({
      nodes: tx.all('nodes'),
      historyLimit: tx.all('clusters')[0]?.spec.taskDefaults.historyLimit ?? this.#historyLimit,
      serviceIds: this.#dirtyAll ? tx.all('services').map((s) => s.id) : [],
    }));
    const ids = new Set(this.#dirtyAll ? serviceIds : this.#dirty);
    this.#dirtyAll = false;
    this.#dirty = new Set();
    for (const [id, atMs] of this.#wakes) {
      if (atMs > nowMs) continue;
      ids.add(id);
      this.#wakes.delete(id);
    }
    const context = {
      nowMs,
      nodes,
      ids: this.#ids,
      historyLimit,
      readySinceMs: this.#readySince,
    };
    for (const id of [...ids].sort()) await this.#orchestrateOne(id, context);
  }

  async #orchestrateOne(
    serviceId: string,
    context: Parameters<typeof orchestrateService>[2],
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await this.#store.update((tx) => orchestrateService(tx, serviceId, context));
        if (result.wakeAtMs === undefined) this.#wakes.delete(serviceId);
        else this.#wakes.set(serviceId, result.wakeAtMs);
        for (const reason of result.reasons) this.#log.debug(reason, { service: serviceId });
        return;
      } catch (error) {
        if (hasCode(error, 'STORE_CONFLICT') && attempt < managerLoopConflictRetries) continue;
        if (hasCode(error, 'RAFT_NOT_LEADER')) throw error;
        // One service's trouble must not stop the others: it is looked at again next pass.
        this.#log.warn('service reconcile failed: retried on the next pass', {
          service: serviceId,
          error,
        });
        this.#dirty.add(serviceId);
        this.#failed = true;
        return;
      }
    }
  }

  async #reap(): Promise<void> {
    const plan = planReap(
      this.#store.view((tx) => ({
        services: tx.all('services'),
        tasks: tx.all('tasks'),
        nodes: tx.all('nodes'),
        networks: tx.all('networks'),
      })),
    );
    const writes =
      plan.deleteTasks.length +
      plan.deleteServices.length +
      plan.stopTasks.length +
      plan.deleteNetworks.length;
    if (writes === 0) return;
    await this.#store.update((tx) => {
      for (const task of plan.stopTasks) tx.update('tasks', { ...task, desiredState: 'SHUTDOWN' });
      for (const { id, version } of plan.deleteTasks) tx.delete('tasks', id, version);
      for (const { id, version } of plan.deleteServices) tx.delete('services', id, version);
      for (const { id, version } of plan.deleteNetworks) tx.delete('networks', id, version);
    });
    for (const { id } of plan.deleteNetworks) this.#log.info('network removed', { network: id });
    for (const { id } of plan.deleteServices) this.#log.info('service removed', { service: id });
  }

  /** One timer for the earliest restart or update step a service waits for. */
  #armWake(): void {
    this.#cancelWake?.();
    this.#cancelWake = undefined;
    if (this.#wakes.size === 0) return;
    const atMs = Math.min(...this.#wakes.values());
    this.#cancelWake = this.#clock.after(atMs - this.#clock.nowMs(), () => {
      this.#cancelWake = undefined;
      this.#requestPass();
    });
  }

  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    this.#unsubscribe?.();
    this.#cancelPass?.();
    this.#cancelWake?.();
    this.#cancelTick?.();
    await this.idle();
    await this.#watching;
  }
}
