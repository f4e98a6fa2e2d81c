/**
 * Quorum arithmetic for manager membership, and the messages a person reads when quorum is at
 * stake. PURE.
 *
 * @module
 */
import { TsorchError } from '../../util/errors.js';

/** Votes a group of `voters` managers needs to elect a leader and commit (a majority). */
export function quorumSize(voters: number): number {
  return Math.floor(voters / 2) + 1;
}

/**
 * The error of a manager that cannot reach a majority: `reachable` counts this manager too.
 *
 * @example
 * quorumLostError(1, 3).message
 * // 'This manager cannot reach a majority: 1 of 3 managers reachable; writes are refused'
 */
export function quorumLostError(reachable: number, total: number): TsorchError {
  return new TsorchError(
    'CLUSTER_NO_QUORUM',
    `This manager cannot reach a majority: ${reachable} of ${total} managers reachable; writes are refused`,
    {
      hint:
        `bring back ${quorumSize(total) - reachable} more manager(s), or run ` +
        '"tsorch swarm init --force-new-cluster" on this one if the others are gone for good',
      details: { reachable, total },
    },
  );
}

/** A manager removal or demotion to check. */
export interface RemovalCheck {
  /** Raft ids of the current voters. */
  voters: readonly number[];
  /** Voters that are reachable now (the leader included). */
  reachable: readonly number[];
  /** The voter to remove. */
  target: number;
  /** What the user is doing, for the message: "demote", "remove" or "leave". */
  action: 'demote' | 'remove' | 'leave';
  /** `--force`: allowed to lose quorum (never to remove the last manager). */
  force: boolean;
}

/**
 * Returns why removing `target` from the voters is refused, or undefined when it is safe (or
 * forced). The last manager can never be removed: the cluster would have no state left.
 */
export function checkManagerRemoval(check: RemovalCheck): TsorchError | undefined {
  const { voters, reachable, target, action } = check;
  if (!voters.includes(target)) return undefined;
  if (voters.length === 1) {
    return new TsorchError(
      'FAILED_PRECONDITION',
      `Cannot ${action} the last manager of the cluster`,
      { hint: 'promote another node first, or run "tsorch swarm leave --force" on this one' },
    );
  }
  if (check.force) return undefined;
  const after = voters.filter((v) => v !== target);
  const reachableAfter = after.filter((v) => reachable.includes(v)).length;
  const needed = quorumSize(after.length);
  if (reachableAfter >= needed) return undefined;
  return new TsorchError(
    'CLUSTER_NO_QUORUM',
    `Cannot ${action} the manager: the ${after.length} remaining manager(s) need ${needed} reachable for a majority, and ${reachableAfter} are`,
    { hint: `bring the unreachable managers back first, or add --force to ${action} anyway` },
  );
}
