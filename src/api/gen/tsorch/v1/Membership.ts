// Original file: tsorch/v1/cluster.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { JoinRaftRequest as _tsorch_v1_JoinRaftRequest, JoinRaftRequest__Output as _tsorch_v1_JoinRaftRequest__Output } from '../../tsorch/v1/JoinRaftRequest.js';
import type { JoinRaftResponse as _tsorch_v1_JoinRaftResponse, JoinRaftResponse__Output as _tsorch_v1_JoinRaftResponse__Output } from '../../tsorch/v1/JoinRaftResponse.js';
import type { LeaveClusterRequest as _tsorch_v1_LeaveClusterRequest, LeaveClusterRequest__Output as _tsorch_v1_LeaveClusterRequest__Output } from '../../tsorch/v1/LeaveClusterRequest.js';
import type { LeaveClusterResponse as _tsorch_v1_LeaveClusterResponse, LeaveClusterResponse__Output as _tsorch_v1_LeaveClusterResponse__Output } from '../../tsorch/v1/LeaveClusterResponse.js';
import type { NodeRoleRequest as _tsorch_v1_NodeRoleRequest, NodeRoleRequest__Output as _tsorch_v1_NodeRoleRequest__Output } from '../../tsorch/v1/NodeRoleRequest.js';
import type { NodeRoleResponse as _tsorch_v1_NodeRoleResponse, NodeRoleResponse__Output as _tsorch_v1_NodeRoleResponse__Output } from '../../tsorch/v1/NodeRoleResponse.js';
import type { RenewCertificateRequest as _tsorch_v1_RenewCertificateRequest, RenewCertificateRequest__Output as _tsorch_v1_RenewCertificateRequest__Output } from '../../tsorch/v1/RenewCertificateRequest.js';
import type { RenewCertificateResponse as _tsorch_v1_RenewCertificateResponse, RenewCertificateResponse__Output as _tsorch_v1_RenewCertificateResponse__Output } from '../../tsorch/v1/RenewCertificateResponse.js';

export interface MembershipClient extends grpc.Client {
  JoinRaft(argument: _tsorch_v1_JoinRaftRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_JoinRaftResponse__Output>): grpc.ClientUnaryCall;
  JoinRaft(argument: _tsorch_v1_JoinRaftRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_JoinRaftResponse__Output>): grpc.ClientUnaryCall;
  JoinRaft(argument: _tsorch_v1_JoinRaftRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_JoinRaftResponse__Output>): grpc.ClientUnaryCall;
  JoinRaft(argument: _tsorch_v1_JoinRaftRequest, callback: grpc.requestCallback<_tsorch_v1_JoinRaftResponse__Output>): grpc.ClientUnaryCall;
  joinRaft(argument: _tsorch_v1_JoinRaftRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_JoinRaftResponse__Output>): grpc.ClientUnaryCall;
  joinRaft(argument: _tsorch_v1_JoinRaftRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_JoinRaftResponse__Output>): grpc.ClientUnaryCall;
  joinRaft(argument: _tsorch_v1_JoinRaftRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_JoinRaftResponse__Output>): grpc.ClientUnaryCall;
  joinRaft(argument: _tsorch_v1_JoinRaftRequest, callback: grpc.requestCallback<_tsorch_v1_JoinRaftResponse__Output>): grpc.ClientUnaryCall;
  
  LeaveCluster(argument: _tsorch_v1_LeaveClusterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_LeaveClusterResponse__Output>): grpc.ClientUnaryCall;
  LeaveCluster(argument: _tsorch_v1_LeaveClusterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_LeaveClusterResponse__Output>): grpc.ClientUnaryCall;
  LeaveCluster(argument: _tsorch_v1_LeaveClusterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_LeaveClusterResponse__Output>): grpc.ClientUnaryCall;
  LeaveCluster(argument: _tsorch_v1_LeaveClusterRequest, callback: grpc.requestCallback<_tsorch_v1_LeaveClusterResponse__Output>): grpc.ClientUnaryCall;
  leaveCluster(argument: _tsorch_v1_LeaveClusterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_LeaveClusterResponse__Output>): grpc.ClientUnaryCall;
  leaveCluster(argument: _tsorch_v1_LeaveClusterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_LeaveClusterResponse__Output>): grpc.ClientUnaryCall;
  leaveCluster(argument: _tsorch_v1_LeaveClusterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_LeaveClusterResponse__Output>): grpc.ClientUnaryCall;
  leaveCluster(argument: _tsorch_v1_LeaveClusterRequest, callback: grpc.requestCallback<_tsorch_v1_LeaveClusterResponse__Output>): grpc.ClientUnaryCall;
  
