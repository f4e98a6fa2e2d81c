/**
 * Service selection (`tsorch config web api`): the named services and every service they
 * depend on, transitively, as Docker Compose's project.WithSelectedServices does.
 *
 * @module
 */
import { NotFoundError } from '../util/errors.js';
import type { ComposeProject, ServiceGraph } from './parse/index.js';

/**
 * Returns `project` restricted to `names` and their dependencies (all services when `names`
 * is empty).
 *
 * @throws {NotFoundError} when a name is not a service of the project.
 */
export function selectServices(
  project: ComposeProject,
  graph: ServiceGraph,
  names: readonly string[],
): ComposeProject {
  if (names.length === 0) return project;
  const keep = new Set<string>();
  const pending = [...names];
  // Bounded: each service enters `keep` once.
  while (pending.length > 0) {
    const name = pending.pop() ?? '';
    if (keep.has(name)) continue;
    const node = graph.services[name];
    if (node === undefined) {
      throw new NotFoundError(`No such service "${name}"`, {
        hint: `services: ${Object.keys(project.services).sort().join(', ')}`,
      });
    }
    keep.add(name);
    for (const d of node.dependsOn) pending.push(d.service);
  }
  const services: ComposeProject['services'] = {};
  for (const [name, svc] of Object.entries(project.services))
    if (keep.has(name)) services[name] = svc;
  return { ...project, services };
}
