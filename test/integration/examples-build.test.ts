import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeContainersOnCleanup, startTestDaemon } from '../helpers/daemon.js';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';

const repo = join(import.meta.dirname, '..', '..');

describe('the examples build on a fresh daemon with no registry (tsorch compose build)', () => {
  const cleanup = useCleanup();

  it('builds the images of examples/web, tiers and workers and runs them', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'busybox');
    execFileSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts/prepare-examples.ts')]);
    const d = await startTestDaemon(cleanup);
    removeContainersOnCleanup(cleanup, d);
    for (const name of ['web', 'tiers', 'workers']) {
      const r = await d.cli(['-f', `examples/${name}/compose.yml`, 'build', '-q'], {
        timeoutMs: 300_000,
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const images = (await d.cli(['image', 'ls', '--format', '{{.repository}}:{{.tag}}'])).stdout;
    expect(
      images
        .split('\n')
        .filter((l) => l !== '')
        .sort(),
    ).toEqual([
      'tiers/app:1',
      'tiers/proxy:1',
      'tiers/store:1',
      'web/busybox:1',
      'workers/busybox:1',
    ]);
    // The app tier's CGI scripts are in place and executable.
    const run = await d.cli([
      'run',
      '--rm',
      'tiers/app:1',
      'sh',
      '-c',
      'test -x /www/cgi-bin/hello && echo ok',
    ]);
    expect(run.stdout).toBe('ok\n');
  });
});
