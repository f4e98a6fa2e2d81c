// Original file: tsorch/v1/streams.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { StatsRequest as _tsorch_v1_StatsRequest, StatsRequest__Output as _tsorch_v1_StatsRequest__Output } from '../../tsorch/v1/StatsRequest.js';
import type { StatsResponse as _tsorch_v1_StatsResponse, StatsResponse__Output as _tsorch_v1_StatsResponse__Output } from '../../tsorch/v1/StatsResponse.js';

export interface ContainerStreamsClient extends grpc.Client {
  Stats(argument: _tsorch_v1_StatsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_StatsResponse__Output>;
  Stats(argument: _tsorch_v1_StatsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_StatsResponse__Output>;
  stats(argument: _tsorch_v1_StatsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_StatsResponse__Output>;
  stats(argument: _tsorch_v1_StatsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_StatsResponse__Output>;
  
}

export interface ContainerStreamsHandlers extends grpc.UntypedServiceImplementation {
  Stats: grpc.handleServerStreamingCall<_tsorch_v1_StatsRequest__Output, _tsorch_v1_StatsResponse>;
  
}

export interface ContainerStreamsDefinition extends grpc.ServiceDefinition {
  Stats: MethodDefinition<_tsorch_v1_StatsRequest, _tsorch_v1_StatsResponse, _tsorch_v1_StatsRequest__Output, _tsorch_v1_StatsResponse__Output>
}
