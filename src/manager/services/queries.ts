/**
 * The control API's reads of services and tasks (`service ls`, `service ps`, `service inspect`),
 * pure over one read transaction: filters as Docker's `--filter`, and the counts `service ls`
 * shows in its REPLICAS column.
 *
 * @module
 */
import {
  isTaskState,
  type ReadTx,
  type Service,
  type Task,
  type TaskState,
} from '../../store/index.js';
import { InvalidArgumentError } from '../../util/errors.js';
import { findService } from './lookup.js';

/** `service ls --filter`: each list is OR-ed, the lists AND-ed; empty lists match all. */
export interface ServiceFilters {
  /** Name prefixes (Docker matches a name filter as a prefix). */
  names?: readonly string[];
  /** Id prefixes. */
  ids?: readonly string[];
  /** `KEY` (present) or `KEY=VALUE`. */
  labels?: readonly string[];
  /** replicated, global, replicated-job, global-job. */
  modes?: readonly string[];
}

/** `service ps --filter`. */
export interface TaskFilters {
  /** Services by name, id or id prefix; required by `service ps`, optional for the API. */
  services?: readonly string[];
  /** Nodes by id, id prefix or hostname. */
  nodes?: readonly string[];
  /** Desired states: running, shutdown, accepted, ... (case-insensitive). */
  desiredStates?: readonly string[];
  /** Task names (`web.1`) or prefixes. */
  names?: readonly string[];
}

/** What `service ls` shows of a service's tasks. */
export interface ServiceCounts {
  /** Tasks observed RUNNING and still desired RUNNING. */
  running: number;
  /** Tasks the service wants: its replicas, or one per node for global services. */
  desired: number;
  /** Tasks COMPLETE (jobs). */
  completed: number;
}

/** A service with its task counts. */
export interface ServiceListing {
  service: Service;
  counts: ServiceCounts;
}

const MODES = ['replicated', 'global', 'replicated-job', 'global-job'];

/** Whether `labels` has the key `filter` (`KEY`) or the pair (`KEY=VALUE`). */
export function matchLabel(labels: Readonly<Record<string, string>>, filter: string): boolean {
  const eq = filter.indexOf('=');
  if (eq === -1) return Object.hasOwn(labels, filter);
  return labels[filter.slice(0, eq)] === filter.slice(eq + 1);
}

function any<T>(list: readonly T[] | undefined, test: (v: T) => boolean): boolean {
  return list === undefined || list.length === 0 || list.some(test);
}

/** Counts a service's tasks for `service ls`. */
export function serviceCounts(service: Service, tasks: readonly Task[]): ServiceCounts {
  const live = tasks.filter((t) => t.desiredState === 'RUNNING' || t.desiredState === 'READY');
  const running = live.filter((t) => t.status.state === 'RUNNING').length;
  const completed = tasks.filter((t) => t.status.state === 'COMPLETE').length;
  const mode = service.spec.mode;
  switch (mode.kind) {
    case 'replicated':
      return { running, desired: mode.replicas, completed };
    case 'replicated-job':
      return {
        running,
        desired:
          mode.maxConcurrent === 0
            ? mode.totalCompletions
            : Math.min(mode.maxConcurrent, mode.totalCompletions),
        completed,
      };
    case 'global':
    case 'global-job': {
      // One task per eligible node: the nodes holding a task the service still wants.
      const nodes = new Set(
        tasks
          .filter((t) => t.desiredState !== 'REMOVE' && t.desiredState !== 'SHUTDOWN')
          .map((t) => t.nodeId),
      );
      return { running, desired: nodes.size, completed };
    }
  }
}

/**
 * Services matching `filters`, sorted by name, with their task counts. Services being deleted
 * are left out.
 *
 * @throws {InvalidArgumentError} for an unknown mode filter.
 */
export function listServices(tx: ReadTx, filters: ServiceFilters = {}): ServiceListing[] {
  for (const mode of filters.modes ?? [])
    if (!MODES.includes(mode))
      throw new InvalidArgumentError(`Invalid filter "mode=${mode}": use ${MODES.join(', ')}`, {
        details: { field: 'filters.mode' },
      });
  return tx
    .all('services')
    .filter(
      (s) =>
        !s.pendingDelete &&
        any(filters.names, (n) => s.spec.name.startsWith(n)) &&
        any(filters.ids, (p) => s.id.startsWith(p)) &&
        any(filters.labels, (l) => matchLabel(s.spec.labels, l)) &&
        any(filters.modes, (m) => s.spec.mode.kind === m),
    )
    .sort((a, b) => (a.spec.name < b.spec.name ? -1 : a.spec.name > b.spec.name ? 1 : 0))
    .map((service) => ({
      service,
      counts: serviceCounts(service, tx.find('tasks', 'service', service.id)),
    }));
}

/** The name Docker gives a task: `service.slot`, or `service.nodeId` for global services. */
export function taskName(task: Task, serviceName: string): string {
  return task.slot > 0 ? `${serviceName}.${task.slot}` : `${serviceName}.${task.nodeId}`;
}

function desiredStates(values: readonly string[] | undefined): Set<TaskState> | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const out = new Set<TaskState>();
  for (const v of values) {
    const state = v.toUpperCase();
    if (!isTaskState(state))
      throw new InvalidArgumentError(
        `Invalid filter "desired-state=${v}": use running, shutdown, accepted or another task state`,
        { details: { field: 'filters.desired-state' } },
      );
    out.add(state);
  }
  return out;
}

function nodeMatches(tx: ReadTx, nodeId: string, refs: readonly string[] | undefined): boolean {
  if (refs === undefined || refs.length === 0) return true;
  if (nodeId === '') return false;
  const node = tx.get('nodes', nodeId);
  return refs.some(
    (r) => nodeId.startsWith(r) || (node !== undefined && node.description.hostname === r),
  );
}

/**
 * Tasks matching `filters`, grouped by service (name order), then by slot (or node), newest
 * first within a slot, as `service ps` lists them.
 *
 * @throws {NotFoundError} when a service filter names no service; {@link InvalidArgumentError}
 * for a bad desired state.
 */
export function listTasks(tx: ReadTx, filters: TaskFilters = {}): Task[] {
  const wanted = desiredStates(filters.desiredStates);
  const services =
    filters.services === undefined || filters.services.length === 0
      ? tx.all('services')
      : filters.services.map((ref) => findService(tx, ref));
  const out: Task[] = [];
  const byName = [...new Map(services.map((s) => [s.id, s])).values()].sort((a, b) =>
    a.spec.name < b.spec.name ? -1 : 1,
  );
  for (const service of byName) {
    const tasks = tx
      .find('tasks', 'service', service.id)
      .filter(
        (t) =>
          (wanted === undefined || wanted.has(t.desiredState)) &&
          nodeMatches(tx, t.nodeId, filters.nodes) &&
          any(filters.names, (n) => taskName(t, service.spec.name).startsWith(n)),
      )
      .sort(
        (a, b) =>
          a.slot - b.slot ||
          (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0) ||
          b.meta.createdAt.localeCompare(a.meta.createdAt) ||
          b.meta.version - a.meta.version,
      );
    out.push(...tasks);
  }
  return out;
}
