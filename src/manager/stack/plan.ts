/**
 * `tsorch plan` (and what `up` applies): the desired stack against what is deployed →
 * the changes, pure. Services are created, updated (with a field-level diff, and their tasks
 * recreated only when the task template changed), left unchanged, or, when the file no longer
 * has them, reported as orphans and removed only with `--remove-orphans`. Networks, volumes,
 * secrets and configs are created or checked; a deployed one that differs is reported, since
 * Swarm's objects of those kinds cannot be updated in place.
 *
 * @module
 */
import type {
  Labels,
  Network,
  NetworkSpec,
  Service,
  ServiceSpec,
  Task,
  Volume,
  VolumeSpec,
} from '../../store/index.js';
import { STACK_NAMESPACE_LABEL, isTerminal } from '../../store/index.js';
import type { UnsupportedKey } from '../../compose/index.js';
import { ROLLBACK_DEFAULTS, UPDATE_DEFAULTS } from '../../util/service-defaults.js';
import { diffFields, type FieldChange } from './diff.js';
import { COMPOSE_SERVICE_LABEL } from './names.js';
import type { FileObjectSpec, StackResource, StackSpecs } from './stack.js';

/** The label holding the digest of a secret's or config's payload (set by the deploying edge). */
export const PAYLOAD_DIGEST_LABEL = 'com.tsorch.stack.payload-digest';

/** What a cluster holds of one stack (and the objects it may refer to), read-only. */
export interface DeployedStack {
  services: readonly Service[];
  /** The stack's tasks (the planner looks at the tasks of the stack's services only). */
  tasks: readonly Task[];
  /** Every network, volume, secret and config the cluster has (external ones included). */
  networks: readonly Network[];
  volumes: readonly Volume[];
  /** Secrets and configs as a client sees them: names and labels, never the payload. */
  secrets: readonly DeployedObject[];
  configs: readonly DeployedObject[];
}

/** What a cluster with nothing deployed holds. */
export const EMPTY_DEPLOYED_STACK: DeployedStack = {
  services: [],
  tasks: [],
  networks: [],
  volumes: [],
  secrets: [],
  configs: [],
};

/** A deployed object as the planner needs it. */
export interface DeployedObject {
  id: string;
  spec: { name: string; labels: Labels };
}

/** A dependency of a compose service (depends_on). */
export interface Dependency {
  service: string;
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  restart: boolean;
  required: boolean;
}

/** One service's change. `service` is its compose name, `name` the object's. */
export type ServiceChange =
  | { action: 'create'; service: string; name: string; spec: ServiceSpec }
  | {
      action: 'update';
      service: string;
      name: string;
      id: string;
      version: number;
      spec: ServiceSpec;
      fields: FieldChange[];
      /** True when the tasks are replaced (the task template changed, or forced). */
      recreate: boolean;
      /** Why the tasks are recreated without a task field changing (forced, a dependency). */
      reason?: string;
      /** Ids of the running tasks that will be replaced. */
      replacedTasks: string[];
    }
  | { action: 'unchanged'; service: string; name: string; id: string; spec: ServiceSpec }
  | { action: 'remove'; service: string; name: string; id: string }
  | { action: 'orphan'; service: string; name: string; id: string };

/** A network's, volume's, secret's or config's change. */
export type ResourceChange<S> =
  | { action: 'create'; name: string; spec: S }
  | { action: 'unchanged' | 'external'; name: string; id: string }
  | { action: 'remove' | 'orphan'; name: string; id: string };

