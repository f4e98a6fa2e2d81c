/**
 * Containers through the real daemon process and the CLI (separate processes), including a
 * daemon killed with SIGKILL and restarted while a container runs and logs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { tsorchCommand, type TestDaemon } from '../helpers/daemon.js';
import { daemonWithBusybox } from './containers-harness.js';

function cgroupFile(pid: number, controller: string, file: string): string {
  const line = readFileSync(`/proc/${pid}/cgroup`, 'utf8')
    .split('\n')
    .find((l) => l.split(':')[1]?.split(',').includes(controller));
  const path = line?.split(':')[2] ?? '';
  return readFileSync(join('/sys/fs/cgroup', controller, path, file), 'utf8').trim();
}

async function inspect(
  d: TestDaemon,
  name: string,
): Promise<{ State: { Pid: number; Status: string; OOMKilled: boolean; ExitCode: number } }> {
  const r = await d.cli(['inspect', name]);
  expect(r.code, r.stderr).toBe(0);
  const docs = JSON.parse(r.stdout) as {
    State: { Pid: number; Status: string; OOMKilled: boolean; ExitCode: number };
  }[];
  const doc = docs[0];
  if (doc === undefined) throw new Error('inspect printed nothing');
  return doc;
}

/** A CLI run in this process against `d`, collecting what it prints. */
function inProcessIo(d: TestDaemon): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: { write: (t: string) => (io.out += t) },
    stderr: { write: (t: string) => (io.err += t) },
    env: d.env,
    cwd: process.cwd(),
  };
  return io;
}

