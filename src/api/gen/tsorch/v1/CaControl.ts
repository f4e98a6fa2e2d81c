// Original file: tsorch/v1/ca.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetCaStatusRequest as _tsorch_v1_GetCaStatusRequest, GetCaStatusRequest__Output as _tsorch_v1_GetCaStatusRequest__Output } from '../../tsorch/v1/GetCaStatusRequest.js';
import type { GetCaStatusResponse as _tsorch_v1_GetCaStatusResponse, GetCaStatusResponse__Output as _tsorch_v1_GetCaStatusResponse__Output } from '../../tsorch/v1/GetCaStatusResponse.js';
import type { RotateRootCaRequest as _tsorch_v1_RotateRootCaRequest, RotateRootCaRequest__Output as _tsorch_v1_RotateRootCaRequest__Output } from '../../tsorch/v1/RotateRootCaRequest.js';
import type { RotateRootCaResponse as _tsorch_v1_RotateRootCaResponse, RotateRootCaResponse__Output as _tsorch_v1_RotateRootCaResponse__Output } from '../../tsorch/v1/RotateRootCaResponse.js';

export interface CaControlClient extends grpc.Client {
  GetCaStatus(argument: _tsorch_v1_GetCaStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  GetCaStatus(argument: _tsorch_v1_GetCaStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  GetCaStatus(argument: _tsorch_v1_GetCaStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  GetCaStatus(argument: _tsorch_v1_GetCaStatusRequest, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  getCaStatus(argument: _tsorch_v1_GetCaStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  getCaStatus(argument: _tsorch_v1_GetCaStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  getCaStatus(argument: _tsorch_v1_GetCaStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  getCaStatus(argument: _tsorch_v1_GetCaStatusRequest, callback: grpc.requestCallback<_tsorch_v1_GetCaStatusResponse__Output>): grpc.ClientUnaryCall;
  
  RotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  RotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  RotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  RotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  rotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  rotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  rotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  rotateRootCa(argument: _tsorch_v1_RotateRootCaRequest, callback: grpc.requestCallback<_tsorch_v1_RotateRootCaResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface CaControlHandlers extends grpc.UntypedServiceImplementation {
  GetCaStatus: grpc.handleUnaryCall<_tsorch_v1_GetCaStatusRequest__Output, _tsorch_v1_GetCaStatusResponse>;
  
  RotateRootCa: grpc.handleUnaryCall<_tsorch_v1_RotateRootCaRequest__Output, _tsorch_v1_RotateRootCaResponse>;
  
}

export interface CaControlDefinition extends grpc.ServiceDefinition {
  GetCaStatus: MethodDefinition<_tsorch_v1_GetCaStatusRequest, _tsorch_v1_GetCaStatusResponse, _tsorch_v1_GetCaStatusRequest__Output, _tsorch_v1_GetCaStatusResponse__Output>
  RotateRootCa: MethodDefinition<_tsorch_v1_RotateRootCaRequest, _tsorch_v1_RotateRootCaResponse, _tsorch_v1_RotateRootCaRequest__Output, _tsorch_v1_RotateRootCaResponse__Output>
}
