import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogs } from '../../src/agent/logs/json-file.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { openHarness, spec } from './containers-harness.js';

// One conformance suite run against each runtime (STYLE.md).
describe.each(['runc', 'crun'] as const)(
  'container manager on %s (real shim, images)',
  (runtime) => {
    const cleanup = useCleanup();

    it('runs a container to completion: logs with streams, exit code, wait', async (ctx) => {
      requireRoot(ctx);
      requireTool(ctx, runtime, 'cc');
      const h = await openHarness(cleanup, runtime);
      const rec = await h.manager.create(
        spec({
          cmd: ['sh', '-c', 'echo out; echo err >&2; echo "$FOO $(pwd) $(id -u)"; exit 7'],
          env: ['FOO=bar'],
          workingDir: '/tmp',
          user: 'nobody',
        }),
      );
      await h.manager.start(rec.id);
      const res = await h.manager.wait(rec.id);
      expect(res.exitCode).toBe(7);
      const logs = await readLogs(h.manager.logPath(rec.id), { maxFiles: 3 });
      // Two pipes: the order between streams is not guaranteed (as with docker), within one it is.
      expect(logs.filter((l) => l.stream === 'stdout').map((l) => l.log)).toEqual([
        'out\n',
        'bar /tmp 65534\n',
      ]);
      expect(logs.filter((l) => l.stream === 'stderr').map((l) => l.log)).toEqual(['err\n']);
      expect(h.manager.get(rec.id).state).toMatchObject({
        status: 'exited',
        exitCode: 7,
        oomKilled: false,
      });
    });

    it('keeps a container running across a manager restart and re-adopts it', async (ctx) => {
      requireRoot(ctx);
      requireTool(ctx, runtime, 'cc');
      const h = await openHarness(cleanup, runtime);
      const rec = await h.manager.create(
        spec({
          cmd: [
            'sh',
            '-c',
            "trap 'exit 3' TERM; i=0; while true; do echo $i; i=$((i+1)); sleep 0.1; done",
          ],
        }),
      );
      await h.manager.start(rec.id);
      await waitFor(
        'some output',
        async () => (await readLogs(h.manager.logPath(rec.id), { maxFiles: 3 })).length >= 3,
      );
      const m2 = await h.reopen();
      expect(m2.get(rec.id).state.status).toBe('running');
      await waitFor(
        'more output',
        async () => (await readLogs(m2.logPath(rec.id), { maxFiles: 3 })).length >= 8,
      );
      await m2.stop(rec.id, { timeoutS: 5 });
      expect(m2.get(rec.id).state).toMatchObject({ status: 'exited', exitCode: 3 });
      const values = (await readLogs(m2.logPath(rec.id), { maxFiles: 3 })).map((l) =>
        Number(l.log),
      );
      expect(values).toEqual(values.map((_, i) => i));
    });

    it('remove frees the name at once and deletes the files after', async (ctx) => {
      requireRoot(ctx);
      requireTool(ctx, runtime, 'cc');
      const h = await openHarness(cleanup, runtime);
      const rec = await h.manager.create(spec({ name: 'reused', cmd: ['true'] }));
      await h.manager.start(rec.id);
      expect((await h.manager.wait(rec.id)).exitCode).toBe(0);
      await h.manager.remove(rec.id, { force: false, volumes: true });
      expect(() => h.manager.get(rec.id)).toThrow(
        expect.objectContaining({ code: 'CONTAINER_NOT_FOUND' }),
      );
      expect(await h.manager.wait(rec.id)).toEqual({ exitCode: 0, oomKilled: false });
      const again = await h.manager.create(spec({ name: 'reused', cmd: ['true'] }));
      expect(again.id).not.toBe(rec.id);
      await h.manager.settle(10_000);
      expect(existsSync(h.manager.dir(rec.id))).toBe(false);
      expect(existsSync(h.manager.dir(again.id))).toBe(true);
    });

    it('finishes at start-up a removal the daemon did not finish', async (ctx) => {
      requireRoot(ctx);
      requireTool(ctx, runtime, 'cc');
      const h = await openHarness(cleanup, runtime);
      const rec = await h.manager.create(spec({ cmd: ['true'] }));
      await h.manager.start(rec.id);
      await h.manager.wait(rec.id);
      // As a daemon killed after recording the removal leaves it.
      h.manager.close();
      const file = join(h.manager.dir(rec.id), 'container.json');
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { state: { status: string } };
      stored.state.status = 'removing';
      writeFileSync(file, JSON.stringify(stored));
      const m2 = await h.reopen();
      expect(m2.list().map((r) => r.id)).not.toContain(rec.id);
      expect(existsSync(m2.dir(rec.id))).toBe(false);
    });

    it('applies -m, --cpus and --pids-limit to the container cgroup', async (ctx) => {
      requireRoot(ctx);
      requireTool(ctx, runtime, 'cc');
      const h = await openHarness(cleanup, runtime);
      const rec = await h.manager.create(
        spec({
          cmd: ['sh', '-c', "trap 'exit 0' TERM; sleep 100 & wait"],
          resources: {
            memoryBytes: 64 * 1024 * 1024,
            cpuQuotaUs: 50_000,
            cpuPeriodUs: 100_000,
            pidsLimit: 50,
          },
        }),
      );
      await h.manager.start(rec.id);
      const paths = h.cgroups.paths(h.manager.cgroupsPath(rec.id));
      if (h.cgroups.mode !== 'v2') {
        expect(readFileSync(`${paths['memory'] ?? ''}/memory.limit_in_bytes`, 'utf8').trim()).toBe(
          String(64 * 1024 * 1024),
        );
        expect(readFileSync(`${paths['cpu'] ?? ''}/cpu.cfs_quota_us`, 'utf8').trim()).toBe('50000');
        expect(readFileSync(`${paths['pids'] ?? ''}/pids.max`, 'utf8').trim()).toBe('50');
      }
      await h.manager.stop(rec.id, { timeoutS: 5 });
    });
  },
);
