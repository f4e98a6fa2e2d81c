/**
 * `--log-opt max-size/max-file` through the real daemon and CLI: the shim rotates the
 * container's json-file log at the given size over the given number of files, and `logs`
 * reads across the rotated files.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';
import { daemonWithBusybox } from './containers-harness.js';

describe('--log-opt max-size and max-file', () => {
  const cleanup = useCleanup();

  it('rotates at max-size over max-file files and logs reads across them', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    const lines = 300;
    const script = `i=0; while [ $i -lt ${String(lines)} ]; do echo line$i; i=$((i+1)); done`;
    const run = await d.cli([
      'run',
      '--name',
      'rot',
      '--log-opt',
      'max-size=2k',
      '--log-opt',
      'max-file=3',
      'busybox:test',
      'sh',
      '-c',
      script,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const id = (await d.cli(['inspect', 'rot'])).stdout;
    const doc = (JSON.parse(id) as { Id: string; HostConfig: { LogConfig: unknown } }[])[0];
    if (doc === undefined) throw new Error('inspect printed nothing');
    expect(doc.HostConfig.LogConfig).toEqual({
      Type: 'json-file',
      Config: { 'max-size': '2k', 'max-file': '3' },
    });
    const dir = join(d.root, 'containers', doc.Id);
    const files = readdirSync(dir)
      .filter((f) => f.startsWith('container.log'))
      .sort();
    expect(files).toEqual(['container.log', 'container.log.1', 'container.log.2']);
    // A record goes to the next file when it would pass the size: no file exceeds it.
    for (const f of files) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(2048);

    // logs: the newest lines, in order and without a gap, across the three files.
    const all = await d.cli(['logs', 'rot']);
    expect(all.code, all.stderr).toBe(0);
    const got = all.stdout.trim().split('\n');
    expect(got.length).toBeGreaterThan(60);
    expect(got.length).toBeLessThan(lines);
    const first = Number(got[0]?.replace('line', ''));
    expect(got).toEqual(
      Array.from({ length: lines - first }, (_, i) => `line${String(first + i)}`),
    );
    const tail = await d.cli(['logs', '--tail', '3', 'rot']);
    expect(tail.stdout).toBe('line297\nline298\nline299\n');
  });

  it('max-file=1 truncates in place; without --log-opt the log config is empty', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    const script = 'i=0; while [ $i -lt 100 ]; do echo line$i; i=$((i+1)); done';
    const r = await d.cli([
      'run',
      '--name',
      'one',
      '--log-opt',
      'max-size=1k',
      '--log-opt',
      'max-file=1',
      'busybox:test',
      'sh',
      '-c',
      script,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const inspect = JSON.parse((await d.cli(['inspect', 'one'])).stdout) as { Id: string }[];
    const dir = join(d.root, 'containers', inspect[0]?.Id ?? '');
    expect(readdirSync(dir).filter((f) => f.startsWith('container.log'))).toEqual([
      'container.log',
    ]);
    const logs = await d.cli(['logs', 'one']);
    expect(logs.stdout.endsWith('line99\n')).toBe(true);
    expect(logs.stdout.startsWith('line0\n')).toBe(false);
    expect((await d.cli(['run', '--name', 'def', 'busybox:test', 'true'])).code).toBe(0);
    const di = JSON.parse((await d.cli(['inspect', 'def'])).stdout) as {
      HostConfig: { LogConfig: unknown };
    }[];
    expect(di[0]?.HostConfig.LogConfig).toEqual({ Type: 'json-file', Config: {} });
  });

  it('refuses bad options with a message naming the option, creating nothing', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await daemonWithBusybox(cleanup);
    for (const [opt, message] of [
      ['max-size=ten', /Invalid --log-opt max-size="ten"/],
      ['max-file=0', /Invalid --log-opt max-file="0": use a whole number/],
      ['compress=true', /Unknown --log-opt "compress"/],
      ['max-size', /Invalid --log-opt "max-size": use KEY=VALUE/],
    ] as const) {
      const r = await d.cli(['run', '--log-opt', opt, 'busybox:test', 'true']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect((await d.cli(['ps', '-a', '-q'])).stdout).toBe('');
  });
});
