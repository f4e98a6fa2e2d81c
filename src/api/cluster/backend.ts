/**
 * What the cluster services need from the daemon: the local actions (init, join, leave) and a
 * route for everything else, which runs on the Raft leader. The daemon implements it
 * (src/daemon/manager-swarm.ts); the services here only decode, route and encode.
 *
 * @module
 */
import type { NodeIdentity } from '../../manager/index.js';
import type { GetCaStatusResponse } from '../gen/tsorch/v1/GetCaStatusResponse.js';
import type { RotateRootCaResponse } from '../gen/tsorch/v1/RotateRootCaResponse.js';
import type { GetJoinTokenRequest__Output } from '../gen/tsorch/v1/GetJoinTokenRequest.js';
import type { GetJoinTokenResponse } from '../gen/tsorch/v1/GetJoinTokenResponse.js';
import type { GetRootCaResponse } from '../gen/tsorch/v1/GetRootCaResponse.js';
import type { InspectNodeRequest__Output } from '../gen/tsorch/v1/InspectNodeRequest.js';
import type { InspectNodeResponse } from '../gen/tsorch/v1/InspectNodeResponse.js';
import type { IssueNodeCertificateRequest__Output } from '../gen/tsorch/v1/IssueNodeCertificateRequest.js';
import type { IssueNodeCertificateResponse } from '../gen/tsorch/v1/IssueNodeCertificateResponse.js';
import type { JoinRaftRequest__Output } from '../gen/tsorch/v1/JoinRaftRequest.js';
import type { ListNodesResponse } from '../gen/tsorch/v1/ListNodesResponse.js';
import type { NodeRoleResponse } from '../gen/tsorch/v1/NodeRoleResponse.js';
import type { RemoveNodeRequest__Output } from '../gen/tsorch/v1/RemoveNodeRequest.js';
import type { RenewCertificateRequest__Output } from '../gen/tsorch/v1/RenewCertificateRequest.js';
import type { RenewCertificateResponse } from '../gen/tsorch/v1/RenewCertificateResponse.js';
import type { SwarmInitRequest__Output } from '../gen/tsorch/v1/SwarmInitRequest.js';
import type { SwarmInitResponse } from '../gen/tsorch/v1/SwarmInitResponse.js';
import type { SwarmInspectResponse } from '../gen/tsorch/v1/SwarmInspectResponse.js';
import type { SwarmJoinRequest__Output } from '../gen/tsorch/v1/SwarmJoinRequest.js';
import type { SwarmJoinResponse } from '../gen/tsorch/v1/SwarmJoinResponse.js';
import type { SwarmLeaveRequest__Output } from '../gen/tsorch/v1/SwarmLeaveRequest.js';
import type { SwarmUpdateRequest__Output } from '../gen/tsorch/v1/SwarmUpdateRequest.js';
import type { SwarmUpdateResponse } from '../gen/tsorch/v1/SwarmUpdateResponse.js';
import type { UpdateNodeRequest__Output } from '../gen/tsorch/v1/UpdateNodeRequest.js';
import type { UpdateNodeResponse } from '../gen/tsorch/v1/UpdateNodeResponse.js';
import type { ClientTls } from '../tls.js';

/** The operations a manager runs (most of them on the leader). */
export interface ManagerOps {
  inspect(): Promise<SwarmInspectResponse>;
  update(req: SwarmUpdateRequest__Output): Promise<SwarmUpdateResponse>;
  getJoinToken(req: GetJoinTokenRequest__Output): Promise<GetJoinTokenResponse>;
  listNodes(): Promise<ListNodesResponse>;
  inspectNode(req: InspectNodeRequest__Output): Promise<InspectNodeResponse>;
  updateNode(req: UpdateNodeRequest__Output): Promise<UpdateNodeResponse>;
  removeNode(req: RemoveNodeRequest__Output): Promise<void>;
  getRootCa(): Promise<GetRootCaResponse>;
  issueNodeCertificate(
    req: IssueNodeCertificateRequest__Output,
  ): Promise<IssueNodeCertificateResponse>;
  joinRaft(req: JoinRaftRequest__Output, caller: NodeIdentity): Promise<void>;
  nodeRole(caller: NodeIdentity): Promise<NodeRoleResponse>;
  renewCertificate(
    req: RenewCertificateRequest__Output,
    caller: NodeIdentity,
  ): Promise<RenewCertificateResponse>;
  leaveCluster(caller: NodeIdentity): Promise<void>;
  /** `swarm ca --rotate`: starts a root CA rotation (ADR 032). */
  rotateRootCa(): Promise<RotateRootCaResponse>;
  /** `swarm ca`: the current root and the progress of a rotation. */
  caStatus(): Promise<GetCaStatusResponse>;
}

/** Where a call runs: here, or on the leader at `address`. */
export type Route =
  { kind: 'local'; ops: ManagerOps } | { kind: 'forward'; address: string; tls: ClientTls };

/** The daemon side of the cluster services. */
export interface ClusterBackend {
  init(req: SwarmInitRequest__Output): Promise<SwarmInitResponse>;
  join(req: SwarmJoinRequest__Output): Promise<SwarmJoinResponse>;
  leave(req: SwarmLeaveRequest__Output): Promise<void>;
  /** `swarm unlock` on this node (local socket only). */
  unlock(req: { unlockKey: string }): Promise<void>;
  /** `swarm unlock-key [--rotate]` on this node (local socket only). */
  unlockKey(req: { rotate: boolean }): Promise<{ unlockKey: string }>;
  /**
   * Where a call goes: `leader` calls run on the Raft leader (forwarded from a follower);
   * others run on any manager.
   *
   * @throws {TsorchError} CLUSTER_NOT_MANAGER on a node that is not a manager;
   *   CLUSTER_NO_QUORUM when no leader can be reached.
   */
  route(options: { leader: boolean }): Promise<Route>;
  /** This node's id, or undefined outside a cluster (marks `self` in forwarded answers). */
  nodeId(): string | undefined;
}
