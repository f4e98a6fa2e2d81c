/**
 * What `service ls`, `service ps`, `service inspect --pretty`, `service ps --explain` and
 * `events` print, as Docker prints it (pure).
 *
 * @module
 */
import type { EventsResponse__Output } from '../../api/gen/tsorch/v1/EventsResponse.js';
import type { ServiceInfo__Output } from '../../api/gen/tsorch/v1/ServiceInfo.js';
import type { ServicePort__Output } from '../../api/gen/tsorch/v1/ServicePort.js';
import type { ServiceTask__Output } from '../../api/gen/tsorch/v1/ServiceTask.js';
import type { ServiceTaskExplanation__Output } from '../../api/gen/tsorch/v1/ServiceTaskExplanation.js';
import type { ServiceUpdateConfig__Output } from '../../api/gen/tsorch/v1/ServiceUpdateConfig.js';
import { humanDuration, shortId, truncate } from '../output.js';

/** The MODE column: `replicated`, `global`, `replicated job`, `global job`. */
export function modeText(s: ServiceInfo__Output): string {
  return (s.spec?.mode?.kind ?? '').replace('-', ' ');
}

/** The REPLICAS column: `4/6`, `1/1 (max 2 per node)`, `1/2 (3/5 completed)`. */
export function replicasText(s: ServiceInfo__Output): string {
  const running = Number(s.runningTasks);
  const desired = Number(s.desiredTasks);
  const completed = Number(s.completedTasks);
  const mode = s.spec?.mode;
  switch (mode?.kind ?? '') {
    case 'replicated': {
      const max = Number(s.spec?.task?.placement?.maxReplicasPerNode ?? 0);
      return `${running}/${desired}${max > 0 ? ` (max ${max} per node)` : ''}`;
    }
    case 'replicated-job':
      return `${running}/${desired} (${completed}/${Number(mode?.totalCompletions ?? 0)} completed)`;
    case 'global-job':
      return `${running}/${desired} (${completed}/${desired} completed)`;
    default:
      return `${running}/${desired}`;
  }
}

/** `*:8080->80/tcp`, as Docker's PORTS columns show a published port. */
export function portText(p: ServicePort__Output): string {
  const published = p.publishedPort === 0 ? '' : String(p.publishedPort);
  return `${p.hostIp === '' ? '*' : p.hostIp}:${published}->${p.targetPort}/${p.protocol}`;
}

/** The PORTS column: the ports as allocated, else as asked. */
export function portsText(s: ServiceInfo__Output): string {
  const ports = s.ports.length > 0 ? s.ports : (s.spec?.endpoint?.ports ?? []);
  return ports.map(portText).join(', ');
}

/** One `service ls` row: ID NAME MODE REPLICAS IMAGE PORTS. */
export function serviceRow(s: ServiceInfo__Output): string[] {
  return [
    shortId(s.id),
    s.spec?.name ?? '',
    modeText(s),
    replicasText(s),
    s.spec?.task?.container?.image ?? '',
    portsText(s),
  ];
}

/** The header of `service ls`. */
export const SERVICE_LS_HEADER = ['ID', 'NAME', 'MODE', 'REPLICAS', 'IMAGE', 'PORTS'];

/** The header of `service ps`. */
export const SERVICE_PS_HEADER = [
  'ID',
  'NAME',
  'IMAGE',
  'NODE',
  'DESIRED STATE',
  'CURRENT STATE',
  'ERROR',
  'PORTS',
];

const title = (state: string): string =>
  state === '' ? '' : state.charAt(0) + state.slice(1).toLowerCase();

/** The allocator's generic message for a new pending task: not an error. */
const PENDING_SCHEDULING = 'pending task scheduling';

/** The ERROR column: the task's error, or why a pending task has no node. */
export function taskError(t: ServiceTask__Output): string {
  if (t.err !== '') return t.err;
  return t.state === 'PENDING' && t.message !== PENDING_SCHEDULING ? t.message : '';
}

/**
 * `service ps` rows: one per task, older tasks of a slot (or node) under the newest with
 * ` \_ `, as Docker shows history. Tasks must come grouped, newest first (ListTasks's order).
 */
export function taskRows(
  tasks: readonly ServiceTask__Output[],
  options: { nowMs: number; noTrunc: boolean },
): string[][] {
  let group = '';
  return tasks.map((t) => {
    const key = `${t.serviceId}/${t.slot}/${t.slot === '0' ? t.nodeId : ''}`;
    const older = key === group;
    group = key;
    const since = Date.parse(t.stateTimestamp);
    const error = taskError(t);
    return [
      options.noTrunc ? t.id : shortId(t.id),
      older ? ` \\_ ${t.name}` : t.name,
      t.image,
      t.nodeHostname,
      title(t.desiredState),
      Number.isNaN(since)
        ? title(t.state)
        : `${title(t.state)} ${humanDuration(options.nowMs - since).toLowerCase()} ago`,
      error === '' ? '' : `"${options.noTrunc ? error : truncate(error, 30)}"`,
      t.ports.map(portText).join(','),
    ];
  });
}

/** `service ps --explain`: per pending task, why each node was excluded. */
export function explanationText(tasks: readonly ServiceTaskExplanation__Output[]): string {
  if (tasks.length === 0) return 'No pending tasks\n';
  return tasks
    .map((t) => {
      const head = `${t.taskName} (${shortId(t.taskId)})`;
      if (t.fitsNow)
        return `${head}: a node fits now; the task waits for the scheduler's next pass\n`;
      return `${head}: ${t.lines.join('\n')}\n`;
    })
    .join('');
}

