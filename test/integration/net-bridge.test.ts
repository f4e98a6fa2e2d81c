import { spawn } from 'node:child_process';
import { readFile, readlink, stat, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { HostNet } from '../../src/net/index.js';
import { pidNetnsPath } from '../../src/net/index.js';
import { runPrefix, useCleanup, waitFor } from '../helpers/host.js';
import {
  bridgeFor,
  forwardPolicyFor,
  netName,
  netnsFor,
  ping,
  requireNetHost,
  sh,
  testHostNet,
} from './net-harness.js';

describe('bridge networks (root)', () => {
  const cleanup = useCleanup();

  async function attach(
    net: HostNet,
    bridge: string,
    suffix: string,
    address: string,
    gateway?: string,
  ): Promise<{ path: string; attachMs: number }> {
    const path = await netnsFor(net, cleanup, suffix);
    const started = performance.now();
    await net.attachVeth({
      hostName: netName(`v${suffix}`),
      netnsPath: path,
      bridge,
      address,
      mtu: 1500,
      gateway,
    });
    return { path, attachMs: performance.now() - started };
  }

  it.for(['ACCEPT', 'DROP'] as const)(
    'two namespaces on a bridge ping each other (FORWARD policy %s)',
    async (policy, ctx) => {
      requireNetHost(ctx);
      const net = testHostNet();
      await forwardPolicyFor(cleanup, policy);
      const bridge = await bridgeFor(net, cleanup, 'b', '10.201.0.1/24');
      await net.applyRules([{ bridge, subnet: '10.201.0.0/24', internal: false }]);
      cleanup.push(() => net.removeRules());
      const a = await attach(net, bridge, '1', '10.201.0.2/24', '10.201.0.1');
      const b = await attach(net, bridge, '2', '10.201.0.3/24', '10.201.0.1');
      expect(await ping(a.path, '10.201.0.3')).toBe(true);
      expect(await ping(b.path, '10.201.0.2')).toBe(true);
      const eth0 = await sh(
        'nsenter',
        `--net=${a.path}`,
        '--',
        'ip',
        '-br',
        'addr',
        'show',
        'eth0',
      );
      expect(eth0).toContain('10.201.0.2/24');
      // Issue 12: network attach adds at most 10 ms to a container start. Two processes; the
      // bound here is loose because the test machine is shared.
      console.log(`attachVeth: ${a.attachMs.toFixed(1)} ms, ${b.attachMs.toFixed(1)} ms`);
      expect(Math.min(a.attachMs, b.attachMs)).toBeLessThan(100);
    },
  );

  it('an internal network has no egress; a normal one reaches out through NAT', async (ctx) => {
    requireNetHost(ctx);
    const net = testHostNet();
    await forwardPolicyFor(cleanup, 'DROP');
    const forwarding = '/proc/sys/net/ipv4/ip_forward';
    const before = await readFile(forwarding, 'utf8');
    cleanup.push(() => writeFile(forwarding, before));
    expect(await net.enableIpForwarding()).toBe(before.trim() === '1' ? '1' : '0');
    expect((await readFile(forwarding, 'utf8')).trim()).toBe('1');
    // An "upstream" namespace with no route back to the bridges: only masqueraded traffic
    // (source rewritten to 10.202.0.1) gets an answer.
    const upstream = await netnsFor(net, cleanup, 'up');
    const uplink = netName('u');
    await net.attachVeth({ hostName: uplink, netnsPath: upstream, address: '10.202.0.2/30' });
    await sh('ip', 'addr', 'add', '10.202.0.1/30', 'dev', uplink);

    const outer = await bridgeFor(net, cleanup, 'bo', '10.201.0.1/24');
    const inner = await bridgeFor(net, cleanup, 'bi', '10.203.0.1/24');
    await net.applyRules([
      { bridge: outer, subnet: '10.201.0.0/24', internal: false },
      { bridge: inner, subnet: '10.203.0.0/24', internal: true },
    ]);
    cleanup.push(() => net.removeRules());
    const open = await attach(net, outer, 'o', '10.201.0.2/24', '10.201.0.1');
    const closed1 = await attach(net, inner, 'i1', '10.203.0.2/24', '10.203.0.1');
    const closed2 = await attach(net, inner, 'i2', '10.203.0.3/24', '10.203.0.1');

    expect(await ping(open.path, '10.202.0.2')).toBe(true);
    expect(await ping(closed1.path, '10.203.0.3')).toBe(true);
    expect(await ping(closed1.path, '10.202.0.2', 1)).toBe(false);
    // Networks are isolated from each other, internal or not.
    expect(await ping(open.path, '10.203.0.2', 1)).toBe(false);
    expect(await ping(closed2.path, '10.201.0.2', 1)).toBe(false);
  });

  it('attachVeth() moves the inner end into a process namespace given by pid', async (ctx) => {
    requireNetHost(ctx);
    const net = testHostNet();
    const holder = await netnsFor(net, cleanup, 'p');
    const child = spawn('nsenter', [`--net=${holder}`, '--', 'busybox', 'sleep', '30'], {
      stdio: 'ignore',
    });
    const pid = child.pid;
    if (pid === undefined) throw new Error('nsenter did not start');
    cleanup.push(() => process.kill(pid, 'SIGKILL'));
    // nsenter joins the namespace, then execs busybox under the same pid.
    const holderInode = (await stat(holder)).ino;
    await waitFor('the process to join the namespace', async () => {
      const link = await readlink(pidNetnsPath(pid)).catch(() => '');
      return link === `net:[${holderInode}]`;
    });
    const bridge = await bridgeFor(net, cleanup, 'bp', '10.204.0.1/24');
    await net.attachVeth({
      hostName: netName('vp'),
      netnsPath: pidNetnsPath(pid),
      bridge,
      address: '10.204.0.2/24',
      gateway: '10.204.0.1',
    });
    expect(
      await sh('nsenter', `--net=${holder}`, '--', 'ip', '-br', 'addr', 'show', 'eth0'),
    ).toContain('10.204.0.2/24');
    expect(await ping(holder, '10.204.0.1')).toBe(true);
  });

  it('removeLeftovers() removes the links and namespaces of an earlier run, keeping those asked', async (ctx) => {
    requireNetHost(ctx);
    const net = testHostNet();
    const kept = await bridgeFor(net, cleanup, 'lk');
    const gone = await bridgeFor(net, cleanup, 'lg');
    await netnsFor(net, cleanup, 'ln');
    const removed = await net.removeLeftovers({ links: [kept] }, { prefix: runPrefix() });
    expect(removed).toEqual({ links: [gone], netns: [netName('ln')] });
    expect(await net.listLinks(runPrefix())).toEqual([kept]);
    expect(await net.listNetns(runPrefix())).toEqual([]);
  });
});
