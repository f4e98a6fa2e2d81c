/**
 * Compose issues: every problem found in a compose project, with its place in the source.
 * Expected outcomes are values (STYLE.md): the parser collects issues and returns them; the
 * adapter turns a non-empty list into a `ComposeError`.
 *
 * @module
 */
import { formatPath, type Loc, type Path } from './node.js';

/** Stable issue codes (zod's model: code + path + message). */
export type IssueCode =
  | 'yaml_syntax'
  | 'not_a_mapping'
  | 'file_not_found'
  | 'interpolation'
  | 'unknown_key'
  | 'invalid_type'
  | 'invalid_value'
  | 'missing_key'
  | 'invalid_port'
  | 'invalid_volume'
  | 'invalid_duration'
  | 'invalid_bytes'
  | 'undefined_reference'
  | 'dependency_cycle'
  | 'extends'
  | 'include'
  | 'merge'
  | 'project_name';

/** One problem in a compose project. Lines and columns count from 1; 0 when unknown. */
export interface ComposeIssue {
  file: string;
  line: number;
  column: number;
  /** Key path such as `services.web.ports[1]`, or '' for the whole file. */
  path: string;
  code: IssueCode;
  message: string;
}

/** Builds an issue from a location and a path. */
export function issueAt(
  loc: Loc | undefined,
  path: Path,
  code: IssueCode,
  message: string,
): ComposeIssue {
  return {
    file: loc?.file ?? '',
    line: loc?.line ?? 0,
    column: loc?.column ?? 0,
    path: formatPath(path),
    code,
    message,
  };
}

/** Formats an issue as `file:line:col path: message`. */
export function formatIssue(issue: ComposeIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  const path = issue.path === '' ? '' : ` ${issue.path}`;
  return `${where}${path}: ${issue.message}`;
}

/** Orders issues by file, line and column, and drops exact duplicates. */
export function sortIssues(issues: readonly ComposeIssue[]): ComposeIssue[] {
  const seen = new Set<string>();
  const out: ComposeIssue[] = [];
  for (const i of issues) {
    const key = formatIssue(i);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(i);
  }
  return out.sort((a, b) =>
    a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1,
  );
}

/** Returns the candidate closest to `word` (edit distance ≤ 2), for "did you mean" hints. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 3;
}
