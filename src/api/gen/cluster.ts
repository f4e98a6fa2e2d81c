import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ClusterInfo as _tsorch_v1_ClusterInfo, ClusterInfo__Output as _tsorch_v1_ClusterInfo__Output } from './tsorch/v1/ClusterInfo.js';
import type { GetJoinTokenRequest as _tsorch_v1_GetJoinTokenRequest, GetJoinTokenRequest__Output as _tsorch_v1_GetJoinTokenRequest__Output } from './tsorch/v1/GetJoinTokenRequest.js';
import type { GetJoinTokenResponse as _tsorch_v1_GetJoinTokenResponse, GetJoinTokenResponse__Output as _tsorch_v1_GetJoinTokenResponse__Output } from './tsorch/v1/GetJoinTokenResponse.js';
import type { GetRootCaRequest as _tsorch_v1_GetRootCaRequest, GetRootCaRequest__Output as _tsorch_v1_GetRootCaRequest__Output } from './tsorch/v1/GetRootCaRequest.js';
import type { GetRootCaResponse as _tsorch_v1_GetRootCaResponse, GetRootCaResponse__Output as _tsorch_v1_GetRootCaResponse__Output } from './tsorch/v1/GetRootCaResponse.js';
import type { InspectNodeRequest as _tsorch_v1_InspectNodeRequest, InspectNodeRequest__Output as _tsorch_v1_InspectNodeRequest__Output } from './tsorch/v1/InspectNodeRequest.js';
import type { InspectNodeResponse as _tsorch_v1_InspectNodeResponse, InspectNodeResponse__Output as _tsorch_v1_InspectNodeResponse__Output } from './tsorch/v1/InspectNodeResponse.js';
import type { IssueNodeCertificateRequest as _tsorch_v1_IssueNodeCertificateRequest, IssueNodeCertificateRequest__Output as _tsorch_v1_IssueNodeCertificateRequest__Output } from './tsorch/v1/IssueNodeCertificateRequest.js';
import type { IssueNodeCertificateResponse as _tsorch_v1_IssueNodeCertificateResponse, IssueNodeCertificateResponse__Output as _tsorch_v1_IssueNodeCertificateResponse__Output } from './tsorch/v1/IssueNodeCertificateResponse.js';
import type { JoinRaftRequest as _tsorch_v1_JoinRaftRequest, JoinRaftRequest__Output as _tsorch_v1_JoinRaftRequest__Output } from './tsorch/v1/JoinRaftRequest.js';
import type { JoinRaftResponse as _tsorch_v1_JoinRaftResponse, JoinRaftResponse__Output as _tsorch_v1_JoinRaftResponse__Output } from './tsorch/v1/JoinRaftResponse.js';
import type { LeaveClusterRequest as _tsorch_v1_LeaveClusterRequest, LeaveClusterRequest__Output as _tsorch_v1_LeaveClusterRequest__Output } from './tsorch/v1/LeaveClusterRequest.js';
import type { LeaveClusterResponse as _tsorch_v1_LeaveClusterResponse, LeaveClusterResponse__Output as _tsorch_v1_LeaveClusterResponse__Output } from './tsorch/v1/LeaveClusterResponse.js';
import type { ListNodesRequest as _tsorch_v1_ListNodesRequest, ListNodesRequest__Output as _tsorch_v1_ListNodesRequest__Output } from './tsorch/v1/ListNodesRequest.js';
import type { ListNodesResponse as _tsorch_v1_ListNodesResponse, ListNodesResponse__Output as _tsorch_v1_ListNodesResponse__Output } from './tsorch/v1/ListNodesResponse.js';
import type { MembershipClient as _tsorch_v1_MembershipClient, MembershipDefinition as _tsorch_v1_MembershipDefinition } from './tsorch/v1/Membership.js';
import type { NodeCaClient as _tsorch_v1_NodeCaClient, NodeCaDefinition as _tsorch_v1_NodeCaDefinition } from './tsorch/v1/NodeCa.js';
import type { NodeInfo as _tsorch_v1_NodeInfo, NodeInfo__Output as _tsorch_v1_NodeInfo__Output } from './tsorch/v1/NodeInfo.js';
import type { NodeRoleRequest as _tsorch_v1_NodeRoleRequest, NodeRoleRequest__Output as _tsorch_v1_NodeRoleRequest__Output } from './tsorch/v1/NodeRoleRequest.js';
import type { NodeRoleResponse as _tsorch_v1_NodeRoleResponse, NodeRoleResponse__Output as _tsorch_v1_NodeRoleResponse__Output } from './tsorch/v1/NodeRoleResponse.js';
import type { RaftMember as _tsorch_v1_RaftMember, RaftMember__Output as _tsorch_v1_RaftMember__Output } from './tsorch/v1/RaftMember.js';
import type { RemoveNodeRequest as _tsorch_v1_RemoveNodeRequest, RemoveNodeRequest__Output as _tsorch_v1_RemoveNodeRequest__Output } from './tsorch/v1/RemoveNodeRequest.js';
import type { RemoveNodeResponse as _tsorch_v1_RemoveNodeResponse, RemoveNodeResponse__Output as _tsorch_v1_RemoveNodeResponse__Output } from './tsorch/v1/RemoveNodeResponse.js';
import type { RenewCertificateRequest as _tsorch_v1_RenewCertificateRequest, RenewCertificateRequest__Output as _tsorch_v1_RenewCertificateRequest__Output } from './tsorch/v1/RenewCertificateRequest.js';
import type { RenewCertificateResponse as _tsorch_v1_RenewCertificateResponse, RenewCertificateResponse__Output as _tsorch_v1_RenewCertificateResponse__Output } from './tsorch/v1/RenewCertificateResponse.js';
import type { SwarmClient as _tsorch_v1_SwarmClient, SwarmDefinition as _tsorch_v1_SwarmDefinition } from './tsorch/v1/Swarm.js';
import type { SwarmInitRequest as _tsorch_v1_SwarmInitRequest, SwarmInitRequest__Output as _tsorch_v1_SwarmInitRequest__Output } from './tsorch/v1/SwarmInitRequest.js';
import type { SwarmInitResponse as _tsorch_v1_SwarmInitResponse, SwarmInitResponse__Output as _tsorch_v1_SwarmInitResponse__Output } from './tsorch/v1/SwarmInitResponse.js';
import type { SwarmInspectRequest as _tsorch_v1_SwarmInspectRequest, SwarmInspectRequest__Output as _tsorch_v1_SwarmInspectRequest__Output } from './tsorch/v1/SwarmInspectRequest.js';
import type { SwarmInspectResponse as _tsorch_v1_SwarmInspectResponse, SwarmInspectResponse__Output as _tsorch_v1_SwarmInspectResponse__Output } from './tsorch/v1/SwarmInspectResponse.js';
import type { SwarmJoinRequest as _tsorch_v1_SwarmJoinRequest, SwarmJoinRequest__Output as _tsorch_v1_SwarmJoinRequest__Output } from './tsorch/v1/SwarmJoinRequest.js';
import type { SwarmJoinResponse as _tsorch_v1_SwarmJoinResponse, SwarmJoinResponse__Output as _tsorch_v1_SwarmJoinResponse__Output } from './tsorch/v1/SwarmJoinResponse.js';
import type { SwarmLeaveRequest as _tsorch_v1_SwarmLeaveRequest, SwarmLeaveRequest__Output as _tsorch_v1_SwarmLeaveRequest__Output } from './tsorch/v1/SwarmLeaveRequest.js';
import type { SwarmLeaveResponse as _tsorch_v1_SwarmLeaveResponse, SwarmLeaveResponse__Output as _tsorch_v1_SwarmLeaveResponse__Output } from './tsorch/v1/SwarmLeaveResponse.js';
import type { SwarmUpdateRequest as _tsorch_v1_SwarmUpdateRequest, SwarmUpdateRequest__Output as _tsorch_v1_SwarmUpdateRequest__Output } from './tsorch/v1/SwarmUpdateRequest.js';
import type { SwarmUpdateResponse as _tsorch_v1_SwarmUpdateResponse, SwarmUpdateResponse__Output as _tsorch_v1_SwarmUpdateResponse__Output } from './tsorch/v1/SwarmUpdateResponse.js';
import type { UpdateNodeRequest as _tsorch_v1_UpdateNodeRequest, UpdateNodeRequest__Output as _tsorch_v1_UpdateNodeRequest__Output } from './tsorch/v1/UpdateNodeRequest.js';
import type { UpdateNodeResponse as _tsorch_v1_UpdateNodeResponse, UpdateNodeResponse__Output as _tsorch_v1_UpdateNodeResponse__Output } from './tsorch/v1/UpdateNodeResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  tsorch: {
    v1: {
      ClusterInfo: MessageTypeDefinition<_tsorch_v1_ClusterInfo, _tsorch_v1_ClusterInfo__Output>
      GetJoinTokenRequest: MessageTypeDefinition<_tsorch_v1_GetJoinTokenRequest, _tsorch_v1_GetJoinTokenRequest__Output>
      GetJoinTokenResponse: MessageTypeDefinition<_tsorch_v1_GetJoinTokenResponse, _tsorch_v1_GetJoinTokenResponse__Output>
      GetRootCaRequest: MessageTypeDefinition<_tsorch_v1_GetRootCaRequest, _tsorch_v1_GetRootCaRequest__Output>
      GetRootCaResponse: MessageTypeDefinition<_tsorch_v1_GetRootCaResponse, _tsorch_v1_GetRootCaResponse__Output>
      InspectNodeRequest: MessageTypeDefinition<_tsorch_v1_InspectNodeRequest, _tsorch_v1_InspectNodeRequest__Output>
      InspectNodeResponse: MessageTypeDefinition<_tsorch_v1_InspectNodeResponse, _tsorch_v1_InspectNodeResponse__Output>
      IssueNodeCertificateRequest: MessageTypeDefinition<_tsorch_v1_IssueNodeCertificateRequest, _tsorch_v1_IssueNodeCertificateRequest__Output>
      IssueNodeCertificateResponse: MessageTypeDefinition<_tsorch_v1_IssueNodeCertificateResponse, _tsorch_v1_IssueNodeCertificateResponse__Output>
      JoinRaftRequest: MessageTypeDefinition<_tsorch_v1_JoinRaftRequest, _tsorch_v1_JoinRaftRequest__Output>
      JoinRaftResponse: MessageTypeDefinition<_tsorch_v1_JoinRaftResponse, _tsorch_v1_JoinRaftResponse__Output>
      LeaveClusterRequest: MessageTypeDefinition<_tsorch_v1_LeaveClusterRequest, _tsorch_v1_LeaveClusterRequest__Output>
      LeaveClusterResponse: MessageTypeDefinition<_tsorch_v1_LeaveClusterResponse, _tsorch_v1_LeaveClusterResponse__Output>
      ListNodesRequest: MessageTypeDefinition<_tsorch_v1_ListNodesRequest, _tsorch_v1_ListNodesRequest__Output>
      ListNodesResponse: MessageTypeDefinition<_tsorch_v1_ListNodesResponse, _tsorch_v1_ListNodesResponse__Output>
      Membership: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_MembershipClient> & { service: _tsorch_v1_MembershipDefinition }
      NodeCa: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_NodeCaClient> & { service: _tsorch_v1_NodeCaDefinition }
      NodeInfo: MessageTypeDefinition<_tsorch_v1_NodeInfo, _tsorch_v1_NodeInfo__Output>
      NodeRoleRequest: MessageTypeDefinition<_tsorch_v1_NodeRoleRequest, _tsorch_v1_NodeRoleRequest__Output>
      NodeRoleResponse: MessageTypeDefinition<_tsorch_v1_NodeRoleResponse, _tsorch_v1_NodeRoleResponse__Output>
      RaftMember: MessageTypeDefinition<_tsorch_v1_RaftMember, _tsorch_v1_RaftMember__Output>
      RemoveNodeRequest: MessageTypeDefinition<_tsorch_v1_RemoveNodeRequest, _tsorch_v1_RemoveNodeRequest__Output>
      RemoveNodeResponse: MessageTypeDefinition<_tsorch_v1_RemoveNodeResponse, _tsorch_v1_RemoveNodeResponse__Output>
      RenewCertificateRequest: MessageTypeDefinition<_tsorch_v1_RenewCertificateRequest, _tsorch_v1_RenewCertificateRequest__Output>
      RenewCertificateResponse: MessageTypeDefinition<_tsorch_v1_RenewCertificateResponse, _tsorch_v1_RenewCertificateResponse__Output>
      Swarm: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_SwarmClient> & { service: _tsorch_v1_SwarmDefinition }
      SwarmInitRequest: MessageTypeDefinition<_tsorch_v1_SwarmInitRequest, _tsorch_v1_SwarmInitRequest__Output>
      SwarmInitResponse: MessageTypeDefinition<_tsorch_v1_SwarmInitResponse, _tsorch_v1_SwarmInitResponse__Output>
      SwarmInspectRequest: MessageTypeDefinition<_tsorch_v1_SwarmInspectRequest, _tsorch_v1_SwarmInspectRequest__Output>
      SwarmInspectResponse: MessageTypeDefinition<_tsorch_v1_SwarmInspectResponse, _tsorch_v1_SwarmInspectResponse__Output>
      SwarmJoinRequest: MessageTypeDefinition<_tsorch_v1_SwarmJoinRequest, _tsorch_v1_SwarmJoinRequest__Output>
      SwarmJoinResponse: MessageTypeDefinition<_tsorch_v1_SwarmJoinResponse, _tsorch_v1_SwarmJoinResponse__Output>
      SwarmLeaveRequest: MessageTypeDefinition<_tsorch_v1_SwarmLeaveRequest, _tsorch_v1_SwarmLeaveRequest__Output>
      SwarmLeaveResponse: MessageTypeDefinition<_tsorch_v1_SwarmLeaveResponse, _tsorch_v1_SwarmLeaveResponse__Output>
      SwarmUpdateRequest: MessageTypeDefinition<_tsorch_v1_SwarmUpdateRequest, _tsorch_v1_SwarmUpdateRequest__Output>
      SwarmUpdateResponse: MessageTypeDefinition<_tsorch_v1_SwarmUpdateResponse, _tsorch_v1_SwarmUpdateResponse__Output>
      UpdateNodeRequest: MessageTypeDefinition<_tsorch_v1_UpdateNodeRequest, _tsorch_v1_UpdateNodeRequest__Output>
      UpdateNodeResponse: MessageTypeDefinition<_tsorch_v1_UpdateNodeResponse, _tsorch_v1_UpdateNodeResponse__Output>
    }
  }
}

