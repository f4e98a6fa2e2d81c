/**
 * Checks of a {@link ServiceSpec} before the control API stores it (pure). Every problem is an
 * issue naming its field by path (`spec.mode.replicas`), zod style; the control API refuses a
 * spec with any issue and changes nothing. Constraints and preferences are parsed by the
 * scheduler's own parsers, so what is accepted here is exactly what the scheduler understands.
 *
 * @module
 */
import { parseConstraints, parsePreference } from '../../scheduler/index.js';
import type {
  ContainerSpec,
  EndpointSpec,
  HealthCheck,
  MountSpec,
  Placement,
  ResourceRequirements,
  RestartPolicy,
  ServiceMode,
  ServiceSpec,
  UpdateConfig,
} from '../../store/index.js';
import { InvalidArgumentError } from '../../util/errors.js';
import { parseReference } from '../../util/image-reference.js';

/** One problem with a spec: the field path and what is wrong with it. */
export interface SpecIssue {
  field: string;
  message: string;
}

/** Swarm's rule for service names: a DNS label that may also hold `_` (stack names do). */
const SERVICE_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;
const SERVICE_NAME_MAX_CHARS = 63;
const ENV_KEY = /^[^=\s]+$/;

class Issues {
  readonly list: SpecIssue[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  /** Adds an issue unless `value` is an integer ≥ `min` (and ≤ `max`). */
  int(field: string, value: number, min = 0, max = Number.MAX_SAFE_INTEGER): void {
    if (!Number.isInteger(value) || value < min || value > max)
      this.add(
        field,
        max === Number.MAX_SAFE_INTEGER
          ? `must be a whole number of ${min} or more, not "${value}"`
          : `must be a whole number from ${min} to ${max}, not "${value}"`,
      );
  }
  oneOf(field: string, value: string, allowed: readonly string[]): void {
    if (!allowed.includes(value))
      this.add(field, `must be one of ${allowed.join(', ')}, not "${value}"`);
  }
}

function checkName(name: string, issues: Issues): void {
  if (name === '') issues.add('spec.name', 'must not be empty');
  else if (name.length > SERVICE_NAME_MAX_CHARS)
    issues.add(
      'spec.name',
      `must be at most ${SERVICE_NAME_MAX_CHARS} characters, not ${name.length}`,
    );
  else if (!SERVICE_NAME.test(name))
    issues.add(
      'spec.name',
      `"${name}" is not a valid service name: use letters, digits, "-" and "_", starting and ending with a letter or digit`,
    );
}

function checkLabels(field: string, labels: Record<string, string>, issues: Issues): void {
  for (const key of Object.keys(labels))
    if (key.trim() === '') issues.add(field, 'a label key must not be empty');
}

function checkMode(mode: ServiceMode, placement: Placement, issues: Issues): void {
  switch (mode.kind) {
    case 'replicated':
      issues.int('spec.mode.replicas', mode.replicas);
      break;
    case 'replicated-job':
      issues.int('spec.mode.maxConcurrent', mode.maxConcurrent);
      issues.int('spec.mode.totalCompletions', mode.totalCompletions);
      break;
    case 'global':
    case 'global-job':
      break;
    default:
      issues.add(
        'spec.mode.kind',
        `must be one of replicated, global, replicated-job, global-job, not "${String((mode as { kind: unknown }).kind)}"`,
      );
  }
  if (placement.maxReplicasPerNode > 0 && mode.kind !== 'replicated')
    issues.add(
      'spec.task.placement.maxReplicasPerNode',
      `is only for replicated services, not ${mode.kind} ones`,
    );
}

function checkMount(m: MountSpec, i: number, targets: Set<string>, issues: Issues): void {
  const field = `spec.task.container.mounts[${i}]`;
  if (!m.target.startsWith('/'))
    issues.add(`${field}.target`, `"${m.target}" must be an absolute path`);
  else if (m.target.replace(/\/+$/, '') === '')
    issues.add(`${field}.target`, 'cannot be "/" (the root filesystem)');
  if (targets.has(m.target)) issues.add(`${field}.target`, `"${m.target}" is mounted twice`);
  targets.add(m.target);
  switch (m.type) {
    case 'bind':
      if (!m.source.startsWith('/'))
        issues.add(`${field}.source`, `"${m.source}" must be an absolute host path`);
      break;
    case 'volume':
      if (m.name !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(m.name))
        issues.add(`${field}.source`, `"${m.name}" is not a valid volume name`);
      break;
    case 'tmpfs':
      if (m.sizeBytes !== undefined) issues.int(`${field}.sizeBytes`, m.sizeBytes);
      break;
    default:
      issues.add(
        `${field}.type`,
        `must be one of volume, bind, tmpfs, not "${String((m as { type: unknown }).type)}"`,
      );
  }
}

function checkHealth(h: HealthCheck, issues: Issues): void {
  const field = 'spec.task.container.healthcheck';
  const first = h.test[0];
  if (first !== undefined && !['NONE', 'CMD', 'CMD-SHELL'].includes(first))
    issues.add(`${field}.test`, `must start with NONE, CMD or CMD-SHELL, not "${first}"`);
  if ((first === 'CMD' || first === 'CMD-SHELL') && h.test.length < 2)
    issues.add(`${field}.test`, `${first} needs a command`);
  issues.int(`${field}.intervalMs`, h.intervalMs);
  issues.int(`${field}.timeoutMs`, h.timeoutMs);
  issues.int(`${field}.retries`, h.retries);
  issues.int(`${field}.startPeriodMs`, h.startPeriodMs);
  issues.int(`${field}.startIntervalMs`, h.startIntervalMs);
}

function checkContainer(c: ContainerSpec, issues: Issues): void {
  const field = 'spec.task.container';
  if (c.image === '') issues.add(`${field}.image`, 'must not be empty: give the image to run');
  else {
    try {
      parseReference(c.image);
    } catch (err) {
      issues.add(`${field}.image`, err instanceof Error ? err.message : String(err));
    }
  }
  c.env.forEach((e, i) => {
    const key = e.split('=', 1)[0] ?? '';
    if (!ENV_KEY.test(key)) issues.add(`${field}.env[${i}]`, `"${e}" is not KEY=VALUE`);
  });
  const targets = new Set<string>();
  c.mounts.forEach((m, i) => {
    checkMount(m, i, targets, issues);
  });
  if (c.healthcheck !== undefined) checkHealth(c.healthcheck, issues);
  if (c.stopTimeoutS !== undefined) issues.int(`${field}.stopTimeoutS`, c.stopTimeoutS);
  if (c.shmSizeBytes !== undefined) issues.int(`${field}.shmSizeBytes`, c.shmSizeBytes);
  c.ulimits.forEach((u, i) => {
    if (u.soft > u.hard)
      issues.add(`${field}.ulimits[${i}]`, `soft limit ${u.soft} is above hard limit ${u.hard}`);
  });
  checkLabels(`${field}.labels`, c.labels, issues);
}

function checkResources(r: ResourceRequirements, issues: Issues): void {
  for (const kind of ['limits', 'reservations'] as const) {
    const v = r[kind];
    if (v === undefined) continue;
    issues.int(`spec.task.resources.${kind}.nanoCpus`, v.nanoCpus);
    issues.int(`spec.task.resources.${kind}.memoryBytes`, v.memoryBytes);
  }
  const pids = r.limits?.pids;
  if (pids !== undefined) issues.int('spec.task.resources.limits.pids', pids);
  const { limits, reservations } = r;
  if (limits === undefined || reservations === undefined) return;
  if (limits.memoryBytes > 0 && reservations.memoryBytes > limits.memoryBytes)
    issues.add(
      'spec.task.resources.reservations.memoryBytes',
      `${reservations.memoryBytes} is above the memory limit ${limits.memoryBytes}`,
    );
  if (limits.nanoCpus > 0 && reservations.nanoCpus > limits.nanoCpus)
    issues.add(
      'spec.task.resources.reservations.nanoCpus',
      `${reservations.nanoCpus} is above the CPU limit ${limits.nanoCpus}`,
    );
}

function checkRestart(p: RestartPolicy, issues: Issues): void {
  const field = 'spec.task.restartPolicy';
  issues.oneOf(`${field}.condition`, p.condition, ['none', 'on-failure', 'any']);
  issues.int(`${field}.delayMs`, p.delayMs);
  issues.int(`${field}.maxAttempts`, p.maxAttempts);
  issues.int(`${field}.windowMs`, p.windowMs);
}

function checkPlacement(p: Placement, issues: Issues): void {
  const field = 'spec.task.placement';
  const parsed = parseConstraints(p.constraints);
  if (!parsed.ok)
    for (const issue of parsed.issues)
      issues.add(`${field}.constraints[${p.constraints.indexOf(issue.expression)}]`, issue.message);
  p.preferences.forEach((pref, i) => {
    const r = parsePreference(pref.spread);
    if (!r.ok) issues.add(`${field}.preferences[${i}].spread`, r.issue.message);
  });
  issues.int(`${field}.maxReplicasPerNode`, p.maxReplicasPerNode);
  p.platforms.forEach((pl, i) => {
    if (pl.os === '' || pl.architecture === '')
      issues.add(`${field}.platforms[${i}]`, 'needs both an OS and an architecture');
  });
}

function checkUpdate(field: string, u: UpdateConfig, issues: Issues): void {
  issues.int(`${field}.parallelism`, u.parallelism);
  issues.int(`${field}.delayMs`, u.delayMs);
  issues.int(`${field}.monitorMs`, u.monitorMs);
  issues.oneOf(`${field}.failureAction`, u.failureAction, ['pause', 'continue', 'rollback']);
  issues.oneOf(`${field}.order`, u.order, ['stop-first', 'start-first']);
  if (!(u.maxFailureRatio >= 0 && u.maxFailureRatio <= 1))
    issues.add(`${field}.maxFailureRatio`, `must be from 0 to 1, not "${u.maxFailureRatio}"`);
}

function checkEndpoint(e: EndpointSpec, issues: Issues): void {
  issues.oneOf('spec.endpoint.mode', e.mode, ['vip', 'dnsrr']);
  e.ports.forEach((p, i) => {
    const field = `spec.endpoint.ports[${i}]`;
    issues.oneOf(`${field}.protocol`, p.protocol, ['tcp', 'udp', 'sctp']);
    issues.oneOf(`${field}.publishMode`, p.publishMode, ['ingress', 'host']);
    issues.int(`${field}.targetPort`, p.targetPort, 1, 65535);
    issues.int(`${field}.publishedPort`, p.publishedPort, 0, 65535);
    // The routing mesh balances over a VIP; with DNS round robin there is none (Swarm's rule).
    if (e.mode === 'dnsrr' && p.publishMode === 'ingress')
      issues.add(field, 'an ingress port needs endpoint mode vip: publish it in host mode');
  });
}

/**
 * Lists every problem of `spec`, in field order; empty when the spec can be stored. Pure:
 * references to other objects (networks, secrets) and port conflicts are checked by the
 * control API against the store.
 */
export function specIssues(spec: ServiceSpec): SpecIssue[] {
  const issues = new Issues();
  checkName(spec.name, issues);
  checkLabels('spec.labels', spec.labels, issues);
  checkMode(spec.mode, spec.task.placement, issues);
  checkContainer(spec.task.container, issues);
  checkResources(spec.task.resources, issues);
  checkRestart(spec.task.restartPolicy, issues);
  checkPlacement(spec.task.placement, issues);
  issues.int('spec.task.forceUpdate', spec.task.forceUpdate);
  if (spec.update !== undefined) checkUpdate('spec.update', spec.update, issues);
  if (spec.rollback !== undefined) checkUpdate('spec.rollback', spec.rollback, issues);
  checkEndpoint(spec.endpoint, issues);
  return issues.list;
}

/**
 * The error for a list of issues: the message names each field; `details.issues` carries them.
 */
export function specError(issues: readonly SpecIssue[]): InvalidArgumentError {
  const text = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  return new InvalidArgumentError(`Invalid service spec: ${text}`, {
    details: { field: issues[0]?.field, issues },
  });
}

/**
 * Checks `spec`.
 *
 * @throws {InvalidArgumentError} INVALID_ARGUMENT naming every bad field.
 */
export function validateServiceSpec(spec: ServiceSpec): void {
  const issues = specIssues(spec);
  if (issues.length > 0) throw specError(issues);
}
