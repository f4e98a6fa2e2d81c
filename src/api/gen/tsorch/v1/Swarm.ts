// Original file: tsorch/v1/cluster.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetJoinTokenRequest as _tsorch_v1_GetJoinTokenRequest, GetJoinTokenRequest__Output as _tsorch_v1_GetJoinTokenRequest__Output } from '../../tsorch/v1/GetJoinTokenRequest.js';
import type { GetJoinTokenResponse as _tsorch_v1_GetJoinTokenResponse, GetJoinTokenResponse__Output as _tsorch_v1_GetJoinTokenResponse__Output } from '../../tsorch/v1/GetJoinTokenResponse.js';
import type { InspectNodeRequest as _tsorch_v1_InspectNodeRequest, InspectNodeRequest__Output as _tsorch_v1_InspectNodeRequest__Output } from '../../tsorch/v1/InspectNodeRequest.js';
import type { InspectNodeResponse as _tsorch_v1_InspectNodeResponse, InspectNodeResponse__Output as _tsorch_v1_InspectNodeResponse__Output } from '../../tsorch/v1/InspectNodeResponse.js';
import type { ListNodesRequest as _tsorch_v1_ListNodesRequest, ListNodesRequest__Output as _tsorch_v1_ListNodesRequest__Output } from '../../tsorch/v1/ListNodesRequest.js';
import type { ListNodesResponse as _tsorch_v1_ListNodesResponse, ListNodesResponse__Output as _tsorch_v1_ListNodesResponse__Output } from '../../tsorch/v1/ListNodesResponse.js';
import type { RemoveNodeRequest as _tsorch_v1_RemoveNodeRequest, RemoveNodeRequest__Output as _tsorch_v1_RemoveNodeRequest__Output } from '../../tsorch/v1/RemoveNodeRequest.js';
import type { RemoveNodeResponse as _tsorch_v1_RemoveNodeResponse, RemoveNodeResponse__Output as _tsorch_v1_RemoveNodeResponse__Output } from '../../tsorch/v1/RemoveNodeResponse.js';
import type { SwarmInitRequest as _tsorch_v1_SwarmInitRequest, SwarmInitRequest__Output as _tsorch_v1_SwarmInitRequest__Output } from '../../tsorch/v1/SwarmInitRequest.js';
import type { SwarmInitResponse as _tsorch_v1_SwarmInitResponse, SwarmInitResponse__Output as _tsorch_v1_SwarmInitResponse__Output } from '../../tsorch/v1/SwarmInitResponse.js';
import type { SwarmInspectRequest as _tsorch_v1_SwarmInspectRequest, SwarmInspectRequest__Output as _tsorch_v1_SwarmInspectRequest__Output } from '../../tsorch/v1/SwarmInspectRequest.js';
import type { SwarmInspectResponse as _tsorch_v1_SwarmInspectResponse, SwarmInspectResponse__Output as _tsorch_v1_SwarmInspectResponse__Output } from '../../tsorch/v1/SwarmInspectResponse.js';
import type { SwarmJoinRequest as _tsorch_v1_SwarmJoinRequest, SwarmJoinRequest__Output as _tsorch_v1_SwarmJoinRequest__Output } from '../../tsorch/v1/SwarmJoinRequest.js';
import type { SwarmJoinResponse as _tsorch_v1_SwarmJoinResponse, SwarmJoinResponse__Output as _tsorch_v1_SwarmJoinResponse__Output } from '../../tsorch/v1/SwarmJoinResponse.js';
import type { SwarmLeaveRequest as _tsorch_v1_SwarmLeaveRequest, SwarmLeaveRequest__Output as _tsorch_v1_SwarmLeaveRequest__Output } from '../../tsorch/v1/SwarmLeaveRequest.js';
import type { SwarmLeaveResponse as _tsorch_v1_SwarmLeaveResponse, SwarmLeaveResponse__Output as _tsorch_v1_SwarmLeaveResponse__Output } from '../../tsorch/v1/SwarmLeaveResponse.js';
import type { SwarmUpdateRequest as _tsorch_v1_SwarmUpdateRequest, SwarmUpdateRequest__Output as _tsorch_v1_SwarmUpdateRequest__Output } from '../../tsorch/v1/SwarmUpdateRequest.js';
import type { SwarmUpdateResponse as _tsorch_v1_SwarmUpdateResponse, SwarmUpdateResponse__Output as _tsorch_v1_SwarmUpdateResponse__Output } from '../../tsorch/v1/SwarmUpdateResponse.js';
import type { UpdateNodeRequest as _tsorch_v1_UpdateNodeRequest, UpdateNodeRequest__Output as _tsorch_v1_UpdateNodeRequest__Output } from '../../tsorch/v1/UpdateNodeRequest.js';
import type { UpdateNodeResponse as _tsorch_v1_UpdateNodeResponse, UpdateNodeResponse__Output as _tsorch_v1_UpdateNodeResponse__Output } from '../../tsorch/v1/UpdateNodeResponse.js';

