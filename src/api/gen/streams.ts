import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ContainerStatsSample as _tsorch_v1_ContainerStatsSample, ContainerStatsSample__Output as _tsorch_v1_ContainerStatsSample__Output } from './tsorch/v1/ContainerStatsSample.js';
import type { ContainerStreamsClient as _tsorch_v1_ContainerStreamsClient, ContainerStreamsDefinition as _tsorch_v1_ContainerStreamsDefinition } from './tsorch/v1/ContainerStreams.js';
import type { StatsRequest as _tsorch_v1_StatsRequest, StatsRequest__Output as _tsorch_v1_StatsRequest__Output } from './tsorch/v1/StatsRequest.js';
import type { StatsResponse as _tsorch_v1_StatsResponse, StatsResponse__Output as _tsorch_v1_StatsResponse__Output } from './tsorch/v1/StatsResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  tsorch: {
    v1: {
      ContainerStatsSample: MessageTypeDefinition<_tsorch_v1_ContainerStatsSample, _tsorch_v1_ContainerStatsSample__Output>
      ContainerStreams: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_ContainerStreamsClient> & { service: _tsorch_v1_ContainerStreamsDefinition }
      StatsRequest: MessageTypeDefinition<_tsorch_v1_StatsRequest, _tsorch_v1_StatsRequest__Output>
      StatsResponse: MessageTypeDefinition<_tsorch_v1_StatsResponse, _tsorch_v1_StatsResponse__Output>
    }
  }
}

