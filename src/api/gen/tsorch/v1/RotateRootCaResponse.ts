// Original file: tsorch/v1/ca.proto

import type { CaStatus as _tsorch_v1_CaStatus, CaStatus__Output as _tsorch_v1_CaStatus__Output } from '../../tsorch/v1/CaStatus.js';

export interface RotateRootCaResponse {
  'status'?: (_tsorch_v1_CaStatus | null);
}

export interface RotateRootCaResponse__Output {
  'status': (_tsorch_v1_CaStatus__Output | null);
}
