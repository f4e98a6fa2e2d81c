/**
 * What a worker does next for one task, PURE (swarmkit's `exec.Do`): from the task as assigned,
 * the state the worker last knows it in, and its container as observed, the status to report
 * and the one action to take. The worker runs the action on the container engine, observes
 * again and asks again, until the answer is `none`.
 *
 * ACCEPTED → PREPARING (image, container) → READY → STARTING → RUNNING, then COMPLETE or FAILED
 * when the container exits, SHUTDOWN when the desired state says stop, REJECTED when the node
 * cannot run it. A task never moves backwards: the caller reports only forward moves.
 *
 * @module
 */
import {
  isTerminal,
  taskStateRank,
  type Task,
  type TaskState,
  type TaskStatus,
} from '../../store/index.js';
import type { ContainerStatus } from '../task-controller.js';

/** The container of a task, as the engine shows it. */
export interface ObservedContainer {
  id: string;
  status: ContainerStatus;
  pid: number;
  exitCode: number;
  oomKilled: boolean;
  error: string;
  health?: 'starting' | 'healthy' | 'unhealthy' | undefined;
}

/** Work for the worker. */
export type WorkerAction = 'prepare' | 'start' | 'stop' | 'none';

/** A status to report (the worker adds the timestamp) and an action. */
export interface Decision {
  status?: Omit<TaskStatus, 'timestamp'>;
  action: WorkerAction;
}

const runningRank = taskStateRank('RUNNING');

function running(c: ObservedContainer | undefined): boolean {
  return (
    c !== undefined &&
    (c.status === 'running' || c.status === 'paused' || c.status === 'restarting')
  );
}

function withContainer(
  c: ObservedContainer,
  status: Omit<TaskStatus, 'timestamp'>,
): Omit<TaskStatus, 'timestamp'> {
  const out = { ...status, containerId: c.id };
  if (c.pid > 0 && status.state === 'RUNNING') out.pid = c.pid;
  if (c.health !== undefined) out.health = c.health;
  return out;
}

/** The outcome of a container that stopped, for a task that was to keep running. */
function exitStatus(c: ObservedContainer): Omit<TaskStatus, 'timestamp'> {
  if (c.status === 'dead')
    return withContainer(c, {
      state: 'FAILED',
      message: 'container died',
      err: c.error === '' ? 'the container died' : c.error,
      exitCode: c.exitCode,
    });
  if (c.exitCode === 0)
    return withContainer(c, { state: 'COMPLETE', message: 'finished', exitCode: 0 });
  const err = c.oomKilled
    ? `task: non-zero exit (${c.exitCode}): killed when out of memory`
    : `task: non-zero exit (${c.exitCode})`;
  return withContainer(c, { state: 'FAILED', message: 'started', err, exitCode: c.exitCode });
}

/**
 * The next step for `task`, known to be in `known`, whose container is `c` (undefined: none).
 *
 * @example
 * decide(assignedTask, 'ASSIGNED', undefined); // { status: ACCEPTED, action: 'prepare' }
 */
export function decide(task: Task, known: TaskState, c: ObservedContainer | undefined): Decision {
  // A task that has ended never runs again (the orchestrator makes a new one).
  if (isTerminal(known)) return { action: running(c) ? 'stop' : 'none' };
  if (taskStateRank(task.desiredState) > runningRank) {
    if (running(c)) return { action: 'stop' };
    const status = { state: 'SHUTDOWN' as const, message: 'shutdown' };
    if (c === undefined || c.status === 'created') return { status, action: 'none' };
    return { status: withContainer(c, { ...status, exitCode: c.exitCode }), action: 'none' };
  }
  if (c === undefined) {
    if (taskStateRank(known) >= taskStateRank('READY'))
      return {
        status: {
          state: 'FAILED',
          message: 'container gone',
          err: "the task's container was removed from the node",
        },
        action: 'none',
      };
    const state = taskStateRank(known) < taskStateRank('ACCEPTED') ? 'ACCEPTED' : 'PREPARING';
    return {
      status: { state, message: state === 'ACCEPTED' ? 'accepted' : 'preparing' },
      action: 'prepare',
    };
  }
  switch (c.status) {
    case 'created':
      if (c.error !== '')
        return {
          status: withContainer(c, {
            state: 'FAILED',
            message: 'starting',
            err: `Cannot start the container: ${c.error}`,
          }),
          action: 'none',
        };
      if (task.desiredState === 'READY')
        return {
          status: withContainer(c, { state: 'READY', message: 'prepared' }),
          action: 'none',
        };
      return {
        status: withContainer(c, { state: 'STARTING', message: 'starting' }),
        action: 'start',
      };
    case 'running':
    case 'paused':
    case 'restarting':
      if (c.health === 'unhealthy')
        return {
          status: withContainer(c, {
            state: 'FAILED',
            message: 'unhealthy',
            err: 'task: container is unhealthy',
          }),
          action: 'stop',
        };
      return { status: withContainer(c, { state: 'RUNNING', message: 'started' }), action: 'none' };
    case 'exited':
    case 'dead':
      return { status: exitStatus(c), action: 'none' };
    case 'removing':
      return { action: 'none' };
  }
}
