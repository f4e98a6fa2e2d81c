/**
 * Consistency checks over a normalized project (skipped with `--no-consistency`, as in
 * compose-go's checkConsistency): references to undefined networks, volumes, secrets, configs
 * and services, and settings that exclude each other.
 *
 * @module
 */
import type { Ctx } from './convert.js';
import type { Path } from './node.js';
import type { ComposeProject, ServiceConfig } from './types.js';

/** Reports every inconsistency of `project` through `ctx`. */
export function checkConsistency(
  ctx: Ctx,
  project: ComposeProject,
  data: Record<string, unknown>,
  disabled: string[],
  broken: ReadonlySet<string>,
): void {
  const services = project.services;
  const defined = (section: 'networks' | 'volumes' | 'secrets' | 'configs') =>
    new Set(Object.keys(project[section] ?? (data[section] as object | undefined) ?? {}));
  const networks = defined('networks');
  const volumes = defined('volumes');
  const secrets = defined('secrets');
  const configs = defined('configs');
  const validNames = (set: Set<string>) =>
    set.size === 0 ? 'none are defined' : `defined: ${[...set].sort().join(', ')}`;
  const containerNames = new Map<string, string>();
  for (const [name, svc] of Object.entries(services)) {
    const base: Path = ['services', name];
    checkExclusiveKeys(ctx, name, svc, containerNames);
    if (svc.image === undefined && svc.build === undefined && svc['provider'] === undefined) {
      ctx.issue(base, 'missing_key', `Service "${name}" has neither an image nor a build context`);
    }
    for (const net of Object.keys(svc.networks ?? {})) {
      if (!networks.has(net) && !(net === 'default' && !ctx.opts.normalize)) {
        ctx.issue(
          [...base, 'networks', net],
          'undefined_reference',
          `Service "${name}" uses undefined network "${net}" (${validNames(networks)} under top-level networks:)`,
        );
      }
    }
    (svc.volumes ?? []).forEach((v, i) => {
      if (
        v.type === 'volume' &&
        v.source !== undefined &&
        v.source !== '' &&
        !volumes.has(v.source)
      ) {
        ctx.issue(
          [...base, 'volumes', i],
          'undefined_reference',
          `Service "${name}" uses undefined volume "${v.source}" (${validNames(volumes)} under top-level volumes:)`,
        );
      }
    });
    for (const [kind, set] of [
      ['secrets', secrets],
      ['configs', configs],
    ] as const) {
      (svc[kind] ?? []).forEach((s, i) => {
        if (!set.has(s.source))
          ctx.issue(
            [...base, kind, i],
            'undefined_reference',
            `Service "${name}" uses undefined ${kind.slice(0, -1)} "${s.source}" (${validNames(set)} under top-level ${kind}:)`,
          );
      });
    }
    for (const [dep, d] of Object.entries(svc.depends_on ?? {})) {
      if (services[dep] !== undefined || broken.has(dep)) continue;
      const path: Path = [...base, 'depends_on', dep];
      const why = disabled.includes(dep)
        ? `service "${dep}" is disabled by its profiles (enable it with --profile)`
        : `no service "${dep}" is defined`;
      if (d.required)
        ctx.issue(path, 'undefined_reference', `Service "${name}" depends on "${dep}", but ${why}`);
      else ctx.warnings.push(`Service "${name}" depends on "${dep}" (not required), but ${why}`);
    }
    for (const ns of ['network_mode', 'ipc', 'pid'] as const) {
      const ref = svc[ns];
      if (
        typeof ref === 'string' &&
        ref.startsWith('service:') &&
        services[ref.slice(8)] === undefined
      ) {
        ctx.issue(
          [...base, ns],
          'undefined_reference',
          `Service "${name}" uses ${ns} of undefined service "${ref.slice(8)}"`,
        );
      }
    }
  }
}

/**
 * Settings compose-go refuses together: a container name used twice, `network_mode` with
 * `networks`, and `scale` different from `deploy.replicas`.
 */
function checkExclusiveKeys(
  ctx: Ctx,
  name: string,
  svc: ServiceConfig,
  containerNames: Map<string, string>,
): void {
  const base: Path = ['services', name];
  const containerName = svc['container_name'];
  if (typeof containerName === 'string') {
    const other = containerNames.get(containerName);
    if (other === undefined) containerNames.set(containerName, name);
    else
      ctx.issue(
        [...base, 'container_name'],
        'invalid_value',
        `Container name "${containerName}" is already used by service "${other}"`,
      );
  }
  if (svc.network_mode !== undefined && Object.keys(svc.networks ?? {}).length > 0) {
    ctx.issue(
      [...base, 'network_mode'],
      'invalid_value',
      `Service "${name}" sets both network_mode and networks: use one of them`,
    );
  }
  const scale = svc['scale'];
  const replicas = svc.deploy?.replicas;
  if (typeof scale === 'number' && replicas !== undefined && scale !== replicas) {
    ctx.issue(
      [...base, 'scale'],
      'invalid_value',
      `Service "${name}" sets scale ${String(scale)} and deploy.replicas ${String(replicas)}: set one of them, or both to the same value`,
    );
  }
}
