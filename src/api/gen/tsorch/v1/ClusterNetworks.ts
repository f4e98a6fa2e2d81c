// Original file: tsorch/v1/objects.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateClusterNetworkRequest as _tsorch_v1_CreateClusterNetworkRequest, CreateClusterNetworkRequest__Output as _tsorch_v1_CreateClusterNetworkRequest__Output } from '../../tsorch/v1/CreateClusterNetworkRequest.js';
import type { CreateClusterNetworkResponse as _tsorch_v1_CreateClusterNetworkResponse, CreateClusterNetworkResponse__Output as _tsorch_v1_CreateClusterNetworkResponse__Output } from '../../tsorch/v1/CreateClusterNetworkResponse.js';
import type { GetClusterNetworkRequest as _tsorch_v1_GetClusterNetworkRequest, GetClusterNetworkRequest__Output as _tsorch_v1_GetClusterNetworkRequest__Output } from '../../tsorch/v1/GetClusterNetworkRequest.js';
import type { GetClusterNetworkResponse as _tsorch_v1_GetClusterNetworkResponse, GetClusterNetworkResponse__Output as _tsorch_v1_GetClusterNetworkResponse__Output } from '../../tsorch/v1/GetClusterNetworkResponse.js';
import type { ListClusterNetworksRequest as _tsorch_v1_ListClusterNetworksRequest, ListClusterNetworksRequest__Output as _tsorch_v1_ListClusterNetworksRequest__Output } from '../../tsorch/v1/ListClusterNetworksRequest.js';
import type { ListClusterNetworksResponse as _tsorch_v1_ListClusterNetworksResponse, ListClusterNetworksResponse__Output as _tsorch_v1_ListClusterNetworksResponse__Output } from '../../tsorch/v1/ListClusterNetworksResponse.js';
import type { RemoveClusterNetworkRequest as _tsorch_v1_RemoveClusterNetworkRequest, RemoveClusterNetworkRequest__Output as _tsorch_v1_RemoveClusterNetworkRequest__Output } from '../../tsorch/v1/RemoveClusterNetworkRequest.js';
import type { RemoveClusterNetworkResponse as _tsorch_v1_RemoveClusterNetworkResponse, RemoveClusterNetworkResponse__Output as _tsorch_v1_RemoveClusterNetworkResponse__Output } from '../../tsorch/v1/RemoveClusterNetworkResponse.js';

