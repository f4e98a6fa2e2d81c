/**
 * One service's orchestration step: the rolling updater, then the orchestrator's reconcile over
 * the tasks as the updater leaves them, committed together in one store transaction that names
 * the versions it read. A conflict (an agent reported, a user changed the service) reads again
 * and decides again.
 *
 * @module
 */

import type { Node, Service, Task, WriteTx } from '../../store/index.js';
import { reconcile, type Action } from '../orchestrator/index.js';
import { planUpdate, type UpdatePlan } from '../update/index.js';
import { managerLoopTxMaxWrites } from '../../util/limits.js';

/** What one service step needs. */
export interface OrchestrateContext {
  nowMs: number;
  nodes: readonly Node[];
  ids: () => string;
  historyLimit: number;
  readySinceMs: ReadonlyMap<string, number>;
}

/** What one service step did: writes made, and when the service wants another look. */
export interface OrchestrateResult {
  writes: number;
  wakeAtMs?: number;
  /** Reasons of the actions taken, for the log. */
  reasons: string[];
}

/** The service as the update plan leaves it (rolled back, with its new status). */
function serviceAfter(service: Service, plan: UpdatePlan): Service {
  if (plan.status === undefined && !plan.rollback) return service;
  const next: Service = { ...service };
  if (plan.status !== undefined) next.updateStatus = plan.status;
  if (plan.rollback && service.previousSpec !== undefined) {
    next.spec = service.previousSpec;
    delete next.previousSpec;
    next.specVersion = service.specVersion + 1;
  }
  return next;
}

/** The tasks as `actions` leave them (created ones dated `nowMs`). */
function tasksAfter(tasks: readonly Task[], actions: readonly Action[], nowMs: number): Task[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const iso = new Date(nowMs).toISOString();
  for (const action of actions) {
    if (action.kind === 'create') {
      byId.set(action.task.id, {
        ...action.task,
        meta: { version: Number.MAX_SAFE_INTEGER, createdAt: iso, updatedAt: iso },
      });
    } else if (action.kind === 'set-desired') {
      const task = byId.get(action.taskId);
      if (task !== undefined) byId.set(task.id, { ...task, desiredState: action.desired });
    }
  }
  return [...byId.values()];
}

/**
 * Decides what `service` needs (update step, then reconcile) on the state `tx` reads, and writes
 * it in `tx`. Writes beyond {@link managerLoopTxMaxWrites} wait for the next pass (reconcile is
 * idempotent: it decides them again).
 *
 * @throws {ConflictError} STORE_CONFLICT (from the commit) when an object changed after it was read.
 */
export function orchestrateService(
  tx: WriteTx,
  serviceId: string,
  context: OrchestrateContext,
): OrchestrateResult {
  const result: OrchestrateResult = { writes: 0, reasons: [] };
  const service = tx.get('services', serviceId);
  if (service === undefined) return result;
  const tasks = tx.find('tasks', 'service', serviceId);
  const { nowMs, nodes } = context;
  const plan = planUpdate({ service, tasks, nodes }, nowMs, context);
  const updated = serviceAfter(service, plan);
  const held = new Set(plan.held);
  const visible = tasksAfter(tasks, plan.actions, nowMs).filter((t) => !held.has(t.id));
  const actions = [
    ...plan.actions,
    ...reconcile({ service: updated, tasks: visible, nodes }, nowMs, context),
  ];
  const wakes = actions.flatMap((a) => (a.kind === 'restart-at' ? [a.atMs] : []));
  if (plan.wakeAtMs !== undefined) wakes.push(plan.wakeAtMs);
  if (wakes.length > 0) result.wakeAtMs = Math.min(...wakes);
  if (updated !== service) {
    tx.update('services', updated);
    result.writes += 1;
    if (plan.status !== undefined) result.reasons.push(plan.status.message);
  }
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const desired = new Map<string, Action & { kind: 'set-desired' }>();
  for (const action of actions) {
    if (action.kind === 'set-desired') desired.set(action.taskId, action);
  }
  for (const action of actions) {
    if (result.writes >= managerLoopTxMaxWrites) {
      result.wakeAtMs = nowMs;
      break;
    }
    if (action.kind === 'create') {
      // A task the same pass already stops (a scale down after an update step) is not created.
      if (
        desired.get(action.task.id)?.desired !== undefined &&
        desired.get(action.task.id)?.desired !== 'RUNNING'
      )
        continue;
      tx.create('tasks', action.task);
    } else if (action.kind === 'set-desired' && desired.get(action.taskId) === action) {
      const task = byId.get(action.taskId);
      if (task === undefined) continue;
      tx.update('tasks', { ...task, desiredState: action.desired });
    } else continue;
    result.writes += 1;
    result.reasons.push(action.reason);
  }
  return result;
}