/** A problem found while planning; an `error` stops `up` before anything changes. */
export interface PlanIssue {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/** A task that stays pending, and why (the scheduler's explanation). */
export interface UnplacedTask {
  service: string;
  taskId: string;
  reason: string;
}

/** The changes `up` makes. */
export interface StackPlan {
  namespace: string;
  services: ServiceChange[];
  networks: ResourceChange<NetworkSpec>[];
  volumes: ResourceChange<VolumeSpec>[];
  secrets: ResourceChange<FileObjectSpec>[];
  configs: ResourceChange<FileObjectSpec>[];
  /** depends_on of each compose service in the plan. */
  dependencies: Record<string, Dependency[]>;
  issues: PlanIssue[];
  unplaced: UnplacedTask[];
}

/** Options of {@link planStack}. */
export interface PlanOptions {
  /** depends_on of each compose service (from the compose ServiceGraph). */
  dependencies: Record<string, readonly Dependency[]>;
  /** Only these compose services (`up web`); all when absent. */
  only?: readonly string[];
  /** Remove services (and networks, secrets, configs) the file no longer has. */
  removeOrphans?: boolean;
  /** Recreate every planned service's tasks (`--force-recreate`). */
  forceRecreate?: boolean;
  /** Update changed services without recreating their tasks (`--no-recreate`). */
  noRecreate?: boolean;
  /** Digests of the secrets' and configs' payloads by object name (read by the edge). */
  payloadDigests?: Readonly<Record<string, string>>;
}

/** Is any count of changes in `plan`? (`tsorch plan` exits 2 then.) */
export function planHasChanges(plan: StackPlan): boolean {
  const changed = (c: { action: string }): boolean =>
    c.action !== 'unchanged' && c.action !== 'external' && c.action !== 'orphan';
  return [plan.services, plan.networks, plan.volumes, plan.secrets, plan.configs].some((l) =>
    (l as { action: string }[]).some(changed),
  );
}

/** Does `plan` hold an error (so `up` must change nothing)? */
export function planHasErrors(plan: StackPlan): boolean {
  return plan.issues.some((i) => i.severity === 'error');
}

function inStack(labels: Labels, namespace: string): boolean {
  return labels[STACK_NAMESPACE_LABEL] === namespace;
}

/**
 * The spec as it is compared: network targets by name (deployed specs hold ids), secret and
 * config ids left out (filled at deploy), and the force counter left out (it is bumped by
 * `service update --force`, not by the file).
 */
function comparable(spec: ServiceSpec, networkNames: ReadonlyMap<string, string>): ServiceSpec {
  const renamed = withReferences(spec, {
    network: (name) => networkNames.get(name) ?? name,
    secret: () => '',
    config: () => '',
  });
  // What the manager fills in or the API drops must not count as a change: update and rollback
  // settings left out are the defaults, and no secrets (configs) is the same as an empty list.
  const container = { ...renamed.task.container };
  if (container.secrets?.length === 0) delete container.secrets;
  if (container.configs?.length === 0) delete container.configs;
  return {
    ...renamed,
    update: renamed.update ?? { ...UPDATE_DEFAULTS },
    rollback: renamed.rollback ?? { ...ROLLBACK_DEFAULTS },
    task: { ...renamed.task, container, forceUpdate: 0 },
  };
}

/**
 * `spec` with its network targets and its secret and config ids replaced: by name in a
 * comparison, by the objects' ids when it is deployed.
 */
export function withReferences(
  spec: ServiceSpec,
  map: {
    network(target: string): string;
    /** The id of the secret (config) named `name`. */
    secret(name: string): string;
    config(name: string): string;
  },
): ServiceSpec {
  const container = { ...spec.task.container };
  const secrets = container.secrets?.map((r) => ({ ...r, id: map.secret(r.name) }));
  const configs = container.configs?.map((r) => ({ ...r, id: map.config(r.name) }));
  if (secrets !== undefined) container.secrets = secrets;
  if (configs !== undefined) container.configs = configs;
  return {
    ...spec,
    task: {
      ...spec.task,
      container,
      networks: spec.task.networks.map((n) => ({ ...n, target: map.network(n.target) })),
    },
  };
}

/**
 * Does this field need new tasks? The task template does; so does a host-mode published port
 * (it is bound by the task's container). Replicas, labels, update settings and ingress ports
 * change the service only.
 */
function recreatesTasks(change: FieldChange): boolean {
  if (change.path.startsWith('task.')) return true;
  if (change.path !== 'endpoint.ports') return false;
  const host = (v: unknown): boolean =>
    Array.isArray(v) && v.some((p) => (p as { publishMode?: string }).publishMode === 'host');
  return host(change.from) || host(change.to);
}

function serviceChanges(
  desired: StackSpecs,
  deployed: DeployedStack,
  options: PlanOptions,
  networkNames: ReadonlyMap<string, string>,
): ServiceChange[] {
  const ns = desired.namespace;
  const current = new Map(
    deployed.services.filter((s) => inStack(s.spec.labels, ns)).map((s) => [s.spec.name, s]),
  );
  const only = options.only === undefined ? undefined : new Set(options.only);
  const out: ServiceChange[] = [];
  const recreated = new Set<string>();
  // Start order, so that a dependency's recreation is known before its dependents (restart: true).
  for (const spec of orderByDependencies(desired.services, options.dependencies)) {
    const service = spec.labels[COMPOSE_SERVICE_LABEL] ?? spec.name;
    if (only !== undefined && !only.has(service)) continue;
    const have = current.get(spec.name);
    if (have === undefined) {
      out.push({ action: 'create', service, name: spec.name, spec });
      recreated.add(service);
      continue;
    }
    const fields = diffFields(comparable(have.spec, networkNames), comparable(spec, networkNames));
    let recreate = options.noRecreate !== true && fields.some(recreatesTasks);
    let reason: string | undefined;
    if (options.forceRecreate === true) {
      recreate = true;
      reason = 'forced (--force-recreate)';
    } else if (!recreate) {
      const dep = (options.dependencies[service] ?? []).find(
        (d) => d.restart && recreated.has(d.service),
      );
      if (dep !== undefined) {
        recreate = true;
        reason = `dependency "${dep.service}" is recreated (depends_on restart: true)`;
      }
    }
    if (fields.length === 0 && !recreate) {
      out.push({ action: 'unchanged', service, name: spec.name, id: have.id, spec });
      continue;
    }
    if (recreate) recreated.add(service);
    const forceUpdate =
      have.spec.task.forceUpdate + (recreate && !fields.some(recreatesTasks) ? 1 : 0);
    out.push({
      action: 'update',
      service,
      name: spec.name,
      id: have.id,
      version: have.meta.version,
      spec: { ...spec, task: { ...spec.task, forceUpdate } },
      fields,
      recreate,
      ...(reason === undefined ? {} : { reason }),
      replacedTasks: recreate
        ? deployed.tasks
            .filter(
              (t) =>
                t.serviceId === have.id &&
                t.desiredState === 'RUNNING' &&
                !isTerminal(t.status.state),
            )
            .map((t) => t.id)
            .sort()
        : [],
    });
  }
  const wanted = new Set(desired.services.map((s) => s.name));
  for (const [name, s] of [...current].sort(([a], [b]) => a.localeCompare(b))) {
    if (wanted.has(name)) continue;
    const service = s.spec.labels[COMPOSE_SERVICE_LABEL] ?? name;
    out.push({
      action: options.removeOrphans === true ? 'remove' : 'orphan',
      service,
      name,
      id: s.id,
    });
  }
  return out;
}

/** Services in an order where each comes after what it depends on; ties by name. */
function orderByDependencies(
  specs: readonly ServiceSpec[],
  dependencies: Record<string, readonly Dependency[]>,
): ServiceSpec[] {
  const byService = new Map(specs.map((s) => [s.labels[COMPOSE_SERVICE_LABEL] ?? s.name, s]));
  const out: ServiceSpec[] = [];
  const seen = new Set<string>();
  // The loader rejected cycles; `seen` also bounds the recursion if one slipped through.
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const d of dependencies[name] ?? []) visit(d.service);
    const spec = byService.get(name);
    if (spec !== undefined) out.push(spec);
  };
  for (const name of [...byService.keys()].sort()) visit(name);
  return out;
}

