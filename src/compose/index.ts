/**
 * The compose front end: loads compose files the way Docker Compose v2 does and produces the
 * normalized {@link ComposeProject} and its {@link ServiceGraph}.
 *
 * @example
 * import { loadProject } from './compose/index.js';
 * const { project, graph, warnings } = loadProject({ files: ['stack.yml'], cwd, env });
 * for (const name of graph.startOrder) console.log(name, project.services[name]?.image);
 *
 * @module
 */
export { ComposeError } from './errors.js';
export {
  composeFileNames,
  findComposeFiles,
  loadProject,
  type LoadedProject,
  type LoadOptions,
} from './load.js';
export { renderProject, type RenderFormat } from './render.js';
export type {
  ComposeIssue,
  ComposeProject,
  DeployConfig,
  HealthCheck,
  ServiceConfig,
  ServiceGraph,
  ServiceNode,
  UnsupportedKey,
} from './parse/index.js';
export { findUnsupported } from './parse/unsupported.js';
export { parseBytes, parseDuration, splitShellWords } from './parse/units.js';
export { serviceHash } from './hash.js';
export { selectServices } from './select.js';
