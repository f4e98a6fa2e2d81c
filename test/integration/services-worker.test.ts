/**
 * Tasks on a worker-only node: real `tsorch daemon` processes on loopback, a manager and a
 * worker. With the manager drained, a 2-replica service's tasks can only go to the worker, whose
 * worker keeps a session with the manager's dispatcher over mutual TLS and runs them as real
 * containers, again after a restart of its daemon; `service rm` removes them there.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireRoot, requireTool, useCleanup, waitFor, type Cleanup } from '../helpers/host.js';
import { writeBusyboxBuildContext } from '../helpers/images.js';
import { ok, startMembers, type Member } from './fixtures/loopback-members.js';

function nodeId(m: Member): string {
  const state = JSON.parse(readFileSync(join(m.d.root, 'swarm', 'state.json'), 'utf8')) as {
    nodeId: string;
  };
  return state.nodeId;
}

/** Tasks of service `name` as [NODE ID, DESIRED STATE, CURRENT STATE]. */
async function tasks(m: Member, name: string): Promise<string[][]> {
  const out = await ok(m, [
    'service',
    'ps',
    '--format',
    '{{.nodeId}}|{{.desiredState}}|{{.state}}',
    name,
  ]);
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('|'));
}

/** Names of the containers of service `name` on `m` (`all`: stopped ones too). */
async function containers(m: Member, name: string, all = false): Promise<string[]> {
  const out = await ok(m, ['ps', ...(all ? ['-a'] : []), '--format', '{{.name}}']);
  return out.split('\n').filter((l) => l.startsWith(`${name}.`));
}

async function buildImage(cleanup: Cleanup, members: Member[]): Promise<void> {
  const context = mkdtempSync(join(tmpdir(), 'tsorch-wkr-'));
  cleanup.push(() => {
    rmSync(context, { recursive: true, force: true });
  });
  await writeBusyboxBuildContext(context);
  for (const m of members) await ok(m, ['build', '-q', '-t', 'wkr/bb:1', context], 300_000);
}

/** Removes every service through the manager, then waits for the worker's task containers. */
function removeServicesOnCleanup(cleanup: Cleanup, manager: Member, worker: Member): void {
  cleanup.push(async () => {
    const ids = (await manager.d.cli(['service', 'ls', '-q'])).stdout
      .split('\n')
      .filter((l) => l !== '');
    for (const id of ids) await manager.d.cli(['service', 'rm', id]);
    await waitFor(
      'service containers gone on the worker',
      async () => !/\.[a-z0-9]{25}$/m.test((await worker.d.cli(['ps', '-a'])).stdout),
      { timeoutMs: 30_000, intervalMs: 500 },
    ).catch(() => undefined);
  });
}

describe('services on a worker-only node (real daemons on loopback)', () => {
  const cleanup = useCleanup();

  it('a drained manager sends both replicas to the worker, which runs them (also after its restart); rm removes them there', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'busybox');
    const members = await startMembers(cleanup, 2);
    const [manager, worker] = members as [Member, Member];
    await buildImage(cleanup, members);

    await ok(manager, ['swarm', 'init', '--advertise-addr', manager.addr]);
    const token = (await ok(manager, ['swarm', 'join-token', '-q', 'worker'])).trim();
    await ok(worker, [
      'swarm',
      'join',
      '--token',
      token,
      '--advertise-addr',
      worker.addr,
      manager.addr,
    ]);
    removeServicesOnCleanup(cleanup, manager, worker);
    await ok(manager, ['node', 'update', '--availability', 'drain', nodeId(manager)]);

    // Flags after the image are the command's (no `--` needed).
    await ok(manager, [
      'service',
      'create',
      '--name',
      'wkr',
      '--replicas',
      '2',
      'wkr/bb:1',
      'sh',
      '-c',
      "trap 'exit 0' TERM; while true; do sleep 1; done",
    ]);
    await waitFor(
      '2 tasks running on the worker',
      async () => {
        const rows = await tasks(manager, 'wkr');
        return (
          rows.length === 2 &&
          rows.every((r) => r[0] === nodeId(worker) && r[1] === 'RUNNING' && r[2] === 'RUNNING')
        );
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(await containers(worker, 'wkr')).toHaveLength(2);
    expect(await containers(manager, 'wkr', true)).toHaveLength(0);

    // A restarted worker daemon starts its worker again: it re-adopts its 2 tasks and runs the
    // one a scale-up adds, without a duplicate.
    await worker.d.stop();
    await worker.d.restart();
    await ok(manager, ['service', 'scale', 'wkr=3']);
    await waitFor(
      '3 tasks running on the restarted worker',
      async () => {
        const rows = await tasks(manager, 'wkr');
        return (
          rows.length === 3 &&
          rows.every((r) => r[0] === nodeId(worker) && r[1] === 'RUNNING' && r[2] === 'RUNNING')
        );
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(await containers(worker, 'wkr', true)).toHaveLength(3);

    await ok(manager, ['service', 'rm', 'wkr']);
    await waitFor(
      "the worker's containers removed",
      async () => (await containers(worker, 'wkr', true)).length === 0,
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect((await ok(manager, ['service', 'ls', '-q'])).trim()).toBe('');
  });
});