type Named = DeployedObject;

function resourceChanges<S extends { name: string; labels: Labels }>(
  ctx: { namespace: string; options: PlanOptions; issues: PlanIssue[] },
  kind: 'networks' | 'volumes' | 'secrets' | 'configs',
  desired: readonly { spec: S; external: boolean; key: string }[],
  deployed: readonly Named[],
  differs: (have: Named, want: S) => FieldChange[],
): ResourceChange<S>[] {
  const { namespace, options, issues } = ctx;
  const byName = new Map(deployed.map((o) => [o.spec.name, o]));
  const out: ResourceChange<S>[] = [];
  const singular = kind.slice(0, -1);
  for (const { spec, external, key } of desired) {
    const have = byName.get(spec.name);
    const path = `${kind}.${key}`;
    if (external) {
      if (have === undefined)
        issues.push({
          path,
          message: `external ${singular} "${spec.name}" does not exist: create it first`,
          severity: 'error',
        });
      else out.push({ action: 'external', name: spec.name, id: have.id });
      continue;
    }
    if (have === undefined) {
      out.push({ action: 'create', name: spec.name, spec });
      continue;
    }
    const fields = differs(have, spec);
    if (fields.length > 0) {
      const what = fields.map((f) => f.path).join(', ');
      issues.push({
        path,
        message: `the deployed ${singular} "${spec.name}" differs (${what}) and cannot be updated in place: remove it first (tsorch down${kind === 'volumes' ? ' -v' : ''})`,
        severity: 'error',
      });
    }
    out.push({ action: 'unchanged', name: spec.name, id: have.id });
  }
  const wanted = new Set(desired.map((d) => d.spec.name));
  for (const o of deployed) {
    if (wanted.has(o.spec.name) || !inStack(o.spec.labels, namespace)) continue;
    // Volumes hold data: `up` never removes one (`down -v` does).
    const remove = options.removeOrphans === true && kind !== 'volumes';
    out.push({ action: remove ? 'remove' : 'orphan', name: o.spec.name, id: o.id });
  }
  return out;
}

