/**
 * The store's tables: for each kind of object, its unique key (a name, where the object has one),
 * its secondary indexes, the field that is encrypted at rest, and the structural checks an object
 * must pass to be stored. Spec semantics (is this image reference valid?) are the control API's
 * business; the store only refuses objects that would break its own invariants.
 *
 * @module
 */

import type {
  Cluster,
  Config,
  Network,
  Node,
  Secret,
  Service,
  StoredObject,
  Task,
  Volume,
} from './objects.js';
import { isTaskState } from './task-state.js';
import { storeSecretDataMaxBytes } from '../util/limits.js';

/** Object type of each table. */
export interface TableObjects {
  clusters: Cluster;
  configs: Config;
  networks: Network;
  nodes: Node;
  secrets: Secret;
  services: Service;
  tasks: Task;
  volumes: Volume;
}

/** A table name. */
export type TableName = keyof TableObjects;

/** Every table, sorted (the snapshot order). */
export const TABLE_NAMES: readonly TableName[] = [
  'clusters',
  'configs',
  'networks',
  'nodes',
  'secrets',
  'services',
  'tasks',
  'volumes',
];

/** Any stored object. */
export type AnyObject = TableObjects[TableName];

/** Secondary indexes of each table; look them up with `tx.find(table, index, key)`. */
export interface TableIndexes {
  clusters: never;
  configs: never;
  networks: 'driver';
  nodes: 'hostname' | 'role' | 'availability';
  secrets: never;
  services: 'namespace';
  tasks: 'service' | 'node' | 'desiredState' | 'state' | 'serviceSlot' | 'serviceNode';
  volumes: 'node' | 'name';
}

/** Index name of table `T`. */
export type IndexName<T extends TableName> = TableIndexes[T];

/**
 * Joins the parts of a compound index key (`serviceSlot`: service id and slot; `serviceNode`:
 * service id and node id).
 *
 * @example
 * tx.find('tasks', 'serviceSlot', indexKey(serviceId, 3));
 */
export function indexKey(...parts: (string | number)[]): string {
  return parts.join('\u0000');
}

