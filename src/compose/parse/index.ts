/**
 * The pure compose core: text + environment + a file-reading callback in, a normalized project
 * and service graph (or located issues) out.
 *
 * @module
 */
export { formatIssue, sortIssues, type ComposeIssue, type IssueCode } from './issues.js';
export { buildGraph, type ServiceGraph, type ServiceNode } from './graph.js';
export {
  isValidProjectName,
  normalizeProjectName,
  parseProject,
  type ParsedProject,
  type ParseProjectOptions,
  type ParseProjectResult,
} from './project.js';
export { parseDotenv } from './dotenv.js';
export { substitute, type Lookup } from './template.js';
export type * from './types.js';
