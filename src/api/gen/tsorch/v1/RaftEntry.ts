// Original file: tsorch/v1/raft.proto

import type { Long } from '@grpc/proto-loader';

export interface RaftEntry {
  'term'?: (number | string | Long);
  'index'?: (number | string | Long);
  'confChange'?: (boolean);
  'data'?: (Buffer | Uint8Array | string);
}

export interface RaftEntry__Output {
  'term': (string);
  'index': (string);
  'confChange': (boolean);
  'data': (Buffer);
}
