import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BuildRequest as _tsorch_v1_BuildRequest, BuildRequest__Output as _tsorch_v1_BuildRequest__Output } from './tsorch/v1/BuildRequest.js';
import type { BuildResponse as _tsorch_v1_BuildResponse, BuildResponse__Output as _tsorch_v1_BuildResponse__Output } from './tsorch/v1/BuildResponse.js';
import type { BuildStepEvent as _tsorch_v1_BuildStepEvent, BuildStepEvent__Output as _tsorch_v1_BuildStepEvent__Output } from './tsorch/v1/BuildStepEvent.js';
import type { BuildStreamRequest as _tsorch_v1_BuildStreamRequest, BuildStreamRequest__Output as _tsorch_v1_BuildStreamRequest__Output } from './tsorch/v1/BuildStreamRequest.js';
import type { BuilderClient as _tsorch_v1_BuilderClient, BuilderDefinition as _tsorch_v1_BuilderDefinition } from './tsorch/v1/Builder.js';
import type { PruneBuildCacheRequest as _tsorch_v1_PruneBuildCacheRequest, PruneBuildCacheRequest__Output as _tsorch_v1_PruneBuildCacheRequest__Output } from './tsorch/v1/PruneBuildCacheRequest.js';
import type { PruneBuildCacheResponse as _tsorch_v1_PruneBuildCacheResponse, PruneBuildCacheResponse__Output as _tsorch_v1_PruneBuildCacheResponse__Output } from './tsorch/v1/PruneBuildCacheResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  tsorch: {
    v1: {
      BuildRequest: MessageTypeDefinition<_tsorch_v1_BuildRequest, _tsorch_v1_BuildRequest__Output>
      BuildResponse: MessageTypeDefinition<_tsorch_v1_BuildResponse, _tsorch_v1_BuildResponse__Output>
      BuildStepEvent: MessageTypeDefinition<_tsorch_v1_BuildStepEvent, _tsorch_v1_BuildStepEvent__Output>
      BuildStreamRequest: MessageTypeDefinition<_tsorch_v1_BuildStreamRequest, _tsorch_v1_BuildStreamRequest__Output>
      Builder: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_BuilderClient> & { service: _tsorch_v1_BuilderDefinition }
      PruneBuildCacheRequest: MessageTypeDefinition<_tsorch_v1_PruneBuildCacheRequest, _tsorch_v1_PruneBuildCacheRequest__Output>
      PruneBuildCacheResponse: MessageTypeDefinition<_tsorch_v1_PruneBuildCacheResponse, _tsorch_v1_PruneBuildCacheResponse__Output>
    }
  }
}

