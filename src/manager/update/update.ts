/**
 * The rolling updater's core (swarmkit `orchestrator/update`): replaces the tasks of a service
 * that run an older template, a few at a time, health-gated, and pauses or rolls back when too
 * many of the new tasks fail. Pure: the progress is read from the tasks themselves (which run
 * the current template, since when, whether they ended) plus when each was first seen up, so a
 * new leader carries an update on. docs/design/orchestrators.md ("Rolling updates").
 *
 * @module
 */

import type { Node, Service, Task, UpdateConfig, UpdateStatus } from '../../store/index.js';
import { matchConstraint, nodeInfoFromStore, parseConstraints } from '../../scheduler/index.js';
import { endedOnItsOwn, isLive, newTask, newestFirst, nodeProblem } from '../orchestrator/index.js';
import { isTaskReady, runsSpec, updateConfigOf } from './config.js';
import type { UpdateOptions, UpdatePlan, UpdateSnapshot } from './types.js';

/** One slot (replicated) or node (global) the update looks at. */
interface Group {
  key: number | string;
  tasks: Task[];
}

/** Where a group stands in the current update. */
interface GroupView {
  group: Group;
  /** Live tasks on an older template. */
  old: Task[];
  /** The newest live task on the current template. */
  fresh: Task | undefined;
  /** Tasks on the current template created since the update started. */
  updated: Task[];
}

const ACTIVE: ReadonlySet<UpdateStatus['state']> = new Set(['updating', 'rollback-started']);
const PAUSED: ReadonlySet<UpdateStatus['state']> = new Set(['paused', 'rollback-paused']);

function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

function parseMs(iso: string, fallbackMs: number): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? fallbackMs : ms;
}

/** Tasks grouped by slot (replicated) or by node (global), keys in order. */
function groupsOf(service: Service, tasks: readonly Task[]): Group[] {
  const replicated = service.spec.mode.kind === 'replicated';
  const byKey = new Map<number | string, Task[]>();
  for (const task of tasks) {
    if (task.serviceId !== service.id || task.desiredState === 'REMOVE') continue;
    // Slots are not renumbered on a scale down (the orchestrator keeps running tasks over lower
    // slots), so every slot with tasks is looked at.
    if (replicated ? task.slot < 1 : task.nodeId === '') continue;
    const key = replicated ? task.slot : task.nodeId;
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [task]);
    else list.push(task);
  }
  return [...byKey]
    .map(([key, list]) => ({ key, tasks: list }))
    .sort((a, b) =>
      typeof a.key === 'number' && typeof b.key === 'number'
        ? a.key - b.key
        : String(a.key).localeCompare(String(b.key)),
    );
}

function viewOf(group: Group, service: Service, startedMs: number): GroupView {
  const current = service.spec.task;
  const live = group.tasks.filter(isLive);
  return {
    group,
    old: live.filter((t) => !runsSpec(t, current)),
    fresh: newestFirst(live.filter((t) => runsSpec(t, current)))[0],
    updated: group.tasks.filter(
      (t) => runsSpec(t, current) && parseMs(t.meta.createdAt, 0) >= startedMs,
    ),
  };
}

/** When `task` was first up, if it is or was. */
function readySince(task: Task, options: UpdateOptions, nowMs: number): number | undefined {
  const seen = options.readySinceMs.get(task.id);
  if (seen !== undefined) return seen;
  return isTaskReady(task) ? parseMs(task.status.timestamp, nowMs) : undefined;
}

/** A new task that ended on its own before it had been up for the monitor period. */
function failedUpdate(
  task: Task,
  config: UpdateConfig,
  options: UpdateOptions,
  nowMs: number,
): boolean {
  if (!endedOnItsOwn(task)) return false;
  const since = options.readySinceMs.get(task.id);
  if (since === undefined) return true;
  return parseMs(task.status.timestamp, nowMs) - since < config.monitorMs;
}

/** How a failed task ended, for the update status (`exit 1`, `unhealthy`). */
function endOf(task: Task): string {
  if (task.status.exitCode !== undefined && task.status.exitCode !== 0)
    return `exit ${task.status.exitCode}`;
  const text = task.status.err ?? task.status.message;
  return text === '' ? task.status.state.toLowerCase() : text;
}

/** The label of a task in messages: `web.3` (its slot or node name). */
function nameOf(task: Task): string {
  return task.serviceAnnotations.name;
}

