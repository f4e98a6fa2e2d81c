/**
 * One node's assignment set, as a dispatcher stream has sent it: which tasks, secrets, configs
 * and networks the node holds, at which versions, and the endpoint list of each network held
 * (sent after the network, again whenever it changes, removed with it). It turns the store's state into the complete
 * set, then each committed change into the changes the node needs, in dependency order
 * (docs/adr/020-dispatcher-protocol.md). No I/O: it reads through the transaction it is given.
 *
 * @module
 */
import {
  isTerminal,
  taskStateRank,
  type AnyObject,
  type AssignmentChange,
  type AssignmentKind,
  type ReadTx,
  type StoreEvent,
  type Task,
} from '../../store/index.js';
import { networkEndpoints } from './endpoints.js';

// 'endpoints' are not a stored object: the dispatcher derives them from the network's tasks.
type DepKind = Exclude<AssignmentKind, 'task' | 'endpoints'>;

const tableOf = { secret: 'secrets', config: 'configs', network: 'networks' } as const;
const kindOf: Partial<Record<string, DepKind>> = {
  secrets: 'secret',
  configs: 'config',
  networks: 'network',
};

const assignedRank = taskStateRank('ASSIGNED');

/** True when `task` is bound to `nodeId` and the scheduler has handed it over. */
export function isAssignedTo(task: Task, nodeId: string): boolean {
  return task.nodeId === nodeId && taskStateRank(task.status.state) >= assignedRank;
}

/** The secrets, configs and networks a task needs while it may still run. */
export function taskDependencies(task: Task): { kind: DepKind; id: string }[] {
  if (isTerminal(task.status.state)) return [];
  const c = task.spec.container;
  const out: { kind: DepKind; id: string }[] = [];
  for (const s of c.secrets ?? []) out.push({ kind: 'secret', id: s.id });
  for (const s of c.configs ?? []) out.push({ kind: 'config', id: s.id });
  const networks = new Set([
    ...task.networks.map((n) => n.networkId),
    ...task.spec.networks.map((n) => n.target),
  ]);
  for (const id of networks) out.push({ kind: 'network', id });
  return out;
}

function depKey(kind: DepKind, id: string): string {
  return `${kind}:${id}`;
}

/** What one node has been sent. */
export class NodeAssignments {
  readonly nodeId: string;
  /** Task id → version sent and the dependency keys it holds. */
  readonly #tasks = new Map<string, { version: number; deps: string[] }>();
  /** Dependency key → ids of the tasks that use it. */
  readonly #refs = new Map<string, Set<string>>();
  /** Dependency key → version sent. */
  readonly #sent = new Map<string, number>();
  /** Network id → the endpoint list sent for it, as JSON. */
  readonly #endpoints = new Map<string, string>();

  constructor(nodeId: string) {
    this.nodeId = nodeId;
  }

  /** True when the node holds a network (its endpoint lists follow other nodes' changes). */
  get holdsNetworks(): boolean {
    return this.#endpoints.size > 0;
  }

  /** Number of tasks in the set. */
  get taskCount(): number {
    return this.#tasks.size;
  }

