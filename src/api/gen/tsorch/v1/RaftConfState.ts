// Original file: tsorch/v1/raft.proto

import type { Long } from '@grpc/proto-loader';

export interface RaftConfState {
  'voters'?: (number | string | Long)[];
  'learners'?: (number | string | Long)[];
}

export interface RaftConfState__Output {
  'voters': (string)[];
  'learners': (string)[];
}