/** The key a resource has in the compose file (its label), for issue paths. */
function composeKey(labels: Labels, kind: string, name: string): string {
  return labels[`com.docker.compose.${kind}`] ?? name;
}

function networkFields(have: Named, want: NetworkSpec): FieldChange[] {
  const spec = (have as unknown as Network).spec;
  const pick = (n: NetworkSpec): Partial<NetworkSpec> => ({
    driver: n.driver,
    internal: n.internal,
    attachable: n.attachable,
    ipv6: n.ipv6,
    // An empty IPAM list lets the allocator choose; the chosen subnet is not a change.
    ...(want.ipam.length === 0 ? {} : { ipam: n.ipam }),
  });
  return diffFields(pick(spec), pick(want));
}

function payloadFields(have: Named, want: FileObjectSpec): FieldChange[] {
  const from = have.spec.labels[PAYLOAD_DIGEST_LABEL];
  const to = want.labels[PAYLOAD_DIGEST_LABEL];
  return from === undefined || to === undefined || from === to
    ? []
    : [{ path: 'content', from, to }];
}

function withDigests(specs: readonly FileObjectSpec[], options: PlanOptions): FileObjectSpec[] {
  return specs.map((s) => {
    const digest = options.payloadDigests?.[s.name];
    return digest === undefined
      ? s
      : { ...s, labels: { ...s.labels, [PAYLOAD_DIGEST_LABEL]: digest } };
  });
}

function keyed<S extends { name: string; labels: Labels }>(
  list: readonly (StackResource<S> | (S & { external: boolean }))[],
  kind: string,
): { spec: S; external: boolean; key: string }[] {
  return list.map((r) => {
    const spec = 'spec' in r ? r.spec : r;
    return { spec, external: r.external, key: composeKey(spec.labels, kind, spec.name) };
  });
}

/**
 * Plans `desired` (the project's stack specs) against `deployed` (what the cluster holds).
 * Never throws for a problem of the stack: the problems are `issues`, errors first.
 */
export function planStack(
  desired: StackSpecs,
  deployed: DeployedStack,
  options: PlanOptions,
): StackPlan {
  const ns = desired.namespace;
  const issues: PlanIssue[] = desired.issues.map((i: UnsupportedKey) => ({
    path: i.path,
    message: i.reason,
    severity: i.severity === 'warning' ? 'warning' : 'error',
  }));
  const networkNames = new Map(deployed.networks.map((n) => [n.id, n.spec.name]));
  const services = serviceChanges(desired, deployed, options, networkNames);
  const ctx = { namespace: ns, options, issues };
  const networks = resourceChanges(
    ctx,
    'networks',
    keyed(desired.networks, 'network'),
    deployed.networks,
    networkFields,
  );
  const volumes = resourceChanges(
    ctx,
    'volumes',
    keyed(desired.volumes, 'volume'),
    deployed.volumes,
    () => [],
  );
  const fileObjects = (kind: 'secrets' | 'configs'): ResourceChange<FileObjectSpec>[] =>
    resourceChanges(
      ctx,
      kind,
      keyed(withDigests(desired[kind], options), kind.slice(0, -1)),
      deployed[kind],
      payloadFields,
    );
  const secrets = fileObjects('secrets');
  const configs = fileObjects('configs');
  for (const s of services)
    if (s.action === 'orphan')
      issues.push({
        path: `services.${s.service}`,
        message: `service "${s.name}" is deployed but no longer in the file: remove it with --remove-orphans`,
        severity: 'warning',
      });
  const planned = new Set(services.map((s) => s.service));
  const dependencies: Record<string, Dependency[]> = {};
  for (const name of planned) dependencies[name] = [...(options.dependencies[name] ?? [])];
  const ids = new Map(
    deployed.services.filter((s) => inStack(s.spec.labels, ns)).map((s) => [s.id, s]),
  );
  const unplaced = deployed.tasks
    .filter((t) => ids.has(t.serviceId) && t.status.state === 'PENDING')
    .map((t) => ({
      service: ids.get(t.serviceId)?.spec.labels[COMPOSE_SERVICE_LABEL] ?? t.serviceId,
      taskId: t.id,
      reason: t.status.message,
    }));
  issues.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return {
    namespace: ns,
    services,
    networks,
    volumes,
    secrets,
    configs,
    dependencies,
    issues,
    unplaced,
  };
}
