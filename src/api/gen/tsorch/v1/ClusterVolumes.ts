// Original file: tsorch/v1/objects.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateClusterVolumeRequest as _tsorch_v1_CreateClusterVolumeRequest, CreateClusterVolumeRequest__Output as _tsorch_v1_CreateClusterVolumeRequest__Output } from '../../tsorch/v1/CreateClusterVolumeRequest.js';
import type { CreateClusterVolumeResponse as _tsorch_v1_CreateClusterVolumeResponse, CreateClusterVolumeResponse__Output as _tsorch_v1_CreateClusterVolumeResponse__Output } from '../../tsorch/v1/CreateClusterVolumeResponse.js';
import type { GetClusterVolumeRequest as _tsorch_v1_GetClusterVolumeRequest, GetClusterVolumeRequest__Output as _tsorch_v1_GetClusterVolumeRequest__Output } from '../../tsorch/v1/GetClusterVolumeRequest.js';
import type { GetClusterVolumeResponse as _tsorch_v1_GetClusterVolumeResponse, GetClusterVolumeResponse__Output as _tsorch_v1_GetClusterVolumeResponse__Output } from '../../tsorch/v1/GetClusterVolumeResponse.js';
import type { ListClusterVolumesRequest as _tsorch_v1_ListClusterVolumesRequest, ListClusterVolumesRequest__Output as _tsorch_v1_ListClusterVolumesRequest__Output } from '../../tsorch/v1/ListClusterVolumesRequest.js';
import type { ListClusterVolumesResponse as _tsorch_v1_ListClusterVolumesResponse, ListClusterVolumesResponse__Output as _tsorch_v1_ListClusterVolumesResponse__Output } from '../../tsorch/v1/ListClusterVolumesResponse.js';
import type { RemoveClusterVolumeRequest as _tsorch_v1_RemoveClusterVolumeRequest, RemoveClusterVolumeRequest__Output as _tsorch_v1_RemoveClusterVolumeRequest__Output } from '../../tsorch/v1/RemoveClusterVolumeRequest.js';
import type { RemoveClusterVolumeResponse as _tsorch_v1_RemoveClusterVolumeResponse, RemoveClusterVolumeResponse__Output as _tsorch_v1_RemoveClusterVolumeResponse__Output } from '../../tsorch/v1/RemoveClusterVolumeResponse.js';

