import { describe, expect, it } from 'vitest';
import {
  step,
  type ContainerState,
  type ContainerStatus,
  type LifecyclePolicy,
  type TaskAction,
  type TaskEvent,
} from './task-controller.js';
import type { HealthOnFailure, HealthState } from './health/state.js';

const at = '2026-01-02T03:04:05.000Z';

function state(over: Partial<ContainerState> = {}): ContainerState {
  return {
    status: 'running',
    pid: 42,
    exitCode: 0,
    oomKilled: false,
    error: '',
    startedAt: at,
    finishedAt: '',
    restartCount: 0,
    stoppedByUser: false,
    ...over,
  };
}

function policy(over: Partial<LifecyclePolicy> = {}): LifecyclePolicy {
  return {
    restartPolicy: { name: 'no', maxRetries: 0 },
    autoRemove: false,
    healthOnFailure: 'none',
    hasHealthcheck: false,
    stopSignal: 'SIGTERM',
    stopTimeoutS: 10,
    ...over,
  };
}

function exited(exitCode: number, restartAllowed = true): TaskEvent {
  return { type: 'exited', exitCode, oomKilled: false, at, restartAllowed };
}

const types = (actions: TaskAction[]): string[] => actions.map((a) => a.type);

function health(status: HealthState['status']): HealthState {
  return { status, failingStreak: status === 'unhealthy' ? 3 : 0, log: [] };
}

describe('step() on exits', () => {
  it.each([
    ['no', 0, 1, 'exited'],
    ['always', 0, 0, 'restarting'],
    ['unless-stopped', 0, 0, 'restarting'],
    ['on-failure', 0, 1, 'restarting'],
    ['on-failure', 0, 0, 'exited'],
    ['on-failure', 2, 1, 'restarting'],
  ] as const)('policy %s (max %i) after exit %i: %s', (name, maxRetries, code, status) => {
    const r = step(state(), policy({ restartPolicy: { name, maxRetries } }), exited(code));
    expect(r.state).toMatchObject({ status, exitCode: code, pid: 0, finishedAt: at });
    expect(types(r.actions).slice(0, 4)).toEqual([
      'stop-health',
      'notify-waiters',
      'save',
      'clean-up-runtime',
    ]);
    expect(types(r.actions).includes('schedule-restart')).toBe(status === 'restarting');
  });

  it('on-failure:N stops restarting after N restarts', () => {
    const p = policy({ restartPolicy: { name: 'on-failure', maxRetries: 2 } });
    expect(step(state({ restartCount: 2 }), p, exited(1)).state.status).toBe('exited');
  });

  it.each([
    [0, 100],
    [1, 200],
    [3, 800],
    [20, 60_000],
  ])('backs off after %i restarts by %i ms (docker: 100 ms doubling, capped)', (n, ms) => {
    const r = step(
      state({ restartCount: n }),
      policy({ restartPolicy: { name: 'always', maxRetries: 0 } }),
      exited(1),
    );
    expect(r.actions.at(-1)).toEqual({ type: 'schedule-restart', delayMs: ms });
  });

  it('does not restart what the user stopped, nor while the daemon shuts down', () => {
    const p = policy({ restartPolicy: { name: 'always', maxRetries: 0 } });
    expect(step(state({ stoppedByUser: true }), p, exited(137)).state.status).toBe('exited');
    expect(step(state(), p, exited(1, false)).state.status).toBe('exited');
  });

  it('removes an --rm container after its exit instead of restarting it', () => {
    const p = policy({ autoRemove: true, restartPolicy: { name: 'always', maxRetries: 0 } });
    const r = step(state(), p, exited(3));
    expect(r.state.status).toBe('exited');
    expect(r.actions.at(-1)).toEqual({ type: 'remove-container' });
  });

  it('records an OOM kill', () => {
    const e: TaskEvent = {
      type: 'exited',
      exitCode: 137,
      oomKilled: true,
      at,
      restartAllowed: true,
    };
    expect(step(state(), policy(), e).state).toMatchObject({ exitCode: 137, oomKilled: true });
  });

  it.each(['exited', 'created'] as const)('ignores an exit seen again once %s', (status) => {
    const s = state({ status, pid: 0 });
    expect(step(s, policy(), exited(1))).toEqual({ state: s, actions: [] });
  });
});

