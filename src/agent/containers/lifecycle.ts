/**
 * Drives containers through the task controller (src/agent/task-controller.ts): each request or
 * observation becomes an event, the controller's step gives the next state and actions, and
 * this applies the actions with the executor, the exit watcher, restart timers, health probes
 * and the record store. Start, exit processing, pause, unpause, restarts and file deletion run
 * under the container's lock.
 *
 * @module
 */
import { TsorchError } from '../../util/errors.js';
import type { Logger } from '../../util/log.js';
import { HealthMonitor } from '../health/runner.js';
import type { HealthState } from '../health/state.js';
import { isRunning, step, type TaskAction, type TaskEvent } from '../task-controller.js';
import type { Executor } from './executor.js';
import { ExitWatcher, RestartTimers } from './exit-watch.js';
import { FileHolds } from './file-holds.js';
import { lifecyclePolicy } from './new-record.js';
import type { RecordStore } from './record-store.js';
import type { ContainerRecord } from './types.js';

/** A request the controller may refuse, and how to name it in the error. */
interface Request {
  event: TaskEvent;
  /** `Cannot <verb> container "name": <refusal>`. */
  verb: string;
  hint?: string;
}

/** The lifecycle of one daemon's containers. */
export class Lifecycle {
  private readonly health: HealthMonitor;
  private readonly exits: ExitWatcher;
  private readonly restarts = new RestartTimers();
  /** Holds on containers' files that delay their deletion (attached runs). */
  readonly holds = new FileHolds();
  private closed = false;

  constructor(
    private readonly store: RecordStore,
    private readonly exec: Executor,
    private readonly log: Logger,
  ) {
    this.health = new HealthMonitor({
      runtime: exec.o.runtime,
      log,
      dirOf: (id) => exec.dir(id),
      onResult: (id, h) => this.onHealth(id, h),
    });
    this.exits = new ExitWatcher((id) => {
      void this.store.lock
        .run(id, () => this.processExit(id))
        .catch((err: unknown) => {
          this.log.error('handling a container exit failed', { id, err });
        });
    });
  }

  /** Steps `rec` through `event` and applies the actions; returns the refusal, if any. */
  private async dispatch(rec: ContainerRecord, event: TaskEvent): Promise<string | undefined> {
    const r = step(rec.state, lifecyclePolicy(rec), event);
    if (r.refusal !== undefined) return r.refusal;
    rec.state = r.state;
    for (const action of r.actions) {
      const pending = this.apply(rec, action);
      if (pending !== undefined) await pending;
    }
    return undefined;
  }

  /**
   * As dispatch, for a request of the user.
   *
   * @throws {TsorchError} CONTAINER_STATE when the request does not apply to the state.
   */
  private async request(rec: ContainerRecord, req: Request): Promise<void> {
    const refusal = await this.dispatch(rec, req.event);
    if (refusal === undefined) return;
    throw new TsorchError(
      'CONTAINER_STATE',
      `Cannot ${req.verb} container "${rec.name}": ${refusal}`,
      ...(req.hint === undefined ? [] : [{ hint: req.hint }]),
    );
  }

  /**
   * Carries out one action of the controller (the driver's central switch). Actions that need
   * no waiting are done at once and return undefined, so a run of them is not interleaved with
   * other work (a removal drops the record and registers its deletion in one go).
   */
  private apply(rec: ContainerRecord, a: TaskAction): Promise<void> | undefined {
    const { id } = rec;
    switch (a.type) {
      case 'cancel-restart':
        this.restarts.cancel(id);
        return undefined;
      case 'schedule-restart':
        this.restarts.schedule(id, a.delayMs, () => void this.restartNow(rec));
        return undefined;
      case 'start-runtime':
        return this.startRuntime(rec);
      case 'kill':
        return this.exec.kill(id, a.signal, a.all).catch((err: unknown) => {
          if (!a.ignoreFailure) throw err;
        });
      case 'await-exit':
        return this.awaitExit(rec, a.timeoutMs, a.escalate);
      case 'pause-runtime':
        return this.runThenStep(rec, () => this.exec.pause(id), { type: 'paused' });
      case 'resume-runtime':
        if (!a.report) return this.exec.resume(id).catch(() => undefined);
        return this.runThenStep(rec, () => this.exec.resume(id), { type: 'unpaused' });
      case 'save':
        return this.store.save(rec);
      case 'notify-waiters':
        this.store.notify(id);
        return undefined;
      case 'watch-exit':
        this.exits.watch(id, this.exec.dir(id));
        return undefined;
      case 'unwatch-exit':
        this.exits.unwatch(id);
        return undefined;
      case 'process-exit':
        return this.store.lock.run(id, () => this.processExit(id));
      case 'start-health':
        if (rec.healthcheck !== undefined) this.health.start(id, rec.healthcheck, rec.state);
        return undefined;
      case 'stop-health':
        this.health.stop(id);
        return undefined;
      case 'clean-up-runtime':
        return this.exec.cleanUpAfterExit(id);
      case 'delete-runtime':
        return this.exec.deleteRuntime(id);
      case 'stop-container':
        return this.stop(rec, {});
      case 'restart-container':
        return this.stop(rec, {}).then(() => this.start(rec, true));
      case 'remove-container':
        void this.remove(rec, { force: true, volumes: true }).catch((err: unknown) => {
          this.log.warn('auto-remove failed', { id, err });
        });
        return undefined;
      case 'forget':
        this.store.forget(rec);
        return undefined;
      case 'delete-files':
        this.deleteFiles(rec, a.volumes);
        return undefined;
    }
  }

