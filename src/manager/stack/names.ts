/**
 * Names and labels of the objects a compose project becomes, as Docker Compose and Swarm name
 * them, so that `tsorch ps` and `tsorch stack ps` read as `docker compose ps` and
 * `docker stack ps` do.
 *
 * @module
 */
import type { ComposeProject } from '../../compose/index.js';

/** The label naming a container's compose project (Docker Compose's). */
export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
/** The label naming a container's compose service (Docker Compose's). */
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';

/** The service object of compose service `service` in stack `namespace` (Swarm: `stack_service`). */
export function serviceObjectName(namespace: string, service: string): string {
  return `${namespace}_${service}`;
}

/**
 * The object name of a top-level network, volume, secret or config: its `name:` (the normalized
 * project fills it in as `project_key` unless the file set one), else `project_key`.
 */
export function resourceName(
  project: ComposeProject,
  kind: 'networks' | 'volumes' | 'secrets' | 'configs',
  key: string,
): string {
  const declared = project[kind]?.[key]?.name;
  return typeof declared === 'string' ? declared : `${project.name}_${key}`;
}

/** Docker Compose's labels for a service's containers. */
export function composeLabels(project: string, service: string): Record<string, string> {
  return { [COMPOSE_PROJECT_LABEL]: project, [COMPOSE_SERVICE_LABEL]: service };
}

/**
 * The label listing a service's dependencies, as Docker Compose writes it on containers:
 * `db:service_healthy:false,cache:service_started:true` (service, condition, restart). `down`
 * reads it to stop dependents first without the compose file.
 */
export const COMPOSE_DEPENDS_ON_LABEL = 'com.docker.compose.depends_on';

/** The value of {@link COMPOSE_DEPENDS_ON_LABEL} for `dependsOn` (sorted by service). */
export function formatDependsOn(
  dependsOn: Readonly<Record<string, { condition: string; restart?: boolean }>>,
): string {
  return Object.entries(dependsOn)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, d]) => `${name}:${d.condition}:${String(d.restart === true)}`)
    .join(',');
}

/** The service names in a {@link COMPOSE_DEPENDS_ON_LABEL} value. */
export function parseDependsOn(value: string | undefined): string[] {
  if (value === undefined || value === '') return [];
  return value.split(',').map((entry) => entry.split(':')[0] ?? '');
}
