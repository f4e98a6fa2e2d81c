/**
 * A networked container's /etc/hosts and /etc/resolv.conf (pure).
 *
 * @module
 */

/**
 * /etc/resolv.conf: the node's resolver for the container (the gateway of its first network,
 * see ADR 022), with the host's `search` and `options` lines; the host's nameservers are the
 * resolver's upstreams, not the container's.
 */
export function networkResolvConf(hostContent: string, nameserver: string): string {
  const kept = hostContent
    .split('\n')
    .filter((l) => /^\s*(search|domain|options)\s/.test(l))
    .map((l) => l.trim());
  return [`nameserver ${nameserver}`, ...kept, ''].join('\n');
}

/**
 * The host's nameservers, as the node's resolver forwards to them: loopback ones included (the
 * resolver runs in the host's namespace, so 127.0.0.53 is reachable from it).
 */
export function hostNameservers(hostContent: string): string[] {
  const out: string[] = [];
  for (const line of hostContent.split('\n')) {
    const m = /^\s*nameserver\s+(\d+\.\d+\.\d+\.\d+)\s*$/.exec(line);
    if (m?.[1] !== undefined) out.push(m[1]);
  }
  return out;
}
