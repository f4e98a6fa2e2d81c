/**
 * The cluster's membership rules: quorum checks, the Cluster and Node objects `swarm init` and
 * `join` write, node lookups and edits, cluster addresses. PURE; the daemon does the I/O.
 *
 * @module
 */
export {
  DEFAULT_CLUSTER_PORT,
  formatHostPort,
  isUnspecified,
  parseHostPort,
  type HostPort,
} from './address.js';
export { checkManagerRemoval, quorumLostError, quorumSize, type RemovalCheck } from './quorum.js';
export {
  CLUSTER_NAME,
  defaultClusterSpec,
  hostOf,
  newClusterObject,
  newNodeObject,
  type NewClusterInput,
  type NewNodeInput,
} from './objects.js';
export { parseLabels, patchNode, resolveNode, type NodePatch } from './nodes.js';
