/**
 * The deploy engine of `tsorch up`: applies a {@link StackPlan} to a {@link StackTarget} in
 * dependency order. Networks, volumes, secrets and configs come first; each service is created
 * or updated once the services it depends on meet their depends_on condition (service_started,
 * service_healthy, service_completed_successfully; a dependency with `required: false` that
 * fails is a warning); independent services go in parallel, as Docker Compose does. With
 * `wait`, it returns only when every service is running (healthy when it checks health), or
 * fails with the reason after `waitTimeoutMs`. Progress goes to `onEvent`.
 *
 * No timers or I/O of its own: time comes from the injected clock, the world from the target.
 *
 * @module
 */
import type { ServiceSpec } from '../../store/index.js';
import { TsorchError } from '../../util/errors.js';
import {
  planHasErrors,
  withReferences,
  type Dependency,
  type ResourceChange,
  type ServiceChange,
  type StackPlan,
} from './plan.js';
import { conditionHolds, isReady, serviceProgress, type ServiceProgress } from './readiness.js';
import type { EngineClock, StackTarget, TaskView } from './target.js';
import { TaskBoard } from './task-board.js';

/** Kinds of object the engine reports on. */
export type DeployObject = 'network' | 'volume' | 'secret' | 'config' | 'service';

/** One step of progress, for the live display. */
export interface DeployEvent {
  object: DeployObject;
  /** The object name (a service's compose name). */
  name: string;
  status:
    | 'creating'
    | 'created'
    | 'updating'
    | 'updated'
    | 'recreating'
    | 'unchanged'
    | 'removing'
    | 'removed'
    | 'waiting'
    | 'skipped'
    | ServiceProgress['state'];
  detail?: string;
}

/** Options of {@link deployStack}. */
export interface DeployOptions {
  clock: EngineClock;
  signal: AbortSignal;
  /** Payloads of the secrets and configs to create, by object name (read by the edge). */
  payloads: ReadonlyMap<string, Uint8Array>;
  /** Return only once every service is ready (`up --wait`). */
  wait?: boolean;
  /** Bound of `wait` and of each dependency wait; unbounded when absent. */
  waitTimeoutMs?: number;
  onEvent?: (event: DeployEvent) => void;
}

/** What a deploy did. */
export interface DeployResult {
  /** Service object ids by compose service name. */
  serviceIds: Record<string, string>;
}

/** Runs `work`, failing with `onTimeout()` after `ms` (undefined: no bound). */
async function bounded<T>(
  work: (signal: AbortSignal) => Promise<T>,
  ms: number | undefined,
  clock: EngineClock,
  signal: AbortSignal,
  onTimeout: () => Error,
): Promise<T> {
  const local = new AbortController();
  const abort = (): void => local.abort(signal.reason);
  signal.addEventListener('abort', abort, { once: true });
  try {
    if (ms === undefined) return await work(local.signal);
    const timer = clock.sleep(ms, local.signal).then(() => {
      throw onTimeout();
    });
    return await Promise.race([work(local.signal), timer]);
  } finally {
    signal.removeEventListener('abort', abort);
    local.abort(new Error('settled'));
  }
}

function describeProgress(p: ServiceProgress): string {
  const count = `${p.done}/${p.wanted}`;
  return p.message === '' ? count : `${count}: ${p.message}`;
}

