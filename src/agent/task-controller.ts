/**
 * The task controller: a container's lifecycle as a pure step function. Given the container's
 * observed state, its lifecycle policy and one event (a request, or something observed), it
 * returns the next state and the actions an executor carries out, in order. No I/O, no timers,
 * no clock: times arrive inside events, delays leave inside actions (as swarmkit's `exec.Do`).
 *
 * Contract with the executor:
 * - It replaces the container's state with `state` at once, then applies `actions` in order.
 * - "…-requested" events ask for something; the runtime's answer comes back as another event
 *   (`start-runtime` is answered by `started` or `start-failed`, `await-exit` with
 *   `escalate` that times out by `grace-expired`, `pause-runtime` by `paused`,
 *   `resume-runtime` with `report` by `unpaused`).
 * - A `refusal` means the request does not apply to the current state: nothing changes.
 *
 * Restart policies follow docker: no, always, unless-stopped, on-failure[:N], with a 100 ms
 * backoff doubling up to {@link restartBackoffMaxMs}.
 *
 * @module
 */
import { restartBackoffMaxMs } from '../util/limits.js';
import { restartDelayMs, shouldRestart, type RestartPolicy } from './containers/spec.js';
import type { HealthOnFailure, HealthState } from './health/state.js';

/** Docker's container states. */
export type ContainerStatus =
  'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'dead' | 'removing';

/** The observed state of a container. */
export interface ContainerState {
  status: ContainerStatus;
  /** Init pid while running, else 0. */
  pid: number;
  exitCode: number;
  oomKilled: boolean;
  /** Why it could not run or was marked dead. */
  error: string;
  /** RFC 3339, empty until it happens. */
  startedAt: string;
  finishedAt: string;
  restartCount: number;
  /** Stopped or killed by the user: restart policies leave it alone. */
  stoppedByUser: boolean;
  health?: HealthState;
}

/** What the lifecycle follows, fixed when the container is created. */
export interface LifecyclePolicy {
  restartPolicy: RestartPolicy;
  /** `--rm`: removed (with its anonymous volumes) once it exits. */
  autoRemove: boolean;
  healthOnFailure: HealthOnFailure;
  hasHealthcheck: boolean;
  stopSignal: string;
  /** Grace period of a stop, in seconds. */
  stopTimeoutS: number;
}

/** Why the container's monitor (its shim) is or is not there when the daemon adopts it. */
export type MonitorSeen = 'alive' | 'exited' | 'gone';

/** Something requested of the container, or observed about it. */
export type TaskEvent =
  /** `counted`: a restart by policy or health check, counted in `restartCount`. */
  | { type: 'start-requested'; counted: boolean }
  | { type: 'started'; pid: number; at: string }
  | { type: 'start-failed'; error: string }
  /** `restartAllowed`: false while the daemon shuts down (the next daemon decides). */
  | { type: 'exited'; exitCode: number; oomKilled: boolean; at: string; restartAllowed: boolean }
  | { type: 'stop-requested'; signal?: string | undefined; graceS?: number | undefined }
  | { type: 'grace-expired' }
  | { type: 'kill-requested'; signal: string }
  | { type: 'pause-requested' }
  | { type: 'paused' }
  | { type: 'unpause-requested' }
  | { type: 'unpaused' }
  | { type: 'health-changed'; health: HealthState }
  | { type: 'restart-timer-fired' }
  /** The process is made to end first; `delete-requested` then removes the container. */
  | { type: 'remove-requested'; force: boolean }
  | { type: 'delete-requested'; volumes: boolean }
  /**
   * A daemon (re)loaded the container's record. For a record that is not running, `monitor`
   * says what a start the previous daemon did not finish left: a shim still running (with its
   * init's `pid`, started `at`), or an exit newer than the record's.
   */
  | { type: 'adopted'; monitor: MonitorSeen; pid?: number; at?: string };

