/**
 * A real worker (the agent's container engine, runc, the shim) gets its tasks from a dispatcher
 * served over gRPC on a unix socket, runs busybox containers to RUNNING, reports exits and
 * rejections, and after a restart re-adopts its containers without duplicating a task.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContainerManager } from '../../src/agent/containers/manager.js';
import { TASK_ID_LABEL } from '../../src/agent/task-config.js';
import type { Store, Task, TaskState } from '../../src/store/index.js';
import { makeTask, makeTaskSpec } from '../../src/store/testing.js';
import { pushImage } from '../../src/image/index.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { startRegistry } from '../helpers/images.js';
import { openHarness, type Harness } from './containers-harness.js';
import { nodeId, nodeStore, runWorker, serveDispatcher } from './fixtures/dispatcher-harness.js';

function task(id: string, slot: number, cmd: string[], image = 'busybox:test') {
  const spec = makeTaskSpec(image);
  spec.container.cmd = cmd;
  spec.container.stopTimeoutS = 5;
  return makeTask(id, 'svc1', slot, { nodeId, state: 'ASSIGNED', spec });
}

function get(store: Store, id: string): Task | undefined {
  return store.view((tx) => tx.get('tasks', id));
}

function reached(store: Store, id: string, state: TaskState): () => Task | undefined {
  return () => {
    const t = get(store, id);
    return t?.status.state === state ? t : undefined;
  };
}

function containersOf(engine: ContainerManager, taskId: string) {
  return engine.list().filter((r) => r.spec.labels[TASK_ID_LABEL] === taskId);
}

describe('worker and dispatcher over gRPC (real containers)', () => {
  const cleanup = useCleanup();

  async function setUp(): Promise<{ h: Harness; store: Store; target: string; registry: string }> {
    const h = await openHarness(cleanup);
    const dir = mkdtempSync(join(tmpdir(), 'tsorch-dispatch-reg-'));
    cleanup.push(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    const reg = await startRegistry(dir);
    cleanup.push(() => reg.stop());
    const store = await nodeStore();
    const target = await serveDispatcher(cleanup, store);
    return { h, store, target, registry: reg.host };
  }

  const loop = ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 0.1; done"];

  it('runs assigned tasks, reports exits and rejections, re-adopts after a restart', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc', 'docker-registry');
    const { h, store, target, registry } = await setUp();
    const pulls: string[] = [];
    const worker = runWorker(cleanup, target, h.manager, h.images, { pulls });
    await waitFor(
      'the node ready',
      () => store.view((tx) => tx.get('nodes', nodeId))?.status.state === 'ready',
    );
    const missing = `${registry}/nosuch/image:1`;
    await store.update((tx) => {
      tx.create('tasks', task('t-long', 1, loop));
      tx.create('tasks', task('t-exit', 2, ['sh', '-c', 'exit 3']));
      tx.create('tasks', task('t-noimg', 3, ['true'], missing));
    });
    const running = await waitFor('t-long RUNNING', reached(store, 't-long', 'RUNNING'), {
      timeoutMs: 30_000,
    });
    expect(running.status.containerId).toMatch(/^[0-9a-f]{64}$/);
    expect(running.status.pid).toBeGreaterThan(0);
    const failed = await waitFor('t-exit FAILED', reached(store, 't-exit', 'FAILED'), {
      timeoutMs: 30_000,
    });
    expect(failed.status).toMatchObject({ exitCode: 3, err: 'task: non-zero exit (3)' });
    const rejected = await waitFor('t-noimg REJECTED', reached(store, 't-noimg', 'REJECTED'));
    expect(rejected.status.err).toContain(`Cannot pull image "${missing}"`);
    expect(pulls).toEqual([missing]);

    // The daemon restarts: the worker stops, a new container manager re-adopts the containers.
    const before = containersOf(h.manager, 't-long')[0];
    await worker.stop();
    const engine = await h.reopen();
    runWorker(cleanup, target, engine, h.images, { pulls });
    await waitFor(
      'a new session',
      () => store.view((tx) => tx.get('nodes', nodeId))?.status.state === 'ready',
    );
    // Give the worker time to act on the complete set; nothing may be created twice.
    await new Promise((r) => setTimeout(r, 1500));
    const after = containersOf(engine, 't-long');
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(before?.id);
    expect(after[0]?.state).toMatchObject({ status: 'running', pid: before?.state.pid });
    expect(containersOf(engine, 't-exit')).toHaveLength(1);
    expect(get(store, 't-long')?.status.state).toBe('RUNNING');

    // Desired SHUTDOWN stops it; deleting the task removes its container.
    await store.update((tx) => {
      const t = tx.get('tasks', 't-long');
      if (t !== undefined) tx.update('tasks', { ...t, desiredState: 'SHUTDOWN' });
    });
    const shut = await waitFor('t-long SHUTDOWN', reached(store, 't-long', 'SHUTDOWN'), {
      timeoutMs: 30_000,
    });
    expect(shut.status.exitCode).toBe(0);
    await store.update((tx) => {
      tx.delete('tasks', 't-long');
    });
    await waitFor('the container removed', () => containersOf(engine, 't-long').length === 0);
  });

  it('pulls a missing image from the registry, and fails an unhealthy task', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc', 'docker-registry', 'setfattr');
    const { h, store, target, registry } = await setUp();
    const ref = `${registry}/tools/busybox:1`;
    await h.images.tag('busybox:test', ref);
    await pushImage(h.images, ref);
    await h.images.remove(ref);
    const pulls: string[] = [];
    runWorker(cleanup, target, h.manager, h.images, { pulls });
    const sick = task('t-sick', 2, loop);
    sick.spec.container.healthcheck = {
      test: ['CMD-SHELL', 'exit 1'],
      intervalMs: 200,
      timeoutMs: 1000,
      retries: 1,
      startPeriodMs: 0,
      startIntervalMs: 0,
    };
    await store.update((tx) => {
      tx.create('tasks', task('t-pulled', 1, loop, ref));
      tx.create('tasks', sick);
    });
    const pulled = await waitFor('t-pulled RUNNING', reached(store, 't-pulled', 'RUNNING'), {
      timeoutMs: 30_000,
    });
    expect(pulls).toEqual([ref]);
    expect(containersOf(h.manager, 't-pulled')[0]?.image).toBe(ref);
    expect(pulled.status.pid).toBeGreaterThan(0);
    const failed = await waitFor('t-sick FAILED', reached(store, 't-sick', 'FAILED'), {
      timeoutMs: 30_000,
    });
    expect(failed.status.err).toBe('task: container is unhealthy');
    await waitFor(
      'the unhealthy container stopped',
      () => containersOf(h.manager, 't-sick')[0]?.state.status === 'exited',
    );
  });
});
