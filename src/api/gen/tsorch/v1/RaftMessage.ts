// Original file: tsorch/v1/raft.proto

import type { RaftMessageType as _tsorch_v1_RaftMessageType, RaftMessageType__Output as _tsorch_v1_RaftMessageType__Output } from '../../tsorch/v1/RaftMessageType.js';
import type { RaftEntry as _tsorch_v1_RaftEntry, RaftEntry__Output as _tsorch_v1_RaftEntry__Output } from '../../tsorch/v1/RaftEntry.js';
import type { RaftSnapshotMeta as _tsorch_v1_RaftSnapshotMeta, RaftSnapshotMeta__Output as _tsorch_v1_RaftSnapshotMeta__Output } from '../../tsorch/v1/RaftSnapshotMeta.js';
import type { Long } from '@grpc/proto-loader';

export interface RaftMessage {
  'type'?: (_tsorch_v1_RaftMessageType);
  'from'?: (number | string | Long);
  'to'?: (number | string | Long);
  'term'?: (number | string | Long);
  'logTerm'?: (number | string | Long);
  'index'?: (number | string | Long);
  'entries'?: (_tsorch_v1_RaftEntry)[];
  'commit'?: (number | string | Long);
  'reject'?: (boolean);
  'rejectHint'?: (number | string | Long);
  'snapshot'?: (_tsorch_v1_RaftSnapshotMeta | null);
  'context'?: (Buffer | Uint8Array | string);
  'hasContext'?: (boolean);
}

export interface RaftMessage__Output {
  'type': (_tsorch_v1_RaftMessageType__Output);
  'from': (string);
  'to': (string);
  'term': (string);
  'logTerm': (string);
  'index': (string);
  'entries': (_tsorch_v1_RaftEntry__Output)[];
  'commit': (string);
  'reject': (boolean);
  'rejectHint': (string);
  'snapshot': (_tsorch_v1_RaftSnapshotMeta__Output | null);
  'context': (Buffer);
  'hasContext': (boolean);
}
