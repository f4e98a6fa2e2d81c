/**
 * The network faults of a namespace cluster as iptables rules (pure; ADR 026).
 *
 * Every node's namespace holds one chain of its own, jumped to from INPUT and OUTPUT. A fault
 * set is a list of directed cuts; each change rewrites every node's chain from the whole set in
 * one `iptables-restore --noflush` (declaring an existing user chain there flushes it), so the
 * rules are always exactly the set, and healing is the empty set. The rules live and die with
 * the namespace: nothing on the host to forget.
 *
 * - `all`: every packet from `from` to `to` is dropped (both ends drop it: `from` on the way
 *   out, `to` on the way in). A pair of `all` cuts is a partition.
 * - `originated`: connections and datagrams that `from` opens towards `to` are dropped, while
 *   `to` still reaches `from`, replies included. For a transport where each side sends over the
 *   connection it opened (Raft's gRPC streams), this is "messages from `from` to `to` are lost,
 *   the other way they arrive". (A one-way cut at the packet level is not one-way for TCP: the
 *   acknowledgements of the other direction would be dropped too.)
 *
 * @module
 */

/** A directed cut from the node with address `from` to the node with address `to`. */
export interface Cut {
  from: string;
  to: string;
  mode: 'all' | 'originated';
}

/** Name of the fault chain in each node's namespace. */
export const faultChain = 'NSC-FAULTS';

/** The chain's rules (`-A ...` lines) for the node whose address is `self`. */
export function faultRules(self: string, cuts: readonly Cut[]): string[] {
  const rules: string[] = [];
  for (const cut of cuts) {
    checkAddress(cut.from);
    checkAddress(cut.to);
    if (cut.from === cut.to) throw new Error(`A cut from "${cut.from}" to itself means nothing`);
    if (cut.from === self) {
      const track = cut.mode === 'originated' ? ' -m conntrack --ctdir ORIGINAL' : '';
      rules.push(`-A ${faultChain} -d ${cut.to}/32${track} -j DROP`);
    } else if (cut.to === self && cut.mode === 'all') {
      rules.push(`-A ${faultChain} -s ${cut.from}/32 -j DROP`);
    }
  }
  return [...new Set(rules)];
}

/** The `iptables-restore --noflush` script that makes the chain hold exactly `rules`. */
export function faultRestoreScript(rules: readonly string[]): string {
  return ['*filter', `:${faultChain} - [0:0]`, ...rules, 'COMMIT', ''].join('\n');
}

/** The script run once per namespace: the chain and the jumps to it from INPUT and OUTPUT. */
export function faultSetupScript(): string {
  return [
    '*filter',
    `:${faultChain} - [0:0]`,
    `-I INPUT 1 -j ${faultChain}`,
    `-I OUTPUT 1 -j ${faultChain}`,
    'COMMIT',
    '',
  ].join('\n');
}

/** Cuts in both directions between every node of `a` and every node of `b`. */
export function partitionCuts(a: readonly string[], b: readonly string[]): Cut[] {
  const cuts: Cut[] = [];
  for (const x of a) {
    for (const y of b) {
      cuts.push({ from: x, to: y, mode: 'all' }, { from: y, to: x, mode: 'all' });
    }
  }
  return cuts;
}

function checkAddress(addr: string): void {
  const parts = addr.split('.');
  const ok =
    parts.length === 4 &&
    parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && String(Number(p)) === p);
  if (!ok) throw new Error(`Invalid IPv4 address "${addr}" in a cut`);
}
