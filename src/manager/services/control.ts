/**
 * The control API's writes to services (swarmkit `controlapi/service.go`): create, update,
 * scale, rollback and remove, each one store transaction that checks the spec (fields, names,
 * references, published ports) before anything changes. The orchestrators, allocator and
 * scheduler then act on the stored spec; nothing here creates tasks.
 *
 * @module
 */
import { portConflicts } from '../allocator/index.js';
import {
  newObjectId,
  type FileReference,
  type NewObject,
  type ReadTx,
  type Service,
  type ServiceSpec,
  type WriteTx,
  type Store,
} from '../../store/index.js';
import { ConflictError, InvalidArgumentError } from '../../util/errors.js';
import { ROLLBACK_DEFAULTS, UPDATE_DEFAULTS } from '../../util/service-defaults.js';
import { findService } from './lookup.js';
import { specError, specIssues, type SpecIssue } from './validate.js';

/** Options of the writes: ids and the clock are injected for tests. */
export interface ControlOptions {
  /** New object ids (default {@link newObjectId}). */
  ids?: () => string;
  /** Milliseconds since the epoch (default `Date.now`). */
  clockMs?: () => number;
  signal?: AbortSignal;
}

function proposeOptions(options: ControlOptions): { signal?: AbortSignal } {
  return options.signal === undefined ? {} : { signal: options.signal };
}

/** Fills the update and rollback configs a spec leaves out with the defaults. */
export function withDefaults(spec: ServiceSpec): ServiceSpec {
  return {
    ...spec,
    update: spec.update ?? { ...UPDATE_DEFAULTS },
    rollback: spec.rollback ?? { ...ROLLBACK_DEFAULTS },
  };
}

/** Resolves network, secret and config references (name or id) to ids; issues name the field. */
function resolveReferences(tx: ReadTx, spec: ServiceSpec, issues: SpecIssue[]): ServiceSpec {
  const networks = spec.task.networks.map((n, i) => {
    const net = tx.get('networks', n.target) ?? tx.getByName('networks', n.target);
    if (net === undefined || net.pendingDelete) {
      issues.push({
        field: `spec.task.networks[${i}].target`,
        message: `network "${n.target}" not found`,
      });
      return n;
    }
    return { ...n, target: net.id };
  });
  const files = (kind: 'secrets' | 'configs'): FileReference[] | undefined =>
    spec.task.container[kind]?.map((ref, i) => {
      const key = ref.id !== '' ? ref.id : ref.name;
      const found = tx.get(kind, key) ?? tx.getByName(kind, key);
      if (found === undefined) {
        issues.push({
          field: `spec.task.container.${kind}[${i}]`,
          message: `${kind === 'secrets' ? 'secret' : 'config'} "${key}" not found`,
        });
        return ref;
      }
      return { ...ref, id: found.id, name: ref.name === '' ? found.spec.name : ref.name };
    });
  const secrets = files('secrets');
  const configs = files('configs');
  return {
    ...spec,
    task: {
      ...spec.task,
      networks,
      container: {
        ...spec.task.container,
        ...(secrets === undefined ? {} : { secrets }),
        ...(configs === undefined ? {} : { configs }),
      },
    },
  };
}

/**
 * Checks `spec` against its fields and the store (references, ports) and returns it with
 * references resolved and defaults filled.
 *
 * @throws {InvalidArgumentError} naming every bad field.
 */
function checkedSpec(tx: ReadTx, spec: ServiceSpec, serviceId: string | undefined): ServiceSpec {
  const issues = specIssues(spec);
  const resolved = resolveReferences(tx, spec, issues);
  const conflicts = portConflicts(
    resolved,
    tx.all('services'),
    serviceId === undefined ? {} : { serviceId },
  );
  for (const c of conflicts) issues.push({ field: 'spec.endpoint.ports', message: c.message });
  if (issues.length > 0) throw specError(issues);
  return withDefaults(resolved);
}

