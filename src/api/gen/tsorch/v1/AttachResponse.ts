// Original file: tsorch/v1/streams.proto

import type { AttachExit as _tsorch_v1_AttachExit, AttachExit__Output as _tsorch_v1_AttachExit__Output } from '../../tsorch/v1/AttachExit.js';

export interface AttachResponse {
  'stdout'?: (Buffer | Uint8Array | string);
  'stderr'?: (Buffer | Uint8Array | string);
  'exited'?: (_tsorch_v1_AttachExit | null);
  'detached'?: (boolean);
  'event'?: "stdout"|"stderr"|"exited"|"detached";
}

export interface AttachResponse__Output {
  'stdout'?: (Buffer);
  'stderr'?: (Buffer);
  'exited'?: (_tsorch_v1_AttachExit__Output | null);
  'detached'?: (boolean);
  'event'?: "stdout"|"stderr"|"exited"|"detached";
}
