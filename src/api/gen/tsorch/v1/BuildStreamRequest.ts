// Original file: tsorch/v1/build.proto

import type { BuildRequest as _tsorch_v1_BuildRequest, BuildRequest__Output as _tsorch_v1_BuildRequest__Output } from '../../tsorch/v1/BuildRequest.js';

export interface BuildStreamRequest {
  'options'?: (_tsorch_v1_BuildRequest | null);
  'context'?: (Buffer | Uint8Array | string);
  'event'?: "options"|"context";
}

export interface BuildStreamRequest__Output {
  'options'?: (_tsorch_v1_BuildRequest__Output | null);
  'context'?: (Buffer);
  'event'?: "options"|"context";
}