  /** Runs `work` (a runtime call), then steps the event that reports it done. */
  private async runThenStep(
    rec: ContainerRecord,
    work: () => Promise<void>,
    done: TaskEvent,
  ): Promise<void> {
    await work();
    await this.dispatch(rec, done);
  }

  /** Waits for the exit; steps `grace-expired` when that times out and `escalate` is set. */
  private async awaitExit(
    rec: ContainerRecord,
    timeoutMs: number,
    escalate: boolean,
  ): Promise<void> {
    if (!(await this.waitExit(rec, timeoutMs)) && escalate) {
      await this.dispatch(rec, { type: 'grace-expired' });
    }
  }

  /** A restart timer fired: restart under the container's lock. */
  private async restartNow(rec: ContainerRecord): Promise<void> {
    const fired = (): Promise<unknown> => this.dispatch(rec, { type: 'restart-timer-fired' });
    await this.store.lock.run(rec.id, fired).catch((err: unknown) => {
      this.log.warn('restart failed', { id: rec.id, err });
    });
  }

  private async startRuntime(rec: ContainerRecord): Promise<void> {
    const { id } = rec;
    let pid: number;
    try {
      pid = await this.exec.start(rec);
      this.exits.watch(id, this.exec.dir(id));
    } catch (err) {
      await this.dispatch(rec, { type: 'start-failed', error: errorText(err) });
      throw err;
    }
    try {
      await this.dispatch(rec, { type: 'started', pid, at: new Date().toISOString() });
    } catch (err) {
      this.exits.unwatch(id);
      await this.exec.undoStart(id);
      await this.dispatch(rec, { type: 'start-failed', error: errorText(err) });
      throw err;
    }
  }

  /** Processes an exit recorded by the shim (under the container's lock). */
  private async processExit(id: string): Promise<void> {
    const rec = this.store.find(id);
    if (rec === undefined) return;
    const exit = await this.exec.readExit(id);
    if (exit === undefined) return;
    const { exitCode, oomKilled } = exit;
    const restartAllowed = !this.closed;
    await this.dispatch(rec, {
      type: 'exited',
      exitCode,
      oomKilled,
      at: exit.finishedAt,
      restartAllowed,
    });
    this.log.info('container exited', { id, exitCode, oomKilled, status: rec.state.status });
  }

  private deleteFiles(rec: ContainerRecord, volumes: boolean): void {
    const { id } = rec;
    // The network goes first and is queued at once (the container has exited): a `network rm`
    // or a host port published again right after `rm` finds it gone, as with docker.
    void this.exec.o.network?.detach(id).catch((err: unknown) => {
      this.log.warn('removing the network endpoints failed', { id, err });
    });
    const deletion = this.store.lock.run(id, () =>
      this.exec.deleteFiles(rec, {
        volumes,
        volumeUsers: (v) => this.store.volumeUsers(v),
        flushed: () => this.store.flushed(id),
        released: () => this.holds.released(id),
      }),
    );
    this.store.deleting(
      rec,
      deletion.catch((err: unknown) => {
        this.log.warn('removing a container failed', { id, err });
      }),
    );
  }

