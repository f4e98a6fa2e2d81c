/**
 * The control API's writes to networks, secrets, configs and volumes (swarmkit
 * `controlapi/network.go`, `secret.go`, `config.go`): create and remove, each one store
 * transaction that checks the spec, the name and what uses the object before anything
 * changes. The allocator gives a stored network its subnet and VNI; nothing here allocates.
 *
 * @module
 */
import {
  isTerminal,
  newObjectId,
  type Config,
  type Network,
  type NetworkSpec,
  type ReadTx,
  type Secret,
  type SecretSpec,
  type Service,
  type Store,
  type TableObjects,
  type Volume,
  type VolumeSpec,
} from '../../store/index.js';
import { ConflictError, InvalidArgumentError, TsorchError } from '../../util/errors.js';
import type { SpecIssue } from '../services/index.js';
import { byName, findObject, type ObjectTable } from './lookup.js';
import {
  fileObjectIssues,
  networkSpecIssues,
  volumeSpecIssues,
  type ObjectKind,
} from './validate.js';

/** Options of the writes: ids are injected for tests. */
export interface ObjectWriteOptions {
  /** New object ids (default {@link newObjectId}). */
  ids?: () => string;
  signal?: AbortSignal;
}

function proposeOptions(options: ObjectWriteOptions): { signal?: AbortSignal } {
  return options.signal === undefined ? {} : { signal: options.signal };
}

/** The error for a list of issues: the message names each field; `details.issues` has them. */
export function objectSpecError(kind: ObjectKind, issues: readonly SpecIssue[]): TsorchError {
  const text = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  const encrypted = issues.some((i) => i.field === 'options.encrypted');
  return new InvalidArgumentError(`Invalid ${kind} spec: ${text}`, {
    details: { field: issues[0]?.field, issues },
    ...(encrypted ? { hint: 'Create the network without -o encrypted' } : {}),
  });
}

function checkNameFree(tx: ReadTx, table: ObjectTable, kind: ObjectKind, name: string): void {
  const [holder] = byName(tx, table, name);
  if (holder === undefined) return;
  const removing = 'pendingDelete' in holder && holder.pendingDelete;
  throw new ConflictError(
    removing
      ? `Cannot create ${kind} "${name}": a ${kind} of that name is being removed`
      : `Cannot create ${kind} "${name}": the name is taken by ${kind} "${holder.id}"`,
    {
      code: 'STORE_EXISTS',
      details: { field: 'spec.name', name, ownerId: holder.id },
      hint: removing
        ? 'Try again once the tasks on it have stopped'
        : `Choose another name, or remove the existing ${kind} first`,
    },
  );
}

async function createChecked<T extends ObjectTable>(
  store: Store,
  table: T,
  kind: ObjectKind,
  build: (tx: ReadTx, id: string) => Omit<TableObjects[T], 'meta'> & { spec: { name: string } },
  options: ObjectWriteOptions,
): Promise<TableObjects[T]> {
  const id = (options.ids ?? newObjectId)();
  await store.update((tx) => {
    const object = build(tx, id);
    checkNameFree(tx, table, kind, object.spec.name);
    tx.create(table, object);
  }, proposeOptions(options));
  const stored = store.view((tx) => tx.get(table, id));
  if (stored === undefined)
    throw new ConflictError(`The ${kind} "${id}" was removed while it was being written`);
  return stored;
}

/** Options of {@link createNetwork}. */
export interface NetworkCreateOptions extends ObjectWriteOptions {
  /** Driver options (`-o`); none is supported, each is refused with its reason. */
  driverOptions?: Readonly<Record<string, string>>;
}

/**
 * Stores a new cluster network; the allocator gives it a subnet (unless the spec has one) and
 * a VNI.
 *
 * @throws {InvalidArgumentError} for a bad spec or option (naming the field);
 * {@link ConflictError} STORE_EXISTS when the name is taken.
 */
