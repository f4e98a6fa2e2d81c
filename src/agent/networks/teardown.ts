/**
 * Removes everything a node's networks put in the kernel, from the records alone (the daemon
 * stopped): namespaces and veth pairs of containers, bridges, iptables chains. For a node that
 * leaves for good, and for tests that start daemons in temp directories.
 *
 * @module
 */
import { HostNet, meshChainPrefix } from '../../net/index.js';
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
  // An overlay's VXLAN device goes before its bridge (and takes its FDB entries with it).
  const bridges = (await files.loadNetworks(ignore)).flatMap((n) =>
    [n.vxlan, n.bridge].flatMap((l) => (l === undefined ? [] : [l])),
  );
  // Each step on its own: one that fails (a link gone meanwhile) does not keep the others.
  const failures: unknown[] = [];
  const step = async (work: () => Promise<unknown>): Promise<void> => {
    await work().catch((err: unknown) => failures.push(err));
  };
  await step(() => net.deleteLinks(links));
  await step(() => net.deleteNetns(sandboxes.map((sb) => sb.netns)));
  await step(() => net.deleteLinks(bridges));
  await step(() => net.removeRules());
  // The routing mesh's chains (ADR 030) sit beside the bridge rules under their own prefix.
  await step(() =>
    net.applyChainSet(meshChainPrefix(names.chainPrefix), { filter: undefined, nat: undefined }),
  );
  if (failures.length > 0) throw failures[0];
  return [...links, ...bridges];
}
