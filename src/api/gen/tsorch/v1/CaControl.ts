// Original file: tsorch/v1/ca.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetCaStatusRequest as _tsorch_v1_GetCaStatusRequest, GetCaStatusRequest__Output as _tsorch_v1_GetCaStatusRequest__Output } from '../../tsorch/v1/GetCaStatusRequest.js';
import type { GetCaStatusResponse as _tsorch_v1_GetCaStatusResponse, GetCaStatusResponse__Output as _tsorch_v1_GetCaStatusResponse__Output } from '../../tsorch/v1/GetCaStatusResponse.js';
import type { GetUnlockKeyRequest as _tsorch_v1_GetUnlockKeyRequest, GetUnlockKeyRequest__Output as _tsorch_v1_GetUnlockKeyRequest__Output } from '../../tsorch/v1/GetUnlockKeyRequest.js';
import type { GetUnlockKeyResponse as _tsorch_v1_GetUnlockKeyResponse, GetUnlockKeyResponse__Output as _tsorch_v1_GetUnlockKeyResponse__Output } from '../../tsorch/v1/GetUnlockKeyResponse.js';
import type { RotateRootCaRequest as _tsorch_v1_RotateRootCaRequest, RotateRootCaRequest__Output as _tsorch_v1_RotateRootCaRequest__Output } from '../../tsorch/v1/RotateRootCaRequest.js';
import type { RotateRootCaResponse as _tsorch_v1_RotateRootCaResponse, RotateRootCaResponse__Output as _tsorch_v1_RotateRootCaResponse__Output } from '../../tsorch/v1/RotateRootCaResponse.js';
import type { UnlockRequest as _tsorch_v1_UnlockRequest, UnlockRequest__Output as _tsorch_v1_UnlockRequest__Output } from '../../tsorch/v1/UnlockRequest.js';
import type { UnlockResponse as _tsorch_v1_UnlockResponse, UnlockResponse__Output as _tsorch_v1_UnlockResponse__Output } from '../../tsorch/v1/UnlockResponse.js';

export interface CaControlClient extends grpc.Client {
  GetCaStatus(argument: _tsorch_v1_GetCaStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  GetCaStatus(argument: _tsorch_v1_GetCaStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  GetCaStatus(argument: _tsorch_v1_GetCaStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  GetCaStatus(argument: _tsorch_v1_GetCaStatusRequest, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  getCaStatus(argument: _tsorch_v1_GetCaStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  getCaStatus(argument: _tsorch_v1_GetCaStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  getCaStatus(argument: _tsorch_v1_GetCaStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  getCaStatus(argument: _tsorch_v1_GetCaStatusRequest, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  
  GetUnlockKey(argument: _tsorch_v1_GetUnlockKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetUnlockKeyResponse__Output>): grpc.ClientUnaryCall;
  GetUnlockKey(argument: _tsorch_v1_GetUnlockKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetUnlockKeyResponse__Output>): grpc.ClientUnaryCall;
  GetUnlockKey(argument: _tsorch_v1_GetUnlockKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetUnlockKeyResponse__Output>): grpc.ClientUnaryCall;
  GetUnlockKey(argument: _tsorch_v1_GetUnlockKeyRequest, callback: grpc.requestCallback<_tsorch_v1_GetUnlockKeyResponse__Output>): grpc.ClientUnaryCall;
  getUnlockKey(argument: _tsorch_v1_GetUnlockKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetUnlockKeyResponse__Output>): grpc.ClientUnaryCall;
  getUnlockKey(argument: _tsorch_v1_GetUnlockKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetUnlockKeyResponse__Output>): grpc.ClientUnaryCall;
  getUnlockKey(argument: _tsorch_v1_GetUnlockKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetUnlockKeyResponse__Output>): grpc.ClientUnaryCall;
  getUnlockKey(argument: _tsorch_v1_GetUnlockKeyRequest, callback: grpc.requestCallback<_tsorch_v1_GetUnlockKeyResponse__Output>): grpc.ClientUnaryCall;
  
  RotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  RotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  RotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  RotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  rotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  rotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  rotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  rotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  
  Unlock(argument: _tsorch_v1_UnlockRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UnlockResponse__Output>): grpc.ClientUnaryCall;
  Unlock(argument: _tsorch_v1_UnlockRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_UnlockResponse__Output>): grpc.ClientUnaryCall;
  Unlock(argument: _tsorch_v1_UnlockRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UnlockResponse__Output>): grpc.ClientUnaryCall;
  Unlock(argument: _tsorch_v1_UnlockRequest, callback: grpc.requestCallback<_tsorch_v1_UnlockResponse__Output>): grpc.ClientUnaryCall;
  unlock(argument: _tsorch_v1_UnlockRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UnlockResponse__Output>): grpc.ClientUnaryCall;
  unlock(argument: _tsorch_v1_UnlockRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_UnlockResponse__Output>): grpc.ClientUnaryCall;
  unlock(argument: _tsorch_v1_UnlockRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_UnlockResponse__Output>): grpc.ClientUnaryCall;
  unlock(argument: _tsorch_v1_UnlockRequest, callback: grpc.requestCallback<_tsorch_v1_UnlockResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface CaControlHandlers extends grpc.UntypedServiceImplementation {
  GetCaStatus: grpc.handleUnaryCall<_tsorch_v1_GetCaStatusRequest__Output, _tsorch_v1_GetCaStatusResponse>;
  
  GetUnlockKey: grpc.handleUnaryCall<_tsorch_v1_GetUnlockKeyRequest__Output, _tsorch_v1_GetUnlockKeyResponse>;
  
  RotateRootCa: grpc.handleUnaryCall<_tsorch_v1_RotateRootCaRequest__Output, _tsorch_v1_RotateRootCaResponse>;
  
  Unlock: grpc.handleUnaryCall<_tsorch_v1_UnlockRequest__Output, _tsorch_v1_UnlockResponse>;
  
}

export interface CaControlDefinition extends grpc.ServiceDefinition {
  GetCaStatus: MethodDefinition<_tsorch_v1_GetCaStatusRequest, _tsorch_v1_GetCaStatusResponse, _tsorch_v1_GetCaStatusRequest__Output, _tsorch_v1_GetCaStatusResponse__Output>
  GetUnlockKey: MethodDefinition<_tsorch_v1_GetUnlockKeyRequest, _tsorch_v1_GetUnlockKeyResponse, _tsorch_v1_GetUnlockKeyRequest__Output, _tsorch_v1_GetUnlockKeyResponse__Output>
  RotateRootCa: MethodDefinition<_tsorch_v1_RotateRootCaRequest, _tsorch_v1_RotateRootCaResponse, _tsorch_v1_RotateRootCaRequest__Output, _tsorch_v1_RotateRootCaResponse__Output>
  Unlock: MethodDefinition<_tsorch_v1_UnlockRequest, _tsorch_v1_UnlockResponse, _tsorch_v1_UnlockRequest__Output, _tsorch_v1_UnlockResponse__Output>
}