  /** The complete set as of `tx`: dependencies first, then tasks. Resets what was sent. */
  complete(tx: ReadTx): AssignmentChange[] {
    this.#tasks.clear();
    this.#refs.clear();
    this.#sent.clear();
    this.#endpoints.clear();
    const deps: AssignmentChange[] = [];
    const tasks: AssignmentChange[] = [];
    for (const task of tx.find('tasks', 'node', this.nodeId)) {
      if (!isAssignedTo(task, this.nodeId)) continue;
      deps.push(...this.#hold(task, tx));
      tasks.push({ action: 'update', kind: 'task', object: task });
    }
    return [...deps, ...tasks];
  }

  /** The changes `event` makes to the node's set; `tx` reads dependencies it starts to need. */
  onEvent(event: StoreEvent, tx: ReadTx): AssignmentChange[] {
    const changes = this.#onOwnEvent(event, tx);
    if (this.#endpoints.size === 0) return changes;
    // Endpoint lists of the networks held that the event may change, not sent by this event yet.
    const done = new Set(changes.flatMap((c) => (c.kind === 'endpoints' ? [endpointsId(c)] : [])));
    const touched =
      event.table === 'tasks'
        ? [event.object, event.old].flatMap((t) => networksOf(t))
        : event.table === 'nodes' || event.table === 'services'
          ? [...this.#endpoints.keys()]
          : [];
    for (const id of new Set(touched)) {
      if (done.has(id) || !this.#endpoints.has(id)) continue;
      const change = this.#endpointsUpdate(id, tx);
      if (change !== undefined) changes.push(change);
    }
    return changes;
  }

  #onOwnEvent(event: StoreEvent, tx: ReadTx): AssignmentChange[] {
    if (event.table === 'tasks') return this.#onTask(event, tx);
    const kind = kindOf[event.table];
    if (kind === undefined) return [];
    const key = depKey(kind, event.id);
    if (!this.#refs.has(key)) return [];
    if (event.kind === 'delete') {
      if (!this.#sent.delete(key)) return [];
      return [{ action: 'remove', kind, id: event.id }, ...this.#endpointsRemove(kind, event.id)];
    }
    const sent = this.#sent.get(key);
    if (sent !== undefined && sent >= event.object.meta.version) return [];
    this.#sent.set(key, event.object.meta.version);
    return [{ action: 'update', kind, object: event.object } as AssignmentChange];
  }

  /** The network's endpoint list when it differs from the one sent. */
  #endpointsUpdate(networkId: string, tx: ReadTx): AssignmentChange | undefined {
    const object = networkEndpoints(tx, networkId);
    const json = JSON.stringify(object);
    if (this.#endpoints.get(networkId) === json) return undefined;
    this.#endpoints.set(networkId, json);
    return { action: 'update', kind: 'endpoints', object };
  }

  #endpointsRemove(kind: DepKind, id: string): AssignmentChange[] {
    if (kind !== 'network' || !this.#endpoints.delete(id)) return [];
    return [{ action: 'remove', kind: 'endpoints', id }];
  }

  #onTask(event: StoreEvent, tx: ReadTx): AssignmentChange[] {
    const task = event.object as Task;
    const held = this.#tasks.get(event.id);
    if (event.kind !== 'delete' && isAssignedTo(task, this.nodeId)) {
      if (held !== undefined && held.version >= task.meta.version) return [];
      const added = this.#hold(task, tx);
      const removed = held === undefined ? [] : this.#release(event.id, held.deps, task);
      return [...added, { action: 'update', kind: 'task', object: task }, ...removed];
    }
    if (held === undefined) return [];
    this.#tasks.delete(event.id);
    return [
      { action: 'remove', kind: 'task', id: event.id },
      ...this.#release(event.id, held.deps),
    ];
  }

  /** Records `task` and its dependencies; returns the dependencies not yet sent. */
  #hold(task: Task, tx: ReadTx): AssignmentChange[] {
    const out: AssignmentChange[] = [];
    const keys: string[] = [];
    for (const { kind, id } of taskDependencies(task)) {
      const key = depKey(kind, id);
      keys.push(key);
      let users = this.#refs.get(key);
      if (users === undefined) {
        users = new Set();
        this.#refs.set(key, users);
      }
      users.add(task.id);
      if (this.#sent.has(key)) continue;
      const object = tx.get(tableOf[kind], id);
      // A dependency not (or no longer) in the store: the task fails on the node, saying so.
      if (object === undefined) continue;
      this.#sent.set(key, object.meta.version);
      out.push({ action: 'update', kind, object } as AssignmentChange);
      if (kind === 'network') {
        const eps = this.#endpointsUpdate(id, tx);
        if (eps !== undefined) out.push(eps);
      }
    }
    this.#tasks.set(task.id, { version: task.meta.version, deps: keys });
    return out;
  }

  /** Drops `taskId`'s hold on `keys` (except those `still` uses); returns deps now unused. */
  #release(taskId: string, keys: readonly string[], still?: Task): AssignmentChange[] {
    const keep = new Set(
      still === undefined ? [] : taskDependencies(still).map((d) => depKey(d.kind, d.id)),
    );
    const out: AssignmentChange[] = [];
    for (const key of keys) {
      if (keep.has(key)) continue;
      const users = this.#refs.get(key);
      users?.delete(taskId);
      if (users !== undefined && users.size > 0) continue;
      this.#refs.delete(key);
      if (!this.#sent.delete(key)) continue;
      const [kind, id] = splitKey(key);
      out.push(...this.#endpointsRemove(kind, id), { action: 'remove', kind, id });
    }
    return out;
  }
}

function endpointsId(c: AssignmentChange): string {
  return c.action === 'remove' ? c.id : c.object.id;
}

/** Networks a stored task has addresses on (nothing for other objects). */
function networksOf(o: AnyObject | undefined): string[] {
  const networks = (o as Partial<Task> | undefined)?.networks;
  return Array.isArray(networks) ? networks.map((n) => n.networkId) : [];
}

function splitKey(key: string): [DepKind, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at) as DepKind, key.slice(at + 1)];
}