/** A structural problem with an object: the field path and what is wrong. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** How one table stores its objects. */
export interface TableDef<T extends StoredObject> {
  /** Singular, for messages ("service", "task"). */
  kind: string;
  /** The unique key (normally `spec.name`); absent when nothing but the id is unique. */
  uniqueKey?: (obj: T) => string;
  /** Index name → the keys an object is found under. */
  indexes: Record<string, (obj: T) => string[]>;
  /** Path of the one binary field encrypted at rest. */
  sensitivePath?: readonly string[];
  /** Returns the first structural problem of `obj`, or undefined. */
  check(obj: T): FieldIssue | undefined;
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const NAMESPACE_LABEL = 'com.docker.stack.namespace';

type Checker = (obj: Record<string, unknown>) => FieldIssue | undefined;

function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function isString(field: string): Checker {
  return (o) =>
    typeof get(o, field) === 'string' ? undefined : { field, message: 'must be a string' };
}

function isName(field: string): Checker {
  return (o) => {
    const v = get(o, field);
    if (typeof v === 'string' && NAME_PATTERN.test(v)) return undefined;
    return {
      field,
      message: `must be 1-63 letters, digits, "_", "." or "-", starting with a letter or digit, got ${JSON.stringify(v)}`,
    };
  };
}

function isOneOf(field: string, values: readonly string[]): Checker {
  return (o) => {
    const v = get(o, field);
    if (typeof v === 'string' && values.includes(v)) return undefined;
    return { field, message: `must be one of ${values.join(', ')}, got ${JSON.stringify(v)}` };
  };
}

function isCount(field: string): Checker {
  return (o) => {
    const v = get(o, field);
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return undefined;
    return { field, message: `must be a non-negative integer, got ${JSON.stringify(v)}` };
  };
}

function isObject(field: string): Checker {
  return (o) => {
    const v = get(o, field);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return undefined;
    return { field, message: 'must be an object' };
  };
}

function isData(field: string, maxBytes: number): Checker {
  return (o) => {
    const v = get(o, field);
    if (!(v instanceof Uint8Array)) return { field, message: 'must be bytes (Uint8Array)' };
    if (v.byteLength > maxBytes)
      return { field, message: `must be at most ${maxBytes} bytes, got ${v.byteLength}` };
    return undefined;
  };
}

function isTaskStateField(field: string): Checker {
  return (o) =>
    isTaskState(get(o, field)) ? undefined : { field, message: 'must be a task state' };
}

function checks<T extends StoredObject>(...list: Checker[]): (obj: T) => FieldIssue | undefined {
  return (obj) => {
    for (const c of list) {
      const issue = c(obj as unknown as Record<string, unknown>);
      if (issue !== undefined) return issue;
    }
    return undefined;
  };
}

const named = (extra: Checker[] = []): Checker[] => [
  isObject('spec'),
  isName('spec.name'),
  isObject('spec.labels'),
  ...extra,
];

/** The definition of every table. */
export const TABLES: { readonly [T in TableName]: TableDef<TableObjects[T]> } = {
  clusters: {
    kind: 'cluster',
    uniqueKey: (c) => c.spec.name,
    indexes: {},
    sensitivePath: ['rootCa', 'keyPem'],
    check: checks(...named([isObject('rootCa'), isData('rootCa.keyPem', 64 * 1024)])),
  },
  configs: {
    kind: 'config',
    uniqueKey: (c) => c.spec.name,
    indexes: {},
    sensitivePath: ['spec', 'data'],
    check: checks(...named([isData('spec.data', storeSecretDataMaxBytes)])),
  },
  networks: {
    kind: 'network',
    uniqueKey: (n) => n.spec.name,
    indexes: { driver: (n) => [n.spec.driver] },
    check: checks(...named([isOneOf('spec.driver', ['bridge', 'overlay'])])),
  },
  nodes: {
    kind: 'node',
    indexes: {
      hostname: (n) => [n.description.hostname],
      role: (n) => [n.spec.role],
      availability: (n) => [n.spec.availability],
    },
    check: checks(
      isObject('spec'),
      isObject('description'),
      isString('description.hostname'),
      isOneOf('spec.role', ['manager', 'worker']),
      isOneOf('spec.availability', ['active', 'pause', 'drain']),
      isObject('status'),
    ),
  },
  secrets: {
    kind: 'secret',
    uniqueKey: (s) => s.spec.name,
    indexes: {},
    sensitivePath: ['spec', 'data'],
    check: checks(...named([isData('spec.data', storeSecretDataMaxBytes)])),
  },
  services: {
    kind: 'service',
    uniqueKey: (s) => s.spec.name,
    indexes: {
      namespace: (s) => {
        const ns = s.spec.labels[NAMESPACE_LABEL];
        return ns === undefined ? [] : [ns];
      },
    },
    check: checks(...named([isObject('spec.mode'), isObject('spec.task')])),
  },
  tasks: {
    kind: 'task',
    indexes: {
      service: (t) => [t.serviceId],
      node: (t) => (t.nodeId === '' ? [] : [t.nodeId]),
      desiredState: (t) => [t.desiredState],
      state: (t) => [t.status.state],
      serviceSlot: (t) => (t.slot > 0 ? [indexKey(t.serviceId, t.slot)] : []),
      serviceNode: (t) => (t.nodeId === '' ? [] : [indexKey(t.serviceId, t.nodeId)]),
    },
    check: checks(
      isString('serviceId'),
      isCount('slot'),
      isString('nodeId'),
      isTaskStateField('desiredState'),
      isObject('status'),
      isTaskStateField('status.state'),
      isString('status.timestamp'),
      isObject('spec'),
    ),
  },
  volumes: {
    kind: 'volume',
    // A volume's name is unique per node (local driver).
    uniqueKey: (v) => indexKey(v.nodeId, v.spec.name),
    indexes: { node: (v) => (v.nodeId === '' ? [] : [v.nodeId]), name: (v) => [v.spec.name] },
    check: checks(...named([isString('nodeId')])),
  },
};

/** Returns true when `name` is a table name. */
export function isTableName(name: unknown): name is TableName {
  return typeof name === 'string' && Object.hasOwn(TABLES, name);
}
