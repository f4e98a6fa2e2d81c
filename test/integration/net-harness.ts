/**
 * Shared set-up of the network integration tests: a {@link HostNet} whose chains carry the run
 * prefix, namespaces and links registered for clean-up, and ping through busybox.
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestContext } from 'vitest';
import { HostNet } from '../../src/net/index.js';
import { requireRoot, requireTool, runPrefix, type Cleanup } from '../helpers/host.js';

const exec = promisify(execFile);

/** Tools every network test needs. */
export const netTools = ['ip', 'bridge', 'nsenter', 'iptables-restore', 'iptables-save', 'busybox'];

/** Skips (or fails in CI) unless the host can run the network tests. */
export function requireNetHost(ctx: TestContext): void {
  requireRoot(ctx);
  requireTool(ctx, ...netTools);
}

/** A name `tstXXXXXX` + `suffix`, within the 15-character link name limit. */
export function netName(suffix: string): string {
  const name = `${runPrefix()}${suffix}`;
  if (name.length > 15) throw new Error(`Test link name "${name}" is too long`);
  return name;
}

/** The adapter with this run's chain prefix, so tests never touch real tsorch chains. */
export function testHostNet(): HostNet {
  return new HostNet({ chainPrefix: runPrefix().toUpperCase() });
}

/** Creates a named namespace deleted at clean-up (which also deletes the links inside). */
export async function netnsFor(net: HostNet, cleanup: Cleanup, suffix: string): Promise<string> {
  const name = netName(suffix);
  const path = await net.createNetns(name);
  cleanup.push(() => net.deleteNetns([name]));
  return path;
}

/** Creates a bridge in the host namespace, deleted at clean-up. */
export async function bridgeFor(
  net: HostNet,
  cleanup: Cleanup,
  suffix: string,
  address?: string,
): Promise<string> {
  const name = netName(suffix);
  await net.createBridge({ name, address, mtu: 1500 });
  cleanup.push(() => net.deleteLinks([name]));
  return name;
}

/** Pings `addr` once from the namespace at `netnsPath`; true when it answered. */
export async function ping(netnsPath: string, addr: string, timeoutS = 2): Promise<boolean> {
  try {
    await exec('nsenter', [
      `--net=${netnsPath}`,
      '--',
      'busybox',
      'ping',
      '-c',
      '1',
      '-W',
      String(timeoutS),
      addr,
    ]);
    return true;
  } catch {
    return false;
  }
}

/** Runs a command in the host namespace (test set-up only). */
export async function sh(file: string, ...args: string[]): Promise<string> {
  return (await exec(file, args)).stdout;
}

/** Sets the iptables FORWARD policy and puts the old one back at clean-up. */
export async function forwardPolicyFor(cleanup: Cleanup, policy: 'ACCEPT' | 'DROP'): Promise<void> {
  const rules = await sh('iptables', '-S', 'FORWARD');
  const before = /^-P FORWARD (\w+)/m.exec(rules)?.[1] ?? 'ACCEPT';
  cleanup.push(() => sh('iptables', '-P', 'FORWARD', before));
  await sh('iptables', '-P', 'FORWARD', policy);
}
