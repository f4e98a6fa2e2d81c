/**
 * The cluster's gRPC services, converters and client helpers.
 *
 * @module
 */
export type { ClusterBackend, ManagerOps, Route } from './backend.js';
export { CLUSTER_POLICY, clusterServices } from './service.js';
export { clusterInfo, nodeInfo, type ManagerView } from './convert.js';
export { callerOf, closeForwardClients, forwardUnary, notLeaderAgain } from './forward.js';
