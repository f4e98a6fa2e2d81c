/**
 * Rolling update settings: the defaults tsorch applies when a service leaves `update_config` or
 * `rollback_config` out, and the spec comparison that says which tasks an update must replace.
 * Pure.
 *
 * @module
 */

import type { Task, TaskSpec, UpdateConfig } from '../../store/index.js';
import { ROLLBACK_DEFAULTS, UPDATE_DEFAULTS } from '../../util/service-defaults.js';

/** Defaults of `update_config` (a failed update rolls back; ADR 021), shared with the CLI. */
export const DEFAULT_UPDATE_CONFIG: Readonly<UpdateConfig> = UPDATE_DEFAULTS;

/** Defaults of `rollback_config`: a rollback that fails pauses (rolling back a rollback loops). */
export const DEFAULT_ROLLBACK_CONFIG: Readonly<UpdateConfig> = ROLLBACK_DEFAULTS;

/** The settings an update (or a rollback, `rollback: true`) runs with. */
export function updateConfigOf(
  spec: { update?: UpdateConfig; rollback?: UpdateConfig },
  rollback: boolean,
): UpdateConfig {
  const given = rollback ? spec.rollback : spec.update;
  return given ?? (rollback ? DEFAULT_ROLLBACK_CONFIG : DEFAULT_UPDATE_CONFIG);
}

/**
 * Structural equality of stored values (plain objects, arrays, primitives, bytes). A key whose
 * value is `undefined` counts as absent, so an optional field left out equals one set to
 * `undefined`.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length)
      return false;
    return a.every((x, i) => x === b[i]);
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) if (!deepEqual(ra[key], rb[key])) return false;
  return true;
}

/** Whether `task` runs the template `spec` (an update replaces the tasks that do not). */
export function runsSpec(task: Task, spec: TaskSpec): boolean {
  return deepEqual(task.spec, spec);
}

/** Whether the task's template has a healthcheck that runs (not `NONE`). */
export function hasHealthcheck(task: Task): boolean {
  const test = task.spec.container.healthcheck?.test;
  return test !== undefined && test.length > 0 && test[0] !== 'NONE';
}

/**
 * Whether a task counts as up: observed RUNNING and, when its template has a healthcheck,
 * reported healthy. An updated task counts as updated only from then on.
 */
export function isTaskReady(task: Task): boolean {
  return (
    task.status.state === 'RUNNING' && (!hasHealthcheck(task) || task.status.health === 'healthy')
  );
}
