/**
 * `tsorch events`: the store's committed changes to services, tasks, nodes and networks, as
 * Docker-style events (`service create`, `task update`...), derived from a store {@link Watch}
 * so they arrive in commit order with nothing missed.
 *
 * @module
 */
import type { AnyObject, StoreEvent, Store, TableName, Watch } from '../../store/index.js';
import { InvalidArgumentError } from '../../util/errors.js';

/** The object types events are given for. */
export const EVENT_TYPES = ['service', 'task', 'node', 'network'] as const;

/** An event's object type. */
export type EventType = (typeof EVENT_TYPES)[number];

/** One change, as `tsorch events` prints it. */
export interface ClusterEvent {
  type: EventType;
  /** create, update or remove (Docker's word for a delete). */
  action: 'create' | 'update' | 'remove';
  id: string;
  /** Store version (Raft index) of the change. */
  version: number;
  /**
   * ISO 8601 time of the change (the object's `updatedAt`; for a remove, the time of its last
   * write: store events do not carry the commit time).
   */
  time: string;
  /** `name`, and what changed: `state.old`/`state.new` for tasks, ... */
  attributes: Record<string, string>;
}

const TABLE_OF: Record<EventType, TableName> = {
  service: 'services',
  task: 'tasks',
  node: 'nodes',
  network: 'networks',
};
const TYPE_OF = new Map<TableName, EventType>(
  EVENT_TYPES.map((t) => [TABLE_OF[t], t] as [TableName, EventType]),
);

/**
 * Checks `type` filter values.
 *
 * @throws {InvalidArgumentError} naming the filter for an unknown type.
 */
export function parseEventTypes(values: readonly string[]): EventType[] {
  return values.map((v) => {
    const t = EVENT_TYPES.find((x) => x === v);
    if (t === undefined)
      throw new InvalidArgumentError(`Invalid filter "type=${v}": use ${EVENT_TYPES.join(', ')}`, {
        details: { field: 'filters.type' },
      });
    return t;
  });
}

function attributesOf(
  type: EventType,
  object: AnyObject,
  old: AnyObject | undefined,
): Record<string, string> {
  const a: Record<string, string> = {};
  switch (type) {
    case 'service':
    case 'network': {
      const o = object as { spec: { name: string } };
      a['name'] = o.spec.name;
      break;
    }
    case 'node': {
      const o = object as {
        description: { hostname: string };
        status: { state: string };
        spec: { availability: string };
      };
      a['name'] = o.description.hostname;
      a['state'] = o.status.state;
      a['availability'] = o.spec.availability;
      break;
    }
    case 'task': {
      const t = object as {
        serviceId: string;
        serviceAnnotations: { name: string };
        status: { state: string };
        desiredState: string;
        nodeId: string;
      };
      a['name'] = t.serviceAnnotations.name;
      a['service'] = t.serviceId;
      if (t.nodeId !== '') a['node'] = t.nodeId;
      a['state'] = t.status.state.toLowerCase();
      a['desired'] = t.desiredState.toLowerCase();
      const before = old as typeof t | undefined;
      if (before !== undefined && before.status.state !== t.status.state)
        a['state.old'] = before.status.state.toLowerCase();
      break;
    }
  }
  return a;
}

/** Converts a store event; undefined for tables events are not given for. */
export function clusterEvent(e: StoreEvent): ClusterEvent | undefined {
  const type = TYPE_OF.get(e.table);
  if (type === undefined) return undefined;
  return {
    type,
    action: e.kind === 'delete' ? 'remove' : e.kind,
    id: e.id,
    version: e.version,
    time: e.object.meta.updatedAt,
    attributes: attributesOf(type, e.object, e.old),
  };
}

/** Options of {@link watchEvents}. */
export interface WatchEventsOptions {
  /** Only these types; default all. */
  types?: readonly EventType[];
  /** Ends the stream. */
  signal?: AbortSignal;
  /** Replay from this store version (events after it); default only new ones. */
  fromVersion?: number;
}

/**
 * Streams events of committed changes until `signal` aborts or the store closes. The watch is
 * opened by this call, not at the first read, so no change committed after it is missed.
 *
 * @throws {TsorchError} STORE_WATCH_COMPACTED for a `fromVersion` no longer kept; the stream
 * fails with STORE_WATCH_OVERFLOW when the reader falls behind the watch's bound.
 */
export function watchEvents(
  store: Store,
  options: WatchEventsOptions = {},
): AsyncGenerator<ClusterEvent, void, undefined> {
  const types =
    options.types === undefined || options.types.length === 0 ? EVENT_TYPES : options.types;
  const watch = store.watch({
    tables: types.map((t) => TABLE_OF[t]),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.fromVersion === undefined ? {} : { fromVersion: options.fromVersion }),
  });
  return follow(watch);
}

async function* follow(watch: Watch): AsyncGenerator<ClusterEvent, void, undefined> {
  try {
    for await (const e of watch) {
      const event = clusterEvent(e);
      if (event !== undefined) yield event;
    }
  } finally {
    watch.close();
  }
}
