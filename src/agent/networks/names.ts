/**
 * Names of the kernel objects a node's networks use (pure). Every name starts with `ts` and
 * fits IFNAMSIZ (15 characters).
 *
 * @module
 */
import { createHash } from 'node:crypto';

/** The bridge of the default `bridge` network of the daemon rooted at the default root. */
export const defaultBridgeName = 'tsorch0';

/** iptables chain prefix of the daemon rooted at the default root. */
export const defaultChainPrefix = 'TSORCH';

/**
 * The default bridge and the iptables chain prefix of the daemon rooted at `root`: the fixed
 * names for the default root, otherwise names derived from the root, so daemons side by side
 * (tests) never share a bridge or chains.
 */
export function daemonNetNames(
  root: string,
  defaultRoot: string,
): { bridge: string; chainPrefix: string; firstPool?: string } {
  if (root === defaultRoot) return { bridge: defaultBridgeName, chainPrefix: defaultChainPrefix };
  const h = createHash('sha256').update(root).digest('hex');
  // Daemons started side by side would otherwise race for the same first free subnet.
  const second = 16 + (parseInt(h.slice(8, 10), 16) % 16);
  return {
    bridge: `tsd${h.slice(0, 8)}`,
    chainPrefix: `TS${h.slice(0, 6).toUpperCase()}`,
    firstPool: `172.${second}.0.0/16`,
  };
}

/** The bridge of a user-defined network. */
export function bridgeNameOf(networkId: string): string {
  return `tsb${networkId.slice(0, 12)}`;
}

/** The named network namespace of a container. */
export function netnsNameOf(containerId: string): string {
  return `tsc${containerId.slice(0, 12)}`;
}

/** Host side of a container's `index`-th veth (index < 36). */
export function hostIfNameOf(containerId: string, index: number): string {
  return `tsv${containerId.slice(0, 10)}${index.toString(36)}`;
}

/** Docker's MAC for an address: 02:42 and the four octets. */
export function macOf(address: string): string {
  const octets = (address.split('/')[0] ?? '').split('.').map(Number);
  return ['02', '42', ...octets.map((o) => o.toString(16).padStart(2, '0'))].join(':');
}

/** The bridge of this node's instance of cluster network `networkId` (overlay driver). */
export function overlayBridgeNameOf(networkId: string): string {
  return `tso${networkId.slice(0, 12)}`;
}

/** The VXLAN device of this node's instance of cluster network `networkId`. */
export function overlayVxlanNameOf(networkId: string): string {
  return `tsx${networkId.slice(0, 12)}`;
}
