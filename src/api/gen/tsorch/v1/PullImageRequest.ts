// Original file: tsorch/v1/images.proto

import type { RegistryAuth as _tsorch_v1_RegistryAuth, RegistryAuth__Output as _tsorch_v1_RegistryAuth__Output } from '../../tsorch/v1/RegistryAuth.js';

export interface PullImageRequest {
  'reference'?: (string);
  'auth'?: (_tsorch_v1_RegistryAuth | null);
  'platform'?: (string);
  'insecure'?: (boolean);
}

export interface PullImageRequest__Output {
  'reference': (string);
  'auth': (_tsorch_v1_RegistryAuth__Output | null);
  'platform': (string);
  'insecure': (boolean);
}
