/**
 * A worker and the managers that join after it (real daemons on loopback): the worker learns
 * them from its session and keeps them in its state, so when the manager it joined through is
 * stopped it reconnects to the new leader without restarting its task, and a restarted worker
 * finds them too. `swarm leave` then removes the worker's task containers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeContainersOnCleanup, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { writeBusyboxBuildContext } from '../helpers/images.js';
import { freePorts } from './fixtures/raft-cluster.js';

interface Member {
  d: TestDaemon;
  addr: string;
}

async function ok(m: Member, args: string[], timeoutMs = 60_000): Promise<string> {
  const r = await m.d.cli(args, { timeoutMs });
  if (r.code !== 0) throw new Error(`tsorch ${args.join(' ')} failed (${r.code}):\n${r.stderr}`);
  return r.stdout;
}

function swarmState(m: Member): { nodeId: string; managers: string[] } {
  return JSON.parse(readFileSync(join(m.d.root, 'swarm', 'state.json'), 'utf8')) as {
    nodeId: string;
    managers: string[];
  };
}

/** Task containers of service `name` on `m`, as `name state` lines. */
async function containers(m: Member, name: string): Promise<string[]> {
  const out = await ok(m, ['ps', '-a', '--format', '{{.name}} {{.id}} {{.state}}']);
  return out.split('\n').filter((l) => l.startsWith(`${name}.`));
}

/** Runs `args` until it succeeds (the managers may be electing a leader). */
async function retried(m: Member, args: string[]): Promise<void> {
  await waitFor(`tsorch ${args.join(' ')}`, async () => (await m.d.cli(args)).code === 0, {
    timeoutMs: 60_000,
    intervalMs: 1000,
  });
}

/** Waits until service `name` has `n` tasks RUNNING, all on `node`. */
async function runningOn(via: Member, name: string, n: number, node: string): Promise<void> {
  await waitFor(
    `${n} tasks of ${name} running on the worker`,
    async () => {
      const r = await via.d.cli([
        'service',
        'ps',
        '--format',
        '{{.nodeId}}|{{.desiredState}}|{{.state}}',
        name,
      ]);
      if (r.code !== 0) return false;
      const rows = r.stdout.split('\n').filter((l) => l.endsWith('|RUNNING|RUNNING'));
      return rows.length === n && rows.every((l) => l.startsWith(`${node}|`));
    },
    { timeoutMs: 90_000, intervalMs: 500 },
  );
}

describe('a worker and managers that joined after it (real daemons on loopback)', () => {
  const cleanup = useCleanup();

  it('reconnects to a later manager when its own stops, also after a restart; leave removes its tasks', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'busybox');
    const members: Member[] = [];
    for (const port of await freePorts(4)) {
      const addr = `127.0.0.1:${String(port)}`;
      const d = await startTestDaemon(cleanup, { extraArgs: ['--listen-addr', addr] });
      removeContainersOnCleanup(cleanup, d);
      members.push({ d, addr });
    }
    const [first, worker, second, third] = members as [Member, Member, Member, Member];
    const context = mkdtempSync(join(tmpdir(), 'tsorch-svcmgr-'));
    cleanup.push(() => {
      rmSync(context, { recursive: true, force: true });
    });
    await writeBusyboxBuildContext(context);
    await ok(worker, ['build', '-q', '-t', 'svcmgr/bb:1', context], 300_000);

    await ok(first, ['swarm', 'init', '--advertise-addr', first.addr]);
    const workerToken = (await ok(first, ['swarm', 'join-token', '-q', 'worker'])).trim();
    await ok(worker, [
      'swarm',
      'join',
      '--token',
      workerToken,
      '--advertise-addr',
      worker.addr,
      first.addr,
    ]);
    expect(swarmState(worker).managers).toEqual([first.addr]);
    // Two managers join after the worker: with three, the cluster survives the first's loss.
    const managerToken = (await ok(first, ['swarm', 'join-token', '-q', 'manager'])).trim();
    for (const m of [second, third]) {
      await ok(m, [
        'swarm',
        'join',
        '--token',
        managerToken,
        '--advertise-addr',
        m.addr,
        first.addr,
      ]);
    }
    cleanup.push(async () => {
      const ids = (await second.d.cli(['service', 'ls', '-q'])).stdout.split('\n');
      for (const id of ids.filter((l) => l !== '')) await second.d.cli(['service', 'rm', id]);
    });
    for (const m of [first, second, third])
      await ok(first, ['node', 'update', '--availability', 'drain', swarmState(m).nodeId]);
    const workerId = swarmState(worker).nodeId;

    // The worker's state lists the later managers once its session told it about them.
    await waitFor(
      'the worker to keep the three managers',
      () => {
        const known = swarmState(worker).managers;
        return [first, second, third].every((m) => known.includes(m.addr));
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    await ok(first, [
      'service',
      'create',
      '--name',
      'svcmgr',
      'svcmgr/bb:1',
      'sh',
      '-c',
      "trap 'exit 0' TERM; while true; do sleep 1; done",
    ]);
    await runningOn(first, 'svcmgr', 1, workerId);
    const [before] = await containers(worker, 'svcmgr');

    // The manager the worker joined through stops: it reconnects to the new leader, and its
    // task keeps running in the same container.
    await first.d.stop();
    await retried(second, ['service', 'scale', 'svcmgr=2']);
    await runningOn(second, 'svcmgr', 2, workerId);
    expect(await containers(worker, 'svcmgr')).toContain(before);

    // Restarted while that manager is still down, it finds the others from its state.
    await worker.d.stop();
    await worker.d.restart();
    await retried(second, ['service', 'scale', 'svcmgr=3']);
    await runningOn(second, 'svcmgr', 3, workerId);

    // Leaving the cluster stops and removes the worker's task containers.
    await ok(worker, ['swarm', 'leave']);
    expect(await containers(worker, 'svcmgr')).toEqual([]);
  });
});