  NodeRole(argument: _tsorch_v1_NodeRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_NodeRoleResponse__Output>): grpc.ClientUnaryCall;
  NodeRole(argument: _tsorch_v1_NodeRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_NodeRoleResponse__Output>): grpc.ClientUnaryCall;
  NodeRole(argument: _tsorch_v1_NodeRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_NodeRoleResponse__Output>): grpc.ClientUnaryCall;
  NodeRole(argument: _tsorch_v1_NodeRoleRequest, callback: grpc.requestCallback<_tsorch_v1_NodeRoleResponse__Output>): grpc.ClientUnaryCall;
  nodeRole(argument: _tsorch_v1_NodeRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_NodeRoleResponse__Output>): grpc.ClientUnaryCall;
  nodeRole(argument: _tsorch_v1_NodeRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_NodeRoleResponse__Output>): grpc.ClientUnaryCall;
  nodeRole(argument: _tsorch_v1_NodeRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_NodeRoleResponse__Output>): grpc.ClientUnaryCall;
  nodeRole(argument: _tsorch_v1_NodeRoleRequest, callback: grpc.requestCallback<_tsorch_v1_NodeRoleResponse__Output>): grpc.ClientUnaryCall;
  
  RenewCertificate(argument: _tsorch_v1_RenewCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  RenewCertificate(argument: _tsorch_v1_RenewCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  RenewCertificate(argument: _tsorch_v1_RenewCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  RenewCertificate(argument: _tsorch_v1_RenewCertificateRequest, callback: grpc.requestCallback<_tsorch_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  renewCertificate(argument: _tsorch_v1_RenewCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  renewCertificate(argument: _tsorch_v1_RenewCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  renewCertificate(argument: _tsorch_v1_RenewCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  renewCertificate(argument: _tsorch_v1_RenewCertificateRequest, callback: grpc.requestCallback<_tsorch_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface MembershipHandlers extends grpc.UntypedServiceImplementation {
  JoinRaft: grpc.handleUnaryCall<_tsorch_v1_JoinRaftRequest__Output, _tsorch_v1_JoinRaftResponse>;
  
  LeaveCluster: grpc.handleUnaryCall<_tsorch_v1_LeaveClusterRequest__Output, _tsorch_v1_LeaveClusterResponse>;
  
  NodeRole: grpc.handleUnaryCall<_tsorch_v1_NodeRoleRequest__Output, _tsorch_v1_NodeRoleResponse>;
  
  RenewCertificate: grpc.handleUnaryCall<_tsorch_v1_RenewCertificateRequest__Output, _tsorch_v1_RenewCertificateResponse>;
  
}

export interface MembershipDefinition extends grpc.ServiceDefinition {
  JoinRaft: MethodDefinition<_tsorch_v1_JoinRaftRequest, _tsorch_v1_JoinRaftResponse, _tsorch_v1_JoinRaftRequest__Output, _tsorch_v1_JoinRaftResponse__Output>
  LeaveCluster: MethodDefinition<_tsorch_v1_LeaveClusterRequest, _tsorch_v1_LeaveClusterResponse, _tsorch_v1_LeaveClusterRequest__Output, _tsorch_v1_LeaveClusterResponse__Output>
  NodeRole: MethodDefinition<_tsorch_v1_NodeRoleRequest, _tsorch_v1_NodeRoleResponse, _tsorch_v1_NodeRoleRequest__Output, _tsorch_v1_NodeRoleResponse__Output>
  RenewCertificate: MethodDefinition<_tsorch_v1_RenewCertificateRequest, _tsorch_v1_RenewCertificateResponse, _tsorch_v1_RenewCertificateRequest__Output, _tsorch_v1_RenewCertificateResponse__Output>
}
