// Original file: tsorch/v1/containers.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateVolumeRequest as _tsorch_v1_CreateVolumeRequest, CreateVolumeRequest__Output as _tsorch_v1_CreateVolumeRequest__Output } from '../../tsorch/v1/CreateVolumeRequest.js';
import type { CreateVolumeResponse as _tsorch_v1_CreateVolumeResponse, CreateVolumeResponse__Output as _tsorch_v1_CreateVolumeResponse__Output } from '../../tsorch/v1/CreateVolumeResponse.js';
import type { InspectVolumeRequest as _tsorch_v1_InspectVolumeRequest, InspectVolumeRequest__Output as _tsorch_v1_InspectVolumeRequest__Output } from '../../tsorch/v1/InspectVolumeRequest.js';
import type { InspectVolumeResponse as _tsorch_v1_InspectVolumeResponse, InspectVolumeResponse__Output as _tsorch_v1_InspectVolumeResponse__Output } from '../../tsorch/v1/InspectVolumeResponse.js';
import type { ListVolumesRequest as _tsorch_v1_ListVolumesRequest, ListVolumesRequest__Output as _tsorch_v1_ListVolumesRequest__Output } from '../../tsorch/v1/ListVolumesRequest.js';
import type { ListVolumesResponse as _tsorch_v1_ListVolumesResponse, ListVolumesResponse__Output as _tsorch_v1_ListVolumesResponse__Output } from '../../tsorch/v1/ListVolumesResponse.js';
import type { PruneVolumesRequest as _tsorch_v1_PruneVolumesRequest, PruneVolumesRequest__Output as _tsorch_v1_PruneVolumesRequest__Output } from '../../tsorch/v1/PruneVolumesRequest.js';
import type { PruneVolumesResponse as _tsorch_v1_PruneVolumesResponse, PruneVolumesResponse__Output as _tsorch_v1_PruneVolumesResponse__Output } from '../../tsorch/v1/PruneVolumesResponse.js';
import type { RemoveVolumeRequest as _tsorch_v1_RemoveVolumeRequest, RemoveVolumeRequest__Output as _tsorch_v1_RemoveVolumeRequest__Output } from '../../tsorch/v1/RemoveVolumeRequest.js';
import type { RemoveVolumeResponse as _tsorch_v1_RemoveVolumeResponse, RemoveVolumeResponse__Output as _tsorch_v1_RemoveVolumeResponse__Output } from '../../tsorch/v1/RemoveVolumeResponse.js';

export interface VolumesClient extends grpc.Client {
  Create(argument: _tsorch_v1_CreateVolumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateVolumeResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _tsorch_v1_CreateVolumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateVolumeResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _tsorch_v1_CreateVolumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateVolumeResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _tsorch_v1_CreateVolumeRequest, callback: grpc.requestCallback<_tsorch_v1_CreateVolumeResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _tsorch_v1_CreateVolumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateVolumeResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _tsorch_v1_CreateVolumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateVolumeResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _tsorch_v1_CreateVolumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateVolumeResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _tsorch_v1_CreateVolumeRequest, callback: grpc.requestCallback<_tsorch_v1_CreateVolumeResponse__Output>): grpc.ClientUnaryCall;
  
  Inspect(argument: _tsorch_v1_InspectVolumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectVolumeResponse__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _tsorch_v1_InspectVolumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_InspectVolumeResponse__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _tsorch_v1_InspectVolumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectVolumeResponse__Output>): grpc.ClientUnaryCall;
  Inspect(argument: _tsorch_v1_InspectVolumeRequest, callback: grpc.requestCallback<_tsorch_v1_InspectVolumeResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectVolumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectVolumeResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectVolumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_InspectVolumeResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectVolumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InspectVolumeResponse__Output>): grpc.ClientUnaryCall;
  inspect(argument: _tsorch_v1_InspectVolumeRequest, callback: grpc.requestCallback<_tsorch_v1_InspectVolumeResponse__Output>): grpc.ClientUnaryCall;
  
