import { describe, expect, it } from 'vitest';
import { runPrefix, useCleanup } from '../helpers/host.js';
import { requireNetHost, sh, testHostNet } from './net-harness.js';

/** The host's rules without comments and counters, for before/after comparisons. */
async function ruleset(): Promise<string> {
  const saved = await sh('iptables-save');
  return saved
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .map((l) => l.replace(/ \[\d+:\d+\]$/, ''))
    .join('\n');
}

function count(lines: readonly string[], pattern: string): number {
  return lines.filter((l) => l === pattern).length;
}

describe('iptables rules (root)', () => {
  const cleanup = useCleanup();
  const chain = runPrefix().toUpperCase();
  const networks = [
    { bridge: 'tsb1', subnet: '10.221.0.0/24', internal: false },
    { bridge: 'tsb2', subnet: '10.222.0.0/24', internal: true },
  ];

  it('applyRules() is idempotent, reconciles leftovers and removeRules() removes exactly what it added', async (ctx) => {
    requireNetHost(ctx);
    const net = testHostNet();
    const before = await ruleset();
    cleanup.push(() => net.removeRules());

    await net.applyRules(networks);
    await net.applyRules(networks);
    const applied = await net.listRules();
    expect(count(applied.filter, `-A FORWARD -j ${chain}-FORWARD`)).toBe(1);
    expect(count(applied.filter, `-A FORWARD -j ${chain}-ISOLATION-1`)).toBe(1);
    // Published ports' DNAT chain is jumped to from PREROUTING and OUTPUT (local clients).
    expect(applied.nat).toEqual([
      `-A PREROUTING -m addrtype --dst-type LOCAL -j ${chain}-DNAT`,
      `-A OUTPUT -m addrtype --dst-type LOCAL -j ${chain}-DNAT`,
      `-A POSTROUTING -j ${chain}-POSTROUTING`,
      `-A ${chain}-POSTROUTING -s 10.221.0.0/24 ! -o tsb1 -j MASQUERADE`,
    ]);
    expect(applied.filter).toContain(`-A ${chain}-ISOLATION-1 -i tsb2 ! -o tsb2 -j DROP`);
    // The isolation chain comes first in FORWARD, before the accepts.
    const forward = await sh('iptables', '-S', 'FORWARD');
    expect(forward.indexOf(`${chain}-ISOLATION-1`)).toBeLessThan(
      forward.indexOf(`${chain}-FORWARD`),
    );

    // Leftovers of an earlier run: a duplicate jump and a chain no longer wanted.
    await sh('iptables', '-A', 'FORWARD', '-j', `${chain}-FORWARD`);
    await sh('iptables', '-N', `${chain}-OLD`);
    await sh('iptables', '-A', `${chain}-OLD`, '-j', 'RETURN');
    await sh('iptables', '-I', 'FORWARD', '-j', `${chain}-OLD`);
    await net.applyRules(networks.slice(0, 1));
    const reconciled = await net.listRules();
    expect(count(reconciled.filter, `-A FORWARD -j ${chain}-FORWARD`)).toBe(1);
    expect(reconciled.filter.join('\n')).not.toContain(`${chain}-OLD`);
    expect(reconciled.filter.join('\n')).not.toContain('tsb2');

    await net.removeRules();
    expect(await net.listRules()).toEqual({ filter: [], nat: [] });
    expect(await ruleset()).toBe(before);
  });
});
