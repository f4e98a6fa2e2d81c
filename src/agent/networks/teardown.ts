/**
 * Removes everything a node's networks put in the kernel, from the records alone (the daemon
 * stopped): namespaces and veth pairs of containers, bridges, iptables chains. For a node that
 * leaves for good, and for tests that start daemons in temp directories.
 *
 * @module
 */
import { HostNet } from '../../net/index.js';
import { daemonNetNames } from './names.js';
import { NetworkFiles } from './store.js';

/** Removes the kernel objects of the node rooted at `root`; returns the link names removed. */
export async function removeNodeNetworks(root: string, defaultRoot: string): Promise<string[]> {
  const names = daemonNetNames(root, defaultRoot);
  const net = new HostNet({ chainPrefix: names.chainPrefix });
  const files = new NetworkFiles(root);
  const ignore = (): void => undefined;
  const sandboxes = await files.loadSandboxes(ignore);
  const links = sandboxes.flatMap((sb) => sb.endpoints.map((ep) => ep.hostIf));
  await net.deleteLinks(links);
  await net.deleteNetns(sandboxes.map((sb) => sb.netns));
  const bridges = (await files.loadNetworks(ignore)).flatMap((n) =>
    n.bridge === undefined ? [] : [n.bridge],
  );
  await net.deleteLinks(bridges);
  await net.removeRules();
  return [...links, ...bridges];
}
