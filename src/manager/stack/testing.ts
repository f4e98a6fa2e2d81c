/**
 * An in-memory {@link StackTarget} for the engine's unit tests: objects in maps, tasks made
 * for each created or updated service according to a scripted behaviour per service, a call
 * log to check the order of operations, and a manual clock. Not for production use.
 *
 * @module
 */
import type {
  ConfigSpec,
  Network,
  NetworkSpec,
  SecretSpec,
  Service,
  ServiceSpec,
  VolumeSpec,
} from '../../store/index.js';
import { STACK_NAMESPACE_LABEL, isTerminal } from '../../store/index.js';
import { ConflictError, NotFoundError } from '../../util/errors.js';
import { COMPOSE_SERVICE_LABEL } from './names.js';
import type { DeployedObject, DeployedStack } from './plan.js';
import type { EngineClock, LogLine, LogOptions, StackTarget, TaskView } from './target.js';

/** How the tasks of a service behave once made. */
export type TaskBehaviour =
  /** RUNNING, and healthy when the spec checks health. */
  | 'run'
  /** RUNNING with health "starting" until {@link MemoryStackTarget.setHealth}. */
  | 'starting'
  | 'unhealthy'
  /** COMPLETE with exit code 0. */
  | 'complete'
  /** FAILED with exit code 1. */
  | 'fail'
  /** PENDING: no suitable node. */
  | 'pending';

const meta = (version: number) => ({ version, createdAt: '', updatedAt: '' });

/** A cluster in memory. */
export class MemoryStackTarget implements StackTarget {
  readonly services = new Map<string, Service>();
  readonly networks = new Map<string, Network>();
  readonly objects = {
    volumes: new Map<string, DeployedObject>(),
    secrets: new Map<string, DeployedObject & { data: Uint8Array }>(),
    configs: new Map<string, DeployedObject & { data: Uint8Array }>(),
  };
  tasks: TaskView[] = [];
  /** Every mutating call, in order: `create service app_web`, `remove network app_default`. */
  readonly calls: string[] = [];
  /** Behaviour of each compose service's tasks (default `run`). */
  readonly behaviour: Record<string, TaskBehaviour> = {};
  /**
   * Keep the old tasks of an updated service running, as a rolling update does until it gets
   * to them (they are shut down when the service is removed).
   */
  keepOldTasks = false;
  /** Lines {@link logs} yields, by service id. */
  readonly output = new Map<string, LogLine[]>();
  private nextId = 1;
  private readonly watchers = new Set<() => void>();
  /** The stack of every service ever made, so tasks of removed services stay visible. */
  private readonly namespaceOf = new Map<string, string>();

  private id(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  private changed(): void {
    for (const w of this.watchers) w();
  }

  read(namespace: string): Promise<DeployedStack> {
    const services = [...this.services.values()].filter(
      (s) => s.spec.labels[STACK_NAMESPACE_LABEL] === namespace,
    );
    const ids = new Set(services.map((s) => s.id));
    return Promise.resolve({
      services,
      tasks: this.tasks.flatMap((t) => {
        const service = this.services.get(t.serviceId);
        if (service === undefined || !ids.has(t.serviceId)) return [];
        return [
          {
            id: t.id,
            meta: meta(1),
            serviceId: t.serviceId,
            slot: t.slot,
            nodeId: t.nodeId,
            desiredState: t.desiredState,
            status: { state: t.state, timestamp: '', message: t.message },
            spec: service.spec.task,
            specVersion: 1,
            serviceAnnotations: { name: '', labels: {} },
            networks: [],
          },
        ];
      }),
      networks: [...this.networks.values()],
      volumes: [...this.objects.volumes.values()].map((v) => ({
        ...v,
        meta: meta(1),
        nodeId: '',
        spec: { ...v.spec, driver: 'local' as const, driverOpts: {} },
      })),
      secrets: [...this.objects.secrets.values()].map(({ id, spec }) => ({ id, spec })),
      configs: [...this.objects.configs.values()].map(({ id, spec }) => ({ id, spec })),
    });
  }

  listStacks(): Promise<{ namespace: string; services: number }[]> {
    const counts = new Map<string, number>();
    for (const s of this.services.values()) {
      const ns = s.spec.labels[STACK_NAMESPACE_LABEL];
      if (ns !== undefined) counts.set(ns, (counts.get(ns) ?? 0) + 1);
    }
    return Promise.resolve(
      [...counts]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([namespace, services]) => ({ namespace, services })),
    );
  }

