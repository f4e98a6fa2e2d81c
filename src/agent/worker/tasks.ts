/**
 * The worker's tasks: applies assignments, drives each task's container through {@link decide}
 * over the container engine, and keeps the newest status of each task for the reporter. Each
 * task is reconciled by one chain at a time; a change while it runs makes it run once more.
 * Containers are found by the task id label, so a restarted daemon re-adopts them instead of
 * creating a second container for a task.
 *
 * @module
 */
import {
  sameTaskStatus,
  taskStateRank,
  type AssignmentsMessage,
  type Network,
  type NetworkEndpoints,
  type Task,
  type TaskState,
  type TaskStatus,
  type TaskStatusUpdate,
} from '../../store/index.js';
import { hasCode } from '../../util/errors.js';
import { workerPendingStatusMax } from '../../util/limits.js';
import type { Logger } from '../../util/log.js';
import type { ContainerRecord } from '../containers/types.js';
import { TASK_ID_LABEL, taskContainerConfig } from '../task-config.js';
import { decide, type ObservedContainer, type WorkerAction } from './decide.js';
import { withTaskFiles, type TaskFileStore } from './files.js';
import type { TaskEngine, TaskNetworkPort, WorkerTimers } from './ports.js';

interface Entry {
  task: Task;
  known: TaskState;
  last?: TaskStatus;
  running: boolean;
  again: boolean;
  removed: boolean;
  /** Ends the wait on the container's exit. */
  waiting?: AbortController | undefined;
}

/** Limits a reconcile pass: a pass that keeps acting is a bug, not progress. */
const stepsPerPassMax = 8;

function observe(rec: ContainerRecord): ObservedContainer {
  const s = rec.state;
  return {
    id: rec.id,
    status: s.status,
    pid: s.pid,
    exitCode: s.exitCode,
    oomKilled: s.oomKilled,
    error: s.error,
    health: s.health?.status,
  };
}

function maxState(a: TaskState, b: TaskState): TaskState {
  return taskStateRank(a) >= taskStateRank(b) ? a : b;
}

/** Options of {@link WorkerTasks}. */
export interface WorkerTasksOptions {
  engine: TaskEngine;
  pullImage: (ref: string, options: { signal: AbortSignal }) => Promise<void>;
  timers: WorkerTimers;
  log: Logger;
  /** Called when a status waits to be sent. */
  onReport: () => void;
  /** The node's cluster networks; without them, tasks on networks are rejected. */
  networks?: TaskNetworkPort | undefined;
  /** Where secrets and configs become files; without it, tasks that have any are rejected. */
  files?: TaskFileStore | undefined;
}

/** Called with a network's new endpoint list, or undefined when the node no longer has it. */
export type EndpointsListener = (
  networkId: string,
  endpoints: NetworkEndpoints | undefined,
) => void;

/** The tasks of one node. */
export class WorkerTasks {
  readonly #o: WorkerTasksOptions;
  readonly #tasks = new Map<string, Entry>();
  readonly #pending = new Map<string, TaskStatusUpdate>();
  readonly #abort = new AbortController();
  readonly #idle = new Set<Promise<void>>();
  /** Secrets, configs and networks the node was given, by kind and id. */
  readonly #objects = new Map<string, unknown>();
  /** The endpoint list of each network the node's tasks use, by network id. */
  readonly #endpoints = new Map<string, NetworkEndpoints>();
  readonly #listeners = new Set<EndpointsListener>();
  /** This node's id, from the session (the endpoint lists name nodes by id). */
  nodeId = '';

  constructor(options: WorkerTasksOptions) {
    this.#o = options;
  }

  /** The endpoint list of every cluster network the node's tasks use, by network id. */
  endpoints(): ReadonlyMap<string, NetworkEndpoints> {
    return this.#endpoints;
  }

