/**
 * Removes what a test daemon's networks put in the kernel, then checks it is gone: the
 * daemon's default bridge (`tsd<hash>`), the bridges and veths its records name, and its
 * iptables chains (`TS<HASH>-*`). Only names derived from this daemon's root are looked at, so
 * tests running beside it (other projects, other helpers) are neither touched nor blamed.
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { daemonNetNames } from '../../src/agent/networks/index.js';
import { removeNodeNetworks } from '../../src/agent/index.js';
import { defaultRoot } from '../../src/daemon/config.js';

const run = promisify(execFile);

/**
 * Removes the kernel objects of the daemon rooted at `root` (stopped) and throws, naming them,
 * when any is still there afterwards: a leak a later run would trip over.
 */
export async function removeAndCheckNodeNetworks(root: string): Promise<void> {
  if (root === defaultRoot) throw new Error(`Refusing to remove the default root's networks`);
  const names = daemonNetNames(root, defaultRoot);
  let removed: string[] = [];
  let failure: unknown;
  try {
    removed = await removeNodeNetworks(root, defaultRoot);
  } catch (err) {
    failure = err;
  }
  const links = new Set([names.bridge, ...removed]);
  const { stdout: linkJson } = await run('ip', ['-j', 'link', 'show']);
  const leftLinks = (JSON.parse(linkJson || '[]') as { ifname?: string }[])
    .map((l) => l.ifname ?? '')
    .filter((n) => links.has(n));
  const leftChains: string[] = [];
  for (const table of ['filter', 'nat']) {
    const { stdout } = await run('iptables-save', ['-t', table]);
    for (const line of stdout.split('\n')) {
      if (line.startsWith(`:${names.chainPrefix}-`)) leftChains.push(line.split(' ')[0] ?? line);
    }
  }
  if (leftLinks.length > 0 || leftChains.length > 0) {
    const why = failure instanceof Error ? ` (removal failed: ${failure.message})` : '';
    throw new Error(
      `The daemon rooted at ${root} left network objects behind${why}: ` +
        [...leftLinks, ...leftChains].join(', '),
    );
  }
}