describe('step() on starts', () => {
  it('start-requested starts a created container and clears stoppedByUser', () => {
    const r = step(state({ status: 'exited', stoppedByUser: true }), policy(), {
      type: 'start-requested',
      counted: false,
    });
    expect(types(r.actions)).toEqual(['cancel-restart', 'start-runtime']);
    expect(r.state).toMatchObject({ stoppedByUser: false, restartCount: 0 });
  });

  it.each(['running', 'paused'] as const)('start-requested leaves a %s container alone', (s) => {
    const r = step(state({ status: s }), policy(), { type: 'start-requested', counted: false });
    expect(types(r.actions)).toEqual(['cancel-restart']);
  });

  it('a counted start (health-check restart) counts the restart', () => {
    const r = step(state({ status: 'exited' }), policy(), {
      type: 'start-requested',
      counted: true,
    });
    expect(r.state.restartCount).toBe(1);
  });

  it('started makes it running, saves, and starts health checks when it has one', () => {
    const before = state({ status: 'restarting', pid: 0, exitCode: 1, error: 'x', finishedAt: at });
    const r = step(before, policy({ hasHealthcheck: true }), { type: 'started', pid: 7, at });
    expect(r.state).toMatchObject({
      status: 'running',
      pid: 7,
      exitCode: 0,
      error: '',
      finishedAt: '',
    });
    expect(r.state.health).toEqual({ status: 'starting', failingStreak: 0, log: [] });
    expect(types(r.actions)).toEqual(['save', 'start-health']);
    expect(types(step(before, policy(), { type: 'started', pid: 7, at }).actions)).toEqual([
      'save',
    ]);
  });

  it.each([
    ['created', 'created'],
    ['restarting', 'exited'],
    ['exited', 'exited'],
  ] as const)('start-failed from %s leaves it %s with exit code 128', (from, to) => {
    const r = step(state({ status: from, pid: 0 }), policy(), {
      type: 'start-failed',
      error: 'no',
    });
    expect(r.state).toMatchObject({ status: to, exitCode: 128, error: 'no', pid: 0 });
    expect(types(r.actions)).toEqual(['save']);
  });

  it('the restart timer starts a restarting container, counting it; otherwise does nothing', () => {
    const r = step(state({ status: 'restarting', restartCount: 4 }), policy(), {
      type: 'restart-timer-fired',
    });
    expect(r.state.restartCount).toBe(5);
    expect(types(r.actions)).toEqual(['start-runtime']);
    const s = state({ status: 'exited' });
    expect(step(s, policy(), { type: 'restart-timer-fired' })).toEqual({ state: s, actions: [] });
  });
});