/**
 * Decides the next step of the rolling update (or rollback) of `snapshot.service` at `nowMs`.
 * A task on an older template is replaced, `parallelism` at a time (0: all at once), in slot (or
 * node id) order, tasks not running first: stop-first shuts the old task down as its replacement
 * is created, start-first shuts it down once the replacement is up. A replacement counts as
 * updated once up (RUNNING, and healthy when it has a healthcheck) for `monitorMs`; its place goes
 * to the next one then, and not before `delayMs` after it came up. Unlike Swarm (whose places free
 * as soon as a task runs), a task that crashes a second after starting cannot take the next
 * batch down with it. Replacements that end on their own within `monitorMs` of coming up are failures; once
 * more than `maxFailureRatio` of the update's tasks failed, `failureAction` applies: pause, go on,
 * or roll back to `previousSpec` (a rollback that fails pauses). Jobs are not updated.
 */
export function planUpdate(
  snapshot: UpdateSnapshot,
  nowMs: number,
  options: UpdateOptions,
): UpdatePlan {
  const { service } = snapshot;
  const plan: UpdatePlan = { actions: [], held: [], rollback: false };
  const kind = service.spec.mode.kind;
  if (service.pendingDelete || kind === 'replicated-job' || kind === 'global-job') return plan;
  const status = service.updateStatus;
  const rollingBack = status?.state === 'rollback-started' || status?.state === 'rollback-paused';
  const config = updateConfigOf(service.spec, rollingBack);
  const active = status !== undefined && ACTIVE.has(status.state);
  const startedMs = active ? parseMs(status.startedAt, nowMs) : nowMs;
  const views = groupsOf(service, snapshot.tasks).map((g) => viewOf(g, service, startedMs));
  const nodes = new Map(snapshot.nodes.map((n) => [n.id, n]));
  const pairs = views.filter((v) => v.old.length > 0 && v.fresh !== undefined);
  const dirty = views.filter(
    (v) => v.old.length > 0 && v.fresh === undefined && !onLostNode(v.old, nodes, service),
  );
  for (const pair of pairs) plan.held.push(...pair.old.map((t) => t.id));
  if (status !== undefined && PAUSED.has(status.state)) return plan;
  if (!active) {
    if (dirty.length === 0 && pairs.length === 0) return plan;
    plan.status = { state: 'updating', startedAt: isoOf(nowMs), message: 'update in progress' };
  }
  const state = { plan, config, nowMs, options, rollingBack, startedMs };
  const updatedViews = views.filter((v) => v.updated.length > 0);
  const failed = updatedViews.filter((v) =>
    v.updated.some((t) => failedUpdate(t, config, options, nowMs)),
  );
  const total = new Set([...updatedViews, ...dirty, ...pairs]).size;
  if (
    config.failureAction !== 'continue' &&
    failed.length > 0 &&
    failed.length / Math.max(total, 1) > config.maxFailureRatio
  ) {
    fail(
      service,
      state,
      `${String(failed.length)} of ${String(total)} updated tasks failed (${why(failed, config, options, nowMs)})`,
    );
    return plan;
  }
  const inFlight = progress(service, state, { pairs, updatedViews });
  const parallelism = config.parallelism > 0 ? config.parallelism : Infinity;
  // More live slots than replicas: the reconcile scales down first (it could drop a fresh
  // replacement and keep the old task it holds), the update goes on once it has.
  const mode = service.spec.mode;
  const liveGroups = views.filter((v) => v.old.length > 0 || v.fresh !== undefined).length;
  const scalingDown = mode.kind === 'replicated' && liveGroups > mode.replicas;
  const budget = scalingDown ? 0 : Math.max(0, parallelism - inFlight.busy);
  const next = [...dirty].sort((a, b) => notRunningFirst(a) - notRunningFirst(b)).slice(0, budget);
  for (const view of next) replace(service, view, state);
  const done = dirty.length === 0 && pairs.length === 0 && inFlight.busy === 0;
  const finished = done && !inFlight.monitoring ? completed(status, state) : undefined;
  if (finished !== undefined) plan.status = finished;
  return plan;
}

/**
 * Whether any of the old tasks sits on a node that is gone, down or drained, or (global services)
 * no longer satisfies the constraints: the reconcile moves those, the update leaves them.
 */
function onLostNode(
  old: readonly Task[],
  nodes: ReadonlyMap<string, Node>,
  service: Service,
): boolean {
  const parsed = parseConstraints(service.spec.task.placement.constraints);
  return old.some((t) => {
    if (t.nodeId === '') return false;
    const node = nodes.get(t.nodeId);
    if (node === undefined || nodeProblem(t.nodeId, node) !== undefined) return true;
    if (service.spec.mode.kind !== 'global' || !parsed.ok) return false;
    const info = nodeInfoFromStore(node);
    return !parsed.value.every((c) => matchConstraint(c, info));
  });
}

function notRunningFirst(view: GroupView): number {
  return view.old.some((t) => t.status.state === 'RUNNING') ? 1 : 0;
}

interface PassState {
  plan: UpdatePlan;
  config: UpdateConfig;
  nowMs: number;
  options: UpdateOptions;
  rollingBack: boolean;
  startedMs: number;
}

