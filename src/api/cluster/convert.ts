/**
 * Store objects → cluster.proto messages.
 *
 * @module
 */
import type { Cluster, Node } from '../../store/index.js';
import type { ClusterInfo } from '../gen/tsorch/v1/ClusterInfo.js';
import type { NodeInfo } from '../gen/tsorch/v1/NodeInfo.js';

/** Live Raft view of a manager node, merged into its NodeInfo. */
export interface ManagerView {
  reachability: 'reachable' | 'unreachable' | 'unknown';
  leader: boolean;
}

/** A Node object as the API shows it. */
export function nodeInfo(node: Node, selfId: string, view: ManagerView | undefined): NodeInfo {
  const ms = node.managerStatus;
  return {
    id: node.id,
    version: node.meta.version,
    createdAt: node.meta.createdAt,
    updatedAt: node.meta.updatedAt,
    hostname: node.description.hostname,
    role: node.spec.role,
    certRole: node.role,
    availability: node.spec.availability,
    labels: { ...node.spec.labels },
    state: node.status.state,
    statusMessage: node.status.message,
    addr: node.status.addr,
    advertiseAddr: node.advertiseAddr,
    reachability: ms === undefined ? '' : (view?.reachability ?? ms.reachability),
    leader: ms === undefined ? false : (view?.leader ?? ms.leader),
    raftId: ms === undefined ? '' : String(ms.raftId),
    managerAddr: ms?.addr ?? '',
    self: node.id === selfId,
  };
}

/** The Cluster object as the API shows it (never the CA key or the tokens). */
export function clusterInfo(cluster: Cluster): ClusterInfo {
  return {
    id: cluster.id,
    version: cluster.meta.version,
    createdAt: cluster.meta.createdAt,
    updatedAt: cluster.meta.updatedAt,
    name: cluster.spec.name,
    labels: { ...cluster.spec.labels },
    certExpiryMs: cluster.spec.caConfig.nodeCertExpiryMs,
    snapshotIntervalEntries: cluster.spec.raft.snapshotIntervalEntries,
    heartbeatPeriodMs: cluster.spec.dispatcher.heartbeatPeriodMs,
    taskHistoryLimit: cluster.spec.taskDefaults.historyLimit,
    rootCaCertPem: cluster.rootCa.certPem,
    rootCaDigest: cluster.rootCa.digest,
  };
}