describe('containers through tsorch daemon and the CLI', () => {
  const cleanup = useCleanup();

  it('run attaches, returns the exit code, and --rm leaves nothing', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    const r = await d.cli([
      'run',
      '--rm',
      '-e',
      'WHO=world',
      'busybox:test',
      'sh',
      '-c',
      'echo "hello $WHO"; echo warn >&2; exit 3',
    ]);
    expect(r.stdout).toBe('hello world\n');
    expect(r.stderr).toContain('warn\n');
    expect(r.code).toBe(3);
    await waitFor('auto-removal', async () => (await d.cli(['ps', '-a', '-q'])).stdout === '');
  });

  it('run --rm gets all the output and the code of containers that end at once', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    // In-process CLI runs, back to back: each container ends (and is removed) about as soon as
    // it starts, so output read after the start or a removal racing the reader would show here.
    for (let i = 0; i < 12; i++) {
      const io = inProcessIo(d);
      const cmd = `echo out${String(i)}; echo err${String(i)} >&2; exit ${String(i % 4)}`;
      const code = await runCli(['run', '--rm', 'busybox:test', 'sh', '-c', cmd], io);
      expect({ code, out: io.out, err: io.err }).toEqual({
        code: i % 4,
        out: `out${String(i)}\n`,
        err: `err${String(i)}\n`,
      });
    }
    // A container that cannot start: the error, and --rm leaves nothing.
    const failed = inProcessIo(d);
    expect(await runCli(['run', '--rm', 'busybox:test', '/no/such/program'], failed)).toBe(1);
    expect(failed.err).toMatch(/^Error: .*no such file or directory/im);
    await waitFor('auto-removal', async () => (await d.cli(['ps', '-a', '-q'])).stdout === '');
    // rm answers before the files are deleted; image rm right after still finds the image free.
    expect((await d.cli(['run', '--name', 'last', 'busybox:test', 'true'])).code).toBe(0);
    // In-process, so the two calls come within milliseconds.
    const io = inProcessIo(d);
    expect(await runCli(['rm', 'last'], io)).toBe(0);
    expect(await runCli(['image', 'rm', 'busybox:test'], io), io.err).toBe(0);
  });

  it('--network host shares the host network namespace; the default has its own', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    const hostNs = readlinkSync('/proc/self/ns/net');
    const host = await d.cli([
      'run',
      '--rm',
      '--network',
      'host',
      'busybox:test',
      'readlink',
      '/proc/self/ns/net',
    ]);
    expect(host.code, host.stderr).toBe(0);
    expect(host.stdout.trim()).toBe(hostNs);
    const own = await d.cli(['run', '--rm', 'busybox:test', 'readlink', '/proc/self/ns/net']);
    expect(own.code, own.stderr).toBe(0);
    expect(own.stdout.trim()).toMatch(/^net:\[\d+\]$/);
    expect(own.stdout.trim()).not.toBe(hostNs);
  });

  it('-m 64m --cpus 0.5 --pids-limit 50 land in the container cgroup files', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    const r = await d.cli([
      'run',
      '-d',
      '--name',
      'lim',
      '-m',
      '64m',
      '--cpus',
      '0.5',
      '--pids-limit',
      '50',
      'busybox:test',
      'sh',
      '-c',
      "trap 'exit 0' TERM; sleep 1000 & wait",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const { Pid } = (await inspect(d, 'lim')).State;
    expect(cgroupFile(Pid, 'memory', 'memory.limit_in_bytes')).toBe(String(64 * 1024 * 1024));
    expect(cgroupFile(Pid, 'cpu', 'cpu.cfs_quota_us')).toBe('50000');
    expect(cgroupFile(Pid, 'cpu', 'cpu.cfs_period_us')).toBe('100000');
    expect(cgroupFile(Pid, 'pids', 'pids.max')).toBe('50');
    const stats = await d.cli(['stats', '--no-stream', '--format', 'json', 'lim']);
    expect(JSON.parse(stats.stdout)).toMatchObject({ Name: 'lim', MemUsage: /\/ 64MiB$/ });
    const stop = await d.cli(['stop', 'lim']);
    expect(stop.code).toBe(0);
    expect((await inspect(d, 'lim')).State).toMatchObject({ Status: 'exited', ExitCode: 0 });
    // A stopped container has no cgroup left: stats shows zeros, as docker stats does.
    const stopped = await d.cli(['stats', '--no-stream', '--format', 'json', 'lim']);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ PIDs: '0', MemUsage: '0B / 0B' });
  });

  it('a memory hog is OOM-killed and reported as such', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    const r = await d.cli([
      'run',
      '--name',
      'hog',
      '-m',
      '16m',
      '--memory-swap',
      '16m',
      'busybox:test',
      'sh',
      '-c',
      'x=aaaaaaaaaaaaaaaa; while true; do x="$x$x"; done',
    ]);
    expect(r.code).toBe(137);
    expect(r.stderr).toContain('OOMKilled');
    expect((await inspect(d, 'hog')).State.OOMKilled).toBe(true);
  });

  it('a SIGKILLed daemon re-adopts its running container and logs show no gap', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    const script = "trap 'exit 0' TERM; i=0; while true; do echo $i; i=$((i+1)); sleep 0.1; done";
    const run = await d.cli(['run', '-d', '--name', 'counter', 'busybox:test', 'sh', '-c', script]);
    expect(run.code, run.stderr).toBe(0);
    await waitFor(
      'counter output',
      async () => (await d.cli(['logs', 'counter'])).stdout.split('\n').length > 5,
    );
    await d.kill9();
    // The container keeps running and logging while no daemon runs.
    await new Promise((r) => setTimeout(r, 1000));
    await d.restart();
    // startTestDaemon's readiness check also matches the first daemon's "daemon ready" line.
    const ps = await waitFor('the restarted daemon', async () => {
      const r = await d.cli(['ps']);
      return r.code === 0 ? r : undefined;
    });
    expect(ps.stdout).toMatch(/counter/);
    expect(ps.stdout).toMatch(/Up /);
    await new Promise((r) => setTimeout(r, 500));
    expect((await d.cli(['stop', '-t', '5', 'counter'])).code).toBe(0);
    const logs = (await d.cli(['logs', 'counter'])).stdout.split('\n').filter((l) => l !== '');
    expect(logs.length).toBeGreaterThan(15);
    expect(logs).toEqual(logs.map((_, i) => String(i)));
    const tail = (await d.cli(['logs', '--tail', '2', 'counter'])).stdout;
    expect(tail).toBe(`${logs.at(-2) ?? ''}\n${logs.at(-1) ?? ''}\n`);
  });

  it('exec streams output and exit codes, and -i forwards stdin', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    expect(
      (
        await d.cli([
          'run',
          '-d',
          '--name',
          'x',
          'busybox:test',
          'sh',
          '-c',
          "trap 'exit 0' TERM; sleep 1000 & wait",
        ])
      ).code,
    ).toBe(0);
    const e = await d.cli([
      'exec',
      '-e',
      'A=1',
      '-w',
      '/tmp',
      '-u',
      'nobody',
      'x',
      'sh',
      '-c',
      'echo "$A $(pwd) $(id -u)"; echo e >&2; exit 4',
    ]);
    expect(e).toMatchObject({ code: 4, stdout: '1 /tmp 65534\n', stderr: 'e\n' });
    const i = await d.cli(['exec', '-i', 'x', 'sh', '-c', 'tr a-z A-Z'], {
      input: 'hello stdin\n',
    });
    expect(i).toMatchObject({ code: 0, stdout: 'HELLO STDIN\n' });
    const t = await d.cli(['exec', '-t', 'x', 'true']);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('not a TTY');
    // exec -it from a real terminal: `script` gives the CLI a pty.
    const { cmd, args } = tsorchCommand(['exec', '-it', 'x', 'sh', '-c', 'tty; exit 5']);
    const line = [cmd, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    const r = spawnSync('script', ['-qec', line, '/dev/null'], {
      env: { ...process.env, ...d.env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(5);
    expect(r.stdout).toMatch(/\/dev\/pts\/\d+/);
  });

  it('lifecycle verbs through the CLI: pause, unpause, kill, wait, start, restart, top, health', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    const sleeper = "trap 'exit 0' TERM; sleep 1000 & wait";
    const run = await d.cli([
      'run',
      '-d',
      '--name',
      'l',
      '--health-cmd',
      'true',
      '--health-interval',
      '200ms',
      'busybox:test',
      'sh',
      '-c',
      sleeper,
    ]);
    expect(run.code, run.stderr).toBe(0);
    await waitFor('healthy', async () => (await d.cli(['ps'])).stdout.includes('(healthy)'));
    expect((await d.cli(['pause', 'l'])).code).toBe(0);
    expect((await d.cli(['ps'])).stdout).toContain('(Paused)');
    expect((await d.cli(['unpause', 'l'])).code).toBe(0);
    const top = await d.cli(['top', 'l']);
    expect(top.stdout).toMatch(/^UID\s+PID\s+PPID\s+CMD/);
    expect(top.stdout).toContain('sleep 1000');
    const waiting = d.cli(['wait', 'l']);
    expect((await d.cli(['kill', '-s', 'TERM', 'l'])).code).toBe(0);
    expect((await waiting).stdout).toBe('0\n');
    expect((await d.cli(['start', 'l'])).code).toBe(0);
    expect((await d.cli(['restart', '-t', '2', 'l'])).code).toBe(0);
    const doc = JSON.parse((await d.cli(['inspect', 'l'])).stdout) as {
      State: { Status: string };
      RestartCount: number;
    }[];
    expect(doc[0]?.State.Status).toBe('running');
    const unpaused = await d.cli(['unpause', 'l']);
    expect(unpaused.code).toBe(1);
    expect(unpaused.stderr).toContain('it is not paused');
  });

  it('runs containers with --runtime crun', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'crun', 'cc');
    const d = await daemonWithBusybox(cleanup, 'crun');
    const r = await d.cli([
      'run',
      '--rm',
      '--pids-limit',
      '20',
      'busybox:test',
      'sh',
      '-c',
      'echo on-crun; cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('on-crun\n20\n');
    expect(r.code).toBe(0);
  });

  it('CLI errors are clear: unknown container, volume in use, bad flags', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    const rm = await d.cli(['rm', 'nosuch']);
    expect(rm.code).toBe(1);
    expect(rm.stderr).toBe('Error: No such container: "nosuch"\n');
    expect(
      (
        await d.cli([
          'run',
          '-d',
          '--name',
          'v',
          '-v',
          'data:/data',
          'busybox:test',
          'sh',
          '-c',
          "trap 'exit 0' TERM; sleep 1000 & wait",
        ])
      ).code,
    ).toBe(0);
    const vrm = await d.cli(['volume', 'rm', 'data']);
    expect(vrm.code).toBe(1);
    expect(vrm.stderr).toContain('in use by container "v"');
    const bad = await d.cli(['run', '--restart', 'sometimes', 'busybox:test', 'true']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Invalid restart policy "sometimes"');
    const img = await d.cli(['run', 'nosuch:latest', 'true']);
    expect(img.code).toBe(1);
    expect(img.stderr).toMatch(/^Error: .*nosuch/);
    expect((await d.cli(['rm', '-f', 'v'])).code).toBe(0);
    expect((await d.cli(['volume', 'rm', 'data'])).code).toBe(0);
  });
});
