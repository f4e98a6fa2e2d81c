import { describe, expect, it } from 'vitest';
import type { Task, TaskState } from '../../store/index.js';
import { makeTask } from '../../store/testing.js';
import { decide, type ObservedContainer } from './decide.js';

function task(desired: TaskState = 'RUNNING'): Task {
  return {
    ...makeTask('t1', 's', 1, { nodeId: 'n1', state: 'ASSIGNED' }),
    desiredState: desired,
    meta: { version: 1, createdAt: '', updatedAt: '' },
  };
}

function ctr(patch: Partial<ObservedContainer>): ObservedContainer {
  return {
    id: 'c1',
    status: 'created',
    pid: 0,
    exitCode: 0,
    oomKilled: false,
    error: '',
    ...patch,
  };
}

describe('decide()', () => {
  it.each<
    [string, TaskState, TaskState, ObservedContainer | undefined, string | undefined, string]
  >([
    ['accepts and prepares a new task', 'RUNNING', 'ASSIGNED', undefined, 'ACCEPTED', 'prepare'],
    ['prepares an accepted task', 'RUNNING', 'ACCEPTED', undefined, 'PREPARING', 'prepare'],
    ['starts a created container', 'RUNNING', 'PREPARING', ctr({}), 'STARTING', 'start'],
    ['holds a start-first task at READY', 'READY', 'PREPARING', ctr({}), 'READY', 'none'],
    [
      'reports a running container',
      'RUNNING',
      'STARTING',
      ctr({ status: 'running', pid: 9 }),
      'RUNNING',
      'none',
    ],
    ['completes on exit 0', 'RUNNING', 'RUNNING', ctr({ status: 'exited' }), 'COMPLETE', 'none'],
    [
      'fails on a non-zero exit',
      'RUNNING',
      'RUNNING',
      ctr({ status: 'exited', exitCode: 3 }),
      'FAILED',
      'none',
    ],
    [
      'fails a dead container',
      'RUNNING',
      'RUNNING',
      ctr({ status: 'dead', exitCode: 255, error: 'gone' }),
      'FAILED',
      'none',
    ],
    [
      'fails a start that failed',
      'RUNNING',
      'STARTING',
      ctr({ error: 'exec: no such file' }),
      'FAILED',
      'none',
    ],
    [
      'fails and stops an unhealthy task',
      'RUNNING',
      'RUNNING',
      ctr({ status: 'running', health: 'unhealthy' }),
      'FAILED',
      'stop',
    ],
    [
      'stops a task desired SHUTDOWN',
      'SHUTDOWN',
      'RUNNING',
      ctr({ status: 'running' }),
      undefined,
      'stop',
    ],
    [
      'reports SHUTDOWN once stopped',
      'SHUTDOWN',
      'RUNNING',
      ctr({ status: 'exited', exitCode: 137 }),
      'SHUTDOWN',
      'none',
    ],
    ['shuts down a task never started', 'SHUTDOWN', 'ASSIGNED', undefined, 'SHUTDOWN', 'none'],
    ['stops a REMOVE task', 'REMOVE', 'RUNNING', ctr({ status: 'running' }), undefined, 'stop'],
    [
      'leaves an ended task alone',
      'RUNNING',
      'FAILED',
      ctr({ status: 'exited', exitCode: 1 }),
      undefined,
      'none',
    ],
    [
      'stops an ended task still running',
      'RUNNING',
      'FAILED',
      ctr({ status: 'running' }),
      undefined,
      'stop',
    ],
    ['fails a task whose container vanished', 'RUNNING', 'RUNNING', undefined, 'FAILED', 'none'],
  ])('%s', (_name, desired, known, c, state, action) => {
    const d = decide(task(desired), known, c);
    expect(d.status?.state).toBe(state);
    expect(d.action).toBe(action);
  });

  it('reports the exit code, the container and why', () => {
    const d = decide(task(), 'RUNNING', ctr({ status: 'exited', exitCode: 137, oomKilled: true }));
    expect(d.status).toMatchObject({
      state: 'FAILED',
      exitCode: 137,
      containerId: 'c1',
      err: 'task: non-zero exit (137): killed when out of memory',
    });
    const r = decide(task(), 'STARTING', ctr({ status: 'running', pid: 42, health: 'starting' }));
    expect(r.status).toMatchObject({ state: 'RUNNING', pid: 42, health: 'starting' });
  });
});
