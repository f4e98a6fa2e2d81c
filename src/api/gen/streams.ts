import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AttachExit as _tsorch_v1_AttachExit, AttachExit__Output as _tsorch_v1_AttachExit__Output } from './tsorch/v1/AttachExit.js';
import type { AttachRequest as _tsorch_v1_AttachRequest, AttachRequest__Output as _tsorch_v1_AttachRequest__Output } from './tsorch/v1/AttachRequest.js';
import type { AttachResponse as _tsorch_v1_AttachResponse, AttachResponse__Output as _tsorch_v1_AttachResponse__Output } from './tsorch/v1/AttachResponse.js';
import type { AttachStart as _tsorch_v1_AttachStart, AttachStart__Output as _tsorch_v1_AttachStart__Output } from './tsorch/v1/AttachStart.js';
import type { ContainerStatsSample as _tsorch_v1_ContainerStatsSample, ContainerStatsSample__Output as _tsorch_v1_ContainerStatsSample__Output } from './tsorch/v1/ContainerStatsSample.js';
import type { ContainerStreamsClient as _tsorch_v1_ContainerStreamsClient, ContainerStreamsDefinition as _tsorch_v1_ContainerStreamsDefinition } from './tsorch/v1/ContainerStreams.js';
import type { StatsRequest as _tsorch_v1_StatsRequest, StatsRequest__Output as _tsorch_v1_StatsRequest__Output } from './tsorch/v1/StatsRequest.js';
import type { StatsResponse as _tsorch_v1_StatsResponse, StatsResponse__Output as _tsorch_v1_StatsResponse__Output } from './tsorch/v1/StatsResponse.js';
import type { TerminalSize as _tsorch_v1_TerminalSize, TerminalSize__Output as _tsorch_v1_TerminalSize__Output } from './tsorch/v1/TerminalSize.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  tsorch: {
    v1: {
      AttachExit: MessageTypeDefinition<_tsorch_v1_AttachExit, _tsorch_v1_AttachExit__Output>
      AttachRequest: MessageTypeDefinition<_tsorch_v1_AttachRequest, _tsorch_v1_AttachRequest__Output>
      AttachResponse: MessageTypeDefinition<_tsorch_v1_AttachResponse, _tsorch_v1_AttachResponse__Output>
      AttachStart: MessageTypeDefinition<_tsorch_v1_AttachStart, _tsorch_v1_AttachStart__Output>
      ContainerStatsSample: MessageTypeDefinition<_tsorch_v1_ContainerStatsSample, _tsorch_v1_ContainerStatsSample__Output>
      ContainerStreams: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_ContainerStreamsClient> & { service: _tsorch_v1_ContainerStreamsDefinition }
      StatsRequest: MessageTypeDefinition<_tsorch_v1_StatsRequest, _tsorch_v1_StatsRequest__Output>
      StatsResponse: MessageTypeDefinition<_tsorch_v1_StatsResponse, _tsorch_v1_StatsResponse__Output>
      TerminalSize: MessageTypeDefinition<_tsorch_v1_TerminalSize, _tsorch_v1_TerminalSize__Output>
    }
  }
}