export interface SwarmClient extends grpc.Client {
  GetJoinToken(argument: _tsorch_v1_GetJoinTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  GetJoinToken(argument: _tsorch_v1_GetJoinTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  GetJoinToken(argument: _tsorch_v1_GetJoinTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  GetJoinToken(argument: _tsorch_v1_GetJoinTokenRequest, callback: grpc.requestCallback<_tsorch_v1_GetJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  getJoinToken(argument: _tsorch_v1_GetJoinTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  getJoinToken(argument: _tsorch_v1_GetJoinTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  getJoinToken(argument: _tsorch_v1_GetJoinTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  getJoinToken(argument: _tsorch_v1_GetJoinTokenRequest, callback: grpc.requestCallback<_tsorch_v1_GetJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  
  Init(argument: _tsorch_v1_SwarmInitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmInitResponse__Output>): grpc.ClientUnaryCall;
  Init(argument: _tsorch_v1_SwarmInitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_SwarmInitResponse__Output>): grpc.ClientUnaryCall;
  Init(argument: _tsorch_v1_SwarmInitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmInitResponse__Output>): grpc.ClientUnaryCall;
  Init(argument: _tsorch_v1_SwarmInitRequest, callback: grpc.requestCallback<_tsorch_v1_SwarmInitResponse__Output>): grpc.ClientUnaryCall;
  init(argument: _tsorch_v1_SwarmInitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmInitResponse__Output>): grpc.ClientUnaryCall;
  init(argument: _tsorch_v1_SwarmInitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_SwarmInitResponse__Output>): grpc.ClientUnaryCall;
  init(argument: _tsorch_v1_SwarmInitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmInitResponse__Output>): grpc.ClientUnaryCall;
  init(argument: _tsorch_v1_SwarmInitRequest, callback: grpc.requestCallback<_tsorch_v1_SwarmInitResponse__Output>): grpc.ClientUnaryCall;
  
  Inspect(argument: _tsorch_v1_SwarmInspectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmInspectResponse__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _tsorch_v1_SwarmInspectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_SwarmInspectResponse__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _tsorch_v1_SwarmInspectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmInspectResponse__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _tsorch_v1_SwarmInspectRequest, callback: grpc.requestCallback<_tsorch_v1_SwarmInspectResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_SwarmInspectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmInspectResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_SwarmInspectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_SwarmInspectResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_SwarmInspectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmInspectResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_SwarmInspectRequest, callback: grpc.requestCallback<_tsorch_v1_SwarmInspectResponse__Output>): grpc.ClientUnaryCall;
  
  InspectNode(argument: _tsorch_v1_InspectNodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectNodeResponse__Output>): grpc.ClientUnaryCall;
  InspectNode(argument: _tsorch_v1_InspectNodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_InspectNodeResponse__Output>): grpc.ClientUnaryCall;
  InspectNode(argument: _tsorch_v1_InspectNodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectNodeResponse__Output>): grpc.ClientUnaryCall;
  InspectNode(argument: _tsorch_v1_InspectNodeRequest, callback: grpc.requestCallback<_tsorch_v1_InspectNodeResponse__Output>): grpc.ClientUnaryCall;
  inspectNode(argument: _tsorch_v1_InspectNodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectNodeResponse__Output>): grpc.ClientUnaryCall;
  inspectNode(argument: _tsorch_v1_InspectNodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_InspectNodeResponse__Output>): grpc.ClientUnaryCall;
  inspectNode(argument: _tsorch_v1_InspectNodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectNodeResponse__Output>): grpc.ClientUnaryCall;
  inspectNode(argument: _tsorch_v1_InspectNodeRequest, callback: grpc.requestCallback<_tsorch_v1_InspectNodeResponse__Output>): grpc.ClientUnaryCall;
  
  Join(argument: _tsorch_v1_SwarmJoinRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmJoinResponse__Output>): grpc.ClientUnaryCall;
  Join(argument: _tsorch_v1_SwarmJoinRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_SwarmJoinResponse__Output>): grpc.ClientUnaryCall;
  Join(argument: _tsorch_v1_SwarmJoinRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmJoinResponse__Output>): grpc.ClientUnaryCall;
  Join(argument: _tsorch_v1_SwarmJoinRequest, callback: grpc.requestCallback<_tsorch_v1_SwarmJoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _tsorch_v1_SwarmJoinRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmJoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _tsorch_v1_SwarmJoinRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_SwarmJoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _tsorch_v1_SwarmJoinRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmJoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _tsorch_v1_SwarmJoinRequest, callback: grpc.requestCallback<_tsorch_v1_SwarmJoinResponse__Output>): grpc.ClientUnaryCall;
  
  Leave(argument: _tsorch_v1_SwarmLeaveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmLeaveResponse__Output>): grpc.ClientUnaryCall;
  Leave(argument: _tsorch_v1_SwarmLeaveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_SwarmLeaveResponse__Output>): grpc.ClientUnaryCall;
  Leave(argument: _tsorch_v1_SwarmLeaveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmLeaveResponse__Output>): grpc.ClientUnaryCall;
  Leave(argument: _tsorch_v1_SwarmLeaveRequest, callback: grpc.requestCallback<_tsorch_v1_SwarmLeaveResponse__Output>): grpc.ClientUnaryCall;
  leave(argument: _tsorch_v1_SwarmLeaveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmLeaveResponse__Output>): grpc.ClientUnaryCall;
  leave(argument: _tsorch_v1_SwarmLeaveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_SwarmLeaveResponse__Output>): grpc.ClientUnaryCall;
  leave(argument: _tsorch_v1_SwarmLeaveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmLeaveResponse__Output>): grpc.ClientUnaryCall;
  leave(argument: _tsorch_v1_SwarmLeaveRequest, callback: grpc.requestCallback<_tsorch_v1_SwarmLeaveResponse__Output>): grpc.ClientUnaryCall;
  
  ListNodes(argument: _tsorch_v1_ListNodesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  ListNodes(argument: _tsorch_v1_ListNodesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  ListNodes(argument: _tsorch_v1_ListNodesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  ListNodes(argument: _tsorch_v1_ListNodesRequest, callback: grpc.requestCallback<_tsorch_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  listNodes(argument: _tsorch_v1_ListNodesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  listNodes(argument: _tsorch_v1_ListNodesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  listNodes(argument: _tsorch_v1_ListNodesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  listNodes(argument: _tsorch_v1_ListNodesRequest, callback: grpc.requestCallback<_tsorch_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  
  RemoveNode(argument: _tsorch_v1_RemoveNodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  RemoveNode(argument: _tsorch_v1_RemoveNodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  RemoveNode(argument: _tsorch_v1_RemoveNodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  RemoveNode(argument: _tsorch_v1_RemoveNodeRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  removeNode(argument: _tsorch_v1_RemoveNodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  removeNode(argument: _tsorch_v1_RemoveNodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  removeNode(argument: _tsorch_v1_RemoveNodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  removeNode(argument: _tsorch_v1_RemoveNodeRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  
  Update(argument: _tsorch_v1_SwarmUpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmUpdateResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _tsorch_v1_SwarmUpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_SwarmUpdateResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _tsorch_v1_SwarmUpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmUpdateResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _tsorch_v1_SwarmUpdateRequest, callback: grpc.requestCallback<_tsorch_v1_SwarmUpdateResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _tsorch_v1_SwarmUpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmUpdateResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _tsorch_v1_SwarmUpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_SwarmUpdateResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _tsorch_v1_SwarmUpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_SwarmUpdateResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _tsorch_v1_SwarmUpdateRequest, callback: grpc.requestCallback<_tsorch_v1_SwarmUpdateResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateNode(argument: _tsorch_v1_UpdateNodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UpdateNodeResponse__Output>): grpc.ClientUnaryCall;
  UpdateNode(argument: _tsorch_v1_UpdateNodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_UpdateNodeResponse__Output>): grpc.ClientUnaryCall;
  UpdateNode(argument: _tsorch_v1_UpdateNodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UpdateNodeResponse__Output>): grpc.ClientUnaryCall;
  UpdateNode(argument: _tsorch_v1_UpdateNodeRequest, callback: grpc.requestCallback<_tsorch_v1_UpdateNodeResponse__Output>): grpc.ClientUnaryCall;
  updateNode(argument: _tsorch_v1_UpdateNodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UpdateNodeResponse__Output>): grpc.ClientUnaryCall;
  updateNode(argument: _tsorch_v1_UpdateNodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_UpdateNodeResponse__Output>): grpc.ClientUnaryCall;
  updateNode(argument: _tsorch_v1_UpdateNodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UpdateNodeResponse__Output>): grpc.ClientUnaryCall;
  updateNode(argument: _tsorch_v1_UpdateNodeRequest, callback: grpc.requestCallback<_tsorch_v1_UpdateNodeResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface SwarmHandlers extends grpc.UntypedServiceImplementation {
  GetJoinToken: grpc.handleUnaryCall<_tsorch_v1_GetJoinTokenRequest__Output, _tsorch_v1_GetJoinTokenResponse>;
  
  Init: grpc.handleUnaryCall<_tsorch_v1_SwarmInitRequest__Output, _tsorch_v1_SwarmInitResponse>;
  
  Inspect: grpc.handleUnaryCall<_tsorch_v1_SwarmInspectRequest__Output, _tsorch_v1_SwarmInspectResponse>;
  
  InspectNode: grpc.handleUnaryCall<_tsorch_v1_InspectNodeRequest__Output, _tsorch_v1_InspectNodeResponse>;
  
  Join: grpc.handleUnaryCall<_tsorch_v1_SwarmJoinRequest__Output, _tsorch_v1_SwarmJoinResponse>;
  
  Leave: grpc.handleUnaryCall<_tsorch_v1_SwarmLeaveRequest__Output, _tsorch_v1_SwarmLeaveResponse>;
  
  ListNodes: grpc.handleUnaryCall<_tsorch_v1_ListNodesRequest__Output, _tsorch_v1_ListNodesResponse>;
  
  RemoveNode: grpc.handleUnaryCall<_tsorch_v1_RemoveNodeRequest__Output, _tsorch_v1_RemoveNodeResponse>;
  
  Update: grpc.handleUnaryCall<_tsorch_v1_SwarmUpdateRequest__Output, _tsorch_v1_SwarmUpdateResponse>;
  
  UpdateNode: grpc.handleUnaryCall<_tsorch_v1_UpdateNodeRequest__Output, _tsorch_v1_UpdateNodeResponse>;
  
}

export interface SwarmDefinition extends grpc.ServiceDefinition {
  GetJoinToken: MethodDefinition<_tsorch_v1_GetJoinTokenRequest, _tsorch_v1_GetJoinTokenResponse, _tsorch_v1_GetJoinTokenRequest__Output, _tsorch_v1_GetJoinTokenResponse__Output>
  Init: MethodDefinition<_tsorch_v1_SwarmInitRequest, _tsorch_v1_SwarmInitResponse, _tsorch_v1_SwarmInitRequest__Output, _tsorch_v1_SwarmInitResponse__Output>
  Inspect: MethodDefinition<_tsorch_v1_SwarmInspectRequest, _tsorch_v1_SwarmInspectResponse, _tsorch_v1_SwarmInspectRequest__Output, _tsorch_v1_SwarmInspectResponse__Output>
  InspectNode: MethodDefinition<_tsorch_v1_InspectNodeRequest, _tsorch_v1_InspectNodeResponse, _tsorch_v1_InspectNodeRequest__Output, _tsorch_v1_InspectNodeResponse__Output>
  Join: MethodDefinition<_tsorch_v1_SwarmJoinRequest, _tsorch_v1_SwarmJoinResponse, _tsorch_v1_SwarmJoinRequest__Output, _tsorch_v1_SwarmJoinResponse__Output>
  Leave: MethodDefinition<_tsorch_v1_SwarmLeaveRequest, _tsorch_v1_SwarmLeaveResponse, _tsorch_v1_SwarmLeaveRequest__Output, _tsorch_v1_SwarmLeaveResponse__Output>
  ListNodes: MethodDefinition<_tsorch_v1_ListNodesRequest, _tsorch_v1_ListNodesResponse, _tsorch_v1_ListNodesRequest__Output, _tsorch_v1_ListNodesResponse__Output>
  RemoveNode: MethodDefinition<_tsorch_v1_RemoveNodeRequest, _tsorch_v1_RemoveNodeResponse, _tsorch_v1_RemoveNodeRequest__Output, _tsorch_v1_RemoveNodeResponse__Output>
  Update: MethodDefinition<_tsorch_v1_SwarmUpdateRequest, _tsorch_v1_SwarmUpdateResponse, _tsorch_v1_SwarmUpdateRequest__Output, _tsorch_v1_SwarmUpdateResponse__Output>
  UpdateNode: MethodDefinition<_tsorch_v1_UpdateNodeRequest, _tsorch_v1_UpdateNodeResponse, _tsorch_v1_UpdateNodeRequest__Output, _tsorch_v1_UpdateNodeResponse__Output>
}
