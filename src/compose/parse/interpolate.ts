/**
 * Interpolation of a located compose tree: every string value (never a key) goes through
 * {@link substitute}. Errors name the variable, the file and the line.
 *
 * @module
 */
import { issueAt, type ComposeIssue } from './issues.js';
import { type LNode } from './node.js';
import { substitute, type Lookup } from './template.js';

/** Outcome of interpolating a tree: issues (errors) and unset-variable warnings. */
export interface InterpolateReport {
  issues: ComposeIssue[];
  /** Names of variables that were not set and defaulted to a blank string. */
  unset: Set<string>;
}

/** Substitutes variables in every string value of `node`, in place. */
export function interpolateTree(node: LNode, lookup: Lookup, report: InterpolateReport): void {
  walk(node, [], lookup, report);
}

// `path` is one mutable stack, copied only when an issue needs it: a large file has hundreds
// of thousands of values and allocating a path for each showed up in profiles.
function walk(node: LNode, path: (string | number)[], lookup: Lookup, report: InterpolateReport) {
  switch (node.kind) {
    case 'scalar': {
      if (typeof node.value !== 'string' || !node.value.includes('$')) return;
      const r = substitute(node.value, lookup);
      if (r.ok) {
        node.value = r.value;
        for (const n of r.unset) report.unset.add(n);
      } else {
        report.issues.push(issueAt(node.loc, [...path], 'interpolation', r.message));
      }
      return;
    }
    case 'seq':
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i];
        if (item === undefined || (item.kind === 'scalar' && typeof item.value !== 'string'))
          continue;
        path.push(i);
        walk(item, path, lookup, report);
        path.pop();
      }
      return;
    case 'map':
      for (const [k, v] of node.entries) {
        if (v.kind === 'scalar' && typeof v.value !== 'string') continue;
        path.push(k);
        walk(v, path, lookup, report);
        path.pop();
      }
      return;
  }
}
