/**
 * The manager's control loops (issue 11): on the leader, the orchestrators, the rolling updater,
 * the allocator, the scheduler and the reaper run over the store, driven by its watch and by
 * timers on an injected clock. `startManagerLoops(store, options)` returns `{ stop() }`.
 *
 * @module
 */

export {
  alwaysLeader,
  startManagerLoops,
  type Leadership,
  type ManagerLoops,
  type ManagerLoopsOptions,
} from './loops.js';
export { systemClock, type LoopClock } from './clock.js';
export {
  LEADERSHIP_POLL_MS,
  pollLeadership,
  startLeaderLoops,
  type LeaderStatus,
  type PolledLeadership,
} from './leadership.js';
export { planReap, type ReapPlan } from './reap.js';
export { ASSIGNED_MESSAGE } from './schedule-pass.js';
