import { chmodSync, chownSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTsorch, startTestDaemon } from '../helpers/daemon.js';
import { requireRoot, useCleanup } from '../helpers/host.js';

describe('tsorch daemon', () => {
  const cleanup = useCleanup();

  it('serves the local API on a 0600 socket and answers version', async (ctx) => {
    requireRoot(ctx);
    const d = await startTestDaemon(cleanup);
    expect(statSync(d.socket).mode & 0o777).toBe(0o600);
    const r = await d.cli(['version', '--format', 'json']);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout) as { server?: { version: string; root: string } };
    expect(info.server?.root).toBe(d.root);
  });

  it('refuses a second daemon on the same runtime directory', async (ctx) => {
    requireRoot(ctx);
    const d = await startTestDaemon(cleanup);
    const second = await d.cli(['daemon'], { timeoutMs: 30_000 });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      /^Error: Cannot start the daemon: another tsorch daemon \(pid \d+\)/,
    );
    // The first one still answers.
    expect((await d.cli(['version'])).code).toBe(0);
  });

  it('makes its state and runtime directories private at every start, whoever made them', async (ctx) => {
    requireRoot(ctx);
    const d = await startTestDaemon(cleanup);
    await d.stop();
    chmodSync(d.root, 0o755);
    chownSync(d.root, 65534, 65534);
    chmodSync(d.run, 0o777);
    await d.restart();
    const root = statSync(d.root);
    expect(root.mode & 0o7777).toBe(0o700);
    expect([root.uid, root.gid]).toEqual([0, 0]);
    expect(statSync(d.run).mode & 0o7777).toBe(0o700);
  });

  it('refuses a second daemon on the same state directory until the first is gone', async (ctx) => {
    requireRoot(ctx);
    const d = await startTestDaemon(cleanup);
    const otherRun = mkdtempSync(join(tmpdir(), 'tsorch-run2-'));
    cleanup.push(() => {
      rmSync(otherRun, { recursive: true, force: true });
    });
    const second = await d.cli(['daemon'], { timeoutMs: 30_000, env: { TSORCH_RUN: otherRun } });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      `Error: Cannot start the daemon: another tsorch daemon (pid ${String(d.process.pid)}) uses the state directory "${d.root}"\n`,
    );
    expect((await d.cli(['version'])).code).toBe(0);
    // The kernel drops the lock of a killed daemon: a new one takes the root again.
    await d.kill9();
    await d.restart();
    expect((await d.cli(['version'])).code).toBe(0);
  });

  it('removes its socket and pid file on SIGTERM and starts again after SIGKILL', async (ctx) => {
    requireRoot(ctx);
    const d = await startTestDaemon(cleanup);
    await d.stop();
    expect(() => statSync(d.socket)).toThrow();
    await d.restart();
    await d.kill9();
    // The stale pid file and socket of a killed daemon do not block a new one.
    await d.restart();
    expect((await d.cli(['version'])).code).toBe(0);
  });

  it('prints the client part of version and exits 1 when no daemon answers', async () => {
    const r = await runTsorch(['version'], { env: { TSORCH_RUN: '/nonexistent-tsorch-run' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Client:\n Version: \S+\n Node\.js: v\S+\n$/);
    expect(r.stderr).toMatch(/^Error: Cannot connect to the tsorch daemon at /);
  });

  it('reports a missing daemon as one clear error', async () => {
    const r = await (
      await import('../helpers/daemon.js')
    ).runTsorch(['version', '--server'], { env: { TSORCH_RUN: '/nonexistent-tsorch-run' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Error: Cannot connect to the tsorch daemon at "unix:/nonexistent-tsorch-run/tsorch.sock"\n' +
        'Hint: start it with `tsorch daemon` (as root), or point TSORCH_HOST or TSORCH_RUN at a running one\n',
    );
  });
});
