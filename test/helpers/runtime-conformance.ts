/**
 * One conformance suite for every OCI runtime driver (runc, crun): real busybox containers
 * from bundles written by tsorch, checked from the inside (their output) and from the host
 * (cgroup files, runtime state). Each test file calls {@link describeRuntime} for one runtime.
 *
 * @module
 */
import { mkdtempSync, openSync, closeSync, promises as fs, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { openCgroupDriver, type CgroupDriver } from '../../src/agent/cgroups/index.js';
import {
  allCapabilities,
  buildOciSpec,
  cpusToQuota,
  detectHostInfo,
  execProcess,
  openRuntime,
  resolveCapabilities,
  writeBundle,
  type ContainerConfig,
  type OciSpec,
  type Runtime,
  type RuntimeName,
} from '../../src/agent/runtime/index.js';
import { runCommand } from '../../src/agent/runtime/spawn.js';
import { hasCode } from '../../src/util/errors.js';
import { hostHas, requireRoot, requireTool, runPrefix, useCleanup, waitFor } from './host.js';
import { buildBusyboxRootfs } from './images.js';

/** A container started by the suite. */
export interface TestContainer {
  id: string;
  spec: OciSpec;
  bundle: string;
  /** Host path of the file receiving the container's stdout and stderr. */
  outputPath: string;
  output(): string;
  /** Host directories of the container's cgroup, by controller. */
  cgroup: Record<string, string>;
}

/** Expected CapEff mask (hex, 16 digits) for a capability list. */
export function capMask(caps: readonly string[]): string {
  let mask = 0n;
  for (const c of caps) mask |= 1n << BigInt(allCapabilities.indexOf(c));
  return mask.toString(16).padStart(16, '0');
}

/** Registers the runtime conformance suite for `name`. */
export function describeRuntime(name: RuntimeName): void {
  describe.skipIf(!hostHas(name) && process.env['CI'] !== 'true')(
    `runtime conformance: ${name}`,
    () => {
      const cleanup = useCleanup();
      const host = detectHostInfo();
      const prefix = `${runPrefix()}-${name}`;
      const cgroupParent = `tsorch-test-${prefix}`;
      let work = '';
      let rootfs = '';
      let runtime: Runtime;
      let cgroups: CgroupDriver;
      let seq = 0;

      beforeAll(async () => {
        if (!hostHas(name)) return;
        work = mkdtempSync(join(tmpdir(), `tsorch-rt-${name}-`));
        rootfs = join(work, 'rootfs');
        await buildBusyboxRootfs(rootfs);
        runtime = await openRuntime(name, { stateDir: join(work, 'state') });
        cgroups = await openCgroupDriver();
      });

      afterAll(async () => {
        if (work === '') return;
        await cgroups.remove(`/${cgroupParent}`);
        rmSync(work, { recursive: true, force: true });
      });

      beforeEach((ctx) => {
        requireRoot(ctx);
        requireTool(ctx, name);
      });

      /** Creates and starts a container; deleted (forced) after the test. */
      async function start(
        cfg: Partial<ContainerConfig> & { args: string[] },
        opts: { start?: boolean } = {},
      ): Promise<TestContainer> {
        const id = `${prefix}-${++seq}`;
        const bundle = join(work, id);
        const spec = buildOciSpec(
          { id, rootfsPath: rootfs, cgroupParent, hostname: `h${seq}`, ...cfg },
          host,
        );
        await writeBundle(bundle, spec);
        const outputPath = join(bundle, 'output.log');
        const fd = openSync(outputPath, 'a');
        cleanup.push(() => runtime.delete(id, { force: true }));
        try {
          await runtime.create(id, bundle, { stdio: ['ignore', fd, fd] });
        } finally {
          closeSync(fd);
        }
        if (opts.start !== false) await runtime.start(id);
        return {
          id,
          spec,
          bundle,
          outputPath,
          output: () => readFileSync(outputPath, 'utf8'),
          cgroup: cgroups.paths(spec.linux.cgroupsPath),
        };
      }

      /** Waits until the container's init exited. */
      async function waitStopped(c: TestContainer, timeoutMs = 15_000): Promise<void> {
        await waitFor(
          `container ${c.id} to stop`,
          async () => (await runtime.state(c.id)).status === 'stopped',
          { timeoutMs },
        );
      }

      /** Runs `script` in a new container to completion and returns its output. */
      async function runScript(
        script: string,
        cfg: Partial<ContainerConfig> = {},
      ): Promise<string> {
        const c = await start({ ...cfg, args: ['sh', '-c', script] });
        await waitStopped(c);
        return c.output();
      }

      const loop = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done'];

      it('applies args, env, cwd, user, groups and hostname', async () => {
        const out = await runScript(
          'echo "foo=$FOO"; pwd; id -u; id -g; id -G; hostname; echo "$PATH"',
          {
            env: ['FOO=bar'],
            cwd: '/tmp',
            user: { uid: 65534, gid: 65534, additionalGids: [5] },
          },
        );
        const lines = out.trim().split('\n');
        expect(lines.slice(0, 6)).toEqual([
          'foo=bar',
          '/tmp',
          '65534',
          '65534',
          '65534 5',
          `h${seq}`,
        ]);
        expect(lines[6]).toContain('/usr/bin');
      });

      it('puts -m 64m --cpus 0.5 --pids-limit 50 into the container cgroup files', async () => {
        const c = await start({
          args: loop,
          resources: { memoryBytes: 64 * 1024 * 1024, ...cpusToQuota(0.5), pidsLimit: 50 },
        });
        const read = (controller: string, file: string): string =>
          readFileSync(join(c.cgroup[controller] ?? '', file), 'utf8').trim();
        if (cgroups.mode === 'v2') {
          expect(read('unified', 'memory.max')).toBe(String(64 * 1024 * 1024));
          expect(read('unified', 'cpu.max')).toBe('50000 100000');
          expect(read('unified', 'pids.max')).toBe('50');
        } else {
          expect(read('memory', 'memory.limit_in_bytes')).toBe(String(64 * 1024 * 1024));
          expect(read('cpu', 'cpu.cfs_quota_us')).toBe('50000');
          expect(read('cpu', 'cpu.cfs_period_us')).toBe('100000');
          expect(read('pids', 'pids.max')).toBe('50');
        }
        // The container sees its own cgroup as the root of its cgroup namespace.
        const ps = await runtime.exec(
          c.id,
          execProcess(c.spec, { args: ['cat', '/proc/self/cgroup'] }),
        );
        expect(ps.stdout).toMatch(/pids:\/$/m);
      });

      it('stops a fork bomb at the pids limit', async () => {
        const c = await start({
          args: [
            'sh',
            '-c',
            // The loop runs in a subshell: ash gives up on the first failed fork; the outer
            // shell then waits without forking again.
            '(i=0; while [ $i -lt 200 ]; do sleep 600 & i=$((i+1)); done); echo spawned; exec sleep 600',
          ],
          resources: { pidsLimit: 20 },
        });
        await waitFor('the fork loop to finish', () => c.output().includes('spawned'));
        const stats = await cgroups.readStats(c.spec.linux.cgroupsPath);
        expect(stats.pidsLimit).toBe(20);
        expect(stats.pidsCurrent).toBeLessThanOrEqual(20);
        expect(stats.pidsCurrent).toBeGreaterThanOrEqual(15);
        expect(c.output()).toMatch(/can't fork/);
      });

      it('OOM-kills a memory hog and reports it', async () => {
        const mem = 16 * 1024 * 1024;
        const c = await start({
          args: ['sh', '-c', 'a=0123456789abcdef; while true; do a="$a$a"; done'],
          resources: { memoryBytes: mem, memorySwapBytes: mem },
        });
        await waitStopped(c, 30_000);
        expect(await cgroups.readOomKills(c.spec.linux.cgroupsPath)).toBeGreaterThanOrEqual(1);
      });

      it('grants Docker default capabilities, honouring cap-add and cap-drop', async () => {
        const out = await runScript('grep -E "^Cap(Eff|Bnd):" /proc/self/status', {});
        expect(out).toContain(`CapEff:\t${capMask(resolveCapabilities({}))}`);
        const tuned = await runScript('grep -E "^CapEff:" /proc/self/status', {
          capAdd: ['sys_admin'],
          capDrop: ['NET_RAW', 'CAP_MKNOD'],
        });
        const caps = resolveCapabilities({
          capAdd: ['sys_admin'],
          capDrop: ['NET_RAW', 'CAP_MKNOD'],
        });
        expect(caps).toContain('CAP_SYS_ADMIN');
        expect(caps).not.toContain('CAP_NET_RAW');
        expect(tuned).toContain(`CapEff:\t${capMask(caps)}`);
      });

      it('keeps a read-only root filesystem read-only (tmpfs mounts stay writable)', async () => {
        const out = await runScript(
          'touch /probe 2>/dev/null && echo root-writable || echo root-readonly; touch /scratch/ok && echo tmpfs-writable',
          { readonlyRootfs: true, mounts: [{ type: 'tmpfs', target: '/scratch' }] },
        );
        expect(out).toContain('root-readonly');
        expect(out).toContain('tmpfs-writable');
      });

      it('masks /proc and /sys paths and keeps /proc/sys read-only', async () => {
        const out = await runScript(
          'echo "timer_list=$(wc -c < /proc/timer_list)"; echo "firmware=$(ls /sys/firmware | wc -l)"; ' +
            '(echo 1 > /proc/sys/kernel/ns_last_pid) 2>/dev/null && echo sys-writable || echo sys-readonly',
        );
        expect(out).toContain('timer_list=0');
        expect(out).toContain('firmware=0');
        expect(out).toContain('sys-readonly');
      });

      it('blocks syscalls outside the default seccomp profile', async () => {
        // Creating a user namespace needs no capability, so only seccomp can refuse it.
        const script = 'busybox unshare -U true && echo unshare-ok || echo unshare-denied';
        expect(await runScript(script)).toContain('unshare-denied');
        expect(await runScript(script, { seccomp: 'unconfined' })).toContain('unshare-ok');
      });

      it('applies ulimits and namespaced sysctls', async () => {
        const out = await runScript('ulimit -n; cat /proc/sys/kernel/shmmni', {
          ulimits: [{ name: 'nofile', soft: 321, hard: 654 }],
          sysctls: { 'kernel.shmmni': '1234' },
        });
        expect(out.trim().split('\n')).toEqual(['321', '1234']);
      });

      it('pauses and resumes: the state shows paused and a counter stops advancing', async () => {
        const data = join(work, `data-${++seq}`);
        await fs.mkdir(data);
        const counter = join(data, 'n');
        const c = await start({
          args: [
            'sh',
            '-c',
            'trap "exit 0" TERM; i=0; while true; do i=$((i+1)); echo $i > /data/n; sleep 0.02; done',
          ],
          mounts: [{ type: 'bind', source: data, target: '/data' }],
        });
        const value = (): number => {
          try {
            return Number(readFileSync(counter, 'utf8').trim() || '0');
          } catch {
            return 0; // not written yet
          }
        };
        await waitFor('the counter to start', () => value() > 3);
        await runtime.pause(c.id);
        expect((await runtime.state(c.id)).status).toBe('paused');
        expect(await cgroups.readFreezerState(c.spec.linux.cgroupsPath)).toBe('frozen');
        const frozenAt = value();
        await new Promise((r) => setTimeout(r, 300));
        expect(value()).toBe(frozenAt);
        await runtime.resume(c.id);
        expect((await runtime.state(c.id)).status).toBe('running');
        await waitFor('the counter to advance again', () => value() > frozenAt + 3);
      });

      it('delivers a signal to the init process', async () => {
        const c = await start({
          args: [
            'sh',
            '-c',
            'trap "echo got-usr1; exit 7" USR1; echo ready; while true; do sleep 0.1; done',
          ],
        });
        await waitFor('the trap to be set', () => c.output().includes('ready'));
        await runtime.kill(c.id, 'SIGUSR1');
        await waitStopped(c);
        expect(c.output()).toContain('got-usr1');
      });

      it('execs into a running container with its environment and exit code', async () => {
        const c = await start({ args: loop, env: ['FOO=bar'] });
        const r = await runtime.exec(
          c.id,
          execProcess(c.spec, {
            args: ['sh', '-c', 'echo "$FOO $BAZ"; hostname; exit 3'],
            env: ['BAZ=qux'],
          }),
        );
        expect(r.stdout.trim().split('\n')).toEqual(['bar qux', c.spec.hostname]);
        expect(r.exitCode).toBe(3);
        const ps = await runtime.ps(c.id);
        expect(ps.length).toBeGreaterThanOrEqual(1);
        await expect(
          runtime.exec(c.id, execProcess(c.spec, { args: ['/no/such/binary'] })),
        ).rejects.toMatchObject({ code: 'RUNTIME_EXEC_FAILED' });
      });

      it('kills an exec that outlives its deadline', async () => {
        const c = await start({ args: loop });
        const r = await runtime.exec(c.id, execProcess(c.spec, { args: ['sleep', '300'] }), {
          timeoutMs: 500,
        });
        expect(r.timedOut).toBe(true);
        await waitFor('the timed-out exec process to be gone', async () => {
          const out = await runtime.exec(c.id, execProcess(c.spec, { args: ['ps', '-o', 'args'] }));
          return !out.stdout.includes('sleep 300');
        });
      });

      it('runs the init binary as PID 1 when asked', async (ctx: TestContext) => {
        if (host.initBinaryPath === undefined) {
          if (process.env['CI'] === 'true')
            expect.fail('tini-static missing (scripts/setup-host.sh)');
          ctx.skip('needs tini-static (apt-get install tini)');
        }
        const out = await runScript('tr "\\0" " " < /proc/1/cmdline; echo; echo "me=$$"', {
          init: true,
        });
        expect(out).toContain('/sbin/tsorch-init -- sh -c');
        expect(out).not.toContain('me=1\n');
      });

      it('reports unknown containers and runtime failures with stable codes', async () => {
        await expect(runtime.state(`${prefix}-nope`)).rejects.toMatchObject({
          code: 'CONTAINER_NOT_FOUND',
        });
        await expect(runtime.kill(`${prefix}-nope`, 'TERM')).rejects.toMatchObject({
          code: 'CONTAINER_NOT_FOUND',
        });
        const c = await start({ args: ['/no/such/entrypoint'] }, { start: false }).catch(
          (err: unknown) => err,
        );
        // runc reports a missing entrypoint at start, crun already at create.
        if (hasCode(c, 'RUNTIME_EXEC_FAILED')) {
          expect(c.details?.['stderrTail']).toMatch(/no such file|not found/i);
        } else {
          const started = c as TestContainer;
          const err = await runtime.start(started.id).catch((e: unknown) => e);
          expect(err).toMatchObject({ code: 'RUNTIME_EXEC_FAILED' });
        }
        await expect(
          runtime.create(`${prefix}-badbundle`, join(work, 'no-such-bundle')),
        ).rejects.toMatchObject({ code: 'RUNTIME_EXEC_FAILED' });
        const proc = {
          terminal: false,
          user: { uid: 0, gid: 0 },
          args: ['true'],
          env: [],
          cwd: '/',
        };
        await expect(runtime.exec(`${prefix}-nope`, proc)).rejects.toMatchObject({
          code: 'CONTAINER_NOT_FOUND',
        });
        // Deleting a running container needs force.
        const running = await start({ args: loop });
        await expect(runtime.delete(running.id)).rejects.toMatchObject({
          code: 'RUNTIME_EXEC_FAILED',
        });
        expect((await runtime.state(running.id)).status).toBe('running');
      });

      it('creates and starts in one invocation (run --detach)', async () => {
        const id = `${prefix}-${++seq}`;
        const bundle = join(work, id);
        const spec = buildOciSpec({ id, rootfsPath: rootfs, cgroupParent, args: loop }, host);
        await writeBundle(bundle, spec);
        cleanup.push(() => runtime.delete(id, { force: true }));
        await runtime.run(id, bundle, { pidFile: join(bundle, 'pid') });
        const state = await runtime.state(id);
        expect(state.status).toBe('running');
        expect(state.pid).toBe(Number(readFileSync(join(bundle, 'pid'), 'utf8')));
        // KILL, not TERM: a TERM sent before the shell set its trap is dropped (PID 1).
        await runtime.kill(id, 'KILL');
        await waitFor(
          'the container to stop',
          async () => (await runtime.state(id)).status === 'stopped',
        );
      });

      it('bind-mounts the etc files, volumes and read-only binds', async () => {
        const files = join(work, `etc-${++seq}`);
        await fs.mkdir(join(files, 'vol'), { recursive: true });
        await fs.writeFile(join(files, 'hosts'), '127.0.0.1 localhost\n10.1.2.3 peer\n');
        await fs.writeFile(join(files, 'hostname'), 'etc-test\n');
        await fs.writeFile(join(files, 'resolv.conf'), 'nameserver 10.0.0.53\n');
        const out = await runScript(
          'cat /etc/hosts /etc/hostname /etc/resolv.conf; echo data > /vol/f && echo vol-written; ' +
            '(echo x > /ro/f) 2>/dev/null && echo ro-written || echo ro-refused',
          {
            etcFiles: {
              hosts: join(files, 'hosts'),
              hostname: join(files, 'hostname'),
              resolvConf: join(files, 'resolv.conf'),
            },
            mounts: [
              { type: 'volume', source: join(files, 'vol'), target: '/vol' },
              { type: 'bind', source: files, target: '/ro', readonly: true },
            ],
          },
        );
        expect(out).toContain('10.1.2.3 peer');
        expect(out).toContain('etc-test');
        expect(out).toContain('nameserver 10.0.0.53');
        expect(out).toContain('vol-written');
        expect(out).toContain('ro-refused');
        expect(readFileSync(join(files, 'vol', 'f'), 'utf8')).toBe('data\n');
      });

      it('keeps its containers in its own state directory', async () => {
        const c = await start({ args: loop });
        const listed = await runCommand(runtime.argv.list(), { timeoutMs: 10_000 });
        expect(listed.stderr).toBe(''); // nothing in the state directory but containers
        const ids = (await runtime.list()).map((s) => s.id);
        expect(ids).toContain(c.id);
        expect(ids.every((id) => id.startsWith(prefix))).toBe(true);
        await runtime.delete(c.id, { force: true });
        expect(await cgroups.exists(c.spec.linux.cgroupsPath)).toBe(false);
        await expect(runtime.state(c.id)).rejects.toMatchObject({ code: 'CONTAINER_NOT_FOUND' });
      });
    },
  );
}
