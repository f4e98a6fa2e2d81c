import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CaControlClient as _tsorch_v1_CaControlClient, CaControlDefinition as _tsorch_v1_CaControlDefinition } from './tsorch/v1/CaControl.js';
import type { CaStatus as _tsorch_v1_CaStatus, CaStatus__Output as _tsorch_v1_CaStatus__Output } from './tsorch/v1/CaStatus.js';
import type { GetCaStatusRequest as _tsorch_v1_GetCaStatusRequest, GetCaStatusRequest__Output as _tsorch_v1_GetCaStatusRequest__Output } from './tsorch/v1/GetCaStatusRequest.js';
import type { GetCaStatusResponse as _tsorch_v1_GetCaStatusResponse, GetCaStatusResponse__Output as _tsorch_v1_GetCaStatusResponse__Output } from './tsorch/v1/GetCaStatusResponse.js';
import type { RotateRootCaRequest as _tsorch_v1_RotateRootCaRequest, RotateRootCaRequest__Output as _tsorch_v1_RotateRootCaRequest__Output } from './tsorch/v1/RotateRootCaRequest.js';
import type { RotateRootCaResponse as _tsorch_v1_RotateRootCaResponse, RotateRootCaResponse__Output as _tsorch_v1_RotateRootCaResponse__Output } from './tsorch/v1/RotateRootCaResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  tsorch: {
    v1: {
      CaControl: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_CaControlClient> & { service: _tsorch_v1_CaControlDefinition }
      CaStatus: MessageTypeDefinition<_tsorch_v1_CaStatus, _tsorch_v1_CaStatus__Output>
      GetCaStatusRequest: MessageTypeDefinition<_tsorch_v1_GetCaStatusRequest, _tsorch_v1_GetCaStatusRequest__Output>
      GetCaStatusResponse: MessageTypeDefinition<_tsorch_v1_GetCaStatusResponse, _tsorch_v1_GetCaStatusResponse__Output>
      RotateRootCaRequest: MessageTypeDefinition<_tsorch_v1_RotateRootCaRequest, _tsorch_v1_RotateRootCaRequest__Output>
      RotateRootCaResponse: MessageTypeDefinition<_tsorch_v1_RotateRootCaResponse, _tsorch_v1_RotateRootCaResponse__Output>
    }
  }
}

