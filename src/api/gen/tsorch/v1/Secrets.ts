// Original file: tsorch/v1/objects.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateSecretRequest as _tsorch_v1_CreateSecretRequest, CreateSecretRequest__Output as _tsorch_v1_CreateSecretRequest__Output } from '../../tsorch/v1/CreateSecretRequest.js';
import type { CreateSecretResponse as _tsorch_v1_CreateSecretResponse, CreateSecretResponse__Output as _tsorch_v1_CreateSecretResponse__Output } from '../../tsorch/v1/CreateSecretResponse.js';
import type { GetSecretRequest as _tsorch_v1_GetSecretRequest, GetSecretRequest__Output as _tsorch_v1_GetSecretRequest__Output } from '../../tsorch/v1/GetSecretRequest.js';
import type { GetSecretResponse as _tsorch_v1_GetSecretResponse, GetSecretResponse__Output as _tsorch_v1_GetSecretResponse__Output } from '../../tsorch/v1/GetSecretResponse.js';
import type { ListSecretsRequest as _tsorch_v1_ListSecretsRequest, ListSecretsRequest__Output as _tsorch_v1_ListSecretsRequest__Output } from '../../tsorch/v1/ListSecretsRequest.js';
import type { ListSecretsResponse as _tsorch_v1_ListSecretsResponse, ListSecretsResponse__Output as _tsorch_v1_ListSecretsResponse__Output } from '../../tsorch/v1/ListSecretsResponse.js';
import type { RemoveSecretRequest as _tsorch_v1_RemoveSecretRequest, RemoveSecretRequest__Output as _tsorch_v1_RemoveSecretRequest__Output } from '../../tsorch/v1/RemoveSecretRequest.js';
import type { RemoveSecretResponse as _tsorch_v1_RemoveSecretResponse, RemoveSecretResponse__Output as _tsorch_v1_RemoveSecretResponse__Output } from '../../tsorch/v1/RemoveSecretResponse.js';

export interface SecretsClient extends grpc.Client {
  CreateSecret(argument: _tsorch_v1_CreateSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  CreateSecret(argument: _tsorch_v1_CreateSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  CreateSecret(argument: _tsorch_v1_CreateSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  CreateSecret(argument: _tsorch_v1_CreateSecretRequest, callback: grpc.requestCallback<_tsorch_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  createSecret(argument: _tsorch_v1_CreateSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  createSecret(argument: _tsorch_v1_CreateSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  createSecret(argument: _tsorch_v1_CreateSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  createSecret(argument: _tsorch_v1_CreateSecretRequest, callback: grpc.requestCallback<_tsorch_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  
  GetSecret(argument: _tsorch_v1_GetSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  GetSecret(argument: _tsorch_v1_GetSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  GetSecret(argument: _tsorch_v1_GetSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  GetSecret(argument: _tsorch_v1_GetSecretRequest, callback: grpc.requestCallback<_tsorch_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _tsorch_v1_GetSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _tsorch_v1_GetSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _tsorch_v1_GetSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _tsorch_v1_GetSecretRequest, callback: grpc.requestCallback<_tsorch_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  
  ListSecrets(argument: _tsorch_v1_ListSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListSecrets(argument: _tsorch_v1_ListSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListSecrets(argument: _tsorch_v1_ListSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListSecrets(argument: _tsorch_v1_ListSecretsRequest, callback: grpc.requestCallback<_tsorch_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _tsorch_v1_ListSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _tsorch_v1_ListSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _tsorch_v1_ListSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _tsorch_v1_ListSecretsRequest, callback: grpc.requestCallback<_tsorch_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  
  RemoveSecret(argument: _tsorch_v1_RemoveSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveSecretResponse__Output>): grpc.ClientUnaryCall;
  RemoveSecret(argument: _tsorch_v1_RemoveSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveSecretResponse__Output>): grpc.ClientUnaryCall;
  RemoveSecret(argument: _tsorch_v1_RemoveSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveSecretResponse__Output>): grpc.ClientUnaryCall;
  RemoveSecret(argument: _tsorch_v1_RemoveSecretRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveSecretResponse__Output>): grpc.ClientUnaryCall;
  removeSecret(argument: _tsorch_v1_RemoveSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveSecretResponse__Output>): grpc.ClientUnaryCall;
  removeSecret(argument: _tsorch_v1_RemoveSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RemoveSecretResponse__Output>): grpc.ClientUnaryCall;
  removeSecret(argument: _tsorch_v1_RemoveSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RemoveSecretResponse__Output>): grpc.ClientUnaryCall;
  removeSecret(argument: _tsorch_v1_RemoveSecretRequest, callback: grpc.requestCallback<_tsorch_v1_RemoveSecretResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface SecretsHandlers extends grpc.UntypedServiceImplementation {
  CreateSecret: grpc.handleUnaryCall<_tsorch_v1_CreateSecretRequest__Output, _tsorch_v1_CreateSecretResponse>;
  
  GetSecret: grpc.handleUnaryCall<_tsorch_v1_GetSecretRequest__Output, _tsorch_v1_GetSecretResponse>;
  
  ListSecrets: grpc.handleUnaryCall<_tsorch_v1_ListSecretsRequest__Output, _tsorch_v1_ListSecretsResponse>;
  
  RemoveSecret: grpc.handleUnaryCall<_tsorch_v1_RemoveSecretRequest__Output, _tsorch_v1_RemoveSecretResponse>;
  
}

export interface SecretsDefinition extends grpc.ServiceDefinition {
  CreateSecret: MethodDefinition<_tsorch_v1_CreateSecretRequest, _tsorch_v1_CreateSecretResponse, _tsorch_v1_CreateSecretRequest__Output, _tsorch_v1_CreateSecretResponse__Output>
  GetSecret: MethodDefinition<_tsorch_v1_GetSecretRequest, _tsorch_v1_GetSecretResponse, _tsorch_v1_GetSecretRequest__Output, _tsorch_v1_GetSecretResponse__Output>
  ListSecrets: MethodDefinition<_tsorch_v1_ListSecretsRequest, _tsorch_v1_ListSecretsResponse, _tsorch_v1_ListSecretsRequest__Output, _tsorch_v1_ListSecretsResponse__Output>
  RemoveSecret: MethodDefinition<_tsorch_v1_RemoveSecretRequest, _tsorch_v1_RemoveSecretResponse, _tsorch_v1_RemoveSecretRequest__Output, _tsorch_v1_RemoveSecretResponse__Output>
}
