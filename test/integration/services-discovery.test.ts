/**
 * Service discovery and VIPs through a real daemon (root, ADR 029): `swarm init`, an overlay
 * network, a service of three httpd replicas and a client service on it. The client resolves
 * the service by name to its VIP and `tasks.NAME` to the replicas, its connections to the VIP
 * reach all three, and a killed replica leaves DNS and the VIP rules within 2 s.
 */
import { execFile } from 'node:child_process';
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

interface Ctr {
  id: string;
  name: string;
}

/** Running containers of service `name`. */
async function containersOf(d: TestDaemon, name: string): Promise<Ctr[]> {
  const out = await ok(d, ['ps', '--format', 'json']);
  const rows = out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Ctr);
  return rows.filter((r) => r.name.startsWith(`${name}.`));
}

/** Runs busybox `args` in the network namespace of container `id` (its sandbox, ADR 022). */
function inNetnsOf(id: string, ...args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const ns = `/run/netns/tsc${id.slice(0, 12)}`;
    execFile('nsenter', [`--net=${ns}`, '--', 'busybox', ...args], { timeout: 30_000 }, (_e, o) =>
      resolve(o),
    );
  });
}

/** The IPv4 addresses an `nslookup` output answers (after the server's own lines). */
function answered(out: string): string[] {
  const after = out
    .split(/\nName:/)
    .slice(1)
    .join('\n');
  return [...after.matchAll(/Address(?: \d+)?:\s+(\d+\.\d+\.\d+\.\d+)/g)].map((m) => m[1] ?? '');
}

const subnet = '10.231.7.0/24';
const gateway = '10.231.7.1';

describe('service discovery through a real daemon (root)', () => {
  const cleanup = useCleanup();

  it('a client service resolves a service by name, spreads over its replicas, and loses a killed one within 2 s', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'busybox', 'nsenter', 'iptables-restore');
    const d = await startTestDaemon(cleanup);
    removeContainersOnCleanup(cleanup, d);
    const context = mkdtempSync(join(tmpdir(), 'tsorch-disc-'));
    cleanup.push(() => {
      rmSync(context, { recursive: true, force: true });
    });
    await writeBusyboxBuildContext(context);
    await ok(d, ['build', '-q', '-t', 'disc/bb:1', context], 300_000);
    await ok(d, ['swarm', 'init', '--advertise-addr', '127.0.0.1']);
    await ok(d, ['network', 'create', '-d', 'overlay', '--subnet', subnet, 'discnet']);
    cleanup.push(async () => {
      for (const s of ['web', 'client']) await d.cli(['service', 'rm', s]);
      await waitFor(
        'service containers gone',
        async () => (await containersOf(d, '')).length === 0,
        {
          timeoutMs: 30_000,
          intervalMs: 500,
        },
      ).catch(() => undefined);
    });
    const trap = (cmd: string): string[] => ['sh', '-c', `trap 'exit 0' TERM; ${cmd} & wait`];
    await ok(d, [
      ...['service', 'create', '--name', 'web', '--replicas', '3', '--network', 'discnet'],
      ...['disc/bb:1', ...trap('httpd -f -p 80 -h /etc')],
    ]);
    await ok(d, [
      ...['service', 'create', '--name', 'client', '--network', 'discnet'],
      ...['disc/bb:1', ...trap('sleep 600')],
    ]);
    await waitFor(
      '3 web replicas and a client running',
      async () =>
        (await containersOf(d, 'web')).length === 3 &&
        (await containersOf(d, 'client')).length === 1,
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const [client] = await containersOf(d, 'client');
    const clientId = client?.id ?? '';
    const lookup = async (name: string): Promise<string[]> =>
      answered(await inNetnsOf(clientId, 'nslookup', name, gateway));

    // Names: the VIP for the service, the three replicas for tasks.web (once all are ready).
    let replicas: string[] = [];
    await waitFor(
      'tasks.web to list 3 replicas',
      async () => (replicas = await lookup('tasks.web')).length === 3,
      { timeoutMs: 30_000, intervalMs: 300 },
    );
    const [vip] = await lookup('web');
    expect(vip).toMatch(/^10\.231\.7\.\d+$/);
    expect(replicas).not.toContain(vip);

    // From inside the client container, by name: the VIP spreads over the three replicas.
    const loop = 'for i in $(seq 30); do wget -q -O - http://web/hostname; done';
    const served = (await ok(d, ['exec', client?.name ?? '', 'sh', '-c', loop])).split('\n');
    expect(new Set(served.filter((l) => l !== '')).size).toBe(3);

    // A replica is killed: its address leaves tasks.web and the client's VIP chain in 2 s.
    const [victim] = await containersOf(d, 'web');
    // Its task name (`web.N`) answers its address.
    const taskName = (victim?.name ?? '').split('.').slice(0, 2).join('.');
    const victimIp = answered(await inNetnsOf(clientId, 'nslookup', taskName, gateway))[0];
    expect(replicas).toContain(victimIp);
    const t0 = performance.now();
    await ok(d, ['kill', victim?.id ?? '']);
    await waitFor(
      'the killed replica out of DNS and the VIP rules',
      async () => {
        const rules = await inNetnsOf(clientId, 'sh', '-c', 'iptables-save -t nat');
        const names = await lookup('tasks.web');
        return !names.includes(victimIp ?? '') && !rules.includes(victimIp ?? '');
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    const goneMs = performance.now() - t0;
    console.info(`killed replica out of DNS and VIP rules after ${goneMs.toFixed(0)} ms`);
    expect(goneMs).toBeLessThan(2000);
  });
});
