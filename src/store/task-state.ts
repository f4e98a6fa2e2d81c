/**
 * The task state machine (docs/design/task-model.md). States are totally ordered; a task only
 * ever moves forward, and a restart is a new task in the same slot. Pure.
 *
 * @module
 */

/** Every task state, in order (DESIGN.md §4). */
export const TASK_STATES = [
  'NEW',
  'PENDING',
  'ASSIGNED',
  'ACCEPTED',
  'PREPARING',
  'READY',
  'STARTING',
  'RUNNING',
  'COMPLETE',
  'FAILED',
  'SHUTDOWN',
  'REJECTED',
  'ORPHANED',
  'REMOVE',
] as const;

/** A task state. */
export type TaskState = (typeof TASK_STATES)[number];

const ORDER: ReadonlyMap<string, number> = new Map(TASK_STATES.map((s, i) => [s, i]));

/** Returns true when `value` names a task state. */
export function isTaskState(value: unknown): value is TaskState {
  return typeof value === 'string' && ORDER.has(value);
}

/** Position of `state` in {@link TASK_STATES}; compare positions to order states. */
export function taskStateRank(state: TaskState): number {
  const rank = ORDER.get(state);
  if (rank === undefined) throw new TypeError(`Unknown task state "${state}"`);
  return rank;
}

/** Returns true when a task in `state` has stopped for good (COMPLETE … ORPHANED, or REMOVE). */
export function isTerminal(state: TaskState): boolean {
  return taskStateRank(state) > taskStateRank('RUNNING');
}

/**
 * Returns true when a task may move from `from` to `to`: staying put, or moving forward. Once
 * terminal, the only move left is to REMOVE (the orchestrator deleting the task).
 *
 * @example
 * canTransition('ASSIGNED', 'RUNNING'); // true
 * canTransition('RUNNING', 'PENDING'); // false: never backwards
 * canTransition('FAILED', 'COMPLETE'); // false: terminal states are final
 */
export function canTransition(from: TaskState, to: TaskState): boolean {
  if (from === to) return true;
  if (isTerminal(from)) return to === 'REMOVE';
  return taskStateRank(to) > taskStateRank(from);
}
