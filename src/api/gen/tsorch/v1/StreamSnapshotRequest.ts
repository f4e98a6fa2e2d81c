// Original file: tsorch/v1/raft.proto

import type { RaftMessage as _tsorch_v1_RaftMessage, RaftMessage__Output as _tsorch_v1_RaftMessage__Output } from '../../tsorch/v1/RaftMessage.js';

export interface StreamSnapshotRequest {
  'message'?: (_tsorch_v1_RaftMessage | null);
  'data'?: (Buffer | Uint8Array | string);
}

export interface StreamSnapshotRequest__Output {
  'message': (_tsorch_v1_RaftMessage__Output | null);
  'data': (Buffer);
}