function checkNameFree(tx: ReadTx, name: string): void {
  const holder = tx.getByName('services', name);
  if (holder === undefined) return;
  throw new ConflictError(
    holder.pendingDelete
      ? `Cannot create service "${name}": a service of that name is being removed`
      : `Cannot create service "${name}": the name is taken by service "${holder.id}"`,
    {
      code: 'STORE_EXISTS',
      details: { field: 'spec.name', name, ownerId: holder.id },
      hint: holder.pendingDelete
        ? 'Try again once its tasks have stopped'
        : 'Choose another --name, or update the existing service',
    },
  );
}

/**
 * Stores a new service. Its tasks are made by the orchestrators.
 *
 * @throws {InvalidArgumentError} for a bad spec (naming the field); {@link ConflictError}
 * STORE_EXISTS when the name is taken; the store's and proposer's errors.
 */
export async function createService(
  store: Store,
  spec: ServiceSpec,
  options: ControlOptions = {},
): Promise<Service> {
  const id = (options.ids ?? newObjectId)();
  await store.update((tx) => {
    const checked = checkedSpec(tx, spec, undefined);
    checkNameFree(tx, checked.name);
    const service: NewObject<Service> = {
      id,
      spec: checked,
      specVersion: 1,
      pendingDelete: false,
    };
    tx.create('services', service);
  }, proposeOptions(options));
  return readBack(store, id);
}

function readBack(store: Store, id: string): Service {
  const s = store.view((tx) => tx.get('services', id));
  if (s === undefined)
    throw new ConflictError(`Service "${id}" was removed while it was being written`);
  return s;
}

/** Options of {@link updateService}. */
export interface ServiceUpdateOptions extends ControlOptions {
  /**
   * The service version the new spec was based on (`meta.version`, as read); a write in between
   * fails with STORE_CONFLICT. 0 or absent: no check.
   */
  version?: number;
  /** Roll the tasks out again even if nothing changed (`--force`). */
  force?: boolean;
}

/** Writes `next` as the service's spec, keeping the current one as `previousSpec`. */
function writeSpec(tx: WriteTx, current: Service, next: ServiceSpec, version: number): void {
  const updated: Service = {
    ...structuredClone(current),
    meta: { ...current.meta, version },
    spec: next,
    previousSpec: structuredClone(current.spec),
    specVersion: current.specVersion + 1,
  };
  delete updated.updateStatus;
  tx.update('services', updated);
}

function checkUnchangeable(current: Service, next: ServiceSpec): void {
  if (next.name !== current.spec.name)
    throw new InvalidArgumentError(
      `Cannot rename service "${current.spec.name}" to "${next.name}": renaming is not supported`,
      { details: { field: 'spec.name' }, hint: 'Create a new service and remove the old one' },
    );
  if (next.mode.kind !== current.spec.mode.kind)
    throw new InvalidArgumentError(
      `Cannot change the mode of service "${current.spec.name}" from ${current.spec.mode.kind} to ${next.mode.kind}`,
      { details: { field: 'spec.mode' }, hint: 'Create a new service with the other mode' },
    );
}

/**
 * Replaces a service's spec: bumps `specVersion`, keeps the old spec as `previousSpec` (for
 * rollback) and clears the update status; `force` bumps `task.forceUpdate` so the tasks roll
 * out again.
 *
 * @throws {InvalidArgumentError} for a bad spec, a rename or a mode change (naming the field);
 * {@link ConflictError} STORE_CONFLICT when `version` is stale; STORE_NOT_FOUND.
 */
export async function updateService(
  store: Store,
  ref: string,
  spec: ServiceSpec,
  options: ServiceUpdateOptions = {},
): Promise<Service> {
  const id = await store.update((tx) => {
    const current = findService(tx, ref);
    checkUnchangeable(current, spec);
    let next = checkedSpec(tx, spec, current.id);
    if (options.force === true)
      next = { ...next, task: { ...next.task, forceUpdate: current.spec.task.forceUpdate + 1 } };
    const version =
      options.version === undefined || options.version === 0
        ? current.meta.version
        : options.version;
    writeSpec(tx, current, next, version);
    return current.id;
  }, proposeOptions(options));
  return readBack(store, id);
}

