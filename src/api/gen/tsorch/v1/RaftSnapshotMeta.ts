// Original file: tsorch/v1/raft.proto

import type { RaftConfState as _tsorch_v1_RaftConfState, RaftConfState__Output as _tsorch_v1_RaftConfState__Output } from '../../tsorch/v1/RaftConfState.js';
import type { Long } from '@grpc/proto-loader';

export interface RaftSnapshotMeta {
  'index'?: (number | string | Long);
  'term'?: (number | string | Long);
  'conf'?: (_tsorch_v1_RaftConfState | null);
}

export interface RaftSnapshotMeta__Output {
  'index': (string);
  'term': (string);
  'conf': (_tsorch_v1_RaftConfState__Output | null);
}
