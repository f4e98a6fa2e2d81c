// Original file: tsorch/v1/streams.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AttachRequest as _tsorch_v1_AttachRequest, AttachRequest__Output as _tsorch_v1_AttachRequest__Output } from '../../tsorch/v1/AttachRequest.js';
import type { AttachResponse as _tsorch_v1_AttachResponse, AttachResponse__Output as _tsorch_v1_AttachResponse__Output } from '../../tsorch/v1/AttachResponse.js';
import type { StatsRequest as _tsorch_v1_StatsRequest, StatsRequest__Output as _tsorch_v1_StatsRequest__Output } from '../../tsorch/v1/StatsRequest.js';
import type { StatsResponse as _tsorch_v1_StatsResponse, StatsResponse__Output as _tsorch_v1_StatsResponse__Output } from '../../tsorch/v1/StatsResponse.js';

export interface ContainerStreamsClient extends grpc.Client {
  Attach(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_tsorch_v1_AttachRequest, _tsorch_v1_AttachResponse__Output>;
  Attach(options?: grpc.CallOptions): grpc.ClientDuplexStream<_tsorch_v1_AttachRequest, _tsorch_v1_AttachResponse__Output>;
  attach(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_tsorch_v1_AttachRequest, _tsorch_v1_AttachResponse__Output>;
  attach(options?: grpc.CallOptions): grpc.ClientDuplexStream<_tsorch_v1_AttachRequest, _tsorch_v1_AttachResponse__Output>;
  
  Stats(argument: _tsorch_v1_StatsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_StatsResponse__Output>;
  Stats(argument: _tsorch_v1_StatsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_StatsResponse__Output>;
  stats(argument: _tsorch_v1_StatsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_StatsResponse__Output>;
  stats(argument: _tsorch_v1_StatsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_StatsResponse__Output>;
  
}

export interface ContainerStreamsHandlers extends grpc.UntypedServiceImplementation {
  Attach: grpc.handleBidiStreamingCall<_tsorch_v1_AttachRequest__Output, _tsorch_v1_AttachResponse>;
  
  Stats: grpc.handleServerStreamingCall<_tsorch_v1_StatsRequest__Output, _tsorch_v1_StatsResponse>;
  
}

export interface ContainerStreamsDefinition extends grpc.ServiceDefinition {
  Attach: MethodDefinition<_tsorch_v1_AttachRequest, _tsorch_v1_AttachResponse, _tsorch_v1_AttachRequest__Output, _tsorch_v1_AttachResponse__Output>
  Stats: MethodDefinition<_tsorch_v1_StatsRequest, _tsorch_v1_StatsResponse, _tsorch_v1_StatsRequest__Output, _tsorch_v1_StatsResponse__Output>
}
