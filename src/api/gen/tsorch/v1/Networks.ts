// Original file: tsorch/v1/networks.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ConnectNetworkRequest as _tsorch_v1_ConnectNetworkRequest, ConnectNetworkRequest__Output as _tsorch_v1_ConnectNetworkRequest__Output } from '../../tsorch/v1/ConnectNetworkRequest.js';
import type { ConnectNetworkResponse as _tsorch_v1_ConnectNetworkResponse, ConnectNetworkResponse__Output as _tsorch_v1_ConnectNetworkResponse__Output } from '../../tsorch/v1/ConnectNetworkResponse.js';
import type { ContainerPortsRequest as _tsorch_v1_ContainerPortsRequest, ContainerPortsRequest__Output as _tsorch_v1_ContainerPortsRequest__Output } from '../../tsorch/v1/ContainerPortsRequest.js';
import type { ContainerPortsResponse as _tsorch_v1_ContainerPortsResponse, ContainerPortsResponse__Output as _tsorch_v1_ContainerPortsResponse__Output } from '../../tsorch/v1/ContainerPortsResponse.js';
import type { CreateNetworkRequest as _tsorch_v1_CreateNetworkRequest, CreateNetworkRequest__Output as _tsorch_v1_CreateNetworkRequest__Output } from '../../tsorch/v1/CreateNetworkRequest.js';
import type { CreateNetworkResponse as _tsorch_v1_CreateNetworkResponse, CreateNetworkResponse__Output as _tsorch_v1_CreateNetworkResponse__Output } from '../../tsorch/v1/CreateNetworkResponse.js';
import type { DisconnectNetworkRequest as _tsorch_v1_DisconnectNetworkRequest, DisconnectNetworkRequest__Output as _tsorch_v1_DisconnectNetworkRequest__Output } from '../../tsorch/v1/DisconnectNetworkRequest.js';
import type { DisconnectNetworkResponse as _tsorch_v1_DisconnectNetworkResponse, DisconnectNetworkResponse__Output as _tsorch_v1_DisconnectNetworkResponse__Output } from '../../tsorch/v1/DisconnectNetworkResponse.js';
import type { InspectNetworkRequest as _tsorch_v1_InspectNetworkRequest, InspectNetworkRequest__Output as _tsorch_v1_InspectNetworkRequest__Output } from '../../tsorch/v1/InspectNetworkRequest.js';
import type { InspectNetworkResponse as _tsorch_v1_InspectNetworkResponse, InspectNetworkResponse__Output as _tsorch_v1_InspectNetworkResponse__Output } from '../../tsorch/v1/InspectNetworkResponse.js';
import type { ListNetworksRequest as _tsorch_v1_ListNetworksRequest, ListNetworksRequest__Output as _tsorch_v1_ListNetworksRequest__Output } from '../../tsorch/v1/ListNetworksRequest.js';
import type { ListNetworksResponse as _tsorch_v1_ListNetworksResponse, ListNetworksResponse__Output as _tsorch_v1_ListNetworksResponse__Output } from '../../tsorch/v1/ListNetworksResponse.js';
import type { PruneNetworksRequest as _tsorch_v1_PruneNetworksRequest, PruneNetworksRequest__Output as _tsorch_v1_PruneNetworksRequest__Output } from '../../tsorch/v1/PruneNetworksRequest.js';
import type { PruneNetworksResponse as _tsorch_v1_PruneNetworksResponse, PruneNetworksResponse__Output as _tsorch_v1_PruneNetworksResponse__Output } from '../../tsorch/v1/PruneNetworksResponse.js';
import type { RemoveNetworkRequest as _tsorch_v1_RemoveNetworkRequest, RemoveNetworkRequest__Output as _tsorch_v1_RemoveNetworkRequest__Output } from '../../tsorch/v1/RemoveNetworkRequest.js';
import type { RemoveNetworkResponse as _tsorch_v1_RemoveNetworkResponse, RemoveNetworkResponse__Output as _tsorch_v1_RemoveNetworkResponse__Output } from '../../tsorch/v1/RemoveNetworkResponse.js';

