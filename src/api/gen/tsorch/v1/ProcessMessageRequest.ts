// Original file: tsorch/v1/raft.proto

import type { RaftMessage as _tsorch_v1_RaftMessage, RaftMessage__Output as _tsorch_v1_RaftMessage__Output } from '../../tsorch/v1/RaftMessage.js';

export interface ProcessMessageRequest {
  'messages'?: (_tsorch_v1_RaftMessage)[];
}

export interface ProcessMessageRequest__Output {
  'messages': (_tsorch_v1_RaftMessage__Output)[];
}