  private taken(kind: string, name: string, names: Iterable<{ spec: { name: string } }>): void {
    for (const o of names)
      if (o.spec.name === name) throw new ConflictError(`${kind} "${name}" exists already`);
  }

  createNetwork(spec: NetworkSpec): Promise<string> {
    this.taken('network', spec.name, this.networks.values());
    const id = this.id('net');
    this.networks.set(id, { id, meta: meta(1), spec, ipam: [], pendingDelete: false });
    this.calls.push(`create network ${spec.name}`);
    return Promise.resolve(id);
  }

  createVolume(spec: VolumeSpec): Promise<string> {
    this.taken('volume', spec.name, this.objects.volumes.values());
    const id = this.id('vol');
    this.objects.volumes.set(id, { id, spec });
    this.calls.push(`create volume ${spec.name}`);
    return Promise.resolve(id);
  }

  createSecret(spec: SecretSpec): Promise<string> {
    return this.createPayload('secrets', spec);
  }

  createConfig(spec: ConfigSpec): Promise<string> {
    return this.createPayload('configs', spec);
  }

  private createPayload(kind: 'secrets' | 'configs', spec: SecretSpec): Promise<string> {
    this.taken(kind, spec.name, this.objects[kind].values());
    const id = this.id(kind.slice(0, 3));
    this.objects[kind].set(id, {
      id,
      spec: { name: spec.name, labels: spec.labels },
      data: spec.data,
    });
    this.calls.push(`create ${kind.slice(0, -1)} ${spec.name}`);
    return Promise.resolve(id);
  }

  createService(spec: ServiceSpec): Promise<string> {
    this.taken('service', spec.name, this.services.values());
    const id = this.id('svc');
    this.services.set(id, { id, meta: meta(1), spec, specVersion: 1, pendingDelete: false });
    this.namespaceOf.set(id, spec.labels[STACK_NAMESPACE_LABEL] ?? '');
    this.calls.push(`create service ${spec.name}`);
    this.makeTasks(id, spec);
    return Promise.resolve(id);
  }

  updateService(id: string, version: number, spec: ServiceSpec): Promise<void> {
    const s = this.services.get(id);
    if (s === undefined) throw new NotFoundError(`No service "${id}"`);
    if (s.meta.version !== version)
      throw new ConflictError(`service "${id}" is at version ${s.meta.version}, not ${version}`);
    const recreate = JSON.stringify(s.spec.task) !== JSON.stringify(spec.task);
    this.services.set(id, { ...s, meta: meta(version + 1), spec, previousSpec: s.spec });
    this.calls.push(`update service ${spec.name}${recreate ? ' (new tasks)' : ''}`);
    if (recreate) {
      if (!this.keepOldTasks) this.shutDown(id);
      this.makeTasks(id, spec);
    }
    return Promise.resolve();
  }

  removeService(id: string): Promise<void> {
    const s = this.services.get(id);
    if (s === undefined) throw new NotFoundError(`No service "${id}"`);
    this.services.delete(id);
    this.calls.push(`remove service ${s.spec.name}`);
    this.shutDown(id);
    return Promise.resolve();
  }

  removeNetwork(id: string): Promise<void> {
    return this.removeFrom(this.networks, 'network', id);
  }
  removeVolume(id: string): Promise<void> {
    return this.removeFrom(this.objects.volumes, 'volume', id);
  }
  removeSecret(id: string): Promise<void> {
    return this.removeFrom(this.objects.secrets, 'secret', id);
  }
  removeConfig(id: string): Promise<void> {
    return this.removeFrom(this.objects.configs, 'config', id);
  }

  private removeFrom(
    map: Map<string, { spec: { name: string } }>,
    kind: string,
    id: string,
  ): Promise<void> {
    const o = map.get(id);
    if (o === undefined) throw new NotFoundError(`No ${kind} "${id}"`);
    map.delete(id);
    this.calls.push(`remove ${kind} ${o.spec.name}`);
    return Promise.resolve();
  }

  /** Sets the health of every running task of compose service `service`. */
  setHealth(service: string, health: NonNullable<TaskView['health']>): void {
    const ids = this.idsOf(service);
    this.tasks = this.tasks.map((t) =>
      ids.has(t.serviceId) && t.state === 'RUNNING' ? { ...t, health } : t,
    );
    this.changed();
  }

