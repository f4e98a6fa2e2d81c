/**
 * The global orchestrators' reconcile core (swarmkit `orchestrator/global`, and global jobs):
 * one task per eligible node, following nodes as they join, leave, drain or change labels. Pure.
 *
 * @module
 */

import type { Node } from '../../store/index.js';
import { matchConstraint, nodeInfoFromStore, parseConstraints } from '../../scheduler/index.js';
import type { Constraint } from '../../scheduler/index.js';
import { assert } from '../../util/assert.js';
import { Plan, classify, groupBy, pruneHistory, settleLive } from './plan.js';
import type { WorkTask } from './plan.js';
import { acceptsNewTasks, isLive, newTask, nodeProblem } from './tasks.js';
import type { Action, ReconcileOptions, Snapshot } from './types.js';

/** The constraints a node is checked against; `undefined` when they do not parse. */
function parsedConstraints(expressions: readonly string[]): Constraint[] | undefined {
  const parsed = parseConstraints(expressions);
  return parsed.ok ? parsed.value : undefined;
}

/** The first constraint `node` fails, or `undefined` when it satisfies them all. */
function failedConstraint(constraints: readonly Constraint[], node: Node): Constraint | undefined {
  const info = nodeInfoFromStore(node);
  return constraints.find((c) => !matchConstraint(c, info));
}

/**
 * Why tasks must leave `nodeId`: the node is gone, down, drained or no longer satisfies a
 * constraint. Unparseable constraints (the control API rejects them) move no task.
 */
function leaveReason(
  nodeId: string,
  node: Node | undefined,
  constraints: readonly Constraint[] | undefined,
): string | undefined {
  const problem = nodeProblem(nodeId, node);
  if (problem !== undefined || node === undefined || constraints === undefined) return problem;
  const failed = failedConstraint(constraints, node);
  return failed && `node "${nodeId}" no longer satisfies constraint "${failed.expression}"`;
}

/** Reconciles one node's tasks (`group`, maybe empty) of a node-bound service. */
function reconcileNode(
  plan: Plan,
  group: readonly WorkTask[],
  context: {
    snapshot: Snapshot;
    nodeId: string;
    node: Node | undefined;
    constraints: readonly Constraint[] | undefined;
    nowMs: number;
    options: ReconcileOptions;
    job: boolean;
  },
): void {
  const { snapshot, nodeId, node, constraints, nowMs, options, job } = context;
  const { service } = snapshot;
  const policy = service.spec.task.restartPolicy;
  const leave = leaveReason(nodeId, node, constraints);
  if (leave !== undefined) {
    for (const task of group.filter(isLive)) plan.setDesired(task, 'SHUTDOWN', leave);
  } else {
    settleLive(group, plan, `node "${nodeId}"`);
    const state = classify(group, { policy, nowMs, job });
    // A paused or not-ready node keeps its task but gets no new one; unparseable constraints
    // place nothing.
    const accepts = node !== undefined && acceptsNewTasks(node) && constraints !== undefined;
    const place = { slot: 0, nodeId } as const;
    if (accepts && (state.kind === 'free' || (state.kind === 'restart' && state.atMs <= nowMs))) {
      const message = state.kind === 'restart' ? state.reason : `node "${nodeId}" is eligible`;
      const task = newTask(service, place, { id: options.ids(), nowMs, message });
      plan.actions.push({ kind: 'create', task, reason: message });
    } else if (accepts && state.kind === 'restart') {
      plan.actions.push({ kind: 'restart-at', ...place, atMs: state.atMs, reason: state.reason });
    }
  }
  pruneHistory(group, plan, { policy, historyLimit: options.historyLimit });
}

/** The shared core of {@link reconcileGlobal} and {@link reconcileGlobalJob}. */
function reconcileNodes(
  snapshot: Snapshot,
  nowMs: number,
  options: ReconcileOptions & { job: boolean },
): Action[] {
  const { service } = snapshot;
  const plan = new Plan(snapshot);
  if (service.pendingDelete) return plan.removeAll();
  const constraints = parsedConstraints(service.spec.task.placement.constraints);
  const nodes = new Map(snapshot.nodes.map((n) => [n.id, n]));
  const groups = groupBy(plan.tasks, (t) => t.nodeId);
  for (const node of snapshot.nodes) if (!groups.has(node.id)) groups.set(node.id, []);
  for (const [nodeId, group] of groups) {
    const node = nodes.get(nodeId);
    reconcileNode(plan, group, {
      snapshot,
      nodeId,
      node,
      constraints,
      nowMs,
      options,
      job: options.job,
    });
  }
  return plan.actions;
}

/**
 * Reconciles a global service: one live task on each node that is ready, active and satisfies
 * the placement constraints. Tasks leave nodes that go down, are drained, leave the cluster or
 * stop satisfying a constraint (they are not replaced elsewhere); a paused node keeps its task
 * but gets no new one; an ended task is restarted on its node per the restart policy.
 */
export function reconcileGlobal(
  snapshot: Snapshot,
  nowMs: number,
  options: ReconcileOptions,
): Action[] {
  const kind = snapshot.service.spec.mode.kind;
  assert(kind === 'global', `reconcileGlobal() got a ${kind} service`);
  return reconcileNodes(snapshot, nowMs, { ...options, job: false });
}

/**
 * Reconciles a global job: one task per eligible node, run to completion. Failed runs are retried
 * per the restart policy; a node with a COMPLETE task gets nothing more, nodes that join later
 * get their run.
 */
export function reconcileGlobalJob(
  snapshot: Snapshot,
  nowMs: number,
  options: ReconcileOptions,
): Action[] {
  const kind = snapshot.service.spec.mode.kind;
  assert(kind === 'global-job', `reconcileGlobalJob() got a ${kind} service`);
  return reconcileNodes(snapshot, nowMs, { ...options, job: true });
}
