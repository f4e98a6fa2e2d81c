// Original file: /work/main/proto/tsorch/v1/build.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { BuildRequest as _tsorch_v1_BuildRequest, BuildRequest__Output as _tsorch_v1_BuildRequest__Output } from '../../tsorch/v1/BuildRequest.js';
import type { BuildResponse as _tsorch_v1_BuildResponse, BuildResponse__Output as _tsorch_v1_BuildResponse__Output } from '../../tsorch/v1/BuildResponse.js';

export interface BuilderClient extends grpc.Client {
  Build(argument: _tsorch_v1_BuildRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_BuildResponse__Output>;
  Build(argument: _tsorch_v1_BuildRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_BuildResponse__Output>;
  build(argument: _tsorch_v1_BuildRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_BuildResponse__Output>;
  build(argument: _tsorch_v1_BuildRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_tsorch_v1_BuildResponse__Output>;
  
}

export interface BuilderHandlers extends grpc.UntypedServiceImplementation {
  Build: grpc.handleServerStreamingCall<_tsorch_v1_BuildRequest__Output, _tsorch_v1_BuildResponse>;
  
}

export interface BuilderDefinition extends grpc.ServiceDefinition {
  Build: MethodDefinition<_tsorch_v1_BuildRequest, _tsorch_v1_BuildResponse, _tsorch_v1_BuildRequest__Output, _tsorch_v1_BuildResponse__Output>
}