const ms = (v: string): string => {
  const n = Number(v);
  return n === 0 ? '0s' : n % 1000 === 0 ? `${n / 1000}s` : `${n}ms`;
};

function updateLines(name: string, u: ServiceUpdateConfig__Output | null): string[] {
  if (u === null) return [];
  return [
    `${name}:`,
    ` Parallelism:\t${u.parallelism}`,
    ` Delay:\t\t${ms(u.delayMs)}`,
    ` On failure:\t${u.failureAction}`,
    ` Monitoring Period: ${ms(u.monitorMs)}`,
    ` Max failure ratio: ${u.maxFailureRatio}`,
    ` Update order:      ${u.order}`,
  ];
}

const labelsText = (labels: Record<string, string>): string[] =>
  Object.entries(labels).map(([k, v]) => `  ${k}=${v}`);

/** `service inspect --pretty`. */
export function prettyService(s: ServiceInfo__Output): string {
  const spec = s.spec;
  const task = spec?.task;
  const c = task?.container;
  const mode = spec?.mode;
  const lines = [
    `ID:\t\t${s.id}`,
    `Name:\t\t${spec?.name ?? ''}`,
    ...(Object.keys(spec?.labels ?? {}).length > 0
      ? ['Labels:', ...labelsText(spec?.labels ?? {})]
      : []),
    `Service Mode:\t${title(mode?.kind ?? '').replace('-', ' ')}`,
  ];
  if (mode?.kind === 'replicated') lines.push(` Replicas:\t${mode.replicas}`);
  if (mode?.kind === 'replicated-job')
    lines.push(
      ` Max Concurrent:\t${mode.maxConcurrent}`,
      ` Total Completions:\t${mode.totalCompletions}`,
    );
  const us = s.updateStatus;
  if (us !== null)
    lines.push(
      'UpdateStatus:',
      ` State:\t\t${us.state}`,
      ` Started:\t${us.startedAt}`,
      ...(us.completedAt === '' ? [] : [` Completed:\t${us.completedAt}`]),
      ` Message:\t${us.message}`,
    );
  const p = task?.placement;
  lines.push('Placement:');
  if (p !== null && p !== undefined) {
    if (p.constraints.length > 0) lines.push(` Constraints:\t[${p.constraints.join(' ')}]`);
    if (p.preferences.length > 0)
      lines.push(` Preferences:\t[${p.preferences.map((x) => `spread=${x}`).join(' ')}]`);
    if (Number(p.maxReplicasPerNode) > 0)
      lines.push(` Max Replicas Per Node:\t${p.maxReplicasPerNode}`);
  }
  lines.push(...updateLines('UpdateConfig', spec?.update ?? null));
  lines.push(...updateLines('RollbackConfig', spec?.rollback ?? null));
  lines.push('ContainerSpec:', ` Image:\t\t${c?.image ?? ''}`);
  if ((c?.cmd.length ?? 0) > 0) lines.push(` Args:\t\t${c?.cmd.join(' ') ?? ''}`);
  if (c?.hasEntrypoint === true) lines.push(` Entrypoint:\t${c.entrypoint.join(' ')}`);
  if ((c?.env.length ?? 0) > 0) lines.push(' Env:', ...(c?.env ?? []).map((e) => `  ${e}`));
  if (c?.healthcheck != null) lines.push(` Healthcheck:\t${c.healthcheck.test.join(' ')}`);
  if ((c?.mounts.length ?? 0) > 0)
    lines.push(
      'Mounts:',
      ...(c?.mounts ?? []).map(
        (m) =>
          `  Target: ${m.target}, Source: ${m.source}, Type: ${m.type}, ReadOnly: ${m.readonly}`,
      ),
    );
  const r = task?.reservations;
  const l = task?.limits;
  if (r != null || l != null) {
    lines.push('Resources:');
    for (const [name, v] of [
      ['Reservations', r],
      ['Limits', l],
    ] as const) {
      if (v == null) continue;
      lines.push(` ${name}:`);
      if (Number(v.nanoCpus) > 0) lines.push(`  CPU:\t\t${Number(v.nanoCpus) / 1e9}`);
      if (Number(v.memoryBytes) > 0) lines.push(`  Memory:\t${v.memoryBytes} B`);
    }
  }
  const rp = task?.restartPolicy;
  if (rp != null)
    lines.push(
      'RestartPolicy:',
      ` Condition:\t${rp.condition}`,
      ` Delay:\t\t${ms(rp.delayMs)}`,
      ` Max Attempts:\t${rp.maxAttempts}`,
      ` Window:\t${ms(rp.windowMs)}`,
    );
  if ((task?.networks.length ?? 0) > 0)
    lines.push(`Networks:\t${(task?.networks ?? []).map((n) => n.target).join(' ')}`);
  lines.push(`Endpoint Mode:\t${spec?.endpoint?.mode ?? 'vip'}`);
  const ports = spec?.endpoint?.ports ?? [];
  if (ports.length > 0) {
    lines.push('Ports:');
    for (const port of ports)
      lines.push(
        ` PublishedPort = ${port.publishedPort}`,
        `  Protocol = ${port.protocol}`,
        `  TargetPort = ${port.targetPort}`,
        `  PublishMode = ${port.publishMode}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

/** One `events` line: `TIME TYPE ACTION ID (k=v, ...)`, attributes sorted by key. */
export function eventLine(e: EventsResponse__Output): string {
  const attrs = Object.entries(e.attributes)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return `${e.time} ${e.type} ${e.action} ${e.id}${attrs === '' ? '' : ` (${attrs})`}`;
}
