/**
 * The working state of one reconcile pass: copies of the service's tasks whose desired states the
 * pass changes as it goes, and the actions it has decided so far. Also the per-group steps every
 * orchestrator shares (a group is a slot's tasks, or a node's tasks for node-bound services).
 *
 * @module
 */

import { isTerminal } from '../../store/index.js';
import type { RestartPolicy, Task } from '../../store/index.js';
import { decideRestart } from './restart.js';
import { endedOnItsOwn, isLive, newestFirst } from './tasks.js';
import type { Action, DesiredWrite, Snapshot } from './types.js';

/** A mutable copy of a stored task (only `desiredState` changes during a pass). */
export type WorkTask = Task;

/** Actions decided so far and the tasks as they will be once those are applied. */
export class Plan {
  readonly actions: Action[] = [];
  /** The service's tasks not yet desired REMOVE, copied. */
  readonly tasks: WorkTask[];

  constructor(snapshot: Snapshot) {
    this.tasks = snapshot.tasks
      .filter((t) => t.serviceId === snapshot.service.id && t.desiredState !== 'REMOVE')
      .map((t) => ({ ...t }));
  }

  /** Asks for `task` to move to `desired` (no action when it is already there). */
  setDesired(task: WorkTask, desired: DesiredWrite, reason: string): void {
    if (task.desiredState === desired) return;
    task.desiredState = desired;
    this.actions.push({ kind: 'set-desired', taskId: task.id, desired, reason });
  }

  /** Shuts down every live task and removes every stopped one: the service is being deleted. */
  removeAll(): Action[] {
    for (const task of this.tasks) {
      const reason = 'service is being removed';
      this.setDesired(task, isTerminal(task.status.state) ? 'REMOVE' : 'SHUTDOWN', reason);
    }
    return this.actions;
  }
}

/** What a group (one slot, or one node's tasks) needs, once its duplicates are settled. */
export type GroupState =
  | { kind: 'live'; task: WorkTask }
  | { kind: 'free' }
  | { kind: 'complete' }
  | { kind: 'restart'; ended: WorkTask; atMs: number; reason: string }
  | { kind: 'done'; ended: WorkTask; reason: string };

/** Groups tasks by a key (slot or node id), keeping first-seen order. */
export function groupBy<K>(
  tasks: readonly WorkTask[],
  key: (t: WorkTask) => K,
): Map<K, WorkTask[]> {
  const groups = new Map<K, WorkTask[]>();
  for (const task of tasks) {
    const k = key(task);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [task]);
    else group.push(task);
  }
  return groups;
}

/**
 * Leaves at most one live task in `group`: the newest observed RUNNING, else the newest. The
 * others (a lost node came back with its copy) are shut down.
 */
export function settleLive(group: readonly WorkTask[], plan: Plan, where: string): void {
  const live = newestFirst(group.filter(isLive));
  if (live.length < 2) return;
  const keep = live.find((t) => t.status.state === 'RUNNING') ?? live[0];
  for (const task of live) {
    if (task === keep || keep === undefined) continue;
    plan.setDesired(task, 'SHUTDOWN', `${where} has two live tasks: keeping "${keep.id}"`);
  }
}

/**
 * Classifies a settled group. A job's group with a COMPLETE task is complete. Otherwise the newest
 * task decides: live, ended on its own (the restart policy rules), or stopped by the orchestrator
 * (the group is free).
 */
export function classify(
  group: readonly WorkTask[],
  context: { policy: RestartPolicy; nowMs: number; job: boolean },
): GroupState {
  const live = group.find(isLive);
  if (live !== undefined) return { kind: 'live', task: live };
  if (context.job && group.some((t) => t.status.state === 'COMPLETE')) return { kind: 'complete' };
  const newest = newestFirst(group.filter((t) => t.desiredState !== 'REMOVE'))[0];
  if (newest === undefined || !endedOnItsOwn(newest)) return { kind: 'free' };
  const decision = decideRestart(newest, { ...context, history: group });
  return decision.kind === 'restart'
    ? { kind: 'restart', ended: newest, atMs: decision.atMs, reason: decision.reason }
    : { kind: 'done', ended: newest, reason: decision.reason };
}

/**
 * Bounds a group's history: terminal tasks beyond the newest `historyLimit` get desired REMOVE.
 * The newest task of a group without a live one is always kept (it tells what the group needs),
 * and so are the failures the restart policy still counts (up to max attempts + 1).
 */
export function pruneHistory(
  group: readonly WorkTask[],
  plan: Plan,
  context: { policy: RestartPolicy; historyLimit: number },
): void {
  const { policy, historyLimit } = context;
  const hasLive = group.some(isLive);
  const stopped = newestFirst(
    group.filter((t) => isTerminal(t.status.state) && t.desiredState !== 'REMOVE'),
  );
  const keepCount = Math.max(historyLimit, hasLive ? 0 : 1);
  let countedFailures = 0;
  stopped.forEach((task, index) => {
    const counted = policy.maxAttempts > 0 && endedOnItsOwn(task);
    if (counted) countedFailures += 1;
    if (index < keepCount || (counted && countedFailures <= policy.maxAttempts + 1)) return;
    plan.setDesired(task, 'REMOVE', `task history limit (${String(historyLimit)}) reached`);
  });
}