  /** Calls `listener` on every change of an endpoint list; returns the unsubscribe. */
  onEndpoints(listener: EndpointsListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The network namespace path of a task's container, when it has one and joined networks. */
  netnsPath(taskId: string): string | undefined {
    const rec = this.#container(taskId);
    return rec === undefined ? undefined : this.#o.networks?.netnsPath(rec.id);
  }

  /** A secret, config or network the node was given for its tasks. */
  dependency(kind: 'secret' | 'config' | 'network', id: string): unknown {
    return this.#objects.get(`${kind}:${id}`);
  }

  /** A task the node holds, with the state it last reported, and its container's id. */
  task(taskId: string): { task: Task; state: TaskState; containerId?: string } | undefined {
    const entry = this.#tasks.get(taskId);
    if (entry === undefined) return undefined;
    const containerId = this.#container(taskId)?.id;
    return {
      task: entry.task,
      state: entry.known,
      ...(containerId === undefined ? {} : { containerId }),
    };
  }

  /** Ids of the tasks the node holds. */
  taskIds(): string[] {
    return [...this.#tasks.keys()];
  }

  /** Statuses waiting to be sent, at most `max`, oldest first. */
  pending(max: number): TaskStatusUpdate[] {
    return [...this.#pending.values()].slice(0, max);
  }

  /** Forgets the updates sent (unless a newer one replaced them meanwhile). */
  sent(updates: readonly TaskStatusUpdate[]): void {
    for (const u of updates) if (this.#pending.get(u.taskId) === u) this.#pending.delete(u.taskId);
  }

  /** Applies an assignments message. */
  apply(msg: AssignmentsMessage): void {
    const endpointsBefore = new Map(this.#endpoints);
    if (msg.type === 'complete') {
      const keep = new Set<string>();
      this.#objects.clear();
      this.#endpoints.clear();
      for (const c of msg.changes)
        if (c.action === 'update' && c.kind === 'task') keep.add(c.object.id);
      for (const id of [...this.#tasks.keys()]) if (!keep.has(id)) this.#remove(id);
      // Containers of tasks this node no longer has (from before a restart) go too.
      for (const rec of this.#o.engine.list()) {
        const id = rec.spec.labels[TASK_ID_LABEL];
        if (id !== undefined && !keep.has(id) && !this.#tasks.has(id))
          this.#removeContainer(id, rec.id);
      }
      const files = this.#o.files;
      if (files !== undefined)
        this.#track(
          files.prune(keep).catch((err: unknown) => {
            this.#o.log.warn('task files not pruned', { err });
          }),
        );
    }
    let dropped = msg.type === 'complete';
    for (const c of msg.changes) {
      if (c.kind === 'endpoints') {
        if (c.action === 'remove') this.#endpoints.delete(c.id);
        else this.#endpoints.set(c.object.id, c.object);
        continue;
      }
      if (c.kind !== 'task') {
        const key = `${c.kind}:${c.action === 'remove' ? c.id : c.object.id}`;
        if (c.action === 'remove') this.#objects.delete(key);
        else this.#objects.set(key, c.object);
        dropped ||= c.action === 'remove' && c.kind === 'network';
        continue;
      }
      if (c.action === 'remove') this.#remove(c.id);
      else this.#update(c.object);
    }
    this.#endpointsChanged(endpointsBefore);
    if (dropped) this.#pruneNetworks();
  }

  #endpointsChanged(before: ReadonlyMap<string, NetworkEndpoints>): void {
    const ids = new Set([...before.keys(), ...this.#endpoints.keys()]);
    for (const id of ids) {
      const now = this.#endpoints.get(id);
      if (before.get(id) === now) continue;
      if (now !== undefined && this.#o.networks !== undefined) {
        this.#track(
          this.#o.networks.setEndpoints(now, this.nodeId).catch((err: unknown) => {
            this.#o.log.warn('network peers not updated', { network: id, err });
          }),
        );
      }
      for (const l of this.#listeners) {
        try {
          l(id, now);
        } catch (err) {
          this.#o.log.warn('endpoints listener failed', { network: id, err });
        }
      }
    }
  }

  /** Removes the node's instances of networks that no task needs and no container uses. */
  #pruneNetworks(): void {
    const nets = this.#o.networks;
    if (nets === undefined || this.#abort.signal.aborted) return;
    const keep = new Set<string>();
    for (const key of this.#objects.keys())
      if (key.startsWith('network:')) keep.add(key.slice('network:'.length));
    for (const e of this.#tasks.values()) for (const a of e.task.networks) keep.add(a.networkId);
    this.#track(
      nets.prune(keep).catch((err: unknown) => {
        this.#o.log.warn('unused networks not removed', { err });
      }),
    );
  }

  #update(task: Task): void {
    const entry = this.#tasks.get(task.id);
    if (entry === undefined) {
      this.#tasks.set(task.id, {
        task,
        known: task.status.state,
        running: false,
        again: false,
        removed: false,
      });
    } else {
      entry.task = task;
      entry.known = maxState(entry.known, task.status.state);
    }
    this.reconcile(task.id);
  }

  #remove(taskId: string): void {
    const entry = this.#tasks.get(taskId);
    if (entry === undefined) return;
    entry.removed = true;
    entry.waiting?.abort();
    this.#tasks.delete(taskId);
    this.#pending.delete(taskId);
    const rec = this.#container(taskId);
    if (rec !== undefined) this.#removeContainer(taskId, rec.id);
    else this.#track(this.#removeFiles(taskId));
  }

  #removeContainer(taskId: string, containerId: string): void {
    this.#track(
      this.#o.engine
        .remove(containerId, { force: true, volumes: true })
        .catch((err: unknown) => {
          if (!hasCode(err, 'CONTAINER_NOT_FOUND'))
            this.#o.log.warn('task container not removed', { task: taskId, err });
        })
        .then(() => {
          this.#pruneNetworks();
          return this.#removeFiles(taskId);
        }),
    );
  }

