// Original file: tsorch/v1/objects.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateConfigRequest as _tsorch_v1_CreateConfigRequest, CreateConfigRequest__Output as _tsorch_v1_CreateConfigRequest__Output } from '../../tsorch/v1/CreateConfigRequest.js';
import type { CreateConfigResponse as _tsorch_v1_CreateConfigResponse, CreateConfigResponse__Output as _tsorch_v1_CreateConfigResponse__Output } from '../../tsorch/v1/CreateConfigResponse.js';
import type { GetConfigRequest as _tsorch_v1_GetConfigRequest, GetConfigRequest__Output as _tsorch_v1_GetConfigRequest__Output } from '../../tsorch/v1/GetConfigRequest.js';
import type { GetConfigResponse as _tsorch_v1_GetConfigResponse, GetConfigResponse__Output as _tsorch_v1_GetConfigResponse__Output } from '../../tsorch/v1/GetConfigResponse.js';
import type { ListConfigsRequest as _tsorch_v1_ListConfigsRequest, ListConfigsRequest__Output as _tsorch_v1_ListConfigsRequest__Output } from '../../tsorch/v1/ListConfigsRequest.js';
import type { ListConfigsResponse as _tsorch_v1_ListConfigsResponse, ListConfigsResponse__Output as _tsorch_v1_ListConfigsResponse__Output } from '../../tsorch/v1/ListConfigsResponse.js';
import type { RemoveConfigRequest as _tsorch_v1_RemoveConfigRequest, RemoveConfigRequest__Output as _tsorch_v1_RemoveConfigRequest__Output } from '../../tsorch/v1/RemoveConfigRequest.js';
import type { RemoveConfigResponse as _tsorch_v1_RemoveConfigResponse, RemoveConfigResponse__Output as _tsorch_v1_RemoveConfigResponse__Output } from '../../tsorch/v1/RemoveConfigResponse.js';

export interface ConfigsClient extends grpc.Client {
  CreateConfig(argument: _tsorch_v1_CreateConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateConfigResponse__Output>): grpc.ClientUnaryCall;
  CreateConfig(argument: _tsorch_v1_CreateConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateConfigResponse__Output>): grpc.ClientUnaryCall;
  CreateConfig(argument: _tsorch_v1_CreateConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateConfigResponse__Output>): grpc.ClientUnaryCall;
  CreateConfig(argument: _tsorch_v1_CreateConfigRequest, callback: grpc.requestCallback<_tsorch_v1_CreateConfigResponse__Output>): grpc.ClientUnaryCall;
  createConfig(argument: _tsorch_v1_CreateConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateConfigResponse__Output>): grpc.ClientUnaryCall;
  createConfig(argument: _tsorch_v1_CreateConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateConfigResponse__Output>): grpc.ClientUnaryCall;
  createConfig(argument: _tsorch_v1_CreateConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateConfigResponse__Output>): grpc.ClientUnaryCall;
  createConfig(argument: _tsorch_v1_CreateConfigRequest, callback: grpc.requestCallback<_tsorch_v1_CreateConfigResponse__Output>): grpc.ClientUnaryCall;
  
  GetConfig(argument: _tsorch_v1_GetConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetConfigResponse__Output>): grpc.ClientUnaryCall;
  GetConfig(argument: _tsorch_v1_GetConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetConfigResponse__Output>): grpc.ClientUnaryCall;
  GetConfig(argument: _tsorch_v1_GetConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetConfigResponse__Output>): grpc.ClientUnaryCall;
  GetConfig(argument: _tsorch_v1_GetConfigRequest, callback: grpc.requestCallback<_tsorch_v1_GetConfigResponse__Output>): grpc.ClientUnaryCall;
  getConfig(argument: _tsorch_v1_GetConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetConfigResponse__Output>): grpc.ClientUnaryCall;
  getConfig(argument: _tsorch_v1_GetConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetConfigResponse__Output>): grpc.ClientUnaryCall;
  getConfig(argument: _tsorch_v1_GetConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetConfigResponse__Output>): grpc.ClientUnaryCall;
  getConfig(argument: _tsorch_v1_GetConfigRequest, callback: grpc.requestCallback<_tsorch_v1_GetConfigResponse__Output>): grpc.ClientUnaryCall;
  
