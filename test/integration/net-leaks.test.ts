/**
 * Nothing of the node's networks stays in the kernel (root): 50 networks and 200 containers
 * created and removed leave the links, namespaces, routes and iptables rules as they were; a
 * daemon killed with SIGKILL and restarted keeps its containers reachable, adds no duplicate
 * rule, and its removals leave nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openNetworks, removeNodeNetworks } from '../../src/agent/index.js';
import { daemonNetNames } from '../../src/agent/networks/names.js';
import { createLogger } from '../../src/util/log.js';
import { requireRoot, requireTool, useCleanup } from '../helpers/host.js';
import { daemonWithBusybox, openHarness, spec } from './containers-harness.js';

const defaultRoot = '/var/lib/tsorch';

/** What the host's network holds now, minus packet counters. */
function kernelState(): { links: string[]; netns: string[]; routes: string[]; rules: string[] } {
  const out = (cmd: string, ...args: string[]): string[] =>
    execFileSync(cmd, args, { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return {
    links: out('ip', '-o', 'link', 'show').map((l) => l.split(':')[1]?.trim() ?? ''),
    netns: out('ip', 'netns', 'list'),
    // A bridge's carrier comes and goes with its ports: not a leak.
    routes: out('ip', 'route', 'show').map((r) => r.replace(' linkdown', '')),
    rules: [...out('iptables-save', '-t', 'filter'), ...out('iptables-save', '-t', 'nat')]
      .filter((l) => l.startsWith('-A') || (l.startsWith(':') && !/^:[A-Z]+ /.test(l)))
      .map((l) => l.replace(/\[\d+:\d+\]/, '')),
  };
}

/** Only what a test could have left: tsorch's names, our chains, our subnets' routes. */
function ours(s: ReturnType<typeof kernelState>, prefix: string): ReturnType<typeof kernelState> {
  return {
    links: s.links.filter((l) => l.startsWith('ts')),
    netns: s.netns.filter((n) => n.startsWith('ts')),
    routes: s.routes.filter((r) => / dev ts/.test(r)),
    rules: s.rules.filter((r) => r.includes(prefix)),
  };
}

describe('no leaks (root)', () => {
  const cleanup = useCleanup();

  it('50 networks and 200 containers created and removed leave the kernel as it was', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'ip', 'iptables-restore', 'nsenter');
    const base = mkdtempSync(join(tmpdir(), 'tsorch-netleak-'));
    cleanup.push(() => rmSync(base, { recursive: true, force: true }));
    const root = join(base, 'root');
    cleanup.push(() => removeNodeNetworks(root, defaultRoot));
    const log = createLogger({ level: 'error', write: (l) => process.stderr.write(l) });
    const networks = await openNetworks({ root, defaultRoot, log });
    cleanup.push(() => networks.close());
    const { manager } = await openHarness(cleanup, 'runc', { network: networks.port });
    await networks.reconcile(new Set());
    const { chainPrefix } = daemonNetNames(root, defaultRoot);
    const before = kernelState();

    const names = Array.from({ length: 50 }, (_, i) => `leak${i}`);
    for (const name of names) await networks.manager.create({ name });
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const rec = await manager.create(
        spec({
          cmd: ['true'],
          networkMode: names[i % 50] ?? 'bridge',
          ...(i % 10 === 0 ? { publish: [`${20000 + i}:80`] } : {}),
          ...(i % 25 === 0
            ? { networks: [{ network: names[i % 50] ?? '' }, { network: 'bridge' }] }
            : {}),
        }),
      );
      ids.push(rec.id);
    }
    const busy = kernelState();
    expect(busy.netns.filter((n) => n.startsWith('tsc')).length).toBe(200);
    expect(busy.rules.filter((r) => r.includes('DNAT --to-destination')).length).toBe(20);
    for (const id of ids) await manager.remove(id, { force: true, volumes: true });
    await manager.settle(30_000);
    for (const name of names) await networks.manager.remove(name);

    // What is ours now and was not before: leaks. (Objects other daemons on the host remove
    // meanwhile — the e2e project runs beside this one — are not this test's business.)
    const was = ours(before, chainPrefix);
    const now = ours(kernelState(), chainPrefix);
    const added = (k: keyof typeof now): string[] => now[k].filter((x) => !was[k].includes(x));
    expect({
      links: added('links'),
      netns: added('netns'),
      routes: added('routes'),
      rules: added('rules'),
    }).toEqual({ links: [], netns: [], routes: [], rules: [] });
    // Our own chains and rules are back exactly (they carry this daemon's prefix).
    expect(now.rules).toEqual(was.rules);
  }, 600_000);

  it('a daemon killed with SIGKILL comes back with its containers reachable and no duplicate rule', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'ip', 'iptables-restore', 'nsenter');
    const d = await daemonWithBusybox(cleanup);
    const ok = async (args: string[]): Promise<string> => {
      const r = await d.cli(args);
      if (r.code !== 0) throw new Error(`tsorch ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    const httpd = ['sh', '-c', "trap 'exit 0' TERM; httpd -f -p 80 -h /etc & wait"];
    await ok(['network', 'create', 'app']);
    await ok([
      'run',
      '-d',
      '--name',
      'web',
      '--network',
      'app',
      '-p',
      '18081:80',
      'busybox:test',
      ...httpd,
    ]);
    const rulesBefore = kernelState().rules;
    await d.kill9();
    await d.restart();
    const rulesAfter = kernelState().rules;
    expect(rulesAfter).toEqual(rulesBefore);
    expect(new Set(rulesAfter).size).toBe(rulesAfter.length);
    const get =
      'for i in $(seq 20); do wget -q -O - http://web/hostname && exit 0; sleep 0.2; done; exit 1';
    await ok(['run', '--rm', '--network', 'app', 'busybox:test', 'sh', '-c', get]);
    const inspect = JSON.parse(await ok(['inspect', 'web'])) as {
      NetworkSettings: { SandboxKey: string };
    }[];
    const netns = inspect[0]?.NetworkSettings.SandboxKey.split('/').pop() ?? '';
    await ok(['rm', '-f', 'web']);
    await ok(['network', 'rm', 'app']);
    const state = kernelState();
    expect(state.netns).not.toContain(netns);
    expect(state.rules.filter((r) => r.includes('18081'))).toEqual([]);
  }, 300_000);
});
