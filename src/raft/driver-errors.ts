/**
 * The operating errors the Raft driver answers callers with (codes in util/errors.ts).
 *
 * @module
 */
import { TsorchError } from '../util/errors.js';
import type { NodeId, ProposeResult } from './core/types.js';

/** RAFT_STOPPED: the member is shut down. */
export function stoppedError(): TsorchError {
  return new TsorchError('RAFT_STOPPED', 'Cannot complete the request: the Raft member stopped');
}

/** RAFT_PROPOSAL_DROPPED: the proposal did not (or may not have) committed; retryable. */
export function droppedError(why: string): TsorchError {
  return new TsorchError('RAFT_PROPOSAL_DROPPED', `Cannot commit the proposal: ${why}`, {
    hint: 'Retry the request',
  });
}

/** RAFT_NOT_LEADER with the leader's id (0: none known) and address in the details. */
export function notLeaderError(leader: NodeId, leaderAddress: string | undefined): TsorchError {
  return new TsorchError(
    'RAFT_NOT_LEADER',
    'Cannot accept the request: this manager is not the leader',
    {
      details: { leaderId: leader, leaderAddress: leaderAddress ?? null },
      hint:
        leader === 0
          ? 'No leader is elected yet; retry shortly'
          : `Send the request to the leader (member ${leader} at "${leaderAddress ?? 'unknown'}")`,
    },
  );
}

/** Maps the core's answer to a proposal to the error its caller gets, or undefined when appended. */
export function proposeError(
  res: ProposeResult,
  notLeader: () => TsorchError,
): TsorchError | undefined {
  switch (res.kind) {
    case 'appended':
      return undefined;
    case 'forwarded':
      return notLeader();
    case 'dropped':
      break;
  }
  switch (res.reason) {
    case 'leadership-transfer':
      return notLeader();
    case 'too-large':
      return new TsorchError('RAFT_MESSAGE_TOO_LARGE', 'Cannot propose: the entry is too large');
    case 'invalid-conf-change':
      return new TsorchError(
        'INVALID_ARGUMENT',
        'Cannot change membership: the change is not valid here',
      );
    case 'no-leader':
    case 'conf-change-pending':
    case 'learner-lagging':
    case 'overloaded':
      return droppedError(res.reason);
  }
}
