/**
 * Volumes of tasks: a task whose mount names a volume gets the node's local volume of that name
 * (created on first use, kept after the task, shared with the next task that names it), and an
 * anonymous volume of its own, removed with its container.
 */
import { describe, expect, it } from 'vitest';
import { readLogs } from '../../src/agent/logs/json-file.js';
import { TASK_ID_LABEL } from '../../src/agent/task-config.js';
import type { Store, TaskState } from '../../src/store/index.js';
import { makeTask, makeTaskSpec } from '../../src/store/testing.js';
import { requireRoot, requireTool, runPrefix, useCleanup, waitFor } from '../helpers/host.js';
import { openHarness, type Harness } from './containers-harness.js';
import { nodeId, nodeStore, runWorker, serveDispatcher } from './fixtures/dispatcher-harness.js';

function state(store: Store, id: string): TaskState | undefined {
  return store.view((tx) => tx.get('tasks', id))?.status.state;
}

function volumeTask(id: string, slot: number, volume: string, script: string) {
  const spec = makeTaskSpec('busybox:test');
  spec.container.mounts = [
    { type: 'volume', name: volume, target: '/data', readonly: false },
    { type: 'volume', name: undefined, target: '/scratch', readonly: false },
  ];
  spec.container.cmd = ['sh', '-c', script];
  return makeTask(id, 'svc-vol', slot, { nodeId, state: 'ASSIGNED', spec });
}

async function output(h: Harness, store: Store, id: string): Promise<string[]> {
  const t = await waitFor(
    `${id} COMPLETE`,
    () => {
      const s = state(store, id);
      if (s === 'FAILED' || s === 'REJECTED') throw new Error(`${id} is ${s}`);
      return s === 'COMPLETE' ? store.view((tx) => tx.get('tasks', id)) : undefined;
    },
    { timeoutMs: 30_000 },
  );
  const logs = await readLogs(h.manager.logPath(t.status.containerId ?? ''), { maxFiles: 3 });
  return logs.map((l) => l.log.trim());
}

describe('volumes of tasks (real containers)', () => {
  const cleanup = useCleanup();

  it('a named volume is made on first use and outlives its task; an anonymous one does not', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const store = await nodeStore();
    const target = await serveDispatcher(cleanup, store);
    runWorker(cleanup, target, h.manager, h.images);
    const volume = `${runPrefix()}_data`;
    expect(await h.volumes.find(volume)).toBeUndefined();

    await store.update((tx) => {
      tx.create(
        'tasks',
        volumeTask('t-write', 1, volume, 'echo kept > /data/f; echo gone > /scratch/f'),
      );
    });
    await output(h, store, 't-write');
    const anonymous = h.manager
      .list()
      .find((r) => r.spec.labels[TASK_ID_LABEL] === 't-write')?.anonymousVolumes;
    expect(anonymous).toHaveLength(1);
    const named = await h.volumes.find(volume);
    expect(named).toBeDefined();

    // The next task naming the volume sees what the first wrote; its anonymous one is new.
    await store.update((tx) => {
      tx.delete('tasks', 't-write');
      tx.create('tasks', volumeTask('t-read', 2, volume, 'cat /data/f; ls /scratch | wc -l'));
    });
    expect(await output(h, store, 't-read')).toEqual(['kept', '0']);

    // Removing a task removes its container with its anonymous volume; the named one stays.
    await waitFor('t-write container removed', () =>
      h.manager.list().every((r) => r.spec.labels[TASK_ID_LABEL] !== 't-write'),
    );
    expect(await h.volumes.find(anonymous?.[0] ?? '')).toBeUndefined();
    expect(await h.volumes.find(volume)).toBeDefined();
  });
});
