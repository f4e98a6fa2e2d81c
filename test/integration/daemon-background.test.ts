import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTsorch, startTestDaemon } from '../helpers/daemon.js';
import { requireRoot, useCleanup, waitFor } from '../helpers/host.js';
import { processAlive } from '../../src/util/process.js';
import { removeAndCheckNodeNetworks } from '../helpers/node-networks.js';

/** The local addresses of the TCP sockets process `pid` listens on (IPv4 and IPv6). */
function tcpListeners(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m?.[1] !== undefined) inodes.add(m[1]);
    } catch {
      // closed meanwhile
    }
  }
  const out: string[] = [];
  for (const file of ['tcp', 'tcp6']) {
    for (const line of readFileSync(`/proc/${pid}/net/${file}`, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // st 0A = LISTEN; local address in hex, little-endian per 32-bit word.
      if (f[3] !== '0A' || !inodes.has(f[9] ?? '')) continue;
      const [hex = ''] = (f[1] ?? '').split(':');
      const ip =
        hex.length === 8
          ? (hex.match(/../g) ?? [])
              .reverse()
              .map((b) => Number.parseInt(b, 16))
              .join('.')
          : `v6:${hex}`;
      out.push(ip);
    }
  }
  return out;
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
      if (!Number.isInteger(pid) || !processAlive(pid)) return;
      process.kill(pid, 'SIGTERM');
      await waitFor('the daemon to exit', () => !processAlive(pid), { timeoutMs: 30_000 }).catch(
        () => {
          process.kill(pid, 'SIGKILL');
        },
      );
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
    expect(processAlive(pid)).toBe(false);
    expect(existsSync(join(run, 'tsorch.sock'))).toBe(false);
    expect(readFileSync(join(root, 'daemon.log'), 'utf8')).toContain('daemon stopped');
  });

  it('is a single-node cluster manager on loopback only, once, and keeps its cluster across restarts', async (ctx) => {
    requireRoot(ctx);
    const { env, root } = dirs();
    const started = await runTsorch(['daemon', 'start'], { env, timeoutMs: 90_000 });
    expect(started.code, started.stderr).toBe(0);
    const pid = Number(/pid (\d+)/.exec(started.stdout)?.[1]);
    const inspect = async (): Promise<{ id: string; advertiseAddr: string }> => {
      const r = await runTsorch(['node', 'inspect', 'self'], { env });
      expect(r.code, r.stderr).toBe(0);
      const [node] = JSON.parse(r.stdout) as { id: string; role: string; advertiseAddr: string }[];
      expect(node?.role).toBe('manager');
      return { id: node?.id ?? '', advertiseAddr: node?.advertiseAddr ?? '' };
    };
    const first = await inspect();
    expect(first.advertiseAddr).toMatch(/^127\.\d+\.\d+\.\d+:\d+$/);
    const nodes = await runTsorch(['node', 'ls', '-q'], { env });
    expect(nodes.stdout.trim().split('\n')).toEqual([first.id]);
    // The cluster port listens on its loopback address only, and nothing listens on every
    // address (the daemon's other listener is the containers' DNS on its bridge's gateway).
    const listening = tcpListeners(pid);
    expect(listening).toContain(first.advertiseAddr.split(':')[0]);
    expect(listening).not.toContain('0.0.0.0');
    expect(listening.filter((l) => l.startsWith('v6:'))).toEqual([]);
    expect(readFileSync(join(root, 'daemon.log'), 'utf8')).toContain(
      'single-node cluster initialized',
    );

    // A second start on the same root restores the same cluster and does not initialize again.
    expect((await runTsorch(['daemon', 'stop'], { env, timeoutMs: 90_000 })).code).toBe(0);
    const again = await runTsorch(['daemon', 'start'], { env, timeoutMs: 90_000 });
    expect(again.code, again.stderr).toBe(0);
    expect((await inspect()).id).toBe(first.id);
    const log = readFileSync(join(root, 'daemon.log'), 'utf8');
    expect(log.match(/single-node cluster initialized/g)).toHaveLength(1);
    expect(log).toContain('cluster membership restored');
    const stopped = await runTsorch(['daemon', 'stop'], { env, timeoutMs: 90_000 });
    expect(stopped.stdout).toMatch(/^tsorch daemon stopped \(pid \d+\)\n$/);
  });

  it('is started by up when no daemon answers, and found by the commands after it', async (ctx) => {
    requireRoot(ctx);
    const { env, root } = dirs();
    // A stack that runs nothing (no replicas): this test is about where up finds its daemon.
    const file = join(root, '..', 'compose.yml');
    writeFileSync(
      file,
      'name: tsorch-bg\nservices:\n  idle:\n    image: tsorch-bg/none:1\n    deploy: { replicas: 0 }\n',
    );
    const plan = await runTsorch(['plan', '-f', file], { env });
    expect(plan.stderr).toContain('No tsorch daemon answers');
    // --dry-run changes nothing: no daemon is started for it.
    const dry = await runTsorch(['up', '-f', file, '-d', '--dry-run'], { env });
    expect(dry.code).toBe(2);
    expect(dry.stderr).not.toContain('Started a tsorch daemon');
    expect(existsSync(join(root, 'daemon.log'))).toBe(false);

    const up = await runTsorch(['up', '-f', file, '-d', '--quiet'], { env, timeoutMs: 240_000 });
    const m = /^Started a tsorch daemon on this machine \(pid (\d+)\); log: (.+)$/m.exec(up.stderr);
    expect(m?.[2]).toBe(join(root, 'daemon.log'));
    const pid = Number(m?.[1]);
    expect(processAlive(pid)).toBe(true);
    // The daemon up started is a manager: up goes on to the stack (test/e2e has the rest).
    expect(up.stderr).not.toContain('not a swarm manager');
    // Later commands find it, and do not start another.
    const ls = await runTsorch(['stack', 'ls'], { env });
    expect(ls.code, ls.stderr).toBe(0);
    expect(ls.stderr).toBe('');
    await runTsorch(['down', '-f', file], { env, timeoutMs: 120_000 });
    const stopped = await runTsorch(['daemon', 'stop'], { env, timeoutMs: 90_000 });
    expect(stopped.stdout).toBe(`tsorch daemon stopped (pid ${pid})\n`);
  });

  it('keeps the clear error on a daemon started by hand that is no manager', async (ctx) => {
    requireRoot(ctx);
    const d = await startTestDaemon(cleanup);
    const r = await d.cli(['-f', 'examples/web/compose.yml', 'ps']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'does not serve the cluster services API: it is not a swarm manager',
    );
    expect(r.stderr).toContain('tsorch swarm init');
    expect(r.stderr).not.toContain('    at ');
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
