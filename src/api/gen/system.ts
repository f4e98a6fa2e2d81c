import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { InfoRequest as _tsorch_v1_InfoRequest, InfoRequest__Output as _tsorch_v1_InfoRequest__Output } from './tsorch/v1/InfoRequest.js';
import type { InfoResponse as _tsorch_v1_InfoResponse, InfoResponse__Output as _tsorch_v1_InfoResponse__Output } from './tsorch/v1/InfoResponse.js';
import type { PingRequest as _tsorch_v1_PingRequest, PingRequest__Output as _tsorch_v1_PingRequest__Output } from './tsorch/v1/PingRequest.js';
import type { PingResponse as _tsorch_v1_PingResponse, PingResponse__Output as _tsorch_v1_PingResponse__Output } from './tsorch/v1/PingResponse.js';
import type { SystemClient as _tsorch_v1_SystemClient, SystemDefinition as _tsorch_v1_SystemDefinition } from './tsorch/v1/System.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  tsorch: {
    v1: {
      InfoRequest: MessageTypeDefinition<_tsorch_v1_InfoRequest, _tsorch_v1_InfoRequest__Output>
      InfoResponse: MessageTypeDefinition<_tsorch_v1_InfoResponse, _tsorch_v1_InfoResponse__Output>
      PingRequest: MessageTypeDefinition<_tsorch_v1_PingRequest, _tsorch_v1_PingRequest__Output>
      PingResponse: MessageTypeDefinition<_tsorch_v1_PingResponse, _tsorch_v1_PingResponse__Output>
      System: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_SystemClient> & { service: _tsorch_v1_SystemDefinition }
    }
  }
}