export interface ClusterVolumesClient extends grpc.Client {
  CreateClusterVolume(argument: _tsorch_v1_CreateClusterVolumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  CreateClusterVolume(argument: _tsorch_v1_CreateClusterVolumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  CreateClusterVolume(argument: _tsorch_v1_CreateClusterVolumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  CreateClusterVolume(argument: _tsorch_v1_CreateClusterVolumeRequest, callback: grpc.requestCallback<_tsorch_v1_CreateClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  createClusterVolume(argument: _tsorch_v1_CreateClusterVolumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  createClusterVolume(argument: _tsorch_v1_CreateClusterVolumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  createClusterVolume(argument: _tsorch_v1_CreateClusterVolumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  createClusterVolume(argument: _tsorch_v1_CreateClusterVolumeRequest, callback: grpc.requestCallback<_tsorch_v1_CreateClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  
  GetClusterVolume(argument: _tsorch_v1_GetClusterVolumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  GetClusterVolume(argument: _tsorch_v1_GetClusterVolumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  GetClusterVolume(argument: _tsorch_v1_GetClusterVolumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  GetClusterVolume(argument: _tsorch_v1_GetClusterVolumeRequest, callback: grpc.requestCallback<_tsorch_v1_GetClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  getClusterVolume(argument: _tsorch_v1_GetClusterVolumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  getClusterVolume(argument: _tsorch_v1_GetClusterVolumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  getClusterVolume(argument: _tsorch_v1_GetClusterVolumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  getClusterVolume(argument: _tsorch_v1_GetClusterVolumeRequest, callback: grpc.requestCallback<_tsorch_v1_GetClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  
  ListClusterVolumes(argument: _tsorch_v1_ListClusterVolumesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListClusterVolumesResponse__Output>): grpc.ClientUnaryCall;
  ListClusterVolumes(argument: _tsorch_v1_ListClusterVolumesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListClusterVolumesResponse__Output>): grpc.ClientUnaryCall;
  ListClusterVolumes(argument: _tsorch_v1_ListClusterVolumesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListClusterVolumesResponse__Output>): grpc.ClientUnaryCall;
  ListClusterVolumes(argument: _tsorch_v1_ListClusterVolumesRequest, callback: grpc.requestCallback<_tsorch_v1_ListClusterVolumesResponse__Output>): grpc.ClientUnaryCall;
  listClusterVolumes(argument: _tsorch_v1_ListClusterVolumesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListClusterVolumesResponse__Output>): grpc.ClientUnaryCall;
  listClusterVolumes(argument: _tsorch_v1_ListClusterVolumesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListClusterVolumesResponse__Output>): grpc.ClientUnaryCall;
  listClusterVolumes(argument: _tsorch_v1_ListClusterVolumesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListClusterVolumesResponse__Output>): grpc.ClientUnaryCall;
  listClusterVolumes(argument: _tsorch_v1_ListClusterVolumesRequest, callback: grpc.requestCallback<_tsorch_v1_ListClusterVolumesResponse__Output>): grpc.ClientUnaryCall;
  
  RemoveClusterVolume(argument: _tsorch_v1_RemoveClusterVolumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  RemoveClusterVolume(argument: _tsorch_v1_RemoveClusterVolumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  RemoveClusterVolume(argument: _tsorch_v1_RemoveClusterVolumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  RemoveClusterVolume(argument: _tsorch_v1_RemoveClusterVolumeRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  removeClusterVolume(argument: _tsorch_v1_RemoveClusterVolumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  removeClusterVolume(argument: _tsorch_v1_RemoveClusterVolumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  removeClusterVolume(argument: _tsorch_v1_RemoveClusterVolumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  removeClusterVolume(argument: _tsorch_v1_RemoveClusterVolumeRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveClusterVolumeResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ClusterVolumesHandlers extends grpc.UntypedServiceImplementation {
  CreateClusterVolume: grpc.handleUnaryCall<_tsorch_v1_CreateClusterVolumeRequest__Output, _tsorch_v1_CreateClusterVolumeResponse>;
  
  GetClusterVolume: grpc.handleUnaryCall<_tsorch_v1_GetClusterVolumeRequest__Output, _tsorch_v1_GetClusterVolumeResponse>;
  
  ListClusterVolumes: grpc.handleUnaryCall<_tsorch_v1_ListClusterVolumesRequest__Output, _tsorch_v1_ListClusterVolumesResponse>;
  
  RemoveClusterVolume: grpc.handleUnaryCall<_tsorch_v1_RemoveClusterVolumeRequest__Output, _tsorch_v1_RemoveClusterVolumeResponse>;
  
}

export interface ClusterVolumesDefinition extends grpc.ServiceDefinition {
  CreateClusterVolume: MethodDefinition<_tsorch_v1_CreateClusterVolumeRequest, _tsorch_v1_CreateClusterVolumeResponse, _tsorch_v1_CreateClusterVolumeRequest__Output, _tsorch_v1_CreateClusterVolumeResponse__Output>
  GetClusterVolume: MethodDefinition<_tsorch_v1_GetClusterVolumeRequest, _tsorch_v1_GetClusterVolumeResponse, _tsorch_v1_GetClusterVolumeRequest__Output, _tsorch_v1_GetClusterVolumeResponse__Output>
  ListClusterVolumes: MethodDefinition<_tsorch_v1_ListClusterVolumesRequest, _tsorch_v1_ListClusterVolumesResponse, _tsorch_v1_ListClusterVolumesRequest__Output, _tsorch_v1_ListClusterVolumesResponse__Output>
  RemoveClusterVolume: MethodDefinition<_tsorch_v1_RemoveClusterVolumeRequest, _tsorch_v1_RemoveClusterVolumeResponse, _tsorch_v1_RemoveClusterVolumeRequest__Output, _tsorch_v1_RemoveClusterVolumeResponse__Output>
}
