/**
 * Explanations for tasks that fit no node: the pipeline's failure counts make the one-line
 * reason a PENDING task carries ("no suitable node (insufficient memory on 3 nodes; 1 node not
 * available)"), and the per-node list is what `service ps --explain` prints, which Docker Swarm
 * cannot tell its users.
 *
 * @module
 */

import type { ConstraintIssue } from './constraint.js';
import type { Filter, NodeState, TaskContext } from './filters/filter.js';
import { firstFailure } from './filters/filter.js';
import type { ExcludedNode, Explanation, FilterCount } from './types.js';

/** The prefix of every explanation's message (swarmkit's wording). */
export const NO_SUITABLE_NODE = 'no suitable node';

/**
 * Runs `filters` over `nodes` and explains why none takes `task`. Nodes that pass every filter
 * are left out (none should when a task stays pending). Counts are ordered most first, ties in
 * pipeline order; the message joins their summaries.
 */
export function explainNodes(
  filters: readonly Filter[],
  nodes: readonly NodeState[],
  task: TaskContext,
): Explanation {
  if (nodes.length === 0) {
    return { message: `${NO_SUITABLE_NODE} (no nodes in the cluster)`, counts: [], nodes: [] };
  }
  const perFilter = new Map<Filter, number>();
  const excluded: ExcludedNode[] = [];
  for (const node of nodes) {
    const filter = firstFailure(filters, node, task);
    if (filter === undefined) continue;
    perFilter.set(filter, (perFilter.get(filter) ?? 0) + 1);
    excluded.push({
      nodeId: node.info.id,
      hostname: node.info.hostname,
      filter: filter.name,
      reason: filter.describe(node, task),
    });
  }
  const ranked = filters
    .filter((f) => perFilter.has(f))
    .map((f) => ({ f, n: perFilter.get(f) ?? 0 }))
    .sort((a, b) => b.n - a.n);
  const counts: FilterCount[] = ranked.map(({ f, n }) => ({ filter: f.name, nodes: n }));
  const summary = ranked.map(({ f, n }) => f.summary(n)).join('; ');
  return { message: `${NO_SUITABLE_NODE} (${summary})`, counts, nodes: excluded };
}

/** The explanation of a task whose own placement spec is invalid: no node was tried. */
export function explainIssues(issues: readonly ConstraintIssue[]): Explanation {
  return { message: issues.map((i) => i.message).join('; '), counts: [], nodes: [] };
}

/** The explanation of a global task bound to a node that is not in the view. */
export function explainMissingNode(nodeId: string): Explanation {
  return {
    message: `${NO_SUITABLE_NODE} (node "${nodeId}" is not in the cluster)`,
    counts: [],
    nodes: [],
  };
}

/** Options of {@link formatExplanation}. */
export interface FormatExplanationOptions {
  /** Most nodes listed; the rest are summed up in a last line. Default: all. */
  maxNodes?: number;
}

/**
 * The text `service ps --explain` prints for one pending task: the message, then one indented
 * line per excluded node.
 *
 * @example
 * formatExplanation(explanation);
 * // no suitable node (insufficient memory on 1 node; 1 node not available)
 * //   node-a (n1): memory: needs 2 GiB memory, 1 GiB free
 * //   node-b (n2): ready: node is down
 */
export function formatExplanation(
  explanation: Explanation,
  options: FormatExplanationOptions = {},
): string[] {
  const max = options.maxNodes ?? explanation.nodes.length;
  const lines = [explanation.message];
  for (const node of explanation.nodes.slice(0, max)) {
    lines.push(`  ${node.hostname} (${node.nodeId}): ${node.filter}: ${node.reason}`);
  }
  const rest = explanation.nodes.length - max;
  if (rest > 0) lines.push(`  … and ${rest} more node${rest === 1 ? '' : 's'}`);
  return lines;
}