/** Work for the executor. */
export type TaskAction =
  | { type: 'cancel-restart' }
  | { type: 'schedule-restart'; delayMs: number }
  | { type: 'start-runtime' }
  | { type: 'kill'; signal: string; all: boolean; ignoreFailure: boolean }
  /** Wait for the exit; on timeout step `grace-expired` when `escalate`, else go on. */
  | { type: 'await-exit'; timeoutMs: number; escalate: boolean }
  | { type: 'pause-runtime' }
  /** `report`: an unpause, answered by `unpaused`; else a stop's best-effort thaw. */
  | { type: 'resume-runtime'; report: boolean }
  /** Persist the state. */
  | { type: 'save' }
  /** Wake those waiting for the container to stop running. */
  | { type: 'notify-waiters' }
  | { type: 'watch-exit' }
  | { type: 'unwatch-exit' }
  /** Read the exit the monitor recorded and step `exited` with it. */
  | { type: 'process-exit' }
  | { type: 'start-health' }
  | { type: 'stop-health' }
  /** After an exit: let the monitor finish, then delete the runtime state and unmount. */
  | { type: 'clean-up-runtime' }
  /** Delete leftover runtime state (the monitor is gone). */
  | { type: 'delete-runtime' }
  /** Health check failed: stop as `stop-requested` does. */
  | { type: 'stop-container' }
  /** Health check failed: stop, then a counted `start-requested`. */
  | { type: 'restart-container' }
  /** `--rm`: `remove-requested` (forced) then `delete-requested` with volumes. */
  | { type: 'remove-container' }
  /** Drop it from the API: its name is free, `wait` answers from its last exit. */
  | { type: 'forget' }
  /** Delete runtime state, root filesystem, files and (with `volumes`) anonymous volumes. */
  | { type: 'delete-files'; volumes: boolean };

/** The outcome of one step. */
export interface StepResult {
  state: ContainerState;
  actions: TaskAction[];
  /** Set when the request does not apply: why, as "it is not running". */
  refusal?: string;
}

/** Grace period after SIGKILL before a stop or removal gives up waiting. */
export const killWaitMs = 10_000;

const lostMonitorError = 'its monitor process is gone (host reboot?)';

/** True while a process of the container exists (running or frozen). */
export function isRunning(status: ContainerStatus): boolean {
  return status === 'running' || status === 'paused';
}

function refuse(state: ContainerState, refusal: string): StepResult {
  return { state, actions: [], refusal };
}

function noop(state: ContainerState, actions: TaskAction[] = []): StepResult {
  return { state, actions };
}

/** Whether the restart policy restarts a container that just exited. */
function afterExit(
  state: ContainerState,
  policy: LifecyclePolicy,
  exit: { exitCode: number; restartAllowed: boolean },
): boolean {
  return (
    exit.restartAllowed &&
    shouldRestart(policy.restartPolicy, {
      exitCode: exit.exitCode,
      stoppedByUser: state.stoppedByUser,
      restartCount: state.restartCount,
    })
  );
}

function onExited(
  state: ContainerState,
  policy: LifecyclePolicy,
  e: Extract<TaskEvent, { type: 'exited' }>,
): StepResult {
  if (state.status === 'exited' || state.status === 'created') return noop(state);
  const restart = afterExit(state, policy, {
    exitCode: e.exitCode,
    restartAllowed: e.restartAllowed && !policy.autoRemove,
  });
  const next: ContainerState = {
    ...state,
    status: restart ? 'restarting' : 'exited',
    pid: 0,
    exitCode: e.exitCode,
    oomKilled: e.oomKilled,
    finishedAt: e.at,
  };
  // Waiters first: should the daemon die before the record is saved, the next daemon processes
  // the recorded exit again.
  const actions: TaskAction[] = [
    { type: 'stop-health' },
    { type: 'notify-waiters' },
    { type: 'save' },
    { type: 'clean-up-runtime' },
  ];
  if (restart) {
    actions.push({
      type: 'schedule-restart',
      delayMs: restartDelayMs(next.restartCount, restartBackoffMaxMs),
    });
  } else if (policy.autoRemove) actions.push({ type: 'remove-container' });
  return { state: next, actions };
}

/**
 * A record that is not running, adopted: a daemon killed during a start leaves the record
 * `created` (or `exited`) while the shim runs the container, or has already recorded its exit.
 */
