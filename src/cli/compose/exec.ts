/**
 * `tsorch compose exec | top`: a service's running task is found through the stack's tasks and
 * reached as the container it runs as on this machine's daemon.
 *
 * @module
 */
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';
import { serviceTasks, type ComposeDeps } from './actions.js';
import type { ProjectFlags } from './flags.js';

/** `tsorch compose exec SERVICE CMD...`. */
export async function runExec(
  io: CliIo,
  project: ProjectFlags,
  service: string,
  command: string[],
  flags: Record<string, unknown>,
  deps: ComposeDeps,
): Promise<void> {
  const index = Number(flags['index'] ?? 1);
  if (!Number.isInteger(index) || index < 1)
    throw new UsageError(`Invalid value for --index: "${String(flags['index'])}": use 1 or more`);
  const tasks = await serviceTasks(io, project, service, deps);
  const chosen = tasks[index - 1];
  if (chosen === undefined || chosen.containerId === '')
    throw new UsageError(
      `Service "${service}" has no running replica ${index}`,
      `it has ${tasks.length} running`,
    );
  const { execInContainer } = await import('../containers/actions.js');
  await execInContainer(io, chosen.containerId, command, {
    env: flags['env'] as string[],
    ...(typeof flags['workdir'] === 'string' ? { workdir: flags['workdir'] } : {}),
    ...(typeof flags['user'] === 'string' ? { user: flags['user'] } : {}),
  });
}

/** `tsorch compose top [SERVICE...]`. */
export async function runTop(
  io: CliIo,
  project: ProjectFlags,
  services: readonly string[],
  deps: ComposeDeps,
): Promise<void> {
  if (services.length === 0)
    throw new UsageError('Name the services: tsorch compose top SERVICE...');
  const { topContainer } = await import('../containers/actions.js');
  for (const service of services) {
    for (const { task, containerId } of await serviceTasks(io, project, service, deps)) {
      io.stdout.write(`${service}-${task.slot}\n`);
      await topContainer(io, containerId);
    }
  }
}