/**
 * Sets the replica count of a replicated service (or the completions of a replicated job), as
 * an update (the old spec is kept for rollback).
 *
 * @throws {InvalidArgumentError} for a global service or a bad count; STORE_NOT_FOUND.
 */
export async function scaleService(
  store: Store,
  ref: string,
  replicas: number,
  options: ControlOptions = {},
): Promise<Service> {
  if (!Number.isInteger(replicas) || replicas < 0)
    throw new InvalidArgumentError(
      `Invalid replicas "${replicas}" for service "${ref}": must be a whole number of 0 or more`,
      { details: { field: 'replicas' } },
    );
  const current = store.view((tx) => findService(tx, ref));
  const mode = current.spec.mode;
  if (mode.kind !== 'replicated' && mode.kind !== 'replicated-job')
    throw new InvalidArgumentError(
      `Cannot scale service "${current.spec.name}": it is a ${mode.kind} service`,
      {
        details: { field: 'replicas' },
        hint: 'Only replicated services and replicated jobs can be scaled',
      },
    );
  const next: ServiceSpec = {
    ...current.spec,
    mode:
      mode.kind === 'replicated'
        ? { kind: 'replicated', replicas }
        : { ...mode, totalCompletions: replicas },
  };
  return updateService(store, current.id, next, { ...options, version: current.meta.version });
}

/**
 * Rolls a service back to its previous spec (`service rollback`): the two specs swap places,
 * `specVersion` is bumped and the update status says the rollback was asked for.
 *
 * @throws {InvalidArgumentError} when the service has no previous spec; STORE_NOT_FOUND.
 */
export async function rollbackService(
  store: Store,
  ref: string,
  options: ControlOptions = {},
): Promise<Service> {
  const nowMs = (options.clockMs ?? Date.now)();
  const id = await store.update((tx) => {
    const current = findService(tx, ref);
    if (current.previousSpec === undefined)
      throw new InvalidArgumentError(
        `Cannot roll back service "${current.spec.name}": it has no previous spec`,
        { details: { field: 'service' }, hint: 'A service has one once it has been updated' },
      );
    const rolled: Service = {
      ...structuredClone(current),
      spec: structuredClone(current.previousSpec),
      previousSpec: structuredClone(current.spec),
      specVersion: current.specVersion + 1,
      updateStatus: {
        state: 'rollback-started',
        startedAt: new Date(nowMs).toISOString(),
        message: 'manually requested rollback',
      },
    };
    tx.update('services', rolled);
    return current.id;
  }, proposeOptions(options));
  return readBack(store, id);
}

/**
 * Removes a service. One without tasks is deleted at once; otherwise it is marked
 * `pendingDelete` (it no longer lists, holds no ports, and its name stays taken) and every task
 * gets desired state REMOVE, so agents stop them; the task reaper deletes the tasks and then
 * the service.
 *
 * @returns the id of the removed service.
 * @throws STORE_NOT_FOUND.
 */
export async function removeService(
  store: Store,
  ref: string,
  options: ControlOptions = {},
): Promise<string> {
  return store.update((tx) => {
    const current = findService(tx, ref);
    const tasks = tx.find('tasks', 'service', current.id);
    if (tasks.length === 0) {
      tx.delete('services', current.id, current.meta.version);
      return current.id;
    }
    tx.update('services', { ...structuredClone(current), pendingDelete: true });
    for (const task of tasks) {
      if (task.desiredState === 'REMOVE') continue;
      tx.update('tasks', { ...structuredClone(task), desiredState: 'REMOVE' });
    }
    return current.id;
  }, proposeOptions(options));
}
