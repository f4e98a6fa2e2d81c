// Original file: tsorch/v1/containers.proto

import type { ExecContainerRequest as _tsorch_v1_ExecContainerRequest, ExecContainerRequest__Output as _tsorch_v1_ExecContainerRequest__Output } from '../../tsorch/v1/ExecContainerRequest.js';

export interface ExecInteractiveRequest {
  'start'?: (_tsorch_v1_ExecContainerRequest | null);
  'stdin'?: (Buffer | Uint8Array | string);
  'stdinClose'?: (boolean);
  'event'?: "start"|"stdin"|"stdinClose";
}

export interface ExecInteractiveRequest__Output {
  'start'?: (_tsorch_v1_ExecContainerRequest__Output | null);
  'stdin'?: (Buffer);
  'stdinClose'?: (boolean);
  'event'?: "start"|"stdin"|"stdinClose";
}
