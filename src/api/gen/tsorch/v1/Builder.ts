// Original file: tsorch/v1/build.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { BuildRequest as _tsorch_v1_BuildRequest, BuildRequest__Output as _tsorch_v1_BuildRequest__Output } from '../../tsorch/v1/BuildRequest.js';
import type { BuildResponse as _tsorch_v1_BuildResponse, BuildResponse__Output as _tsorch_v1_BuildResponse__Output } from '../../tsorch/v1/BuildResponse.js';
import type { BuildStreamRequest as _tsorch_v1_BuildStreamRequest, BuildStreamRequest__Output as _tsorch_v1_BuildStreamRequest__Output } from '../../tsorch/v1/BuildStreamRequest.js';
import type { PruneBuildCacheRequest as _tsorch_v1_PruneBuildCacheRequest, PruneBuildCacheRequest__Output as _tsorch_v1_PruneBuildCacheRequest__Output } from '../../tsorch/v1/PruneBuildCacheRequest.js';
import type { PruneBuildCacheResponse as _tsorch_v1_PruneBuildCacheResponse, PruneBuildCacheResponse__Output as _tsorch_v1_PruneBuildCacheResponse__Output } from '../../tsorch/v1/PruneBuildCacheResponse.js';

export interface BuilderClient extends grpc.Client {
  Build(argument: _tsorch_v1_BuildRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_BuildResponse__Output>;
  Build(argument: _tsorch_v1_BuildRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_BuildResponse__Output>;
  build(argument: _tsorch_v1_BuildRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_BuildResponse__Output>;
  build(argument: _tsorch_v1_BuildRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_BuildResponse__Output>;
  
  BuildStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_tsorch_v1_BuildStreamRequest, _tsorch_v1_BuildResponse__Output>;
  BuildStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_tsorch_v1_BuildStreamRequest, _tsorch_v1_BuildResponse__Output>;
  buildStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_tsorch_v1_BuildStreamRequest, _tsorch_v1_BuildResponse__Output>;
  buildStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_tsorch_v1_BuildStreamRequest, _tsorch_v1_BuildResponse__Output>;
  
  Prune(argument: _tsorch_v1_PruneBuildCacheRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneBuildCacheResponse__Output>): grpc.ClientUnaryCall;
  Prune(argument: _tsorch_v1_PruneBuildCacheRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_PruneBuildCacheResponse__Output>): grpc.ClientUnaryCall;
  Prune(argument: _tsorch_v1_PruneBuildCacheRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneBuildCacheResponse__Output>): grpc.ClientUnaryCall;
  Prune(argument: _tsorch_v1_PruneBuildCacheRequest, callback: grpc.requestCallback<_tsorch_v1_PruneBuildCacheResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneBuildCacheRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneBuildCacheResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneBuildCacheRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_PruneBuildCacheResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneBuildCacheRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_PruneBuildCacheResponse__Output>): grpc.ClientUnaryCall;
  prune(argument: _tsorch_v1_PruneBuildCacheRequest, callback: grpc.requestCallback<_tsorch_v1_PruneBuildCacheResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface BuilderHandlers extends grpc.UntypedServiceImplementation {
  Build: grpc.handleServerStreamingCall<_tsorch_v1_BuildRequest__Output, _tsorch_v1_BuildResponse>;
  
  BuildStream: grpc.handleBidiStreamingCall<_tsorch_v1_BuildStreamRequest__Output, _tsorch_v1_BuildResponse>;
  
  Prune: grpc.handleUnaryCall<_tsorch_v1_PruneBuildCacheRequest__Output, _tsorch_v1_PruneBuildCacheResponse>;
  
}

export interface BuilderDefinition extends grpc.ServiceDefinition {
  Build: MethodDefinition<_tsorch_v1_BuildRequest, _tsorch_v1_BuildResponse, _tsorch_v1_BuildRequest__Output, _tsorch_v1_BuildResponse__Output>
  BuildStream: MethodDefinition<_tsorch_v1_BuildStreamRequest, _tsorch_v1_BuildResponse, _tsorch_v1_BuildStreamRequest__Output, _tsorch_v1_BuildResponse__Output>
  Prune: MethodDefinition<_tsorch_v1_PruneBuildCacheRequest, _tsorch_v1_PruneBuildCacheResponse, _tsorch_v1_PruneBuildCacheRequest__Output, _tsorch_v1_PruneBuildCacheResponse__Output>
}
