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

/** Names this test's daemon makes: its own bridge and chains, its networks' and containers'. */
interface OurNames {
  chainPrefix: string;
  bridges: Set<string>;
  containerIds: string[];
}

/** Only what this test could have left (other daemons on the host may come and go beside it). */
function ours(s: ReturnType<typeof kernelState>, n: OurNames): ReturnType<typeof kernelState> {
  const veth = (l: string): boolean =>
    n.containerIds.some((id) => l.startsWith(`tsv${id.slice(0, 10)}`));
  const link = (l: string): boolean => n.bridges.has(l.split('@')[0] ?? '') || veth(l);
  return {
    links: s.links.filter(link),
    netns: s.netns.filter((ns) =>
      n.containerIds.some((id) => ns.startsWith(`tsc${id.slice(0, 12)}`)),
    ),
    routes: s.routes.filter((r) => link(/ dev (\S+)/.exec(r)?.[1] ?? '')),
    rules: s.rules.filter((r) => r.includes(n.chainPrefix)),
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
    const { chainPrefix, bridge } = daemonNetNames(root, defaultRoot);
    const names: OurNames = { chainPrefix, bridges: new Set([bridge]), containerIds: [] };
    const before = kernelState();

    const netNames = Array.from({ length: 50 }, (_, i) => `leak${i}`);
    for (const name of netNames) {
      const net = await networks.manager.create({ name });
      if (net.bridge !== undefined) names.bridges.add(net.bridge);
    }
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const rec = await manager.create(
        spec({
          cmd: ['true'],
          networkMode: netNames[i % 50] ?? 'bridge',
          ...(i % 10 === 0 ? { publish: [`${20000 + i}:80`] } : {}),
          ...(i % 25 === 0
            ? { networks: [{ network: netNames[i % 50] ?? '' }, { network: 'bridge' }] }
            : {}),
        }),
      );
      ids.push(rec.id);
      names.containerIds.push(rec.id);
    }
    const busy = kernelState();
    expect(busy.netns.filter((n) => n.startsWith('tsc')).length).toBe(200);
    expect(busy.rules.filter((r) => r.includes('DNAT --to-destination')).length).toBe(20);
    for (const id of ids) await manager.remove(id, { force: true, volumes: true });
    await manager.settle(30_000);
    for (const name of netNames) await networks.manager.remove(name);

    // What is ours now and was not before: leaks.
    const was = ours(before, names);
    const now = ours(kernelState(), names);
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
