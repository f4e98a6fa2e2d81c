/**
 * Secrets and configs delivered to tasks (docs/adr/033): a real worker gets a task with a secret
 * and a config from the dispatcher, mounts a tmpfs for it, and the container (runc) reads both
 * files read-only with their owners and modes; the secret's bytes are nowhere on disk under the
 * node's directories; removing the task unmounts the tmpfs and removes its directory. A task
 * whose secret the node was not sent is rejected, saying which.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogs } from '../../src/agent/logs/json-file.js';
import { TASK_ID_LABEL } from '../../src/agent/task-config.js';
import { openTaskFiles } from '../../src/agent/worker/index.js';
import type { Store, Task, TaskState } from '../../src/store/index.js';
import { makeConfig, makeSecret, makeTask, makeTaskSpec } from '../../src/store/testing.js';
import { hasCode } from '../../src/util/errors.js';
import { isMounted } from '../../src/util/mounts.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { openHarness } from './containers-harness.js';
import { nodeStore, runWorker, serveDispatcher, nodeId } from './fixtures/dispatcher-harness.js';

function reached(store: Store, id: string, state: TaskState): () => Task | undefined {
  return () => {
    const t = store.view((tx) => tx.get('tasks', id));
    const s = t?.status.state;
    if (s !== state && (s === 'REJECTED' || s === 'FAILED'))
      throw new Error(`Task ${id} is ${s}: ${t?.status.err ?? ''}`);
    return s === state ? t : undefined;
  };
}

/** Files under `dir` on the same filesystem (mount points of others are skipped). */
async function filesOnDisk(dir: string, dev: number, out: string[] = []): Promise<string[]> {
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    const st = await fs.lstat(p);
    if (st.dev !== dev) continue;
    if (e.isDirectory()) await filesOnDisk(p, dev, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('secrets and configs of tasks (real containers)', () => {
  const cleanup = useCleanup();

  it('are files on a tmpfs, read-only, owned as asked, never on disk, gone with the task', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const base = dirname(h.root);
    const filesDir = join(base, 'run', 'task-files');
    const files = openTaskFiles(filesDir);
    cleanup.push(() => files.prune(new Set()));
    const store = await nodeStore();
    const target = await serveDispatcher(cleanup, store);
    runWorker(cleanup, target, h.manager, h.images, { files });

    const secretText = `tsorch-secret-${randomBytes(12).toString('hex')}`;
    const configText = 'listen 8080\n';
    const spec = makeTaskSpec('busybox:test');
    spec.container.secrets = [
      { id: 's1', name: 'db_pw', target: '', uid: '1000', gid: '1001', mode: 0o400 },
    ];
    spec.container.configs = [
      { id: 'c1', name: 'app.conf', target: '/etc/app/app.conf', uid: '0', gid: '0', mode: 0o444 },
    ];
    // The container prints digests, never the secret: its log is on disk.
    spec.container.cmd = [
      'sh',
      '-c',
      [
        '/usr/bin/busybox sha256sum /run/secrets/db_pw /etc/app/app.conf',
        'stat -c "%n %u %g %a" /run/secrets/db_pw /etc/app/app.conf',
        'grep -E " /run/secrets/db_pw | /etc/app/app.conf " /proc/self/mountinfo',
        '(echo x > /run/secrets/db_pw) 2>/dev/null || echo read-only',
        'echo done',
        "trap 'exit 0' TERM; while true; do sleep 0.1; done",
      ].join('; '),
    ];
    spec.container.stopTimeoutS = 5;
    await store.update((tx) => {
      tx.create('secrets', makeSecret('s1', 'db_pw', secretText));
      tx.create('configs', makeConfig('c1', 'app.conf', configText));
      tx.create('tasks', makeTask('t-files', 'svc1', 1, { nodeId, state: 'ASSIGNED', spec }));
    });
    const running = await waitFor('t-files RUNNING', reached(store, 't-files', 'RUNNING'), {
      timeoutMs: 30_000,
    });
    const containerId = running.status.containerId ?? '';
    const lines = await waitFor(
      'the container output',
      async () => {
        const l = (await readLogs(h.manager.logPath(containerId), { maxFiles: 3 })).map((r) =>
          r.log.trim(),
        );
        return l.includes('done') ? l : undefined;
      },
      { timeoutMs: 10_000 },
    );
    const enc = new TextEncoder();
    expect(lines).toContain(`${sha256(enc.encode(secretText))}  /run/secrets/db_pw`);
    expect(lines).toContain(`${sha256(enc.encode(configText))}  /etc/app/app.conf`);
    expect(lines).toContain('/run/secrets/db_pw 1000 1001 400');
    expect(lines).toContain('/etc/app/app.conf 0 0 444');
    expect(lines).toContain('read-only');
    // Both are read-only binds of a tmpfs in the container.
    const mountLines = lines.filter((l) => / - tmpfs /.test(l));
    expect(mountLines).toHaveLength(2);
    for (const l of mountLines) expect(l.split(' ')[5]?.split(',')).toContain('ro');

    // On the host: the task's tmpfs is mounted; no file on disk holds the secret's bytes.
    const taskDir = join(filesDir, 't-files');
    expect(await isMounted(taskDir)).toBe(true);
    const needle = Buffer.from(secretText);
    const dev = (await fs.stat(base)).dev;
    const onDisk = await filesOnDisk(base, dev);
    expect(onDisk.length).toBeGreaterThan(10);
    const holders: string[] = [];
    for (const p of onDisk) if ((await fs.readFile(p)).includes(needle)) holders.push(p);
    expect(holders).toEqual([]);

    // Removing the task removes its container, then its tmpfs and directory.
    await store.update((tx) => {
      const t = tx.get('tasks', 't-files');
      if (t !== undefined) tx.update('tasks', { ...t, desiredState: 'SHUTDOWN' });
    });
    await waitFor('t-files SHUTDOWN', reached(store, 't-files', 'SHUTDOWN'), {
      timeoutMs: 30_000,
    });
    await store.update((tx) => {
      tx.delete('tasks', 't-files');
    });
    await waitFor(
      'the container and its files removed',
      async () =>
        h.manager.list().every((r) => r.spec.labels[TASK_ID_LABEL] !== 't-files') &&
        !(await isMounted(taskDir)) &&
        !(await fs.stat(taskDir).then(
          () => true,
          () => false,
        )),
      { timeoutMs: 15_000 },
    );
  });

  it('rejects a task whose secret the node was not sent, and fails to write under a file', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const files = openTaskFiles(join(dirname(h.root), 'run', 'task-files'));
    cleanup.push(() => files.prune(new Set()));
    const store = await nodeStore();
    const target = await serveDispatcher(cleanup, store);
    runWorker(cleanup, target, h.manager, h.images, { files });
    const spec = makeTaskSpec('busybox:test');
    spec.container.secrets = [
      { id: 'nosuch', name: 'pw', target: '', uid: '0', gid: '0', mode: 0o400 },
    ];
    await store.update((tx) => {
      tx.create('tasks', makeTask('t-nosecret', 'svc1', 1, { nodeId, state: 'ASSIGNED', spec }));
    });
    const rejected = await waitFor('t-nosecret REJECTED', reached(store, 't-nosecret', 'REJECTED'));
    expect(rejected.status.err).toBe(
      'Cannot deliver the task\'s files: secret "pw" (nosuch) was not sent to this node',
    );

    const plain = join(dirname(h.root), 'a-file');
    writeFileSync(plain, '');
    const err = await openTaskFiles(join(plain, 'task-files'))
      .write('t1', [])
      .catch((e: unknown) => e);
    expect(hasCode(err, 'TASK_FILES_FAILED')).toBe(true);
    expect((err as Error).message).toMatch(/^Cannot create .*a-file\/task-files: /);
  });
});
