/**
 * `tsorch stats` through the real daemon and CLI: docker's columns from the containers' real
 * cgroup files, a stream that refreshes until Ctrl-C (SIGINT) and follows containers as they
 * start, `--no-stream` for one sample, and its errors.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { tsorchCommand, type TestDaemon } from '../helpers/daemon.js';
import { daemonWithBusybox } from './containers-harness.js';

const idle = ['sh', '-c', "trap 'exit 0' TERM; sleep 1000 & wait"];

/** A CLI process whose output is collected as it comes; stopped with SIGINT. */
function startCli(d: TestDaemon, args: string[]) {
  const { cmd, args: argv } = tsorchCommand(args);
  const child = spawn(cmd, argv, {
    env: { ...process.env, ...d.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (t: string) => (out.stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (out.stderr += t));
  const exited = new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
  return { child, out, exited };
}

describe('tsorch stats', () => {
  const cleanup = useCleanup();

  it('--no-stream shows one sample of every running container from its cgroup', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    const busy = ['sh', '-c', "trap 'exit 0' TERM; while :; do :; done & wait"];
    for (const [name, cmd, extra] of [
      ['busy', busy, ['--cpus', '0.5']],
      ['calm', idle, ['-m', '64m']],
    ] as const) {
      const r = await d.cli(['run', '-d', '--name', name, ...extra, 'busybox:test', ...cmd]);
      expect(r.code, r.stderr).toBe(0);
    }
    expect((await d.cli(['run', '--name', 'done', 'busybox:test', 'true'])).code).toBe(0);

    const t = await d.cli(['stats', '--no-stream']);
    expect(t.code, t.stderr).toBe(0);
    const lines = t.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %\s+NET I\/O\s+BLOCK I\/O\s+PIDS$/,
    );
    // Running containers only, oldest first; the exited one shows with -a.
    expect(lines.slice(1).map((l) => l.split(/\s+/)[1])).toEqual(['busy', 'calm']);
    const all = await d.cli(['stats', '--no-stream', '-a', '--format', '{{.Name}}']);
    expect(all.stdout.split('\n').filter(Boolean).sort()).toEqual(['busy', 'calm', 'done']);

    const j = await d.cli(['stats', '--no-stream', '--format', 'json', 'busy', 'calm']);
    expect(j.code, j.stderr).toBe(0);
    const [b, c] = j.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    // --cpus 0.5: the CFS quota holds the busy loop near half a CPU.
    const cpu = Number(b?.['CPUPerc']?.replace('%', ''));
    expect(cpu).toBeGreaterThan(15);
    expect(cpu).toBeLessThan(70);
    expect(b?.['PIDs']).toBe('2');
    // Containers join the default bridge network: received / sent bytes of their own netns.
    expect(b?.['NetIO']).toMatch(/^\d+(\.\d+)?(B|kB|MB|GB) \/ \d+(\.\d+)?(B|kB|MB|GB)$/);
    expect(c?.['MemUsage']).toMatch(/^\d+(\.\d+)?(B|KiB|MiB) \/ 64MiB$/);
    expect(Number(c?.['CPUPerc']?.replace('%', ''))).toBeLessThan(5);
    expect(c?.['ID']).toMatch(/^[0-9a-f]{12}$/);
  });

  it('streams until SIGINT and follows containers as they start', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    expect((await d.cli(['run', '-d', '--name', 'first', 'busybox:test', ...idle])).code).toBe(0);
    const s = startCli(d, ['stats', '--format', '{{.Name}} {{.PIDs}}']);
    cleanup.push(() => s.child.kill('SIGKILL'));
    await waitFor('two samples', () => s.out.stdout.split('first ').length > 2, {
      timeoutMs: 20_000,
    });
    expect((await d.cli(['run', '-d', '--name', 'second', 'busybox:test', ...idle])).code).toBe(0);
    await waitFor('the new container in the stream', () => s.out.stdout.includes('second 2'), {
      timeoutMs: 20_000,
    });
    s.child.kill('SIGINT');
    expect(await s.exited, s.out.stderr).toBe(0);
    expect(s.out.stderr).toBe('');
  });

  it('a named container that is removed ends the stream; bad input is refused', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    expect((await d.cli(['run', '-d', '--name', 'gone', 'busybox:test', ...idle])).code).toBe(0);
    const s = startCli(d, ['stats', '--format', 'json', 'gone']);
    cleanup.push(() => s.child.kill('SIGKILL'));
    await waitFor('a sample', () => s.out.stdout.includes('"gone"'), { timeoutMs: 20_000 });
    expect((await d.cli(['rm', '-f', 'gone'])).code).toBe(0);
    expect(await s.exited, s.out.stderr).toBe(0);

    const missing = await d.cli(['stats', '--no-stream', 'nosuch']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No such container.*nosuch/i);
    const both = await d.cli(['stats', '-a', 'x']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--all and container names/);
    const format = await d.cli(['stats', '--no-stream', '--format', 'yaml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format/);
  });
});