  List(argument: _tsorch_v1_ListVolumesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListVolumesResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _tsorch_v1_ListVolumesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListVolumesResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _tsorch_v1_ListVolumesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListVolumesResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _tsorch_v1_ListVolumesRequest, callback: grpc.requestCallback<_tsorch_v1_ListVolumesResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListVolumesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListVolumesResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListVolumesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListVolumesResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListVolumesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListVolumesResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _tsorch_v1_ListVolumesRequest, callback: grpc.requestCallback<_tsorch_v1_ListVolumesResponse__Output>): grpc.ClientUnaryCall;
  
  Prune(argument: _tsorch_v1_PruneVolumesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneVolumesResponse__Output>): grpc.ClientUnaryCall;
  Prune(argument: _tsorch_v1_PruneVolumesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_PruneVolumesResponse__Output>): grpc.ClientUnaryCall;
  Prune(argument: _tsorch_v1_PruneVolumesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneVolumesResponse__Output>): grpc.ClientUnaryCall;
  Prune(argument: _tsorch_v1_PruneVolumesRequest, callback: grpc.requestCallback<_tsorch_v1_PruneVolumesResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneVolumesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneVolumesResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneVolumesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_PruneVolumesResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneVolumesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneVolumesResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneVolumesRequest, callback: grpc.requestCallback<_tsorch_v1_PruneVolumesResponse__Output>): grpc.ClientUnaryCall;
  
  Remove(argument: _tsorch_v1_RemoveVolumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveVolumeResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _tsorch_v1_RemoveVolumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveVolumeResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _tsorch_v1_RemoveVolumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveVolumeResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _tsorch_v1_RemoveVolumeRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveVolumeResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveVolumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveVolumeResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveVolumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveVolumeResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveVolumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveVolumeResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _tsorch_v1_RemoveVolumeRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveVolumeResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface VolumesHandlers extends grpc.UntypedServiceImplementation {
  Create: grpc.handleUnaryCall<_tsorch_v1_CreateVolumeRequest__Output, _tsorch_v1_CreateVolumeResponse>;
  
  Inspect: grpc.handleUnaryCall<_tsorch_v1_InspectVolumeRequest__Output, _tsorch_v1_InspectVolumeResponse>;
  
  List: grpc.handleUnaryCall<_tsorch_v1_ListVolumesRequest__Output, _tsorch_v1_ListVolumesResponse>;
  
  Prune: grpc.handleUnaryCall<_tsorch_v1_PruneVolumesRequest__Output, _tsorch_v1_PruneVolumesResponse>;
  
  Remove: grpc.handleUnaryCall<_tsorch_v1_RemoveVolumeRequest__Output, _tsorch_v1_RemoveVolumeResponse>;
  
}

export interface VolumesDefinition extends grpc.ServiceDefinition {
  Create: MethodDefinition<_tsorch_v1_CreateVolumeRequest, _tsorch_v1_CreateVolumeResponse, _tsorch_v1_CreateVolumeRequest__Output, _tsorch_v1_CreateVolumeResponse__Output>
  Inspect: MethodDefinition<_tsorch_v1_InspectVolumeRequest, _tsorch_v1_InspectVolumeResponse, _tsorch_v1_InspectVolumeRequest__Output, _tsorch_v1_InspectVolumeResponse__Output>
  List: MethodDefinition<_tsorch_v1_ListVolumesRequest, _tsorch_v1_ListVolumesResponse, _tsorch_v1_ListVolumesRequest__Output, _tsorch_v1_ListVolumesResponse__Output>
  Prune: MethodDefinition<_tsorch_v1_PruneVolumesRequest, _tsorch_v1_PruneVolumesResponse, _tsorch_v1_PruneVolumesRequest__Output, _tsorch_v1_PruneVolumesResponse__Output>
  Remove: MethodDefinition<_tsorch_v1_RemoveVolumeRequest, _tsorch_v1_RemoveVolumeResponse, _tsorch_v1_RemoveVolumeRequest__Output, _tsorch_v1_RemoveVolumeResponse__Output>
}
