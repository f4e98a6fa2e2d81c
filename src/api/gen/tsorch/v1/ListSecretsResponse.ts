// Original file: tsorch/v1/objects.proto

import type { SecretInfo as _tsorch_v1_SecretInfo, SecretInfo__Output as _tsorch_v1_SecretInfo__Output } from '../../tsorch/v1/SecretInfo.js';

export interface ListSecretsResponse {
  'secrets'?: (_tsorch_v1_SecretInfo)[];
}

export interface ListSecretsResponse__Output {
  'secrets': (_tsorch_v1_SecretInfo__Output)[];
}
