// Original file: tsorch/v1/streams.proto

import type { AttachStart as _tsorch_v1_AttachStart, AttachStart__Output as _tsorch_v1_AttachStart__Output } from '../../tsorch/v1/AttachStart.js';
import type { TerminalSize as _tsorch_v1_TerminalSize, TerminalSize__Output as _tsorch_v1_TerminalSize__Output } from '../../tsorch/v1/TerminalSize.js';

export interface AttachRequest {
  'start'?: (_tsorch_v1_AttachStart | null);
  'stdin'?: (Buffer | Uint8Array | string);
  'stdinClose'?: (boolean);
  'resize'?: (_tsorch_v1_TerminalSize | null);
  'event'?: "start"|"stdin"|"stdinClose"|"resize";
}

export interface AttachRequest__Output {
  'start'?: (_tsorch_v1_AttachStart__Output | null);
  'stdin'?: (Buffer);
  'stdinClose'?: (boolean);
  'resize'?: (_tsorch_v1_TerminalSize__Output | null);
  'event'?: "start"|"stdin"|"stdinClose"|"resize";
}