  /** Moves every live task of compose service `service` to `state` (with an exit code). */
  setState(service: string, state: TaskView['state'], exitCode?: number): void {
    const ids = this.idsOf(service);
    this.tasks = this.tasks.map((t) =>
      ids.has(t.serviceId) && !isTerminal(t.state)
        ? { ...t, state, ...(exitCode === undefined ? {} : { exitCode }) }
        : t,
    );
    this.changed();
  }

  private idsOf(service: string): Set<string> {
    return new Set(
      [...this.services.values()]
        .filter((s) => s.spec.labels[COMPOSE_SERVICE_LABEL] === service)
        .map((s) => s.id),
    );
  }

  private shutDown(serviceId: string): void {
    this.tasks = this.tasks.map((t) =>
      t.serviceId === serviceId && !isTerminal(t.state)
        ? { ...t, desiredState: 'SHUTDOWN', state: 'SHUTDOWN' }
        : t,
    );
    this.changed();
  }

  private makeTasks(serviceId: string, spec: ServiceSpec): void {
    const mode = spec.mode;
    const count =
      mode.kind === 'replicated'
        ? mode.replicas
        : mode.kind === 'replicated-job'
          ? mode.totalCompletions
          : 1;
    const behaviour = this.behaviour[spec.labels[COMPOSE_SERVICE_LABEL] ?? ''] ?? 'run';
    const checks = (spec.task.container.healthcheck?.test[0] ?? 'NONE') !== 'NONE';
    for (let slot = 1; slot <= count; slot++) {
      const base = {
        id: this.id('task'),
        serviceId,
        slot,
        nodeId: 'node1',
        desiredState: 'RUNNING' as const,
        message: '',
      };
      const t: TaskView =
        behaviour === 'complete'
          ? { ...base, state: 'COMPLETE', exitCode: 0 }
          : behaviour === 'fail'
            ? { ...base, state: 'FAILED', exitCode: 1, message: 'task: non-zero exit (1)' }
            : behaviour === 'pending'
              ? { ...base, state: 'PENDING', message: 'no suitable node (1 node lacks memory)' }
              : {
                  ...base,
                  state: 'RUNNING',
                  ...(checks
                    ? {
                        health:
                          behaviour === 'run'
                            ? 'healthy'
                            : behaviour === 'unhealthy'
                              ? 'unhealthy'
                              : 'starting',
                      }
                    : {}),
                };
      this.tasks.push(t);
    }
    this.changed();
  }

  async *watchTasks(namespace: string, signal: AbortSignal): AsyncIterable<TaskView[]> {
    let dirty = true;
    let wake: (() => void) | undefined;
    const onChange = (): void => {
      dirty = true;
      wake?.();
    };
    this.watchers.add(onChange);
    signal.addEventListener('abort', onChange, { once: true });
    try {
      while (!signal.aborted) {
        if (dirty) {
          dirty = false;
          yield this.tasks.filter((t) => this.namespaceOf.get(t.serviceId) === namespace);
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      this.watchers.delete(onChange);
    }
  }

  async *logs(serviceIds: readonly string[], options: LogOptions): AsyncIterable<LogLine> {
    for (const id of serviceIds) {
      const lines = this.output.get(id) ?? [];
      const from = options.tail === undefined ? 0 : Math.max(0, lines.length - options.tail);
      for (const line of lines.slice(from)) {
        if (options.signal?.aborted === true) return;
        yield await Promise.resolve(line);
      }
    }
  }
}

/** A clock that moves only when told: sleeps end when {@link ManualClock.advance} passes them. */
export class ManualClock implements EngineClock {
  private nowMs = 0;
  private readonly sleepers = new Set<{ at: number; resolve: () => void }>();

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = { at: this.nowMs + ms, resolve };
      this.sleepers.add(s);
      signal.addEventListener(
        'abort',
        () => {
          this.sleepers.delete(s);
          reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        },
        { once: true },
      );
    });
  }

  /** Moves time on by `ms`, ending the sleeps that are due. */
  advance(ms: number): void {
    this.nowMs += ms;
    for (const s of [...this.sleepers])
      if (s.at <= this.nowMs) {
        this.sleepers.delete(s);
        s.resolve();
      }
  }

  /** How many sleeps are pending (a test waits for the engine to start one). */
  get pending(): number {
    return this.sleepers.size;
  }
}