export interface NetworksClient extends grpc.Client {
  Connect(argument: _tsorch_v1_ConnectNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ConnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  Connect(argument: _tsorch_v1_ConnectNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ConnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  Connect(argument: _tsorch_v1_ConnectNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ConnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  Connect(argument: _tsorch_v1_ConnectNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_ConnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  connect(argument: _tsorch_v1_ConnectNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ConnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  connect(argument: _tsorch_v1_ConnectNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ConnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  connect(argument: _tsorch_v1_ConnectNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ConnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  connect(argument: _tsorch_v1_ConnectNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_ConnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  
  ContainerPorts(argument: _tsorch_v1_ContainerPortsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ContainerPortsResponse__Output>): grpc.ClientUnaryCall;
  ContainerPorts(argument: _tsorch_v1_ContainerPortsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ContainerPortsResponse__Output>): grpc.ClientUnaryCall;
  ContainerPorts(argument: _tsorch_v1_ContainerPortsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ContainerPortsResponse__Output>): grpc.ClientUnaryCall;
  ContainerPorts(argument: _tsorch_v1_ContainerPortsRequest, callback: grpc.requestCallback<_tsorch_v1_ContainerPortsResponse__Output>): grpc.ClientUnaryCall;
  containerPorts(argument: _tsorch_v1_ContainerPortsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ContainerPortsResponse__Output>): grpc.ClientUnaryCall;
  containerPorts(argument: _tsorch_v1_ContainerPortsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ContainerPortsResponse__Output>): grpc.ClientUnaryCall;
  containerPorts(argument: _tsorch_v1_ContainerPortsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ContainerPortsResponse__Output>): grpc.ClientUnaryCall;
  containerPorts(argument: _tsorch_v1_ContainerPortsRequest, callback: grpc.requestCallback<_tsorch_v1_ContainerPortsResponse__Output>): grpc.ClientUnaryCall;
  
  Create(argument: _tsorch_v1_CreateNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateNetworkResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _tsorch_v1_CreateNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateNetworkResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _tsorch_v1_CreateNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateNetworkResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _tsorch_v1_CreateNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_CreateNetworkResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _tsorch_v1_CreateNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateNetworkResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _tsorch_v1_CreateNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateNetworkResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _tsorch_v1_CreateNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateNetworkResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _tsorch_v1_CreateNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_CreateNetworkResponse__Output>): grpc.ClientUnaryCall;
  
  Disconnect(argument: _tsorch_v1_DisconnectNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_DisconnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  Disconnect(argument: _tsorch_v1_DisconnectNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_DisconnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  Disconnect(argument: _tsorch_v1_DisconnectNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_DisconnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  Disconnect(argument: _tsorch_v1_DisconnectNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_DisconnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  disconnect(argument: _tsorch_v1_DisconnectNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_DisconnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  disconnect(argument: _tsorch_v1_DisconnectNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_DisconnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  disconnect(argument: _tsorch_v1_DisconnectNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_DisconnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  disconnect(argument: _tsorch_v1_DisconnectNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_DisconnectNetworkResponse__Output>): grpc.ClientUnaryCall;
  
  Inspect(argument: _tsorch_v1_InspectNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectNetworkResponse__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _tsorch_v1_InspectNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_InspectNetworkResponse__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _tsorch_v1_InspectNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectNetworkResponse__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _tsorch_v1_InspectNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_InspectNetworkResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectNetworkResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_InspectNetworkResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectNetworkResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_InspectNetworkResponse__Output>): grpc.ClientUnaryCall;
  
  List(argument: _tsorch_v1_ListNetworksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListNetworksResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _tsorch_v1_ListNetworksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListNetworksResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _tsorch_v1_ListNetworksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListNetworksResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _tsorch_v1_ListNetworksRequest, callback: grpc.requestCallback<_tsorch_v1_ListNetworksResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListNetworksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListNetworksResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListNetworksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListNetworksResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListNetworksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListNetworksResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListNetworksRequest, callback: grpc.requestCallback<_tsorch_v1_ListNetworksResponse__Output>): grpc.ClientUnaryCall;
  
  Prune(argument: _tsorch_v1_PruneNetworksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneNetworksResponse__Output>): grpc.ClientUnaryCall;
  Prune(argument: _tsorch_v1_PruneNetworksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_PruneNetworksResponse__Output>): grpc.ClientUnaryCall;
  Prune(argument: _tsorch_v1_PruneNetworksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneNetworksResponse__Output>): grpc.ClientUnaryCall;
  Prune(argument: _tsorch_v1_PruneNetworksRequest, callback: grpc.requestCallback<_tsorch_v1_PruneNetworksResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneNetworksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneNetworksResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneNetworksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_PruneNetworksResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneNetworksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneNetworksResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneNetworksRequest, callback: grpc.requestCallback<_tsorch_v1_PruneNetworksResponse__Output>): grpc.ClientUnaryCall;
  
  Remove(argument: _tsorch_v1_RemoveNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveNetworkResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _tsorch_v1_RemoveNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveNetworkResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _tsorch_v1_RemoveNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveNetworkResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _tsorch_v1_RemoveNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveNetworkResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveNetworkResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveNetworkResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveNetworkResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveNetworkResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface NetworksHandlers extends grpc.UntypedServiceImplementation {
  Connect: grpc.handleUnaryCall<_tsorch_v1_ConnectNetworkRequest__Output, _tsorch_v1_ConnectNetworkResponse>;
  
  ContainerPorts: grpc.handleUnaryCall<_tsorch_v1_ContainerPortsRequest__Output, _tsorch_v1_ContainerPortsResponse>;
  
  Create: grpc.handleUnaryCall<_tsorch_v1_CreateNetworkRequest__Output, _tsorch_v1_CreateNetworkResponse>;
  
  Disconnect: grpc.handleUnaryCall<_tsorch_v1_DisconnectNetworkRequest__Output, _tsorch_v1_DisconnectNetworkResponse>;
  
  Inspect: grpc.handleUnaryCall<_tsorch_v1_InspectNetworkRequest__Output, _tsorch_v1_InspectNetworkResponse>;
  
  List: grpc.handleUnaryCall<_tsorch_v1_ListNetworksRequest__Output, _tsorch_v1_ListNetworksResponse>;
  
  Prune: grpc.handleUnaryCall<_tsorch_v1_PruneNetworksRequest__Output, _tsorch_v1_PruneNetworksResponse>;
  
  Remove: grpc.handleUnaryCall<_tsorch_v1_RemoveNetworkRequest__Output, _tsorch_v1_RemoveNetworkResponse>;
  
}

export interface NetworksDefinition extends grpc.ServiceDefinition {
  Connect: MethodDefinition<_tsorch_v1_ConnectNetworkRequest, _tsorch_v1_ConnectNetworkResponse, _tsorch_v1_ConnectNetworkRequest__Output, _tsorch_v1_ConnectNetworkResponse__Output>
  ContainerPorts: MethodDefinition<_tsorch_v1_ContainerPortsRequest, _tsorch_v1_ContainerPortsResponse, _tsorch_v1_ContainerPortsRequest__Output, _tsorch_v1_ContainerPortsResponse__Output>
  Create: MethodDefinition<_tsorch_v1_CreateNetworkRequest, _tsorch_v1_CreateNetworkResponse, _tsorch_v1_CreateNetworkRequest__Output, _tsorch_v1_CreateNetworkResponse__Output>
  Disconnect: MethodDefinition<_tsorch_v1_DisconnectNetworkRequest, _tsorch_v1_DisconnectNetworkResponse, _tsorch_v1_DisconnectNetworkRequest__Output, _tsorch_v1_DisconnectNetworkResponse__Output>
  Inspect: MethodDefinition<_tsorch_v1_InspectNetworkRequest, _tsorch_v1_InspectNetworkResponse, _tsorch_v1_InspectNetworkRequest__Output, _tsorch_v1_InspectNetworkResponse__Output>
  List: MethodDefinition<_tsorch_v1_ListNetworksRequest, _tsorch_v1_ListNetworksResponse, _tsorch_v1_ListNetworksRequest__Output, _tsorch_v1_ListNetworksResponse__Output>
  Prune: MethodDefinition<_tsorch_v1_PruneNetworksRequest, _tsorch_v1_PruneNetworksResponse, _tsorch_v1_PruneNetworksRequest__Output, _tsorch_v1_PruneNetworksResponse__Output>
  Remove: MethodDefinition<_tsorch_v1_RemoveNetworkRequest, _tsorch_v1_RemoveNetworkResponse, _tsorch_v1_RemoveNetworkRequest__Output, _tsorch_v1_RemoveNetworkResponse__Output>
}
