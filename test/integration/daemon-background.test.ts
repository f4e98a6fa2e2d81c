import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTsorch } from '../helpers/daemon.js';
import { requireRoot, useCleanup, waitFor } from '../helpers/host.js';
import { removeAndCheckNodeNetworks } from '../helpers/node-networks.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('tsorch daemon start | stop (the embedded default)', () => {
  const cleanup = useCleanup();

  /** A root and runtime directory of our own; the daemon in them is killed by PID on cleanup. */
  function dirs(): { env: Record<string, string>; root: string; run: string } {
    const base = mkdtempSync(join(tmpdir(), 'tsorch-bg-'));
    const root = join(base, 'root');
    const run = join(base, 'run');
    cleanup.push(() => rmSync(base, { recursive: true, force: true }));
    // After the daemon stopped (cleanups run last-in first-out): its bridge and chains, gone.
    cleanup.push(() => removeAndCheckNodeNetworks(root));
    cleanup.push(async () => {
      const pidFile = join(run, 'tsorch.pid');
      if (!existsSync(pidFile)) return;
      const pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
      if (!Number.isInteger(pid) || !alive(pid)) return;
      process.kill(pid, 'SIGTERM');
      await waitFor('the daemon to exit', () => !alive(pid), { timeoutMs: 30_000 }).catch(() => {
        process.kill(pid, 'SIGKILL');
      });
    });
    return { env: { TSORCH_ROOT: root, TSORCH_RUN: run }, root, run };
  }

  it('starts a daemon in the background, finds it running, and stops it by its pid', async (ctx) => {
    requireRoot(ctx);
    const { env, root, run } = dirs();
    const started = await runTsorch(['daemon', 'start'], { env, timeoutMs: 90_000 });
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    const m = /^tsorch daemon started \(pid (\d+)\); log: (.+)\n$/.exec(started.stdout);
    expect(m).not.toBeNull();
    const pid = Number(m?.[1]);
    expect(m?.[2]).toBe(join(root, 'daemon.log'));
    expect(readFileSync(join(root, 'daemon.log'), 'utf8')).toContain('daemon ready');
    expect(Number.parseInt(readFileSync(join(run, 'tsorch.pid'), 'utf8'), 10)).toBe(pid);
    // The CLI that started it has exited; the daemon goes on and answers.
    expect((await runTsorch(['version', '--server'], { env })).code).toBe(0);

    const again = await runTsorch(['daemon', 'start'], { env });
    expect(again.stdout).toBe(
      `tsorch daemon already running (pid ${pid}); log: ${join(root, 'daemon.log')}\n`,
    );

    const stopped = await runTsorch(['daemon', 'stop'], { env, timeoutMs: 90_000 });
    expect(stopped.stdout).toBe(`tsorch daemon stopped (pid ${pid})\n`);
    expect(alive(pid)).toBe(false);
    expect(existsSync(join(run, 'tsorch.sock'))).toBe(false);
    expect(readFileSync(join(root, 'daemon.log'), 'utf8')).toContain('daemon stopped');
  });

  it('is started by up when no daemon answers, and found by the commands after it', async (ctx) => {
    requireRoot(ctx);
    const { env, root } = dirs();
    const up = await runTsorch(['up', '-f', 'examples/web/compose.yml', '-d'], {
      env,
      timeoutMs: 90_000,
    });
    const m = /^Started a tsorch daemon on this machine \(pid (\d+)\); log: (.+)$/m.exec(up.stderr);
    expect(m?.[2]).toBe(join(root, 'daemon.log'));
    const pid = Number(m?.[1]);
    expect(alive(pid)).toBe(true);
    // A daemon started for up is not a swarm manager yet: up stops there and says what to do.
    expect(up.stderr).toContain(
      'does not serve the cluster services API: it is not a swarm manager',
    );
    expect(up.stderr).toContain('tsorch swarm init');
    expect((await runTsorch(['version', '--server'], { env })).code).toBe(0);
    const stopped = await runTsorch(['daemon', 'stop'], { env, timeoutMs: 90_000 });
    expect(stopped.stdout).toBe(`tsorch daemon stopped (pid ${pid})\n`);
  });

  it('says so when no daemon runs', async (ctx) => {
    requireRoot(ctx);
    const { env, run } = dirs();
    const r = await runTsorch(['daemon', 'stop'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error: No tsorch daemon is running for "${run}"\n`);
  });

  it('checks the daemon flags before it starts anything', async (ctx) => {
    requireRoot(ctx);
    const { env } = dirs();
    const r = await runTsorch(['daemon', 'start', '--runtime', 'nonesuch'], { env });
    // Flags are checked before anything starts.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Invalid value for --runtime: "nonesuch"');
  });
});
