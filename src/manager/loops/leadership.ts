/**
 * Leadership signals for the loops: a Raft member exposes its status (its id and the leader's),
 * not events, so {@link pollLeadership} turns that status into a {@link Leadership} by looking at
 * it on a timer.
 *
 * @module
 */

import type { Store } from '../../store/index.js';
import { systemClock, type LoopClock } from './clock.js';
import { startManagerLoops, type Leadership, type ManagerLoopsOptions } from './loops.js';

/** What {@link pollLeadership} reads: the Raft member's id and the leader it knows (0: none). */
export interface LeaderStatus {
  id: number;
  leader: number;
}

/** A {@link Leadership} that can be stopped (it owns a timer). */
export interface PolledLeadership extends Leadership {
  stop(): void;
}

/**
 * Watches `status()` every `intervalMs` and reports changes of "this member leads". A status
 * that throws (the member stopped) reads as not leading.
 *
 * @example
 * const leadership = pollLeadership(() => manager.raft.status(), { clock, intervalMs: 200 });
 * const loops = startManagerLoops(manager.store, { leadership, clock, log });
 */
export function pollLeadership(
  status: () => LeaderStatus,
  options: { clock: LoopClock; intervalMs: number },
): PolledLeadership {
  const listeners = new Set<(leader: boolean) => void>();
  const read = (): boolean => {
    try {
      const s = status();
      return s.leader !== 0 && s.leader === s.id;
    } catch {
      return false;
    }
  };
  let leader = read();
  let cancel: (() => void) | undefined;
  const poll = (): void => {
    cancel = options.clock.after(options.intervalMs, () => {
      const now = read();
      if (now !== leader) {
        leader = now;
        for (const fn of listeners) fn(now);
      }
      poll();
    });
  };
  poll();
  return {
    isLeader: () => leader,
    onChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    stop() {
      cancel?.();
    },
  };
}

/** Default period at which {@link startLeaderLoops} looks at the Raft member's status. */
export const LEADERSHIP_POLL_MS = 200;

/**
 * Starts the loops on a manager whose Raft member exposes `status()` (the daemon's
 * `ManagerParts`): leadership is polled every `leadershipPollMs` (default
 * {@link LEADERSHIP_POLL_MS}), and `stop()` ends both.
 *
 * @example
 * const loops = startLeaderLoops(node.manager, { log });
 */
export function startLeaderLoops(
  manager: { store: Store; raft: { status(): LeaderStatus } },
  options: Omit<ManagerLoopsOptions, 'leadership'> & { leadershipPollMs?: number } = {},
): { stop(): Promise<void> } {
  const clock = options.clock ?? systemClock;
  const leadership = pollLeadership(() => manager.raft.status(), {
    clock,
    intervalMs: options.leadershipPollMs ?? LEADERSHIP_POLL_MS,
  });
  const loops = startManagerLoops(manager.store, { ...options, clock, leadership });
  return {
    async stop() {
      leadership.stop();
      await loops.stop();
    },
  };
}