  /** Resolves once the container's exit has been processed, or false after `timeoutMs`. */
  private async waitExit(rec: ContainerRecord, timeoutMs: number): Promise<boolean> {
    if (!isRunning(rec.state.status)) return true;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      await this.store.wait(rec.id, abort.signal);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  private async onHealth(id: string, health: HealthState): Promise<void> {
    const rec = this.store.find(id);
    if (rec === undefined) return;
    const turned = health.status === 'unhealthy' && rec.state.health?.status !== 'unhealthy';
    if (turned && rec.state.status === 'running') {
      this.log.info('container unhealthy', { id, action: rec.spec.healthOnFailure });
    }
    await this.dispatch(rec, { type: 'health-changed', health });
  }

  /** Re-adopts a container whose record a daemon (re)loaded; finishes an unfinished removal. */
  async adopt(rec: ContainerRecord): Promise<void> {
    const s = rec.state.status;
    const event = await this.observeAdopted(rec);
    if (event.monitor === 'alive') {
      this.log.info('re-adopted container', { id: rec.id, name: rec.name, was: s });
    }
    await this.dispatch(rec, event);
    if (s === 'removing') await this.store.deleted(rec.id);
  }

  /**
   * What the runtime side says of `rec` at load. Every state is checked: a daemon killed during
   * a start leaves a `created` or `exited` record while the shim runs the container (or has
   * recorded a new exit, told from the last one by its time).
   */
  private async observeAdopted(rec: ContainerRecord): Promise<TaskEvent & { type: 'adopted' }> {
    const s = rec.state.status;
    if (s === 'removing') return { type: 'adopted', monitor: 'gone' };
    const monitor = await this.exec.monitorSeen(rec.id);
    if (isRunning(s) || s === 'restarting') return { type: 'adopted', monitor };
    if (monitor === 'alive') {
      const started = await this.exec.initStarted(rec.id);
      return { type: 'adopted', monitor, ...started };
    }
    if (monitor === 'exited') {
      const exit = await this.exec.readExit(rec.id);
      const newer = exit !== undefined && exit.finishedAt !== rec.state.finishedAt;
      return { type: 'adopted', monitor: newer ? 'exited' : 'gone' };
    }
    return { type: 'adopted', monitor };
  }

  /** Starts `rec` unless it runs; `counted`: a restart counted in its restart count. */
  async start(rec: ContainerRecord, counted = false): Promise<void> {
    await this.store.lock.run(rec.id, () =>
      this.dispatch(rec, { type: 'start-requested', counted }),
    );
  }

  /** Stops `rec`: its stop signal, then SIGKILL after the grace period. */
  async stop(
    rec: ContainerRecord,
    opts: { timeoutS?: number | undefined; signal?: string | undefined },
  ): Promise<void> {
    await this.dispatch(rec, {
      type: 'stop-requested',
      signal: opts.signal,
      graceS: opts.timeoutS,
    });
  }

  /** Sends `signal` to the init process of a running `rec`. */
  async kill(rec: ContainerRecord, signal: string): Promise<void> {
    await this.request(rec, { event: { type: 'kill-requested', signal }, verb: 'kill' });
  }

  /** Freezes (`pause`) or thaws (`unpause`) a container. */
  async freeze(rec: ContainerRecord, verb: 'pause' | 'unpause'): Promise<void> {
    const type = verb === 'pause' ? 'pause-requested' : 'unpause-requested';
    await this.store.lock.run(rec.id, () => this.request(rec, { event: { type }, verb }));
  }

  /**
   * Removes `rec` from the API at once and deletes its files after (under its lock). With
   * `volumes`, answers once its anonymous volumes are gone, so `volume ls` agrees at once.
   */
  async remove(rec: ContainerRecord, opts: { force: boolean; volumes: boolean }): Promise<void> {
    if (rec.state.status !== 'removing') {
      const event: TaskEvent = { type: 'remove-requested', force: opts.force };
      await this.request(rec, { event, verb: 'remove', hint: 'stop it first, or use rm -f' });
    }
    // A removal may have begun meanwhile (an --rm container that exited).
    if (rec.state.status !== 'removing') {
      await this.dispatch(rec, { type: 'delete-requested', volumes: opts.volumes });
    }
    if (opts.volumes && rec.anonymousVolumes.length > 0) await this.store.deleted(rec.id);
  }

  /** Stops background work; containers keep running under their shims. */
  close(): void {
    this.closed = true;
    this.exits.close();
    this.restarts.close();
    this.health.close();
    this.exec.close();
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