/** Deploys one plan; see the module comment. */
class Deployment {
  private readonly board = new TaskBoard();
  private readonly ids = new Map<string, string>();
  private readonly specs = new Map<string, ServiceSpec>();
  private readonly applied = new Map<string, Promise<void>>();
  private readonly resourceIds = new Map<string, string>();
  private readonly lastShown = new Map<string, string>();
  /**
   * Tasks of a recreated service that existed before its update: a rolling update keeps them
   * running (and healthy) for a while, and they must not satisfy a condition for the new spec.
   */
  private readonly stale = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly plan: StackPlan,
    private readonly target: StackTarget,
    private readonly options: DeployOptions,
  ) {}

  private emit(e: DeployEvent): void {
    this.options.onEvent?.(e);
  }

  /** The task watch; ends when the deployment's signal aborts. */
  watching: Promise<void> = Promise.resolve();

  async run(signal: AbortSignal): Promise<DeployResult> {
    this.watching = this.watch(signal);
    // Its failure reaches the caller through the waits it closes, and again in deployStack.
    this.watching.catch(() => undefined);
    const unlisten = this.board.listen(() => this.showProgress());
    try {
      await this.removeOrphans('service');
      await this.createResources();
      const changes = this.plan.services.filter(
        (c) => c.action !== 'remove' && c.action !== 'orphan',
      );
      for (const c of changes) this.specs.set(c.service, c.spec);
      const results = await Promise.allSettled(changes.map((c) => this.apply(c, signal)));
      const failed = results.flatMap((r, i) =>
        r.status === 'rejected' ? [[changes[i]?.service ?? '', r.reason] as const] : [],
      );
      if (failed.length > 0) {
        const [first] = failed;
        const reason = first?.[1] instanceof Error ? first[1].message : String(first?.[1]);
        throw new TsorchError(
          'STACK_DEPENDENCY_FAILED',
          failed.length === 1
            ? `Cannot start service "${first?.[0] ?? ''}": ${reason}`
            : `Cannot start services ${failed.map(([s]) => `"${s}"`).join(', ')}: ${reason}`,
          { cause: first?.[1] },
        );
      }
      for (const kind of ['network', 'secret', 'config'] as const) await this.removeOrphans(kind);
      if (this.options.wait === true) await this.waitReady(changes, signal);
      return { serviceIds: Object.fromEntries(this.ids) };
    } finally {
      unlisten();
    }
  }

  private async watch(signal: AbortSignal): Promise<void> {
    try {
      for await (const tasks of this.target.watchTasks(this.plan.namespace, signal))
        this.board.update(tasks);
    } catch (err) {
      if (signal.aborted) return;
      // Waits fail with the reason instead of waiting for lists that will not come.
      this.board.close(
        `cannot watch the tasks: ${err instanceof Error ? err.message : String(err)}`,
      );
      throw err;
    }
  }

  private progressOf(service: string, tasks: readonly TaskView[]): ServiceProgress | undefined {
    const spec = this.specs.get(service);
    const id = this.ids.get(service);
    if (spec === undefined || id === undefined) return undefined;
    const stale = this.stale.get(service);
    return serviceProgress(
      spec,
      tasks.filter((t) => t.serviceId === id && stale?.has(t.id) !== true),
    );
  }

  private showProgress(): void {
    for (const service of this.ids.keys()) {
      const p = this.progressOf(service, this.board.current);
      if (p === undefined) continue;
      const detail = describeProgress(p);
      const key = `${p.state} ${detail}`;
      if (this.lastShown.get(service) === key) continue;
      this.lastShown.set(service, key);
      this.emit({ object: 'service', name: service, status: p.state, detail });
    }
  }

  private async removeOrphans(kind: 'service' | 'network' | 'secret' | 'config'): Promise<void> {
    const list =
      kind === 'service'
        ? this.plan.services
        : kind === 'network'
          ? this.plan.networks
          : kind === 'secret'
            ? this.plan.secrets
            : this.plan.configs;
    for (const c of list) {
      if (c.action !== 'remove') continue;
      const name = 'service' in c ? c.service : c.name;
      this.emit({ object: kind, name, status: 'removing' });
      if (kind === 'service') await this.target.removeService(c.id);
      else if (kind === 'network') await this.target.removeNetwork(c.id);
      else if (kind === 'secret') await this.target.removeSecret(c.id);
      else await this.target.removeConfig(c.id);
      this.emit({ object: kind, name, status: 'removed' });
    }
  }

  private async createResources(): Promise<void> {
    const t = this.target;
    const payload = (name: string, kind: string): Uint8Array => {
      const data = this.options.payloads.get(name);
      if (data === undefined)
        throw new TsorchError('STACK_INVALID', `Cannot create ${kind} "${name}": no content read`);
      return data;
    };
    await this.createEach('network', this.plan.networks, (s) => t.createNetwork(s));
    await this.createEach('volume', this.plan.volumes, (s) => t.createVolume(s));
    await this.createEach('secret', this.plan.secrets, (s) =>
      t.createSecret({ name: s.name, labels: s.labels, data: payload(s.name, 'secret') }),
    );
    await this.createEach('config', this.plan.configs, (s) =>
      t.createConfig({ name: s.name, labels: s.labels, data: payload(s.name, 'config') }),
    );
  }

  private async createEach<S>(
    kind: DeployObject,
    changes: readonly ResourceChange<S>[],
    create: (spec: S) => Promise<string>,
  ): Promise<void> {
    for (const c of changes) {
      if (c.action === 'create') {
        this.emit({ object: kind, name: c.name, status: 'creating' });
        this.resourceIds.set(`${kind}/${c.name}`, await create(c.spec));
        this.emit({ object: kind, name: c.name, status: 'created' });
      } else if (c.action === 'unchanged' || c.action === 'external') {
        this.resourceIds.set(`${kind}/${c.name}`, c.id);
      }
    }
  }

  /** The spec with network, secret and config names replaced by the objects' ids. */
  private resolve(spec: ServiceSpec): ServiceSpec {
    const id = (kind: string, name: string): string => {
      const found = this.resourceIds.get(`${kind}/${name}`);
      if (found === undefined)
        throw new TsorchError(
          'STACK_INVALID',
          `Service "${spec.name}" uses ${kind} "${name}", which the stack does not have`,
        );
      return found;
    };
    return withReferences(spec, {
      network: (name) => id('network', name),
      secret: (name) => id('secret', name),
      config: (name) => id('config', name),
    });
  }

  /** Applies one service's change once its dependencies hold (memoized per service). */
  private apply(change: ServiceChange, signal: AbortSignal): Promise<void> {
    let p = this.applied.get(change.service);
    if (p === undefined) {
      p = this.applyAfterDependencies(change, signal);
      this.applied.set(change.service, p);
    }
    return p;
  }

  private async applyAfterDependencies(change: ServiceChange, signal: AbortSignal): Promise<void> {
    for (const dep of this.plan.dependencies[change.service] ?? [])
      await this.awaitDependency(change.service, dep, signal);
    const name = change.service;
    switch (change.action) {
      case 'create':
        this.emit({ object: 'service', name, status: 'creating' });
        this.ids.set(name, await this.target.createService(this.resolve(change.spec)));
        this.emit({ object: 'service', name, status: 'created' });
        break;
      case 'update': {
        const status = change.recreate ? 'recreating' : 'updating';
        this.emit({
          object: 'service',
          name,
          status,
          ...(change.reason === undefined ? {} : { detail: change.reason }),
        });
        this.ids.set(name, change.id);
        if (change.recreate)
          this.stale.set(name, new Set(this.board.of(change.id).map((t) => t.id)));
        await this.target.updateService(change.id, change.version, this.resolve(change.spec));
        this.emit({ object: 'service', name, status: 'updated' });
        break;
      }
      case 'unchanged':
        this.ids.set(name, change.id);
        this.emit({ object: 'service', name, status: 'unchanged' });
        break;
      case 'remove':
      case 'orphan':
        return;
    }
    this.showProgress();
  }

  private async awaitDependency(
    service: string,
    dep: Dependency,
    signal: AbortSignal,
  ): Promise<void> {
    const change = this.plan.services.find((c) => c.service === dep.service);
    // Not in this plan (`up web --no-deps`, or disabled by a profile): nothing to wait for.
    if (change === undefined || change.action === 'remove' || change.action === 'orphan') return;
    try {
      await this.apply(change, signal);
      const spec = change.spec;
      this.emit({
        object: 'service',
        name: service,
        status: 'waiting',
        detail: `for "${dep.service}" (${dep.condition})`,
      });
      await bounded(
        (s) =>
          this.board.until(
            (tasks) => {
              const progress = this.progressOf(dep.service, tasks);
              if (progress === undefined) return 'wait';
              const r = conditionHolds(dep, spec, progress);
              if (r.met) return 'done';
              return r.failed === undefined ? 'wait' : { failed: r.failed };
            },
            s,
            (reason) => new TsorchError('STACK_DEPENDENCY_FAILED', reason),
          ),
        this.options.waitTimeoutMs,
        this.options.clock,
        signal,
        () =>
          new TsorchError(
            'STACK_NOT_READY',
            `service "${dep.service}" did not meet ${dep.condition} in ${this.options.waitTimeoutMs ?? 0} ms`,
          ),
      );
    } catch (err) {
      if (dep.required || signal.aborted) throw err;
      this.emit({
        object: 'service',
        name: service,
        status: 'skipped',
        detail: `optional dependency "${dep.service}" failed: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }

  private async waitReady(changes: ServiceChange[], signal: AbortSignal): Promise<void> {
    const notReady = (tasks: readonly TaskView[]): string[] =>
      changes.flatMap((c) => {
        const p = this.progressOf(c.service, tasks);
        const spec = this.specs.get(c.service);
        if (p === undefined || spec === undefined || isReady(spec, p)) return [];
        return [`${c.service}: ${p.state} ${describeProgress(p)}`];
      });
    const ms = this.options.waitTimeoutMs;
    await bounded(
      (s) =>
        this.board.until(
          (tasks) => {
            const failed = changes.find(
              (c) => this.progressOf(c.service, tasks)?.state === 'failed',
            );
            if (failed !== undefined)
              return {
                failed:
                  notReady(tasks).find((l) => l.startsWith(`${failed.service}:`)) ?? failed.service,
              };
            return notReady(tasks).length === 0 ? 'done' : 'wait';
          },
          s,
          (reason) =>
            new TsorchError(
              'STACK_NOT_READY',
              `Stack "${this.plan.namespace}" is not ready: ${reason}`,
            ),
        ),
      ms,
      this.options.clock,
      signal,
      () =>
        new TsorchError(
          'STACK_NOT_READY',
          `Stack "${this.plan.namespace}" was not ready after ${Math.round((ms ?? 0) / 1000)} s: ${notReady(this.board.current).join('; ')}`,
          { hint: 'see `tsorch ps` and `tsorch logs` for the services named' },
        ),
    );
  }
}

/**
 * Applies `plan` to `target`.
 *
 * @throws {TsorchError} STACK_INVALID when the plan holds errors (nothing is changed then),
 *   STACK_DEPENDENCY_FAILED when a required dependency fails, STACK_NOT_READY when `wait` times
 *   out, or what the target throws.
 */
export async function deployStack(
  plan: StackPlan,
  target: StackTarget,
  options: DeployOptions,
): Promise<DeployResult> {
  if (planHasErrors(plan)) {
    const errors = plan.issues.filter((i) => i.severity === 'error');
    throw new TsorchError(
      'STACK_INVALID',
      `Cannot deploy stack "${plan.namespace}": ${errors.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { details: { issues: errors } },
    );
  }
  const local = new AbortController();
  const abort = (): void => local.abort(options.signal.reason);
  options.signal.addEventListener('abort', abort, { once: true });
  const deployment = new Deployment(plan, target, options);
  try {
    return await deployment.run(local.signal);
  } finally {
    options.signal.removeEventListener('abort', abort);
    local.abort(new Error('deploy finished'));
    await deployment.watching;
  }
}
