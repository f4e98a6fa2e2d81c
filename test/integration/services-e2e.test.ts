/**
 * End to end on one real daemon: `swarm init`, a service of a busybox image built in the test
 * runs as real containers (manager loops, dispatcher and the node's worker wired in the
 * daemon), scales down, and `service rm` removes its containers.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeContainersOnCleanup, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { writeBusyboxBuildContext } from '../helpers/images.js';

async function ok(d: TestDaemon, args: string[], timeoutMs = 60_000): Promise<string> {
  const r = await d.cli(args, { timeoutMs });
  if (r.code !== 0) throw new Error(`tsorch ${args.join(' ')} failed (${r.code}):\n${r.stderr}`);
  return r.stdout;
}

/** Rows of `service ps NAME` as [NAME, DESIRED STATE, CURRENT STATE]. */
async function servicePs(d: TestDaemon, name: string): Promise<string[][]> {
  const out = await ok(d, ['service', 'ps', name]);
  const [header, ...rows] = out.split('\n').filter((l) => l.trim() !== '');
  const cols = (header ?? '').split(/\s{2,}/);
  const at = (c: string): number => cols.indexOf(c);
  return rows
    .map((l) => l.split(/\s{2,}/))
    .map((r) => [r[at('NAME')] ?? '', r[at('DESIRED STATE')] ?? '', r[at('CURRENT STATE')] ?? '']);
}

/** Containers of service `name` (running ones; `all`: stopped too), by their task names. */
async function serviceContainers(d: TestDaemon, name: string, all = false): Promise<string[]> {
  const out = await ok(d, ['ps', ...(all ? ['-a'] : []), '--format', '{{.name}}']);
  return out.split('\n').filter((l) => l.startsWith(`${name}.`));
}

/** Waits until service `name` has `n` containers (`all`: stopped ones too). */
async function waitContainers(d: TestDaemon, name: string, n: number, all = false): Promise<void> {
  await waitFor(
    `${String(n)} containers of ${name}${all ? ' (stopped ones too)' : ''}`,
    async () => (await serviceContainers(d, name, all)).length === n,
    { timeoutMs: 60_000, intervalMs: 500 },
  );
}

/** Removes every service (cleanup, before the containers are removed and the daemon stops). */
async function removeServices(d: TestDaemon): Promise<void> {
  const ids = (await d.cli(['service', 'ls', '-q'])).stdout.split('\n').filter((l) => l !== '');
  for (const id of ids) await d.cli(['service', 'rm', id]);
  await waitFor(
    'service containers gone',
    async () => {
      const names = (await d.cli(['ps', '--format', '{{.name}}'])).stdout;
      return !/\.[a-z0-9]{25}$/m.test(names);
    },
    { timeoutMs: 30_000, intervalMs: 500 },
  ).catch(() => undefined);
}

const repo = join(import.meta.dirname, '..', '..');

describe('services end to end on a real daemon', () => {
  const cleanup = useCleanup();

  it('service create --replicas 3 runs 3 containers, scale to 1, rm removes them; up on the same daemon, then down', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'busybox');
    const d = await startTestDaemon(cleanup);
    removeContainersOnCleanup(cleanup, d);
    const context = mkdtempSync(join(tmpdir(), 'tsorch-e2e-'));
    cleanup.push(() => {
      rmSync(context, { recursive: true, force: true });
    });
    await writeBusyboxBuildContext(context);
    await ok(d, ['build', '-q', '-t', 'e2e/bb:1', context], 300_000);
    await ok(d, ['swarm', 'init', '--advertise-addr', '127.0.0.1']);
    cleanup.push(() => removeServices(d));

    await ok(d, [
      'service',
      'create',
      '--name',
      'e2e',
      '--replicas',
      '3',
      'e2e/bb:1',
      '--',
      'sh',
      '-c',
      "trap 'exit 0' TERM; while true; do sleep 1; done",
    ]);
    await waitFor(
      '3 tasks Running',
      async () => {
        const rows = await servicePs(d, 'e2e');
        return rows.length === 3 && rows.every((r) => r[2]?.startsWith('Running') === true);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(await serviceContainers(d, 'e2e')).toHaveLength(3);

    await ok(d, ['service', 'scale', 'e2e=1']);
    await waitContainers(d, 'e2e', 1);
    const running = (await servicePs(d, 'e2e')).filter((r) => r[1] === 'Running');
    expect(running).toHaveLength(1);

    await ok(d, ['service', 'rm', 'e2e']);
    await waitContainers(d, 'e2e', 0);
    await waitContainers(d, 'e2e', 0, true);

    // A compose stack on the same daemon: `up` goes through the Services API and the cluster
    // object API (its default network is a cluster network now, ADR 027); `down` then leaves
    // no service and no network of the stack.
    execFileSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts/prepare-examples.ts')]);
    const file = join(repo, 'examples/web/compose.yml');
    const up = await d.cli(['-f', file, 'up', '-d', '--wait', '--build'], { timeoutMs: 300_000 });
    expect(up.stderr).not.toContain('cannot be created');
    expect(up.stderr).not.toContain('    at ');
    expect(await ok(d, ['network', 'ls'])).toContain('web_default');
    const down = await d.cli(['-f', file, 'down'], { timeoutMs: 120_000 });
    expect(down.stderr).not.toContain('    at ');
    expect(down.code).toBe(0);
    expect((await ok(d, ['service', 'ls', '-q'])).trim()).toBe('');
    await waitFor(
      'the stack network gone',
      async () => !(await ok(d, ['network', 'ls'])).includes('web_default'),
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect((await ok(d, ['ps', '-a', '-q'])).trim()).toBe('');
  });
});
