/**
 * The compose commands' implementations over a {@link StackAccess}: `plan`, `up`, `down`, `ps`,
 * `logs`, `stop`, `start`, `restart`. Loaded lazily by the command tree (commands.ts).
 *
 * @module
 */
import type {
  DeployedStack,
  EngineClock,
  StackPlan,
  StackTarget,
  TaskView,
} from '../../api/stacks/engine.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';
import { writeList } from '../output.js';
import type { ProjectFlags } from './flags.js';
import { logPrefixer } from './log-prefix.js';
import { renderPlan } from './plan-output.js';
import { openProgress } from './progress.js';
import { loadComposeInput, type ComposeInput } from './project.js';
import type { StackAccess } from './target.js';

/** What the actions need from outside; tests pass an in-memory cluster and a manual clock. */
export interface ComposeDeps {
  access: StackAccess;
  clock: EngineClock;
  /** Aborted by Ctrl-C. */
  signal: AbortSignal;
}

/** Options of `plan` and `up` that shape the plan. */
export interface PlanFlags {
  scale?: string[];
  removeOrphans?: boolean;
  forceRecreate?: boolean;
  noRecreate?: boolean;
  noDeps?: boolean;
  /** `compose` (`up`) or `stack` (`stack deploy`): whose defaults apply (ADR 018). */
  target?: 'compose' | 'stack';
}

/** The clock of the real commands. */
export const realClock: EngineClock = {
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      const t = setTimeout(resolve, ms);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(t);
          reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        },
        { once: true },
      );
    }),
};

/** The plan of `input` against `deployed`. */
async function makePlan(
  input: ComposeInput,
  deployed: DeployedStack,
  services: readonly string[],
  flags: PlanFlags,
): Promise<StackPlan> {
  const { planStack, projectDependencies, stackSpecs } = await import('../../api/stacks/engine.js');
  const { selectServices } = await import('../../compose/index.js');
  const project = input.loaded.project;
  for (const s of services)
    if (project.services[s] === undefined)
      throw new UsageError(
        `No such service "${s}"`,
        `services: ${Object.keys(project.services).sort().join(', ')}`,
      );
  const only =
    services.length === 0
      ? undefined
      : flags.noDeps === true
        ? services
        : Object.keys(selectServices(project, input.loaded.graph, services).services);
  return planStack(stackSpecs(project, { target: flags.target ?? 'compose' }), deployed, {
    dependencies: projectDependencies(project),
    ...(only === undefined ? {} : { only }),
    removeOrphans: flags.removeOrphans === true,
    forceRecreate: flags.forceRecreate === true,
    noRecreate: flags.noRecreate === true,
    payloadDigests: input.digests,
  });
}

/**
 * `tsorch plan` (and `up --dry-run`): prints the plan; exit 0 no change, 2 changes, 1 errors.
 */
export async function runPlan(
  io: CliIo,
  project: ProjectFlags,
  services: readonly string[],
  flags: PlanFlags & { format?: string },
  deps: ComposeDeps,
): Promise<void> {
  const input = await loadComposeInput(io, project, flags.scale);
  const { reader, note } = await deps.access.reader(io);
  if (note !== undefined) io.stderr.write(`Note: ${note}\n`);
  const plan = await makePlan(
    input,
    await reader.read(input.loaded.project.name, deps.signal),
    services,
    flags,
  );
  const { planHasChanges, planHasErrors } = await import('../../api/stacks/engine.js');
  if (flags.format === 'json') io.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  else if (flags.format === undefined || flags.format === 'text') io.stdout.write(renderPlan(plan));
  else throw new UsageError(`Invalid value for --format: "${flags.format}": use text or json`);
  io.exitCode = planHasErrors(plan) ? 1 : planHasChanges(plan) ? 2 : 0;
}

/** Options of `up`. */
export interface UpFlags extends PlanFlags {
  detach?: boolean;
  wait?: boolean;
  waitTimeout?: string;
  dryRun?: boolean;
  quiet?: boolean;
  build?: boolean;
  /** `--pull always|missing|never`: `always` pulls the images of services not built here. */
  pull?: string;
}

function seconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`Invalid value for ${flag}: "${value}": use a number of seconds above 0`);
  return Math.round(n * 1000);
}

