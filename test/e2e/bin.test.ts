/**
 * The published command, bin/tsorch (a launcher running the bundle `npm run build` writes to
 * dist/cli), end to end: the daemon and the CLI both run from the bundle, so the paths it
 * resolves at run time (proto/, the shim's source) are checked as users get them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  removeContainersOnCleanup,
  runTsorch,
  startTestDaemon,
  tsorchBin,
} from '../helpers/daemon.js';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';
import { writeBusyboxArchive } from '../helpers/images.js';

const bundle = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'tsorch.js');

describe('bin/tsorch', () => {
  const cleanup = useCleanup();

  it('runs the bundle built by npm run build', async () => {
    expect(existsSync(bundle), `${bundle} is missing: run npm run build first`).toBe(true);
    const r = await runTsorch(['--version'], { bin: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('does not make Node load NODE_EXTRA_CA_CERTS at start-up', async () => {
    // Node warns at start-up about an extra-certificates file it cannot read: the launcher
    // passes the variable on as TSORCH_EXTRA_CA_CERTS instead, so Node never reads it.
    const missing = join(tmpdir(), `tsorch-no-such-ca-${String(process.pid)}.pem`);
    const plain = await runTsorch(['--version'], {
      bin: true,
      env: { NODE_EXTRA_CA_CERTS: missing },
    });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toBe('');
    // The same variable given to node directly does make it read (and warn): the check above
    // can fail.
    const direct = spawnSync(process.execPath, ['-e', '0'], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: missing },
      encoding: 'utf8',
    });
    expect(direct.stderr).toContain('extra certs');
  });

  it('ends quietly when its reader goes away (a closed pipe)', () => {
    // `true` exits before Node has started, so every write meets a closed pipe.
    const r = spawnSync('sh', ['-c', `"${tsorchBin}" run --help | true`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('works through a symbolic link, as npm installs it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsorch-bin-link-'));
    cleanup.push(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    symlinkSync(tsorchBin, join(dir, 'tsorch'));
    const r = spawnSync(join(dir, 'tsorch'), ['--version'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('runs a daemon and a container from the bundle', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'cc');
    const d = await startTestDaemon(cleanup, { bin: true });
    removeContainersOnCleanup(cleanup, d);
    const archive = join(d.root, '..', 'busybox.tar');
    await writeBusyboxArchive(archive, { format: 'docker' });
    const load = await d.cli(['image', 'load', '-i', archive]);
    expect(load.code, load.stderr).toBe(0);

    const run = await d.cli(['run', '--rm', 'busybox:test', 'sh', '-c', 'echo hello; exit 3']);
    expect(run.stdout).toBe('hello\n');
    expect(run.code, run.stderr).toBe(3);

    // A compose file through the bundled compose front end.
    const file = join(d.root, '..', 'compose.yml');
    writeFileSync(file, 'services:\n  web:\n    image: busybox:test\n');
    const cfg = await d.cli(['config', '-f', file, '--services']);
    expect(cfg.stdout, cfg.stderr).toBe('web\n');
  });
});