/** The first failure, for the status message: `task web.3: exit 1`. */
function why(
  failed: readonly GroupView[],
  config: UpdateConfig,
  options: UpdateOptions,
  nowMs: number,
): string {
  const first = failed
    .flatMap((v) => v.updated.filter((t) => failedUpdate(t, config, options, nowMs)))
    .sort((a, b) => a.status.timestamp.localeCompare(b.status.timestamp))[0];
  return first === undefined ? 'no task' : `task ${nameOf(first)}: ${endOf(first)}`;
}

/** Applies the failure action: pause, or roll back to the previous spec when there is one. */
function fail(service: Service, state: PassState, reason: string): void {
  const { plan, config, nowMs, rollingBack } = state;
  const startedAt = service.updateStatus?.startedAt ?? isoOf(nowMs);
  if (config.failureAction === 'rollback' && !rollingBack && service.previousSpec !== undefined) {
    plan.rollback = true;
    plan.status = {
      state: 'rollback-started',
      startedAt: isoOf(nowMs),
      message: `update rolled back: ${reason}`,
    };
    return;
  }
  const noPrevious =
    config.failureAction === 'rollback' && !rollingBack
      ? ' (no previous spec to roll back to)'
      : '';
  plan.status = {
    state: rollingBack ? 'rollback-paused' : 'paused',
    startedAt,
    message: `${rollingBack ? 'rollback' : 'update'} paused: ${reason}${noPrevious}`,
  };
}

/**
 * Finishes start-first pairs whose new task is up, and counts the groups still taking one of the
 * `parallelism` places: a replacement not yet up, or up for less than `monitorMs` or `delayMs`.
 * Also says whether a replacement is still in its monitor period, and when the next place frees.
 */
function progress(
  service: Service,
  state: PassState,
  groups: { pairs: readonly GroupView[]; updatedViews: readonly GroupView[] },
): { busy: number; monitoring: boolean } {
  const { plan, config, nowMs, options } = state;
  let busy = 0;
  let monitoring = false;
  const wake = (atMs: number): void => {
    plan.wakeAtMs = plan.wakeAtMs === undefined ? atMs : Math.min(plan.wakeAtMs, atMs);
  };
  const views = new Set([...groups.updatedViews, ...groups.pairs]);
  for (const view of views) {
    const fresh = view.fresh;
    if (fresh === undefined) continue;
    const since = readySince(fresh, options, nowMs);
    if (since === undefined) {
      busy += 1;
      continue;
    }
    if (view.old.length > 0) {
      for (const old of view.old) {
        plan.actions.push({
          kind: 'set-desired',
          taskId: old.id,
          desired: 'SHUTDOWN',
          reason: `${label(service, state)}: replaced by task "${fresh.id}", now up`,
        });
      }
      plan.held = plan.held.filter((id) => !view.old.some((t) => t.id === id));
    }
    // A place is free again once the replacement passed its monitor period (so a task that
    // crashes soon after starting cannot take every slot down) and the delay has passed.
    const monitorMs = view.updated.length > 0 ? config.monitorMs : 0;
    const holdMs = Math.max(config.delayMs, monitorMs);
    if (nowMs < since + holdMs) {
      busy += 1;
      wake(since + holdMs);
    }
    if (nowMs < since + monitorMs) monitoring = true;
  }
  return { busy, monitoring };
}

function label(service: Service, state: PassState): string {
  return state.rollingBack
    ? `rollback of service "${service.spec.name}"`
    : `rolling update of service "${service.spec.name}" to spec version ${String(service.specVersion)}`;
}

/** Starts the replacement of one group's old task(s). */
function replace(service: Service, view: GroupView, state: PassState): void {
  const { plan, config, nowMs, options } = state;
  const first = view.old[0];
  if (first === undefined) return;
  const reason = label(service, state);
  const place =
    service.spec.mode.kind === 'global'
      ? ({ slot: 0, nodeId: first.nodeId } as const)
      : ({ slot: first.slot, nodeId: '' } as const);
  if (config.order === 'stop-first') {
    for (const old of view.old)
      plan.actions.push({ kind: 'set-desired', taskId: old.id, desired: 'SHUTDOWN', reason });
  } else {
    plan.held.push(...view.old.map((t) => t.id));
  }
  const task = newTask(service, place, { id: options.ids(), nowMs, message: reason });
  plan.actions.push({ kind: 'create', task, reason });
}

/** The status of an update whose every task is replaced and past its monitor period. */
function completed(status: UpdateStatus | undefined, state: PassState): UpdateStatus | undefined {
  if (status === undefined || !ACTIVE.has(status.state)) return undefined;
  const completedAt = isoOf(state.nowMs);
  return state.rollingBack
    ? { ...status, state: 'rollback-completed', completedAt }
    : { ...status, state: 'completed', completedAt, message: 'update completed' };
}
