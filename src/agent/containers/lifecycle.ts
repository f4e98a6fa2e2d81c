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
    for (const action of r.actions) await this.apply(rec, action);
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

  /** Carries out one action of the controller (the driver's central switch). */
  private async apply(rec: ContainerRecord, a: TaskAction): Promise<void> {
    const { id } = rec;
    switch (a.type) {
      case 'cancel-restart':
        this.restarts.cancel(id);
        break;
      case 'schedule-restart':
        this.restarts.schedule(id, a.delayMs, () => void this.restartNow(rec));
        break;
      case 'start-runtime':
        await this.startRuntime(rec);
        break;
      case 'kill':
        await this.exec.kill(id, a.signal, a.all).catch((err: unknown) => {
          if (!a.ignoreFailure) throw err;
        });
        break;
      case 'await-exit':
        if (!(await this.waitExit(rec, a.timeoutMs)) && a.escalate) {
          await this.dispatch(rec, { type: 'grace-expired' });
        }
        break;
      case 'pause-runtime':
        await this.exec.pause(id);
        await this.dispatch(rec, { type: 'paused' });
        break;
      case 'resume-runtime':
        await this.resume(rec, a.report);
        break;
      case 'save':
        await this.store.save(rec);
        break;
      case 'notify-waiters':
        this.store.notify(id);
        break;
      case 'watch-exit':
        this.exits.watch(id, this.exec.dir(id));
        break;
      case 'unwatch-exit':
        this.exits.unwatch(id);
        break;
      case 'process-exit':
        await this.store.lock.run(id, () => this.processExit(id));
        break;
      case 'start-health':
        if (rec.healthcheck !== undefined) this.health.start(id, rec.healthcheck, rec.state);
        break;
      case 'stop-health':
        this.health.stop(id);
        break;
      case 'clean-up-runtime':
        await this.exec.cleanUpAfterExit(id);
        break;
      case 'delete-runtime':
        await this.exec.deleteRuntime(id);
        break;
      case 'stop-container':
        await this.stop(rec, {});
        break;
      case 'restart-container':
        await this.stop(rec, {});
        await this.start(rec, true);
        break;
      case 'remove-container':
        void this.remove(rec, { force: true, volumes: true }).catch((err: unknown) => {
          this.log.warn('auto-remove failed', { id, err });
        });
        break;
      case 'forget':
        this.store.forget(rec);
        break;
      case 'delete-files':
        this.deleteFiles(rec, a.volumes);
        break;
    }
  }

  /** A restart timer fired: restart under the container's lock. */
  private async restartNow(rec: ContainerRecord): Promise<void> {
    const fired = (): Promise<unknown> => this.dispatch(rec, { type: 'restart-timer-fired' });
    await this.store.lock.run(rec.id, fired).catch((err: unknown) => {
      this.log.warn('restart failed', { id: rec.id, err });
    });
  }

  /** Thaws the container: an unpause (reported), or a stop's best-effort thaw. */
  private async resume(rec: ContainerRecord, report: boolean): Promise<void> {
    if (!report) {
      await this.exec.resume(rec.id).catch(() => undefined);
      return;
    }
    await this.exec.resume(rec.id);
    await this.dispatch(rec, { type: 'unpaused' });
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
    const monitor =
      isRunning(s) || s === 'restarting' ? await this.exec.monitorSeen(rec.id) : 'gone';
    if (monitor === 'alive') this.log.info('re-adopted container', { id: rec.id, name: rec.name });
    await this.dispatch(rec, { type: 'adopted', monitor });
    if (s === 'removing') await this.store.deleted(rec.id);
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