/** `tsorch up`. */
export async function runUp(
  io: CliIo,
  project: ProjectFlags,
  services: readonly string[],
  flags: UpFlags,
  deps: ComposeDeps,
): Promise<void> {
  const waitTimeoutMs = seconds('--wait-timeout', flags.waitTimeout);
  if (waitTimeoutMs !== undefined && flags.wait !== true)
    throw new UsageError('--wait-timeout needs --wait');
  if (flags.pull !== undefined && !['always', 'missing', 'never'].includes(flags.pull))
    throw new UsageError(`Invalid value for --pull: "${flags.pull}": use always, missing or never`);
  if (flags.dryRun === true) {
    await runPlan(io, project, services, flags, deps);
    return;
  }
  const input = await loadComposeInput(io, project, flags.scale);
  const { deployStack, planHasErrors, EMPTY_DEPLOYED_STACK } =
    await import('../../api/stacks/engine.js');
  // Problems of the file are reported before any daemon is started or anything changes.
  const offline = await makePlan(input, EMPTY_DEPLOYED_STACK, services, flags);
  if (planHasErrors(offline)) {
    io.stderr.write(renderPlan(offline));
    io.exitCode = 1;
    return;
  }
  // The daemon first (the embedded default is started here): images are built on it.
  const target = await deps.access.target(io, { start: true });
  // Built images are built on this machine's daemon; on the embedded default its node runs the
  // tasks and finds them in its image store (ADR 031).
  const { runBuild, servicesToBuild } = await import('./images.js');
  const toBuild = flags.build === true ? services : await servicesToBuild(io, project, services);
  if (flags.build === true || toBuild.length > 0)
    await runBuild(io, project, toBuild, { quiet: flags.quiet === true });
  // `missing` is what nodes do anyway: a task's image is pulled when the node lacks it.
  if (flags.pull === 'always') {
    const { runTransfer } = await import('./images.js');
    await runTransfer(io, 'pull', project, services, { quiet: flags.quiet === true });
  }
  const plan = await makePlan(
    input,
    await target.read(input.loaded.project.name, deps.signal),
    services,
    flags,
  );
  for (const i of plan.issues)
    if (i.severity === 'warning') io.stderr.write(`Warning: ${i.path}: ${i.message}\n`);
  const progress = await openProgress(io, flags.quiet === true);
  try {
    await deployStack(plan, target, {
      clock: deps.clock,
      signal: deps.signal,
      payloads: input.payloads,
      wait: flags.wait === true,
      ...(waitTimeoutMs === undefined ? {} : { waitTimeoutMs }),
      onEvent: (e) => progress.event(e),
    });
  } finally {
    progress.end();
  }
  if (flags.detach === true || flags.wait === true) return;
  io.stderr.write(
    'Attaching to the logs (Ctrl-C detaches; the stack keeps running: tsorch down stops it)\n',
  );
  await followLogs(io, target, input.loaded.project.name, [], { follow: true }, deps);
}

/** `tsorch down`. */
export async function runDown(
  io: CliIo,
  project: ProjectFlags,
  services: readonly string[],
  flags: { volumes?: boolean; quiet?: boolean; rmi?: string },
  deps: ComposeDeps,
): Promise<void> {
  if (flags.rmi !== undefined && flags.rmi !== 'local' && flags.rmi !== 'all')
    throw new UsageError(`Invalid value for --rmi: "${flags.rmi}": use local or all`);
  const name = await projectName(io, project);
  const { removeStack } = await import('../../api/stacks/engine.js');
  const target = await deps.access.target(io, { start: false });
  const progress = await openProgress(io, flags.quiet === true);
  try {
    await removeStack(name, await target.read(name, deps.signal), target, {
      signal: deps.signal,
      volumes: flags.volumes === true,
      ...(services.length === 0 ? {} : { only: services }),
      onEvent: (e) => progress.event(e),
    });
  } finally {
    progress.end();
  }
  if (flags.rmi === 'local' || flags.rmi === 'all') {
    const { removeImages } = await import('./images.js');
    await removeImages(io, project, flags.rmi);
  }
}

/**
 * The project's name: `-p`, else the loaded file's (down, ps and logs work with `-p` alone,
 * without a compose file, as Docker Compose's do).
 */
async function projectName(io: CliIo, project: ProjectFlags): Promise<string> {
  if (project.projectName !== undefined && project.file.length === 0) return project.projectName;
  return (await loadComposeInput(io, project)).loaded.project.name;
}