export function createNetwork(
  store: Store,
  spec: NetworkSpec,
  options: NetworkCreateOptions = {},
): Promise<Network> {
  return createChecked(
    store,
    'networks',
    'network',
    (tx, id) => {
      const issues = networkSpecIssues(spec, options.driverOptions ?? {}, tx.all('networks'));
      if (issues.length > 0) throw objectSpecError('network', issues);
      return { id, spec, ipam: [], pendingDelete: false };
    },
    options,
  );
}

/** Stores a new secret. @throws as {@link createNetwork}. */
export function createSecret(
  store: Store,
  spec: SecretSpec,
  options: ObjectWriteOptions = {},
): Promise<Secret> {
  return createFileObject(store, 'secrets', spec, options);
}

/** Stores a new config. @throws as {@link createNetwork}. */
export function createConfig(
  store: Store,
  spec: SecretSpec,
  options: ObjectWriteOptions = {},
): Promise<Config> {
  return createFileObject(store, 'configs', spec, options);
}

function createFileObject(
  store: Store,
  table: 'secrets' | 'configs',
  spec: SecretSpec,
  options: ObjectWriteOptions,
): Promise<Secret> {
  const kind = table === 'secrets' ? 'secret' : 'config';
  return createChecked(
    store,
    table,
    kind,
    (_tx, id) => {
      const issues = fileObjectIssues(kind, spec);
      if (issues.length > 0) throw objectSpecError(kind, issues);
      return { id, spec };
    },
    options,
  );
}

/**
 * Stores a new cluster volume with no node yet: the first node that runs a task mounting it
 * makes the local volume.
 *
 * @throws as {@link createNetwork}.
 */
export function createVolume(
  store: Store,
  spec: VolumeSpec,
  options: ObjectWriteOptions = {},
): Promise<Volume> {
  return createChecked(
    store,
    'volumes',
    'volume',
    (_tx, id) => {
      const issues = volumeSpecIssues(spec);
      if (issues.length > 0) throw objectSpecError('volume', issues);
      return { id, spec, nodeId: '' };
    },
    options,
  );
}

/** `service "a"` or `services "a", "b"`. */
function serviceList(services: readonly Service[]): string {
  const names = [...new Set(services.map((s) => s.spec.name))].sort();
  return `${names.length === 1 ? 'service' : 'services'} ${names.map((n) => `"${n}"`).join(', ')}`;
}

function inUse(
  code: 'STORE_IN_USE' | 'NET_IN_USE' | 'VOLUME_IN_USE',
  kind: ObjectKind,
  name: string,
  users: readonly Service[],
  why = '',
): TsorchError {
  return new TsorchError(
    code,
    `Cannot remove: ${kind} "${name}" is in use by ${serviceList(users)}${why}`,
    {
      details: { [kind]: name, services: users.map((s) => s.spec.name) },
      hint: `Remove those services first, or update them to stop using the ${kind}`,
    },
  );
}

/**
 * Services that are not being removed. A removed service (`pendingDelete`) no longer counts as
 * a user: its tasks are stopping, and Docker deletes such a service at once.
 */
function liveServices(tx: ReadTx): Service[] {
  return tx.all('services').filter((s) => !s.pendingDelete);
}

/** Live services whose task template refers to the secret or config `id`. */
function fileUsers(tx: ReadTx, kind: 'secrets' | 'configs', id: string): Service[] {
  return liveServices(tx).filter((s) =>
    (s.spec.task.container[kind] ?? []).some((ref) => ref.id === id),
  );
}

/**
 * Removes a secret or config.
 *
 * @returns its id.
 * @throws {TsorchError} STORE_IN_USE while a service refers to it; STORE_NOT_FOUND.
 */
