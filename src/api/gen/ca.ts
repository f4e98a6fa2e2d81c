import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CaControlClient as _tsorch_v1_CaControlClient, CaControlDefinition as _tsorch_v1_CaControlDefinition } from './tsorch/v1/CaControl.js';
import type { CaStatus as _tsorch_v1_CaStatus, CaStatus__Output as _tsorch_v1_CaStatus__Output } from './tsorch/v1/CaStatus.js';
import type { GetCaStatusRequest as _tsorch_v1_GetCaStatusRequest, GetCaStatusRequest__Output as _tsorch_v1_GetCaStatusRequest__Output } from './tsorch/v1/GetCaStatusRequest.js';
import type { GetCaStatusResponse as _tsorch_v1_GetCaStatusResponse, GetCaStatusResponse__Output as _tsorch_v1_GetCaStatusResponse__Output } from './tsorch/v1/GetCaStatusResponse.js';
import type { GetUnlockKeyRequest as _tsorch_v1_GetUnlockKeyRequest, GetUnlockKeyRequest__Output as _tsorch_v1_GetUnlockKeyRequest__Output } from './tsorch/v1/GetUnlockKeyRequest.js';
import type { GetUnlockKeyResponse as _tsorch_v1_GetUnlockKeyResponse, GetUnlockKeyResponse__Output as _tsorch_v1_GetUnlockKeyResponse__Output } from './tsorch/v1/GetUnlockKeyResponse.js';
import type { RotateRootCaRequest as _tsorch_v1_RotateRootCaRequest, RotateRootCaRequest__Output as _tsorch_v1_RotateRootCaRequest__Output } from './tsorch/v1/RotateRootCaRequest.js';
import type { RotateRootCaResponse as _tsorch_v1_RotateRootCaResponse, RotateRootCaResponse__Output as _tsorch_v1_RotateRootCaResponse__Output } from './tsorch/v1/RotateRootCaResponse.js';
import type { UnlockRequest as _tsorch_v1_UnlockRequest, UnlockRequest__Output as _tsorch_v1_UnlockRequest__Output } from './tsorch/v1/UnlockRequest.js';
import type { UnlockResponse as _tsorch_v1_UnlockResponse, UnlockResponse__Output as _tsorch_v1_UnlockResponse__Output } from './tsorch/v1/UnlockResponse.js';

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
      GetUnlockKeyRequest: MessageTypeDefinition<_tsorch_v1_GetUnlockKeyRequest, _tsorch_v1_GetUnlockKeyRequest__Output>
      GetUnlockKeyResponse: MessageTypeDefinition<_tsorch_v1_GetUnlockKeyResponse, _tsorch_v1_GetUnlockKeyResponse__Output>
      RotateRootCaRequest: MessageTypeDefinition<_tsorch_v1_RotateRootCaRequest, _tsorch_v1_RotateRootCaRequest__Output>
      RotateRootCaResponse: MessageTypeDefinition<_tsorch_v1_RotateRootCaResponse, _tsorch_v1_RotateRootCaResponse__Output>
      UnlockRequest: MessageTypeDefinition<_tsorch_v1_UnlockRequest, _tsorch_v1_UnlockRequest__Output>
      UnlockResponse: MessageTypeDefinition<_tsorch_v1_UnlockResponse, _tsorch_v1_UnlockResponse__Output>
    }
  }
}

