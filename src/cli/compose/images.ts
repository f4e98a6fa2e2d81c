/**
 * `tsorch compose build | pull | push`: the images of a project's services, through the local
 * daemon's builder and image store (the same calls as `tsorch build`, `image pull|push`).
 *
 * @module
 */
import { join } from 'node:path';
import type { ComposeProject, ServiceConfig } from '../../compose/index.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';
import { loadOptions, type ProjectFlags } from './flags.js';

/** The image a service runs: its `image:`, else Compose's name for a built one. */
export function serviceImage(project: ComposeProject, name: string, svc: ServiceConfig): string {
  return svc.image ?? `${project.name}-${name}`;
}

async function selected(
  io: CliIo,
  flags: ProjectFlags,
  services: readonly string[],
): Promise<{ project: ComposeProject; names: string[] }> {
  const { loadProject } = await import('../../compose/index.js');
  const loaded = await loadProject(loadOptions(io, flags));
  for (const w of loaded.warnings) io.stderr.write(`Warning: ${w}\n`);
  const all = Object.keys(loaded.project.services).sort();
  for (const s of services)
    if (!all.includes(s))
      throw new UsageError(`No such service "${s}"`, `services: ${all.join(', ')}`);
  return { project: loaded.project, names: services.length === 0 ? all : [...services] };
}

/** The `tsorch build` options of a service's `build:` section. */
export function buildOptions(
  project: ComposeProject,
  name: string,
  svc: ServiceConfig,
  extra: { noCache?: boolean; buildArg?: string[]; quiet?: boolean },
): { context: string; opts: Record<string, unknown> } | undefined {
  const b = svc.build;
  if (b === undefined) return undefined;
  const context = b.context ?? '.';
  const args = Object.entries(b.args ?? {}).map(([k, v]) => (v === null ? k : `${k}=${v}`));
  const tags = Array.isArray(b['tags']) ? b['tags'].map(String) : [];
  return {
    context,
    opts: {
      tag: [serviceImage(project, name, svc), ...tags],
      ...(b.dockerfile === undefined ? {} : { file: join(context, b.dockerfile) }),
      buildArg: [...args, ...(extra.buildArg ?? [])],
      ...(b.target === undefined ? {} : { target: b.target }),
      noCache: extra.noCache === true || b['no_cache'] === true,
      quiet: extra.quiet === true,
    },
  };
}

/** `tsorch compose build [SERVICE...]`: builds every selected service that has `build:`. */
export async function runBuild(
  io: CliIo,
  flags: ProjectFlags,
  services: readonly string[],
  extra: { noCache?: boolean; buildArg?: string[]; quiet?: boolean },
): Promise<void> {
  const { project, names } = await selected(io, flags, services);
  const { buildCommand } = await import('../images/build-actions.js');
  for (const name of names) {
    const svc = project.services[name];
    if (svc === undefined) continue;
    const build = buildOptions(project, name, svc, extra);
    if (build === undefined) continue;
    if (extra.quiet !== true) io.stderr.write(`Building ${name}\n`);
    await buildCommand(io, build.context, build.opts);
  }
}

/**
 * The selected services with `build:` whose image the local daemon does not have: `up` builds
 * them first, as Docker Compose does (`up --build` builds every one).
 */
export async function servicesToBuild(
  io: CliIo,
  flags: ProjectFlags,
  services: readonly string[],
): Promise<string[]> {
  const { project, names } = await selected(io, flags, services);
  const built = names.flatMap((name) => {
    const svc = project.services[name];
    return svc?.build === undefined ? [] : [[name, svc] as const];
  });
  if (built.length === 0) return [];
  const { connectDaemon } = await import('../client.js');
  const { hasCode } = await import('../../util/errors.js');
  const daemon = connectDaemon(io.env);
  try {
    const images = daemon.service('images', 'Images');
    const missing: string[] = [];
    for (const [name, svc] of built) {
      try {
        await daemon.unary(images, 'inspect', { reference: serviceImage(project, name, svc) });
      } catch (err) {
        if (!hasCode(err, 'IMAGE_NOT_FOUND')) throw err;
        missing.push(name);
      }
    }
    return missing;
  } finally {
    daemon.close();
  }
}

/**
 * `tsorch compose pull|push [SERVICE...]`: pulls the images of services that are not built
 * here, or pushes the images of those that are.
 */
export async function runTransfer(
  io: CliIo,
  verb: 'pull' | 'push',
  flags: ProjectFlags,
  services: readonly string[],
  extra: { quiet?: boolean; ignoreFailures?: boolean },
): Promise<void> {
  const { project, names } = await selected(io, flags, services);
  const { imageCommand } = await import('../images/actions.js');
  for (const name of names) {
    const svc = project.services[name];
    if (svc === undefined) continue;
    const built = svc.build !== undefined;
    if ((verb === 'pull' && built) || (verb === 'push' && (!built || svc.image === undefined)))
      continue;
    const image = serviceImage(project, name, svc);
    try {
      await imageCommand(io, verb, [image], { quiet: extra.quiet === true });
    } catch (err) {
      if (extra.ignoreFailures !== true) throw err;
      io.stderr.write(
        `Warning: cannot ${verb} "${image}" of ${name}: ${err instanceof Error ? err.message : String(err)}\n`,
      );
    }
  }
}

/**
 * `down --rmi local|all`: removes the images of the project's services, `local` only those
 * built here under Compose's default name (no `image:` in the file), `all` every one.
 *
 * @throws {UsageError} for another value.
 */
export async function removeImages(io: CliIo, flags: ProjectFlags, which: string): Promise<void> {
  if (which !== 'local' && which !== 'all')
    throw new UsageError(`Invalid value for --rmi: "${which}": use local or all`);
  const { project, names } = await selected(io, flags, []);
  const { imageCommand } = await import('../images/actions.js');
  const images = new Set<string>();
  for (const name of names) {
    const svc = project.services[name];
    if (svc === undefined || (which === 'local' && svc.image !== undefined)) continue;
    images.add(serviceImage(project, name, svc));
  }
  for (const image of [...images].sort()) {
    await imageCommand(io, 'rm', [image], {}).catch((err: unknown) => {
      io.stderr.write(
        `Warning: cannot remove image "${image}": ${err instanceof Error ? err.message : String(err)}\n`,
      );
    });
  }
}
