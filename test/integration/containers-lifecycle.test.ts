import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogs } from '../../src/agent/logs/json-file.js';
import { runExec, startExec } from '../../src/agent/containers/exec.js';
import { hasCode } from '../../src/util/errors.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { openHarness, spec } from './containers-harness.js';

/** True when process `pid` has ended: gone, or a zombie waiting to be reaped. */
function processGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

const sleeper = ['sh', '-c', "trap 'exit 0' TERM; sleep 1000 & wait"];

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return hasCode(err, (err as { code: never }).code)
      ? (err as { code: string }).code
      : String(err);
  }
}

describe('container lifecycle (real runc)', () => {
  const cleanup = useCleanup();

  it('stop honours the grace period, then SIGKILLs a process ignoring SIGTERM', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    // busybox sleep as PID 1 ignores SIGTERM.
    const rec = await h.manager.create(spec({ cmd: ['sleep', '1000'] }));
    await h.manager.start(rec.id);
    const t0 = Date.now();
    await h.manager.stop(rec.id, { timeoutS: 1 });
    const tookMs = Date.now() - t0;
    expect(tookMs).toBeGreaterThanOrEqual(900);
    expect(h.manager.get(rec.id).state).toMatchObject({ status: 'exited', exitCode: 137 });
  });

  it('reports an OOM kill', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const rec = await h.manager.create(
      spec({
        cmd: ['sh', '-c', 'x=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; while true; do x="$x$x"; done'],
        resources: { memoryBytes: 16 * 1024 * 1024, memorySwapBytes: 16 * 1024 * 1024 },
      }),
    );
    await h.manager.start(rec.id);
    const res = await h.manager.wait(rec.id);
    expect(res).toEqual({ exitCode: 137, oomKilled: true });
    expect(h.manager.get(rec.id).state.oomKilled).toBe(true);
  });

  it('stops a fork bomb at the pids limit', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const rec = await h.manager.create(
      spec({
        cmd: [
          'sh',
          '-c',
          'i=0; while [ $i -lt 200 ]; do sleep 1000 & i=$((i+1)); done; echo all-forked',
        ],
        resources: { pidsLimit: 20 },
      }),
    );
    await h.manager.start(rec.id);
    // The shell dies when fork fails at the limit; the 19 sleeps it started keep the container up.
    await waitFor('fork to fail', async () =>
      (await readLogs(h.manager.logPath(rec.id), { maxFiles: 3 })).some((l) => /fork/i.test(l.log)),
    );
    const logs = (await readLogs(h.manager.logPath(rec.id), { maxFiles: 3 }))
      .map((l) => l.log)
      .join('');
    expect(logs).not.toContain('all-forked');
    await h.manager.remove(rec.id, { force: true, volumes: true });
  });

  it('pauses and unpauses (a counter stops advancing), exec and top work', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const rec = await h.manager.create(
      spec({
        cmd: [
          'sh',
          '-c',
          "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo $i > /tmp/c; sleep 0.05; done",
        ],
      }),
    );
    await h.manager.start(rec.id);
    const dir = h.manager.dir(rec.id);
    const read = async (): Promise<string> =>
      (
        await runExec(h.manager.runtime, rec.id, dir, {
          args: ['cat', '/tmp/c'],
          timeoutMs: 5000,
          maxOutputBytes: 100,
        })
      ).output.trim();
    await waitFor('the counter', async () => Number(await read()) > 2);
    await h.manager.pause(rec.id);
    expect(h.manager.get(rec.id).state.status).toBe('paused');
    expect(await codeOf(h.manager.pause(rec.id))).toBe('CONTAINER_STATE');
    expect(await h.cgroups.readFreezerState(h.manager.cgroupsPath(rec.id))).toBe('frozen');
    const frozenAt = readFileSync(join(h.manager.dir(rec.id), 'container.log'), 'utf8');
    expect(frozenAt).toBe(readFileSync(join(h.manager.dir(rec.id), 'container.log'), 'utf8'));
    await h.manager.unpause(rec.id);
    const a = Number(await read());
    await waitFor('the counter to advance', async () => Number(await read()) > a + 2);
    const r = await runExec(h.manager.runtime, rec.id, dir, {
      args: ['sh', '-c', 'echo hi; exit 4'],
      timeoutMs: 5000,
      maxOutputBytes: 100,
    });
    expect(r).toMatchObject({ exitCode: 4, output: 'hi\n' });
    const { processes } = await h.manager.top(rec.id);
    expect(processes.some((p) => p.cmd.includes('sh -c'))).toBe(true);
    await h.manager.stop(rec.id, { timeoutS: 5 });
  });

  it('exec with a terminal: a pty of the requested size, input relayed, exit code kept', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const rec = await h.manager.create(spec({ cmd: sleeper }));
    await h.manager.start(rec.id);
    const x = await startExec(h.manager.runtime, rec.id, h.manager.dir(rec.id), {
      args: ['sh'],
      tty: true,
      ttySize: { height: 33, width: 111 },
      shimPath: await h.manager.shimPath(),
    });
    let out = '';
    x.child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    x.child.stdin.write('tty; stty size; exit 6\n');
    const code = await new Promise<number | null>((r) => x.child.once('close', r));
    await x.cleanup();
    expect(code).toBe(6);
    expect(out).toMatch(/\/dev\/pts\/\d+\r?\n/);
    expect(out).toContain('33 111');
    await h.manager.stop(rec.id, { timeoutS: 5 });
  });

  it('restarts on failure up to N times, with backoff, and counts restarts', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const rec = await h.manager.create(
      spec({
        cmd: ['sh', '-c', 'echo run; exit 1'],
        restartPolicy: { name: 'on-failure', maxRetries: 2 },
      }),
    );
    await h.manager.start(rec.id);
    await waitFor(
      'the final exit',
      () =>
        h.manager.get(rec.id).state.status === 'exited' &&
        h.manager.get(rec.id).state.restartCount === 2,
      { timeoutMs: 20_000 },
    );
    const runs = (await readLogs(h.manager.logPath(rec.id), { maxFiles: 3 })).filter(
      (l) => l.log === 'run\n',
    );
    expect(runs).toHaveLength(3);
  });

  it('after a lost shim (as after a reboot), "always" restarts and "no" is marked dead', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const always = await h.manager.create(
      spec({ cmd: sleeper, restartPolicy: { name: 'always', maxRetries: 0 } }),
    );
    const never = await h.manager.create(spec({ cmd: sleeper }));
    for (const rec of [always, never]) {
      await h.manager.start(rec.id);
      // Kill the shim first, so no exit record is written; then the container.
      process.kill(
        Number(readFileSync(join(h.manager.dir(rec.id), 'shim.pid'), 'utf8')),
        'SIGKILL',
      );
      const pid = h.manager.get(rec.id).state.pid;
      process.kill(pid, 'SIGKILL');
      // kill(2) returns before the process is gone: reopen only once it is (or is a zombie
      // nobody reaps, as its shim is dead), else the runtime still reports it running.
      await waitFor('the container process to end', () => processGone(pid));
    }
    const m2 = await h.reopen();
    expect(m2.get(never.id).state).toMatchObject({ status: 'dead', exitCode: 255 });
    await waitFor(
      'the restart',
      () =>
        m2.get(always.id).state.status === 'running' && m2.get(always.id).state.restartCount === 1,
    );
    await m2.stop(always.id, { timeoutS: 5 });
  });

  it('restarts an unhealthy container with --health-on-failure restart', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const rec = await h.manager.create(
      spec({
        cmd: sleeper,
        // Fails 3 times (the counter lives in the container's filesystem, kept across restarts).
        healthcheck: {
          test: [
            'CMD-SHELL',
            'n=$(cat /n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /n; [ $n -gt 3 ]',
          ],
          intervalMs: 200,
          timeoutMs: 2000,
          retries: 2,
          startPeriodMs: 0,
          startIntervalMs: 100,
        },
        healthOnFailure: 'restart',
      }),
    );
    await h.manager.start(rec.id);
    await waitFor('a restart', () => h.manager.get(rec.id).state.restartCount >= 1, {
      timeoutMs: 20_000,
    });
    await waitFor('healthy', () => h.manager.get(rec.id).state.health?.status === 'healthy', {
      timeoutMs: 10_000,
    });
    const health = h.manager.get(rec.id).state.health;
    expect(health?.log.length).toBeGreaterThan(0);
    await h.manager.stop(rec.id, { timeoutS: 5 });
  });

  it.for([
    ['stop', 0],
    ['kill', 137],
  ] as const)(
    '--health-on-failure %s ends an unhealthy container (exit %i)',
    async ([action, exitCode], ctx) => {
      requireRoot(ctx);
      requireTool(ctx, 'runc', 'cc');
      const h = await openHarness(cleanup);
      const rec = await h.manager.create(
        spec({
          cmd: sleeper,
          healthcheck: {
            test: ['CMD', 'false'],
            intervalMs: 100,
            timeoutMs: 2000,
            retries: 2,
            startPeriodMs: 0,
            startIntervalMs: 100,
          },
          healthOnFailure: action,
        }),
      );
      await h.manager.start(rec.id);
      const res = await h.manager.wait(rec.id);
      expect(res.exitCode).toBe(exitCode);
      const st = h.manager.get(rec.id).state;
      expect(st.status).toBe('exited');
      expect(st.health?.status).toBe('unhealthy');
      expect(st.health?.log.at(-1)?.exitCode).toBe(1);
    },
  );

  it('volumes: copy-up on first mount, data survives the container, rm of an in-use volume fails', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const rec = await h.manager.create(
      spec({
        cmd: [
          'sh',
          '-c',
          'ls /etc/passwd >/dev/null && cat /data/passwd | head -1; echo kept > /data/new',
        ],
        mounts: [{ type: 'volume', name: 'data1', target: '/data', readonly: false }],
      }),
    );
    // Copy-up needs image content at the target: mount over /etc instead.
    const rec2 = await h.manager.create(
      spec({
        cmd: ['sh', '-c', 'cat /etc/passwd | head -1'],
        mounts: [{ type: 'volume', name: 'etcvol', target: '/etc', readonly: false }],
      }),
    );
    await h.manager.start(rec2.id);
    await h.manager.wait(rec2.id);
    const logs = await readLogs(h.manager.logPath(rec2.id), { maxFiles: 3 });
    expect(logs[0]?.log).toMatch(/^root:/);
    const vol = await h.volumes.inspect('etcvol');
    expect(existsSync(join(vol.mountpoint, 'passwd'))).toBe(true);
    expect(await codeOf(h.volumes.remove('etcvol'))).toBe('VOLUME_IN_USE');
    await h.manager.start(rec.id);
    await h.manager.wait(rec.id);
    expect(readFileSync(join((await h.volumes.inspect('data1')).mountpoint, 'new'), 'utf8')).toBe(
      'kept\n',
    );
    await h.manager.remove(rec2.id, { force: false, volumes: false });
    await h.volumes.remove('etcvol');
    expect(await h.volumes.find('etcvol')).toBeUndefined();
  });

  it('rm refuses a running container unless forced; --rm removes on exit; read-only rootfs', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const h = await openHarness(cleanup);
    const rec = await h.manager.create(spec({ cmd: sleeper }));
    await h.manager.start(rec.id);
    expect(await codeOf(h.manager.remove(rec.id, { force: false, volumes: false }))).toBe(
      'CONTAINER_STATE',
    );
    await h.manager.remove(rec.id, { force: true, volumes: false });
    expect(await codeOf(Promise.resolve().then(() => h.manager.get(rec.id)))).toBe(
      'CONTAINER_NOT_FOUND',
    );
    const ro = await h.manager.create(
      spec({ cmd: ['sh', '-c', 'touch /x'], readOnly: true, autoRemove: true }),
    );
    await h.manager.start(ro.id);
    expect((await h.manager.wait(ro.id)).exitCode).not.toBe(0);
    await waitFor('auto-removal', () => !h.manager.list().some((r) => r.id === ro.id));
    // The name goes at once, the files after (the runtime's delete first): wait for those.
    await h.manager.settle(10_000);
    expect(existsSync(h.manager.dir(ro.id))).toBe(false);
    writeFileSync(join(h.root, 'marker'), '');
  });
});
