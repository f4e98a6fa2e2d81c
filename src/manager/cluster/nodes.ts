/**
 * Node lookups and edits for `node inspect|update|promote|demote|rm`, over store objects. PURE.
 *
 * @module
 */
import type { Labels, Node, NodeAvailability, NodeRole, ReadTx } from '../../store/index.js';
import { InvalidArgumentError, NotFoundError } from '../../util/errors.js';

/**
 * Finds a node by id, unique id prefix, hostname, or `self` (the node `selfId`).
 *
 * @throws {NotFoundError} when nothing matches; {@link InvalidArgumentError} when a prefix or
 *   hostname matches several nodes.
 */
export function resolveNode(tx: ReadTx, ref: string, selfId: string): Node {
  const id = ref === 'self' ? selfId : ref;
  const exact = tx.get('nodes', id);
  if (exact !== undefined) return exact;
  const byPrefix = id === '' ? [] : tx.findByIdPrefix('nodes', id);
  const byName = tx.find('nodes', 'hostname', id);
  const found = byPrefix.length > 0 ? byPrefix : byName;
  if (found.length === 1) return found[0] as Node;
  if (found.length === 0) {
    throw new NotFoundError(`No such node: "${ref}"`, {
      hint: 'list the nodes with "tsorch node ls"',
    });
  }
  throw new InvalidArgumentError(
    `Node reference "${ref}" is ambiguous: it matches ${found.length} nodes`,
    { hint: 'use more characters of the node id' },
  );
}

/** What `node update` may change; undefined fields stay. */
export interface NodePatch {
  availability?: string;
  role?: string;
  labelAdd?: Labels;
  labelRm?: readonly string[];
}

const AVAILABILITIES: readonly NodeAvailability[] = ['active', 'pause', 'drain'];
const ROLES: readonly NodeRole[] = ['manager', 'worker'];

/**
 * Returns a copy of `node` with `patch` applied to its spec.
 *
 * @throws {InvalidArgumentError} naming `--availability`, `--role` or `--label-rm` for a bad value.
 */
export function patchNode(node: Node, patch: NodePatch): Node {
  const next = structuredClone<Node>(node);
  if (patch.availability !== undefined && patch.availability !== '') {
    if (!(AVAILABILITIES as readonly string[]).includes(patch.availability)) {
      throw new InvalidArgumentError(
        `Invalid value for --availability: "${patch.availability}": use active, pause or drain`,
      );
    }
    next.spec.availability = patch.availability as NodeAvailability;
  }
  if (patch.role !== undefined && patch.role !== '') {
    if (!(ROLES as readonly string[]).includes(patch.role)) {
      throw new InvalidArgumentError(
        `Invalid value for --role: "${patch.role}": use manager or worker`,
      );
    }
    next.spec.role = patch.role as NodeRole;
  }
  for (const key of patch.labelRm ?? []) {
    if (!(key in next.spec.labels)) {
      throw new InvalidArgumentError(
        `Invalid value for --label-rm: node "${node.id}" has no label "${key}"`,
      );
    }
  }
  const removed = new Set(patch.labelRm ?? []);
  next.spec.labels = {
    ...Object.fromEntries(Object.entries(next.spec.labels).filter(([k]) => !removed.has(k))),
    ...patch.labelAdd,
  };
  return next;
}

/**
 * Parses `KEY=VALUE` (or `KEY`, an empty value) label flags.
 *
 * @throws {InvalidArgumentError} naming `flag` for an empty key.
 */
export function parseLabels(values: readonly string[], flag: string): Labels {
  const labels: Labels = {};
  for (const v of values) {
    const i = v.indexOf('=');
    const key = i < 0 ? v : v.slice(0, i);
    if (key === '') throw new InvalidArgumentError(`Invalid value for ${flag}: "${v}": empty key`);
    labels[key] = i < 0 ? '' : v.slice(i + 1);
  }
  return labels;
}
