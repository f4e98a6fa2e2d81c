import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, MemoryStackTarget } from '../../manager/stack/testing.js';
import { captureIo } from '../../../test/helpers/cli-io.js';
import {
  runDown,
  runLifecycle,
  runLogs,
  runPlan,
  runPs,
  runUp,
  STOPPED_REPLICAS_LABEL,
  type ComposeDeps,
} from './actions.js';
import type { ProjectFlags } from './flags.js';

const stack = `
name: app
services:
  web:
    image: web:1
    deploy: { replicas: 2 }
    depends_on:
      db: { condition: service_healthy }
    secrets: [token]
  db:
    image: db:1
    healthcheck: { test: ['CMD', 'true'] }
secrets:
  token:
    environment: TOKEN
`;

let dir: string;
let target: MemoryStackTarget;
let deps: ComposeDeps;

function capture(): ReturnType<typeof captureIo> {
  return captureIo(dir, { HOME: '/nonexistent', TOKEN: 's3cret' });
}

const project: ProjectFlags = { file: ['stack.yml'], profile: [], envFile: [] };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsorch-compose-'));
  writeFileSync(join(dir, 'stack.yml'), stack);
  target = new MemoryStackTarget();
  deps = {
    access: {
      reader: () => Promise.resolve({ reader: target }),
      target: () => Promise.resolve(target),
    },
    clock: new ManualClock(),
    signal: new AbortController().signal,
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('tsorch up / plan / down over a stack target', () => {
  it('deploys with plain progress lines, then plans no change (exit 0)', async () => {
    const c = capture();
    await runUp(c.io, project, [], { detach: true }, deps);
    expect(c.stdout().split('\n')).toEqual(
      expect.arrayContaining([
        ' ✔ Network app_default Created',
        ' ✔ Secret app_token Created',
        ' ✔ Service db Created',
        ' ⠿ Service web Waiting for "db" (service_healthy)',
        ' ✔ Service web Running 2/2',
      ]),
    );
    const secret = [...target.objects.secrets.values()][0];
    expect(new TextDecoder().decode(secret?.data)).toBe('s3cret');
    const again = capture();
    await runPlan(again.io, project, [], {}, deps);
    expect(again.io.exitCode).toBe(0);
    expect(again.stdout()).toContain('Stack "app": 0 to create, 0 to update, 0 to remove');
  });

  it('plans the change of an edit field by field (exit 2)', async () => {
    await runUp(capture().io, project, [], { detach: true }, deps);
    writeFileSync(join(dir, 'stack.yml'), stack.replace('db:1', 'db:2'));
    const c = capture();
    await runPlan(c.io, project, [], {}, deps);
    expect(c.io.exitCode).toBe(2);
    expect(c.stdout()).toContain(
      '  ~ service db (app_db)\n' +
        '      task.container.image: "db:1" → "db:2"\n' +
        '      tasks recreated: 1 running task replaced\n',
    );
    expect(c.stdout()).toContain('  = service web (app_web)\n');
  });

  it('lists tasks like docker compose ps, and services', async () => {
    await runUp(capture().io, project, [], { detach: true }, deps);
    const c = capture();
    await runPs(c.io, project, [], {}, deps);
    expect(c.stdout().split('\n')[0]).toMatch(/^NAME\s+IMAGE\s+SERVICE\s+STATE\s+NODE\s+MESSAGE$/);
    expect(c.stdout()).toMatch(/app-web-2\s+web:1\s+web\s+running\s+node1/);
    const names = capture();
    await runPs(
      names.io,
      { file: [], projectName: 'app', profile: [], envFile: [] },
      [],
      { services: true },
      deps,
    );
    expect(names.stdout()).toBe('db\nweb\n');
  });

  it('prefixes log lines with the replica, as Compose does', async () => {
    await runUp(capture().io, project, [], { detach: true }, deps);
    const web = [...target.services.values()].find((s) => s.spec.name === 'app_web');
    target.output.set(web?.id ?? '', [
      { serviceId: web?.id ?? '', slot: 2, stream: 'stdout', time: 't', text: 'hello\n' },
    ]);
    const c = capture();
    await runLogs(c.io, project, [], {}, deps);
    expect(c.stdout()).toBe('web-2  | hello\n');
  });

  it('stops by scaling to 0 and starts with the replicas it had', async () => {
    await runUp(capture().io, project, [], { detach: true }, deps);
    const web = () => [...target.services.values()].find((s) => s.spec.name === 'app_web');
    const c = capture();
    await runLifecycle(c.io, 'stop', project, ['web'], deps);
    expect(web()?.spec.mode).toEqual({ kind: 'replicated', replicas: 0 });
    expect(web()?.spec.labels[STOPPED_REPLICAS_LABEL]).toBe('2');
    await runLifecycle(c.io, 'start', project, ['web'], deps);
    expect(web()?.spec.mode).toEqual({ kind: 'replicated', replicas: 2 });
    expect(web()?.spec.labels[STOPPED_REPLICAS_LABEL]).toBeUndefined();
    await runLifecycle(c.io, 'restart', project, ['web'], deps);
    expect(web()?.spec.task.forceUpdate).toBe(1);
    expect(c.stdout()).toBe('Stopped web\nStarted web\nRestarted web\n');
  });

  it('removes the stack with down, dependents first', async () => {
    await runUp(capture().io, project, [], { detach: true }, deps);
    target.calls.length = 0;
    await runDown(
      capture().io,
      { file: [], projectName: 'app', profile: [], envFile: [] },
      [],
      {},
      deps,
    );
    expect(target.calls).toEqual([
      'remove service app_web',
      'remove service app_db',
      'remove network app_default',
      'remove secret app_token',
    ]);
  });

  it('names a secret whose variable is not set', async () => {
    const c = capture();
    const io = { ...c.io, env: { HOME: '/nonexistent' } };
    await expect(runUp(io, project, [], { detach: true }, deps)).rejects.toThrow(
      'Cannot read secrets.token.environment: variable "TOKEN" is not set',
    );
  });

  it('fails --wait naming the service that is not ready', async () => {
    target.behaviour['web'] = 'pending';
    const clock = new ManualClock();
    const c = capture();
    const done = runUp(
      c.io,
      project,
      [],
      { wait: true, waitTimeout: '10' },
      { ...deps, clock },
    ).catch((e: unknown) => e);
    for (let i = 0; i < 200 && clock.pending === 0; i++) await new Promise((r) => setImmediate(r));
    clock.advance(10_000);
    expect(((await done) as Error).message).toBe(
      'Stack "app" was not ready after 10 s: web: pending 0/2: no suitable node (1 node lacks memory)',
    );
  });
});
