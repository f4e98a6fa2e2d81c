import { describe, expect, it } from 'vitest';
import { HostNet, NetError, type CommandRunner } from '../../net/index.js';
import type { NetworkEndpoints } from '../../store/index.js';
import { createLogger } from '../../util/log.js';
import { ServiceDiscovery } from './discovery.js';
import { networkEndpoints } from './testing.js';

// The kernel adapter over a recording runner (its designed seam, as src/net's tests use): these
// tests are about which namespaces are written when, and with what; the rules' effect on real
// packets is test/integration/net-discovery.test.ts.
interface Call {
  netns: string;
  tool: string;
  stdin: string;
}

function setup(saved = ''): {
  sd: ServiceDiscovery;
  calls: Call[];
  failNetns: Set<string>;
  seen: (readonly NetworkEndpoints[])[];
  warnings: string[];
} {
  const calls: Call[] = [];
  const failNetns = new Set<string>();
  const runner: CommandRunner = {
    run(file, args, options = {}) {
      const netns = (args[0] ?? '').replace('--net=', '');
      calls.push({ netns, tool: args[2] ?? file, stdin: options.stdin ?? '' });
      if (failNetns.has(netns)) return Promise.reject(new NetError(`no namespace ${netns}`));
      return Promise.resolve(args[2] === 'iptables-save' ? saved : '');
    },
  };
  const seen: (readonly NetworkEndpoints[])[] = [];
  const warnings: string[] = [];
  const log = createLogger({ level: 'warn', write: (l) => warnings.push(l) });
  const net = new HostNet({ runner, chainPrefix: 'TS' });
  const sd = new ServiceDiscovery({ net, log, onTables: (t) => seen.push(t) });
  return { sd, calls, failNetns, seen, warnings };
}

const web = (tasks: string[]): NetworkEndpoints =>
  networkEndpoints('n1', [{ name: 'web', vip: '10.0.0.2', tasks }]);

describe('ServiceDiscovery', () => {
  it('writes a new container its rules with one restore, unread, before anything else', async () => {
    const { sd, calls } = setup();
    await sd.setEndpoints([web(['10.0.0.5'])]);
    expect(calls).toEqual([]);
    await sd.containerJoined(
      { id: 'c1', netnsPath: '/ns/c1', networkIds: ['n1'] },
      { fresh: true },
    );
    expect(calls.map((c) => `${c.netns} ${c.tool}`)).toEqual(['/ns/c1 iptables-restore']);
    expect(calls[0]?.stdin).toContain('-A TS-VIP-0A000002 -j DNAT --to-destination 10.0.0.5');
  });

  it('tells the resolver first, then rewrites only the namespaces whose rules changed', async () => {
    const { sd, calls, seen } = setup();
    await sd.setEndpoints([]);
    await sd.containerJoined(
      { id: 'c1', netnsPath: '/ns/c1', networkIds: ['n1'] },
      { fresh: true },
    );
    await sd.containerJoined(
      { id: 'c2', netnsPath: '/ns/c2', networkIds: ['local'] },
      { fresh: true },
    );
    expect(calls).toEqual([]); // no VIP reachable, nothing to write
    await sd.setEndpoints([web(['10.0.0.5', '10.0.0.6'])]);
    expect(seen.at(-1)?.[0]?.tasks.map((t) => t.addr)).toEqual(['10.0.0.5', '10.0.0.6']);
    expect(calls.map((c) => c.netns)).toEqual(['/ns/c1']);
    await sd.setEndpoints([web(['10.0.0.5', '10.0.0.6'])]);
    expect(calls).toHaveLength(1);
    await sd.setEndpoints([web(['10.0.0.6'])]);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.stdin).toContain('-D OUTPUT -j TS-VIP');
    expect(calls[1]?.stdin).not.toContain('10.0.0.5');
  });

  it('removes every chain when the network has no VIP left, and writes nothing after', async () => {
    const { sd, calls } = setup();
    await sd.setEndpoints([web(['10.0.0.5'])]);
    await sd.containerJoined(
      { id: 'c1', netnsPath: '/ns/c1', networkIds: ['n1'] },
      { fresh: true },
    );
    await sd.setEndpoints([]);
    expect(calls.at(-1)?.stdin).toContain('-X TS-VIP-0A000002');
    await sd.setEndpoints([]);
    expect(calls).toHaveLength(2);
  });

  it('reads an adopted namespace first and clears what an earlier run left in it', async () => {
    const saved = [
      '*nat',
      ':TS-VIP - [0:0]',
      ':TS-VIP-0A000009 - [0:0]',
      '-A OUTPUT -j TS-VIP',
      'COMMIT',
    ].join('\n');
    const { sd, calls } = setup(saved);
    await sd.syncContainers([{ id: 'c1', netnsPath: '/ns/c1', networkIds: ['n1'] }], {
      adopt: true,
    });
    // Until the dispatcher's lists arrive, what a restarted agent's containers hold stays.
    expect(calls).toEqual([]);
    await sd.setEndpoints([]);
    expect(calls.map((c) => c.tool)).toEqual(['iptables-save', 'iptables-restore']);
    expect(calls[1]?.stdin).toContain('-X TS-VIP-0A000009');
  });

  it('ignores containers it does not track unless adopting, and forgets those gone', async () => {
    const { sd, calls } = setup();
    await sd.setEndpoints([web(['10.0.0.5'])]);
    await sd.syncContainers([{ id: 'c9', netnsPath: '/ns/c9', networkIds: ['n1'] }]);
    expect(calls).toEqual([]);
    await sd.containerJoined(
      { id: 'c1', netnsPath: '/ns/c1', networkIds: ['n1'] },
      { fresh: true },
    );
    await sd.syncContainers([]);
    await sd.setEndpoints([web(['10.0.0.6'])]);
    expect(calls).toHaveLength(1);
  });

  it('logs a namespace it cannot write and writes it again at the next change', async () => {
    const { sd, calls, failNetns, warnings } = setup();
    await sd.setEndpoints([]);
    await sd.containerJoined(
      { id: 'c1', netnsPath: '/ns/c1', networkIds: ['n1'] },
      { fresh: true },
    );
    await sd.containerJoined(
      { id: 'c2', netnsPath: '/ns/c2', networkIds: ['n1'] },
      { fresh: true },
    );
    failNetns.add('/ns/c1');
    await sd.setEndpoints([web(['10.0.0.5'])]);
    expect(warnings.join('')).toContain('cannot write the VIP rules of a container');
    expect(calls.map((c) => c.netns).sort()).toEqual(['/ns/c1', '/ns/c2']);
    failNetns.clear();
    await sd.setEndpoints([web(['10.0.0.5'])]);
    // c1's state is unknown after the failure: read, then written; c2 is up to date.
    expect(calls.slice(2).map((c) => `${c.netns} ${c.tool}`)).toEqual([
      '/ns/c1 iptables-save',
      '/ns/c1 iptables-restore',
    ]);
  });

  it('fails a join whose rules cannot be written, with the tool error', async () => {
    const { sd, failNetns } = setup();
    await sd.setEndpoints([web(['10.0.0.5'])]);
    failNetns.add('/ns/c1');
    await expect(
      sd.containerJoined({ id: 'c1', netnsPath: '/ns/c1', networkIds: ['n1'] }, { fresh: true }),
    ).rejects.toThrow('no namespace /ns/c1');
  });
});