describe('step() on stops and kills', () => {
  it('stop sends the stop signal, waits the grace period, and marks it stopped by the user', () => {
    const r = step(state(), policy({ stopSignal: 'SIGQUIT', stopTimeoutS: 3 }), {
      type: 'stop-requested',
    });
    expect(r.state.stoppedByUser).toBe(true);
    expect(r.actions).toEqual([
      { type: 'cancel-restart' },
      { type: 'save' },
      { type: 'kill', signal: 'SIGQUIT', all: false, ignoreFailure: true },
      { type: 'await-exit', timeoutMs: 3000, escalate: true },
    ]);
  });

  it('stop thaws a paused container first and honours a given signal and grace', () => {
    const r = step(state({ status: 'paused' }), policy(), {
      type: 'stop-requested',
      signal: 'SIGINT',
      graceS: 1,
    });
    expect(r.actions.slice(2)).toEqual([
      { type: 'resume-runtime', report: false },
      { type: 'kill', signal: 'SIGINT', all: false, ignoreFailure: true },
      { type: 'await-exit', timeoutMs: 1000, escalate: true },
    ]);
  });

  it('stop of a restarting container ends its restarts and wakes waiters', () => {
    const r = step(state({ status: 'restarting', pid: 0 }), policy(), { type: 'stop-requested' });
    expect(r.state).toMatchObject({ status: 'exited', stoppedByUser: true });
    expect(types(r.actions)).toEqual(['cancel-restart', 'save', 'notify-waiters']);
  });

  it('stop of a container that is not running only cancels a pending restart', () => {
    const s = state({ status: 'exited' });
    expect(step(s, policy(), { type: 'stop-requested' })).toEqual({
      state: s,
      actions: [{ type: 'cancel-restart' }],
    });
  });

  it('the expired grace period escalates to SIGKILL of every process, once', () => {
    expect(step(state(), policy(), { type: 'grace-expired' }).actions).toEqual([
      { type: 'kill', signal: 'SIGKILL', all: true, ignoreFailure: true },
      { type: 'await-exit', timeoutMs: 10_000, escalate: false },
    ]);
    expect(step(state({ status: 'exited' }), policy(), { type: 'grace-expired' }).actions).toEqual(
      [],
    );
  });

  it.each([
    ['SIGKILL', true],
    ['KILL', true],
    ['9', true],
    ['SIGHUP', false],
  ])('kill %s marks it stopped by the user: %s', (signal, stopped) => {
    const r = step(state(), policy(), { type: 'kill-requested', signal });
    expect(r.state.stoppedByUser).toBe(stopped);
    expect(r.actions.at(-1)).toEqual({ type: 'kill', signal, all: false, ignoreFailure: false });
  });

  it('refuses to kill a container that is not running', () => {
    const s = state({ status: 'exited' });
    const r = step(s, policy(), { type: 'kill-requested', signal: 'SIGKILL' });
    expect(r).toEqual({ state: s, actions: [], refusal: 'it is not running' });
  });
});

describe('step() on pause and unpause', () => {
  it('pauses only a running container, and records it once paused', () => {
    expect(step(state(), policy(), { type: 'pause-requested' }).actions).toEqual([
      { type: 'pause-runtime' },
    ]);
    expect(step(state({ status: 'exited' }), policy(), { type: 'pause-requested' }).refusal).toBe(
      'it is exited',
    );
    const r = step(state(), policy(), { type: 'paused' });
    expect(r.state.status).toBe('paused');
    expect(types(r.actions)).toEqual(['save']);
  });

  it('unpauses only a paused container, and records it once thawed', () => {
    expect(
      step(state({ status: 'paused' }), policy(), { type: 'unpause-requested' }).actions,
    ).toEqual([{ type: 'resume-runtime', report: true }]);
    expect(step(state(), policy(), { type: 'unpause-requested' }).refusal).toBe('it is not paused');
    expect(step(state({ status: 'paused' }), policy(), { type: 'unpaused' }).state.status).toBe(
      'running',
    );
  });
});

describe('step() on health changes', () => {
  it.each([
    ['none', []],
    ['kill', ['kill']],
    ['stop', ['stop-container']],
    ['restart', ['restart-container']],
  ] as [HealthOnFailure, string[]][])('turning unhealthy with on-failure %s', (action, extra) => {
    const r = step(state({ health: health('healthy') }), policy({ healthOnFailure: action }), {
      type: 'health-changed',
      health: health('unhealthy'),
    });
    expect(r.state.health?.status).toBe('unhealthy');
    expect(types(r.actions)).toEqual(['save', ...extra]);
  });

  it('acts once when it turns unhealthy, not on each failing probe after', () => {
    const r = step(state({ health: health('unhealthy') }), policy({ healthOnFailure: 'restart' }), {
      type: 'health-changed',
      health: health('unhealthy'),
    });
    expect(types(r.actions)).toEqual(['save']);
  });

  it('ignores a probe result that arrives after the container stopped running', () => {
    const s = state({ status: 'exited' });
    const r = step(s, policy({ healthOnFailure: 'kill' }), {
      type: 'health-changed',
      health: health('unhealthy'),
    });
    expect(r).toEqual({ state: s, actions: [] });
  });
});