  ListConfigs(argument: _tsorch_v1_ListConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListConfigsResponse__Output>): grpc.ClientUnaryCall;
  ListConfigs(argument: _tsorch_v1_ListConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListConfigsResponse__Output>): grpc.ClientUnaryCall;
  ListConfigs(argument: _tsorch_v1_ListConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListConfigsResponse__Output>): grpc.ClientUnaryCall;
  ListConfigs(argument: _tsorch_v1_ListConfigsRequest, callback: grpc.requestCallback<_tsorch_v1_ListConfigsResponse__Output>): grpc.ClientUnaryCall;
  listConfigs(argument: _tsorch_v1_ListConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListConfigsResponse__Output>): grpc.ClientUnaryCall;
  listConfigs(argument: _tsorch_v1_ListConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListConfigsResponse__Output>): grpc.ClientUnaryCall;
  listConfigs(argument: _tsorch_v1_ListConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListConfigsResponse__Output>): grpc.ClientUnaryCall;
  listConfigs(argument: _tsorch_v1_ListConfigsRequest, callback: grpc.requestCallback<_tsorch_v1_ListConfigsResponse__Output>): grpc.ClientUnaryCall;
  
  RemoveConfig(argument: _tsorch_v1_RemoveConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveConfigResponse__Output>): grpc.ClientUnaryCall;
  RemoveConfig(argument: _tsorch_v1_RemoveConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveConfigResponse__Output>): grpc.ClientUnaryCall;
  RemoveConfig(argument: _tsorch_v1_RemoveConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveConfigResponse__Output>): grpc.ClientUnaryCall;
  RemoveConfig(argument: _tsorch_v1_RemoveConfigRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveConfigResponse__Output>): grpc.ClientUnaryCall;
  removeConfig(argument: _tsorch_v1_RemoveConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveConfigResponse__Output>): grpc.ClientUnaryCall;
  removeConfig(argument: _tsorch_v1_RemoveConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveConfigResponse__Output>): grpc.ClientUnaryCall;
  removeConfig(argument: _tsorch_v1_RemoveConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveConfigResponse__Output>): grpc.ClientUnaryCall;
  removeConfig(argument: _tsorch_v1_RemoveConfigRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveConfigResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ConfigsHandlers extends grpc.UntypedServiceImplementation {
  CreateConfig: grpc.handleUnaryCall<_tsorch_v1_CreateConfigRequest__Output, _tsorch_v1_CreateConfigResponse>;
  
  GetConfig: grpc.handleUnaryCall<_tsorch_v1_GetConfigRequest__Output, _tsorch_v1_GetConfigResponse>;
  
  ListConfigs: grpc.handleUnaryCall<_tsorch_v1_ListConfigsRequest__Output, _tsorch_v1_ListConfigsResponse>;
  
  RemoveConfig: grpc.handleUnaryCall<_tsorch_v1_RemoveConfigRequest__Output, _tsorch_v1_RemoveConfigResponse>;
  
}

export interface ConfigsDefinition extends grpc.ServiceDefinition {
  CreateConfig: MethodDefinition<_tsorch_v1_CreateConfigRequest, _tsorch_v1_CreateConfigResponse, _tsorch_v1_CreateConfigRequest__Output, _tsorch_v1_CreateConfigResponse__Output>
  GetConfig: MethodDefinition<_tsorch_v1_GetConfigRequest, _tsorch_v1_GetConfigResponse, _tsorch_v1_GetConfigRequest__Output, _tsorch_v1_GetConfigResponse__Output>
  ListConfigs: MethodDefinition<_tsorch_v1_ListConfigsRequest, _tsorch_v1_ListConfigsResponse, _tsorch_v1_ListConfigsRequest__Output, _tsorch_v1_ListConfigsResponse__Output>
  RemoveConfig: MethodDefinition<_tsorch_v1_RemoveConfigRequest, _tsorch_v1_RemoveConfigResponse, _tsorch_v1_RemoveConfigRequest__Output, _tsorch_v1_RemoveConfigResponse__Output>
}