  /** The task's secret and config files go with its container. */
  async #removeFiles(taskId: string): Promise<void> {
    await this.#o.files?.remove(taskId).catch((err: unknown) => {
      this.#o.log.warn('task files not removed', { task: taskId, err });
    });
  }

  #track(p: Promise<void>): void {
    this.#idle.add(p);
    void p.finally(() => this.#idle.delete(p));
  }

  #container(taskId: string): ContainerRecord | undefined {
    for (const rec of this.#o.engine.list())
      if (rec.spec.labels[TASK_ID_LABEL] === taskId && rec.state.status !== 'removing') return rec;
    return undefined;
  }

  /** Checks every task again (health changes, missed exits). */
  sweep(): void {
    for (const id of this.#tasks.keys()) this.reconcile(id);
  }

  /** Runs {@link decide} for `taskId` until it has nothing to do. */
  reconcile(taskId: string): void {
    const entry = this.#tasks.get(taskId);
    if (entry === undefined || this.#abort.signal.aborted) return;
    if (entry.running) {
      entry.again = true;
      return;
    }
    entry.running = true;
    this.#track(
      this.#pass(entry)
        .catch((err: unknown) => {
          this.#o.log.error('task reconcile failed', { task: taskId, err });
        })
        .finally(() => {
          entry.running = false;
          if (entry.again && !entry.removed) {
            entry.again = false;
            this.reconcile(taskId);
          }
        }),
    );
  }

  async #pass(entry: Entry): Promise<void> {
    for (let i = 0; i < stepsPerPassMax && !entry.removed; i++) {
      entry.again = false;
      const rec = this.#container(entry.task.id);
      if (rec !== undefined) this.#watchExit(entry, rec);
      const d = decide(entry.task, entry.known, rec === undefined ? undefined : observe(rec));
      if (d.status !== undefined) this.#report(entry, d.status);
      if (d.action === 'none') return;
      await this.#act(entry, d.action, rec);
    }
  }

  #watchExit(entry: Entry, rec: ContainerRecord): void {
    const s = rec.state.status;
    if (entry.waiting !== undefined || (s !== 'running' && s !== 'paused')) return;
    const ac = new AbortController();
    entry.waiting = ac;
    this.#track(
      this.#o.engine
        .wait(rec.id, AbortSignal.any([ac.signal, this.#abort.signal]))
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => {
          if (entry.waiting === ac) entry.waiting = undefined;
          if (!ac.signal.aborted) this.reconcile(entry.task.id);
        }),
    );
  }

  async #act(entry: Entry, action: WorkerAction, rec: ContainerRecord | undefined): Promise<void> {
    const task = entry.task;
    switch (action) {
      case 'prepare':
        await this.#prepare(entry);
        return;
      case 'start':
        if (rec === undefined) return;
        await this.#o.engine.start(rec.id).catch((err: unknown) => {
          this.#report(entry, {
            state: 'FAILED',
            message: 'starting',
            err: `Cannot start the container: ${(err as Error).message}`,
            containerId: rec.id,
          });
        });
        return;
      case 'stop':
        if (rec === undefined) return;
        await this.#o.engine
          .stop(rec.id, { timeoutS: task.spec.container.stopTimeoutS })
          .catch((err: unknown) => {
            this.#o.log.warn('task container not stopped', { task: task.id, err });
          });
        return;
      case 'none':
        return;
    }
  }

  async #prepare(entry: Entry): Promise<void> {
    const task = entry.task;
    if (!(await this.#joinNetworks(entry))) return;
    const spec = await withTaskFiles(taskContainerConfig(task), task, {
      store: this.#o.files,
      dependency: (kind, id) => this.dependency(kind, id),
    });
    if (typeof spec === 'string') {
      this.#reject(entry, spec);
      return;
    }
    try {
      await this.#o.engine.create(spec);
    } catch (err) {
      if (hasCode(err, 'ALREADY_EXISTS')) return;
      if (!hasCode(err, 'IMAGE_NOT_FOUND')) {
        this.#reject(entry, (err as Error).message);
        return;
      }
      try {
        await this.#o.pullImage(spec.image, { signal: this.#abort.signal });
        await this.#o.engine.create(spec);
      } catch (pullErr) {
        if (hasCode(pullErr, 'ALREADY_EXISTS')) return;
        this.#reject(entry, `Cannot pull image "${spec.image}": ${(pullErr as Error).message}`);
      }
    }
  }

  /** Makes the node's instance of each of the task's networks; false when it rejected it. */
  async #joinNetworks(entry: Entry): Promise<boolean> {
    for (const a of entry.task.networks) {
      const network = this.#objects.get(`network:${a.networkId}`) as Network | undefined;
      const nets = this.#o.networks;
      if (network === undefined || nets === undefined) {
        this.#reject(
          entry,
          network === undefined
            ? `Cannot join network "${a.networkId}": the manager did not send it with the task`
            : `Cannot join network "${network.spec.name}": this node runs no cluster networks`,
        );
        return false;
      }
      try {
        await nets.ensure(network, this.#endpoints.get(a.networkId), this.nodeId);
      } catch (err) {
        this.#reject(entry, (err as Error).message);
        return false;
      }
    }
    return true;
  }

  #reject(entry: Entry, err: string): void {
    this.#report(entry, { state: 'REJECTED', message: 'preparing', err });
  }

  #report(entry: Entry, status: Omit<TaskStatus, 'timestamp'>): void {
    if (taskStateRank(status.state) < taskStateRank(entry.known)) return;
    const full: TaskStatus = { ...status, timestamp: this.#o.timers.nowIso() };
    if (sameTaskStatus(entry.last, full)) return;
    entry.known = status.state;
    entry.last = full;
    if (this.#pending.size >= workerPendingStatusMax && !this.#pending.has(entry.task.id)) {
      this.#o.log.warn('task status dropped: too many waiting', { task: entry.task.id });
      return;
    }
    // Newest per task; re-inserted so the map's order is the order of the reports.
    this.#pending.delete(entry.task.id);
    this.#pending.set(entry.task.id, { taskId: entry.task.id, status: full });
    this.#o.onReport();
  }

  /** Stops reconciling (containers keep running) and waits for work under way. */
  async close(): Promise<void> {
    this.#abort.abort();
    for (const e of this.#tasks.values()) e.waiting?.abort();
    while (this.#idle.size > 0) await Promise.allSettled([...this.#idle]);
  }
}
