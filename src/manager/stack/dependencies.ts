/**
 * depends_on of a compose project as the planner and the deploy engine use it (pure): each
 * service's dependencies with their condition, `restart` and `required`.
 *
 * @module
 */
import type { ComposeProject } from '../../compose/index.js';
import type { Dependency } from './plan.js';

/**
 * The dependencies of every service of `project`. A dependency on a service the project does
 * not have (disabled by a profile, `required: false`) is kept: the engine skips it with a warning.
 */
export function projectDependencies(project: ComposeProject): Record<string, Dependency[]> {
  const out: Record<string, Dependency[]> = {};
  for (const [name, svc] of Object.entries(project.services)) {
    out[name] = Object.entries(svc.depends_on ?? {})
      .map(([service, d]) => ({
        service,
        condition: d.condition,
        restart: d.restart === true,
        required: d.required,
      }))
      .sort((a, b) => a.service.localeCompare(b.service));
  }
  return out;
}