function onAdoptedStopped(
  state: ContainerState,
  policy: LifecyclePolicy,
  e: Extract<TaskEvent, { type: 'adopted' }>,
): StepResult {
  if (e.monitor === 'alive') {
    const next: ContainerState = {
      ...state,
      status: 'running',
      pid: e.pid ?? 0,
      exitCode: 0,
      oomKilled: false,
      error: '',
      startedAt: e.at ?? state.startedAt,
      finishedAt: '',
      stoppedByUser: false,
      ...(policy.hasHealthcheck
        ? { health: { status: 'starting', failingStreak: 0, log: [] } }
        : {}),
    };
    const health: TaskAction[] = policy.hasHealthcheck ? [{ type: 'start-health' }] : [];
    return { state: next, actions: [{ type: 'save' }, { type: 'watch-exit' }, ...health] };
  }
  // The exit is processed as that of a running container.
  if (e.monitor === 'exited') {
    return { state: { ...state, status: 'running', pid: 0 }, actions: [{ type: 'process-exit' }] };
  }
  // A start cut short before its shim ran may have left runtime state behind.
  return noop(state, state.status === 'created' ? [{ type: 'delete-runtime' }] : []);
}

function onAdopted(
  state: ContainerState,
  policy: LifecyclePolicy,
  e: Extract<TaskEvent, { type: 'adopted' }>,
): StepResult {
  const s = state.status;
  const { monitor } = e;
  // The daemon stopped while deleting its files: finish.
  if (s === 'removing') return onDelete(state, false);
  if (!isRunning(s) && s !== 'restarting') return onAdoptedStopped(state, policy, e);
  if (monitor === 'alive') {
    const health: TaskAction[] =
      s === 'running' && policy.hasHealthcheck ? [{ type: 'start-health' }] : [];
    return noop(state, [{ type: 'watch-exit' }, ...health]);
  }
  if (monitor === 'exited') return noop(state, [{ type: 'process-exit' }]);
  if (s === 'restarting') return noop(state, [{ type: 'schedule-restart', delayMs: 0 }]);
  // The monitor vanished without recording an exit (a reboot, or it was killed): the container
  // is gone too. Restart policies apply as after a crash (docker restarts "always" containers
  // when the daemon comes back after a reboot).
  const restart = afterExit(state, policy, { exitCode: 255, restartAllowed: true });
  const next: ContainerState = {
    ...state,
    status: restart ? 'restarting' : 'dead',
    pid: 0,
    exitCode: 255,
    error: lostMonitorError,
  };
  const actions: TaskAction[] = [{ type: 'delete-runtime' }, { type: 'save' }];
  if (restart) actions.push({ type: 'schedule-restart', delayMs: 0 });
  return { state: next, actions };
}

function onStop(
  state: ContainerState,
  policy: LifecyclePolicy,
  e: Extract<TaskEvent, { type: 'stop-requested' }>,
): StepResult {
  const cancel: TaskAction = { type: 'cancel-restart' };
  if (state.status === 'restarting') {
    const next: ContainerState = { ...state, status: 'exited', stoppedByUser: true };
    return { state: next, actions: [cancel, { type: 'save' }, { type: 'notify-waiters' }] };
  }
  if (!isRunning(state.status)) return noop(state, [cancel]);
  const graceS = e.graceS ?? policy.stopTimeoutS;
  const actions: TaskAction[] = [cancel, { type: 'save' }];
  if (state.status === 'paused') actions.push({ type: 'resume-runtime', report: false });
  actions.push(
    { type: 'kill', signal: e.signal ?? policy.stopSignal, all: false, ignoreFailure: true },
    { type: 'await-exit', timeoutMs: graceS * 1000, escalate: true },
  );
  return { state: { ...state, stoppedByUser: true }, actions };
}

function onHealth(state: ContainerState, policy: LifecyclePolicy, health: HealthState): StepResult {
  if (state.status !== 'running') return noop(state);
  const next = { ...state, health };
  const actions: TaskAction[] = [{ type: 'save' }];
  if (health.status === 'unhealthy' && state.health?.status !== 'unhealthy') {
    switch (policy.healthOnFailure) {
      case 'none':
        break;
      case 'kill':
        actions.push({ type: 'kill', signal: 'SIGKILL', all: true, ignoreFailure: true });
        break;
      case 'stop':
        actions.push({ type: 'stop-container' });
        break;
      case 'restart':
        actions.push({ type: 'restart-container' });
        break;
    }
  }
  return { state: next, actions };
}