export interface ClusterNetworksClient extends grpc.Client {
  CreateClusterNetwork(argument: _tsorch_v1_CreateClusterNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  CreateClusterNetwork(argument: _tsorch_v1_CreateClusterNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  CreateClusterNetwork(argument: _tsorch_v1_CreateClusterNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  CreateClusterNetwork(argument: _tsorch_v1_CreateClusterNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_CreateClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  createClusterNetwork(argument: _tsorch_v1_CreateClusterNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  createClusterNetwork(argument: _tsorch_v1_CreateClusterNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  createClusterNetwork(argument: _tsorch_v1_CreateClusterNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  createClusterNetwork(argument: _tsorch_v1_CreateClusterNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_CreateClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  
  GetClusterNetwork(argument: _tsorch_v1_GetClusterNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  GetClusterNetwork(argument: _tsorch_v1_GetClusterNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  GetClusterNetwork(argument: _tsorch_v1_GetClusterNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  GetClusterNetwork(argument: _tsorch_v1_GetClusterNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_GetClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  getClusterNetwork(argument: _tsorch_v1_GetClusterNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  getClusterNetwork(argument: _tsorch_v1_GetClusterNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  getClusterNetwork(argument: _tsorch_v1_GetClusterNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  getClusterNetwork(argument: _tsorch_v1_GetClusterNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_GetClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  
  ListClusterNetworks(argument: _tsorch_v1_ListClusterNetworksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListClusterNetworksResponse__Output>): grpc.ClientUnaryCall;
  ListClusterNetworks(argument: _tsorch_v1_ListClusterNetworksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListClusterNetworksResponse__Output>): grpc.ClientUnaryCall;
  ListClusterNetworks(argument: _tsorch_v1_ListClusterNetworksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListClusterNetworksResponse__Output>): grpc.ClientUnaryCall;
  ListClusterNetworks(argument: _tsorch_v1_ListClusterNetworksRequest, callback: grpc.requestCallback<_tsorch_v1_ListClusterNetworksResponse__Output>): grpc.ClientUnaryCall;
  listClusterNetworks(argument: _tsorch_v1_ListClusterNetworksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListClusterNetworksResponse__Output>): grpc.ClientUnaryCall;
  listClusterNetworks(argument: _tsorch_v1_ListClusterNetworksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListClusterNetworksResponse__Output>): grpc.ClientUnaryCall;
  listClusterNetworks(argument: _tsorch_v1_ListClusterNetworksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListClusterNetworksResponse__Output>): grpc.ClientUnaryCall;
  listClusterNetworks(argument: _tsorch_v1_ListClusterNetworksRequest, callback: grpc.requestCallback<_tsorch_v1_ListClusterNetworksResponse__Output>): grpc.ClientUnaryCall;
  
  RemoveClusterNetwork(argument: _tsorch_v1_RemoveClusterNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  RemoveClusterNetwork(argument: _tsorch_v1_RemoveClusterNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  RemoveClusterNetwork(argument: _tsorch_v1_RemoveClusterNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  RemoveClusterNetwork(argument: _tsorch_v1_RemoveClusterNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  removeClusterNetwork(argument: _tsorch_v1_RemoveClusterNetworkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  removeClusterNetwork(argument: _tsorch_v1_RemoveClusterNetworkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  removeClusterNetwork(argument: _tsorch_v1_RemoveClusterNetworkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  removeClusterNetwork(argument: _tsorch_v1_RemoveClusterNetworkRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterNetworkResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ClusterNetworksHandlers extends grpc.UntypedServiceImplementation {
  CreateClusterNetwork: grpc.handleUnaryCall<_tsorch_v1_CreateClusterNetworkRequest__Output, _tsorch_v1_CreateClusterNetworkResponse>;
  
  GetClusterNetwork: grpc.handleUnaryCall<_tsorch_v1_GetClusterNetworkRequest__Output, _tsorch_v1_GetClusterNetworkResponse>;
  
  ListClusterNetworks: grpc.handleUnaryCall<_tsorch_v1_ListClusterNetworksRequest__Output, _tsorch_v1_ListClusterNetworksResponse>;
  
  RemoveClusterNetwork: grpc.handleUnaryCall<_tsorch_v1_RemoveClusterNetworkRequest__Output, _tsorch_v1_RemoveClusterNetworkResponse>;
  
}

export interface ClusterNetworksDefinition extends grpc.ServiceDefinition {
  CreateClusterNetwork: MethodDefinition<_tsorch_v1_CreateClusterNetworkRequest, _tsorch_v1_CreateClusterNetworkResponse, _tsorch_v1_CreateClusterNetworkRequest__Output, _tsorch_v1_CreateClusterNetworkResponse__Output>
  GetClusterNetwork: MethodDefinition<_tsorch_v1_GetClusterNetworkRequest, _tsorch_v1_GetClusterNetworkResponse, _tsorch_v1_GetClusterNetworkRequest__Output, _tsorch_v1_GetClusterNetworkResponse__Output>
  ListClusterNetworks: MethodDefinition<_tsorch_v1_ListClusterNetworksRequest, _tsorch_v1_ListClusterNetworksResponse, _tsorch_v1_ListClusterNetworksRequest__Output, _tsorch_v1_ListClusterNetworksResponse__Output>
  RemoveClusterNetwork: MethodDefinition<_tsorch_v1_RemoveClusterNetworkRequest, _tsorch_v1_RemoveClusterNetworkResponse, _tsorch_v1_RemoveClusterNetworkRequest__Output, _tsorch_v1_RemoveClusterNetworkResponse__Output>
}