describe('step() on removal', () => {
  it.each(['running', 'paused', 'restarting'] as const)(
    'refuses to remove a %s container without force',
    (s) => {
      expect(
        step(state({ status: s }), policy(), { type: 'remove-requested', force: false }).refusal,
      ).toBe('it is running');
    },
  );

  it('forced removal kills a running container and waits for its exit', () => {
    const r = step(state(), policy(), { type: 'remove-requested', force: true });
    expect(r.state.stoppedByUser).toBe(true);
    expect(types(r.actions)).toEqual(['cancel-restart', 'kill', 'await-exit']);
    const restarting = step(state({ status: 'restarting' }), policy(), {
      type: 'remove-requested',
      force: true,
    });
    expect(types(restarting.actions)).toEqual(['cancel-restart']);
  });

  it('removal of a stopped container needs nothing before its deletion', () => {
    expect(
      step(state({ status: 'exited' }), policy(), { type: 'remove-requested', force: false })
        .actions,
    ).toEqual([]);
  });

  it('deletion marks it removing, saves that, forgets it, then deletes its files', () => {
    const r = step(state({ status: 'exited' }), policy(), {
      type: 'delete-requested',
      volumes: true,
    });
    expect(r.state.status).toBe('removing');
    expect(r.actions).toEqual([
      { type: 'cancel-restart' },
      { type: 'stop-health' },
      { type: 'unwatch-exit' },
      { type: 'save' },
      { type: 'forget' },
      { type: 'delete-files', volumes: true },
    ]);
  });
});

describe('step() on adoption after a daemon restart', () => {
  const always = policy({ restartPolicy: { name: 'always', maxRetries: 0 }, hasHealthcheck: true });

  it.each([
    ['running', 'alive', ['watch-exit', 'start-health']],
    ['paused', 'alive', ['watch-exit']],
    ['restarting', 'alive', ['watch-exit']],
    ['running', 'exited', ['process-exit']],
    ['restarting', 'gone', ['schedule-restart']],
    ['exited', 'gone', []],
    ['created', 'gone', ['delete-runtime']],
  ] as [ContainerStatus, 'alive' | 'exited' | 'gone', string[]][])(
    'a %s container whose monitor is %s',
    (status, monitor, actions) => {
      const r = step(state({ status }), always, { type: 'adopted', monitor });
      expect(types(r.actions)).toEqual(actions);
      expect(r.state.status).toBe(status);
    },
  );

  it('a container whose monitor vanished restarts under "always" and is dead under "no"', () => {
    const lost: TaskEvent = { type: 'adopted', monitor: 'gone' };
    const r = step(state(), always, lost);
    expect(r.state).toMatchObject({ status: 'restarting', exitCode: 255, pid: 0 });
    expect(r.state.error).toMatch(/monitor process is gone/);
    expect(r.actions).toEqual([
      { type: 'delete-runtime' },
      { type: 'save' },
      { type: 'schedule-restart', delayMs: 0 },
    ]);
    const dead = step(state(), policy(), lost);
    expect(dead.state.status).toBe('dead');
    expect(types(dead.actions)).toEqual(['delete-runtime', 'save']);
  });

  it.each(['created', 'exited'] as const)(
    'a %s record whose start the previous daemon cut short is running, with its pid',
    (status) => {
      const at = '2026-01-01T00:00:01.000Z';
      const r = step(state({ status, pid: 0 }), always, {
        type: 'adopted',
        monitor: 'alive',
        pid: 77,
        at,
      });
      expect(r.state).toMatchObject({ status: 'running', pid: 77, startedAt: at });
      expect(types(r.actions)).toEqual(['save', 'watch-exit', 'start-health']);
    },
  );

  it('a created record whose container already exited processes that exit', () => {
    const r = step(state({ status: 'created', pid: 0 }), always, {
      type: 'adopted',
      monitor: 'exited',
    });
    expect(r.state.status).toBe('running');
    expect(types(r.actions)).toEqual(['process-exit']);
    const exited = step(r.state, policy(), {
      type: 'exited',
      exitCode: 3,
      oomKilled: false,
      at: '2026-01-01T00:00:02.000Z',
      restartAllowed: true,
    });
    expect(exited.state).toMatchObject({ status: 'exited', exitCode: 3 });
  });

  it('finishes a removal the previous daemon did not finish, keeping the volumes', () => {
    const r = step(state({ status: 'removing' }), always, { type: 'adopted', monitor: 'gone' });
    expect(r.actions.at(-1)).toEqual({ type: 'delete-files', volumes: false });
  });
});
