// Original file: tsorch/v1/system.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { InfoRequest as _tsorch_v1_InfoRequest, InfoRequest__Output as _tsorch_v1_InfoRequest__Output } from '../../tsorch/v1/InfoRequest.js';
import type { InfoResponse as _tsorch_v1_InfoResponse, InfoResponse__Output as _tsorch_v1_InfoResponse__Output } from '../../tsorch/v1/InfoResponse.js';
import type { PingRequest as _tsorch_v1_PingRequest, PingRequest__Output as _tsorch_v1_PingRequest__Output } from '../../tsorch/v1/PingRequest.js';
import type { PingResponse as _tsorch_v1_PingResponse, PingResponse__Output as _tsorch_v1_PingResponse__Output } from '../../tsorch/v1/PingResponse.js';

export interface SystemClient extends grpc.Client {
  Info(argument: _tsorch_v1_InfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  Info(argument: _tsorch_v1_InfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  Info(argument: _tsorch_v1_InfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  Info(argument: _tsorch_v1_InfoRequest, callback: grpc.requestCallback<_tsorch_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  info(argument: _tsorch_v1_InfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  info(argument: _tsorch_v1_InfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  info(argument: _tsorch_v1_InfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  info(argument: _tsorch_v1_InfoRequest, callback: grpc.requestCallback<_tsorch_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  
  Ping(argument: _tsorch_v1_PingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  Ping(argument: _tsorch_v1_PingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  Ping(argument: _tsorch_v1_PingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  Ping(argument: _tsorch_v1_PingRequest, callback: grpc.requestCallback<_tsorch_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  ping(argument: _tsorch_v1_PingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  ping(argument: _tsorch_v1_PingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  ping(argument: _tsorch_v1_PingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  ping(argument: _tsorch_v1_PingRequest, callback: grpc.requestCallback<_tsorch_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface SystemHandlers extends grpc.UntypedServiceImplementation {
  Info: grpc.handleUnaryCall<_tsorch_v1_InfoRequest__Output, _tsorch_v1_InfoResponse>;
  
  Ping: grpc.handleUnaryCall<_tsorch_v1_PingRequest__Output, _tsorch_v1_PingResponse>;
  
}

export interface SystemDefinition extends grpc.ServiceDefinition {
  Info: MethodDefinition<_tsorch_v1_InfoRequest, _tsorch_v1_InfoResponse, _tsorch_v1_InfoRequest__Output, _tsorch_v1_InfoResponse__Output>
  Ping: MethodDefinition<_tsorch_v1_PingRequest, _tsorch_v1_PingResponse, _tsorch_v1_PingRequest__Output, _tsorch_v1_PingResponse__Output>
}