export async function removeFileObject(
  store: Store,
  table: 'secrets' | 'configs',
  ref: string,
  options: ObjectWriteOptions = {},
): Promise<string> {
  const kind = table === 'secrets' ? 'secret' : 'config';
  return store.update((tx) => {
    const current = findObject(tx, table, ref);
    const users = fileUsers(tx, table, current.id);
    if (users.length > 0) throw inUse('STORE_IN_USE', kind, current.spec.name, users);
    tx.delete(table, current.id, current.meta.version);
    return current.id;
  }, proposeOptions(options));
}

/** Tasks that still hold an address on network `id` (not stopped yet). */
export function attachedTasks(tx: ReadTx, id: string): number {
  return tx
    .all('tasks')
    .filter((t) => !isTerminal(t.status.state) && t.networks.some((n) => n.networkId === id))
    .length;
}

/**
 * Removes a cluster network. Refused while a live service is attached to it (or, for the
 * ingress network, publishes a port through the routing mesh). A network that tasks of
 * removed services still hold is marked `pendingDelete` (the allocator gives it nothing more,
 * `create` of its name is refused) and the task reaper deletes it once they stopped.
 *
 * @throws {TsorchError} NET_IN_USE; STORE_NOT_FOUND.
 */
export async function removeNetwork(
  store: Store,
  ref: string,
  options: ObjectWriteOptions = {},
): Promise<{ id: string; pendingDelete: boolean }> {
  return store.update((tx) => {
    const current = findObject(tx, 'networks', ref);
    const live = liveServices(tx);
    const users = live.filter((s) => s.spec.task.networks.some((n) => n.target === current.id));
    if (users.length > 0) throw inUse('NET_IN_USE', 'network', current.spec.name, users);
    if (current.spec.ingress) {
      const meshed = live.filter((s) =>
        s.spec.endpoint.ports.some((p) => p.publishMode === 'ingress'),
      );
      if (meshed.length > 0)
        throw inUse(
          'NET_IN_USE',
          'network',
          current.spec.name,
          meshed,
          ' (its published ports go through the routing mesh)',
        );
    }
    if (attachedTasks(tx, current.id) === 0) {
      tx.delete('networks', current.id, current.meta.version);
      return { id: current.id, pendingDelete: false };
    }
    if (!current.pendingDelete)
      tx.update('networks', { ...structuredClone(current), pendingDelete: true });
    return { id: current.id, pendingDelete: true };
  }, proposeOptions(options));
}

/** Options of {@link removeVolume}. */
export interface VolumeRemoveOptions extends ObjectWriteOptions {
  /** The node serving the call: a volume whose data lives there has it removed too. */
  local?: {
    nodeId: string;
    /**
     * Removes the node's local volume `name`; resolves when it is gone or never existed.
     *
     * @throws {TsorchError} VOLUME_IN_USE while a container uses it.
     */
    removeVolume(name: string): Promise<void>;
  };
}

/**
 * Removes a cluster volume; when its data lives on the serving node, the local volume goes
 * first (a container still using it refuses the whole removal).
 *
 * @throws {TsorchError} VOLUME_IN_USE while a service mounts it or a container here uses it;
 * STORE_NOT_FOUND.
 */
export async function removeVolume(
  store: Store,
  ref: string,
  options: VolumeRemoveOptions = {},
): Promise<string> {
  const check = (tx: ReadTx): Volume => {
    const current = findObject(tx, 'volumes', ref);
    const users = liveServices(tx).filter((s) =>
      s.spec.task.container.mounts.some((m) => m.type === 'volume' && m.name === current.spec.name),
    );
    if (users.length > 0) throw inUse('VOLUME_IN_USE', 'volume', current.spec.name, users);
    return current;
  };
  const volume = store.view(check);
  const local = options.local;
  if (local !== undefined && volume.nodeId === local.nodeId)
    await local.removeVolume(volume.spec.name);
  return store.update((tx) => {
    const current = check(tx);
    tx.delete('volumes', current.id, current.meta.version);
    return current.id;
  }, proposeOptions(options));
}