/** The project's stack as the cluster holds it, and a service's compose name. */
async function openDeployed(
  io: CliIo,
  project: ProjectFlags,
  deps: ComposeDeps,
): Promise<{
  name: string;
  target: StackTarget;
  deployed: DeployedStack;
  serviceOf: (spec: { name: string; labels: Record<string, string> }) => string;
}> {
  const name = await projectName(io, project);
  const { COMPOSE_SERVICE_LABEL } = await import('../../api/stacks/engine.js');
  const target = await deps.access.target(io, { start: false });
  const deployed = await target.read(name, deps.signal);
  return {
    name,
    target,
    deployed,
    serviceOf: (spec) => spec.labels[COMPOSE_SERVICE_LABEL] ?? spec.name,
  };
}

function composeName(labels: Record<string, string>, fallback: string, label: string): string {
  return labels[label] ?? fallback;
}

/** One row of `tsorch ps` on a project: a task. */
interface TaskRow {
  name: string;
  service: string;
  image: string;
  state: string;
  node: string;
  message: string;
  id: string;
}

/** `tsorch ps` of a project: its tasks, like `docker compose ps` lists containers. */
export async function runPs(
  io: CliIo,
  project: ProjectFlags,
  services: readonly string[],
  flags: { all?: boolean; quiet?: boolean; services?: boolean; format?: string },
  deps: ComposeDeps,
): Promise<void> {
  const { name, deployed, serviceOf } = await openDeployed(io, project, deps);
  const byId = new Map(deployed.services.map((s) => [s.id, s]));
  if (flags.services === true) {
    const names = deployed.services.map((s) => serviceOf(s.spec));
    for (const n of names.sort()) io.stdout.write(`${n}\n`);
    return;
  }
  const rows: TaskRow[] = deployed.tasks
    .filter((t) => flags.all === true || t.desiredState === 'RUNNING')
    .flatMap((t) => {
      const s = byId.get(t.serviceId);
      if (s === undefined) return [];
      const service = serviceOf(s.spec);
      if (services.length > 0 && !services.includes(service)) return [];
      const exit = t.status.exitCode === undefined ? '' : ` (${t.status.exitCode})`;
      return [
        {
          name: `${name}-${service}-${t.slot}`,
          service,
          image: t.spec.container.image,
          state: `${t.status.state.toLowerCase()}${exit}`,
          node: t.nodeId,
          message: t.status.message,
          id: t.id,
        },
      ];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  if (flags.quiet === true) {
    for (const r of rows) io.stdout.write(`${r.id}\n`);
    return;
  }
  writeList(io.stdout, rows, flags.format, {
    header: ['NAME', 'IMAGE', 'SERVICE', 'STATE', 'NODE', 'MESSAGE'],
    row: (r) => [r.name, r.image, r.service, r.state, r.node, r.message],
  });
}

/** Streams the logs of the stack's services with Compose's coloured prefixes. */
async function followLogs(
  io: CliIo,
  target: StackTarget,
  namespace: string,
  services: readonly string[],
  flags: {
    follow: boolean;
    tail?: number;
    timestamps?: boolean;
    noColor?: boolean;
    noLogPrefix?: boolean;
  },
  deps: ComposeDeps,
): Promise<void> {
  const { COMPOSE_SERVICE_LABEL } = await import('../../api/stacks/engine.js');
  const deployed = await target.read(namespace, deps.signal);
  const chosen = deployed.services.filter(
    (s) =>
      services.length === 0 ||
      services.includes(composeName(s.spec.labels, s.spec.name, COMPOSE_SERVICE_LABEL)),
  );
  const serviceName = new Map(
    chosen.map((s) => [s.id, composeName(s.spec.labels, s.spec.name, COMPOSE_SERVICE_LABEL)]),
  );
  const replicas: Record<string, number> = {};
  for (const s of chosen) {
    const n = serviceName.get(s.id) ?? s.spec.name;
    replicas[n] = s.spec.mode.kind === 'replicated' ? s.spec.mode.replicas : 1;
  }
  const colour =
    flags.noColor !== true &&
    io.env['NO_COLOR'] === undefined &&
    (io.stdout as { isTTY?: boolean }).isTTY === true;
  const prefix = logPrefixer(replicas, { colour, prefix: flags.noLogPrefix !== true });
  for await (const line of target.logs([...serviceName.keys()], {
    follow: flags.follow,
    ...(flags.tail === undefined ? {} : { tail: flags.tail }),
    signal: deps.signal,
  })) {
    const text = flags.timestamps === true ? `${line.time} ${line.text}` : line.text;
    const out = line.stream === 'stderr' ? io.stderr : io.stdout;
    out.write(
      `${prefix.line(serviceName.get(line.serviceId) ?? line.serviceId, line.slot, text.replace(/\n$/, ''))}\n`,
    );
  }
}

/** `tsorch logs` of a project. */
export async function runLogs(
  io: CliIo,
  project: ProjectFlags,
  services: readonly string[],
  flags: {
    follow?: boolean;
    tail?: string;
    timestamps?: boolean;
    noColor?: boolean;
    noLogPrefix?: boolean;
  },
  deps: ComposeDeps,
): Promise<void> {
  let tail: number | undefined;
  if (flags.tail !== undefined && flags.tail !== 'all') {
    tail = Number(flags.tail);
    if (!Number.isInteger(tail) || tail < 0)
      throw new UsageError(`Invalid value for --tail: "${flags.tail}": use a number or "all"`);
  }
  const name = await projectName(io, project);
  const target = await deps.access.target(io, { start: false });
  await followLogs(
    io,
    target,
    name,
    services,
    {
      follow: flags.follow === true,
      ...(tail === undefined ? {} : { tail }),
      timestamps: flags.timestamps === true,
      noColor: flags.noColor === true,
      noLogPrefix: flags.noLogPrefix === true,
    },
    deps,
  );
}

/** The label keeping a stopped service's replica count, so `start` restores it. */
export const STOPPED_REPLICAS_LABEL = 'com.tsorch.stack.stopped-replicas';

/**
 * `tsorch stop|start|restart` of a project. A service has no stopped state on a cluster, so
 * `stop` scales a replicated service to 0 and remembers its count in a label, `start` brings
 * the count back, and `restart` replaces every task (the force counter, as
 * `service update --force`).
 */
export async function runLifecycle(
  io: CliIo,
  verb: 'stop' | 'start' | 'restart',
  project: ProjectFlags,
  services: readonly string[],
  deps: ComposeDeps,
): Promise<void> {
  const { target, deployed, serviceOf } = await openDeployed(io, project, deps);
  for (const s of deployed.services) {
    const service = serviceOf(s.spec);
    if (services.length > 0 && !services.includes(service)) continue;
    const spec = structuredClone(s.spec);
    if (verb === 'restart') spec.task.forceUpdate += 1;
    else if (spec.mode.kind !== 'replicated') {
      io.stderr.write(
        `Warning: service "${service}" is ${spec.mode.kind}: ${verb} leaves it as it is\n`,
      );
      continue;
    } else if (verb === 'stop') {
      if (spec.mode.replicas === 0) continue;
      spec.labels[STOPPED_REPLICAS_LABEL] = String(spec.mode.replicas);
      spec.mode = { kind: 'replicated', replicas: 0 };
    } else {
      const before = Number(spec.labels[STOPPED_REPLICAS_LABEL] ?? '');
      if (!Number.isInteger(before)) continue;
      const { [STOPPED_REPLICAS_LABEL]: _stopped, ...labels } = spec.labels;
      spec.labels = labels;
      spec.mode = { kind: 'replicated', replicas: before };
    }
    await target.updateService(s.id, s.meta.version, spec);
    io.stdout.write(
      `${verb === 'stop' ? 'Stopped' : verb === 'start' ? 'Started' : 'Restarted'} ${service}\n`,
    );
  }
}

/** The running tasks of one compose service, by slot. */
export async function serviceTasks(
  io: CliIo,
  project: ProjectFlags,
  service: string,
  deps: ComposeDeps,
): Promise<{ task: TaskView; containerId: string }[]> {
  const { name, deployed, serviceOf } = await openDeployed(io, project, deps);
  const { taskView } = await import('../../api/stacks/engine.js');
  const ids = new Set(
    deployed.services.filter((s) => serviceOf(s.spec) === service).map((s) => s.id),
  );
  if (ids.size === 0) throw new UsageError(`No such service "${service}" in project "${name}"`);
  return deployed.tasks
    .filter((t) => ids.has(t.serviceId) && t.status.state === 'RUNNING')
    .sort((a, b) => a.slot - b.slot)
    .map((t) => ({
      task: taskView(t),
      containerId: t.status.containerId ?? '',
    }));
}
