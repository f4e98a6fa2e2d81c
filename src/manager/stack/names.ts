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