function onRemove(state: ContainerState, force: boolean): StepResult {
  const s = state.status;
  if (!isRunning(s) && s !== 'restarting') return noop(state);
  if (!force) return refuse(state, 'it is running');
  const actions: TaskAction[] = [{ type: 'cancel-restart' }];
  if (isRunning(s)) {
    actions.push(
      { type: 'kill', signal: 'SIGKILL', all: true, ignoreFailure: true },
      { type: 'await-exit', timeoutMs: killWaitMs, escalate: false },
    );
  }
  return { state: { ...state, stoppedByUser: true }, actions };
}

function onDelete(state: ContainerState, volumes: boolean): StepResult {
  return {
    state: { ...state, status: 'removing' },
    actions: [
      { type: 'cancel-restart' },
      { type: 'stop-health' },
      { type: 'unwatch-exit' },
      { type: 'save' },
      { type: 'forget' },
      { type: 'delete-files', volumes },
    ],
  };
}

const killSignals = new Set(['SIGKILL', 'KILL', '9']);

/**
 * One step of a container's lifecycle.
 *
 * @example
 * step(running, policy, { type: 'exited', exitCode: 1, oomKilled: false, at, restartAllowed: true })
 * // on-failure policy: { state: { status: 'restarting', ... }, actions: [..., schedule-restart] }
 */
export function step(state: ContainerState, policy: LifecyclePolicy, e: TaskEvent): StepResult {
  switch (e.type) {
    case 'start-requested': {
      const cancel: TaskAction = { type: 'cancel-restart' };
      const restartCount = state.restartCount + (e.counted ? 1 : 0);
      if (isRunning(state.status)) return noop({ ...state, restartCount }, [cancel]);
      const next = { ...state, stoppedByUser: false, restartCount };
      return { state: next, actions: [cancel, { type: 'start-runtime' }] };
    }
    case 'started': {
      const next: ContainerState = {
        ...state,
        status: 'running',
        pid: e.pid,
        exitCode: 0,
        oomKilled: false,
        error: '',
        startedAt: e.at,
        finishedAt: '',
        ...(policy.hasHealthcheck
          ? { health: { status: 'starting', failingStreak: 0, log: [] } }
          : {}),
      };
      const health: TaskAction[] = policy.hasHealthcheck ? [{ type: 'start-health' }] : [];
      return { state: next, actions: [{ type: 'save' }, ...health] };
    }
    case 'start-failed': {
      const status = state.status === 'created' ? 'created' : 'exited';
      const next: ContainerState = { ...state, status, pid: 0, exitCode: 128, error: e.error };
      return { state: next, actions: [{ type: 'save' }] };
    }
    case 'exited':
      return onExited(state, policy, e);
    case 'stop-requested':
      return onStop(state, policy, e);
    case 'grace-expired':
      if (!isRunning(state.status)) return noop(state);
      return noop(state, [
        { type: 'kill', signal: 'SIGKILL', all: true, ignoreFailure: true },
        { type: 'await-exit', timeoutMs: killWaitMs, escalate: false },
      ]);
    case 'kill-requested': {
      if (!isRunning(state.status)) return refuse(state, 'it is not running');
      const kill: TaskAction = { type: 'kill', signal: e.signal, all: false, ignoreFailure: false };
      if (!killSignals.has(e.signal)) return noop(state, [kill]);
      return { state: { ...state, stoppedByUser: true }, actions: [{ type: 'save' }, kill] };
    }
    case 'pause-requested':
      if (state.status !== 'running') return refuse(state, `it is ${state.status}`);
      return noop(state, [{ type: 'pause-runtime' }]);
    case 'paused':
      return { state: { ...state, status: 'paused' }, actions: [{ type: 'save' }] };
    case 'unpause-requested':
      if (state.status !== 'paused') return refuse(state, 'it is not paused');
      return noop(state, [{ type: 'resume-runtime', report: true }]);
    case 'unpaused':
      return { state: { ...state, status: 'running' }, actions: [{ type: 'save' }] };
    case 'health-changed':
      return onHealth(state, policy, e.health);
    case 'restart-timer-fired':
      if (state.status !== 'restarting') return noop(state);
      return {
        state: { ...state, restartCount: state.restartCount + 1 },
        actions: [{ type: 'start-runtime' }],
      };
    case 'remove-requested':
      return onRemove(state, e.force);
    case 'delete-requested':
      return onDelete(state, e.volumes);
    case 'adopted':
      return onAdopted(state, policy, e);
  }
}
