import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ProcessMessageRequest as _tsorch_v1_ProcessMessageRequest, ProcessMessageRequest__Output as _tsorch_v1_ProcessMessageRequest__Output } from './tsorch/v1/ProcessMessageRequest.js';
import type { ProcessMessageResponse as _tsorch_v1_ProcessMessageResponse, ProcessMessageResponse__Output as _tsorch_v1_ProcessMessageResponse__Output } from './tsorch/v1/ProcessMessageResponse.js';
import type { RaftClient as _tsorch_v1_RaftClient, RaftDefinition as _tsorch_v1_RaftDefinition } from './tsorch/v1/Raft.js';
import type { RaftConfState as _tsorch_v1_RaftConfState, RaftConfState__Output as _tsorch_v1_RaftConfState__Output } from './tsorch/v1/RaftConfState.js';
import type { RaftEntry as _tsorch_v1_RaftEntry, RaftEntry__Output as _tsorch_v1_RaftEntry__Output } from './tsorch/v1/RaftEntry.js';
import type { RaftMessage as _tsorch_v1_RaftMessage, RaftMessage__Output as _tsorch_v1_RaftMessage__Output } from './tsorch/v1/RaftMessage.js';
import type { RaftSnapshotMeta as _tsorch_v1_RaftSnapshotMeta, RaftSnapshotMeta__Output as _tsorch_v1_RaftSnapshotMeta__Output } from './tsorch/v1/RaftSnapshotMeta.js';
import type { StreamSnapshotRequest as _tsorch_v1_StreamSnapshotRequest, StreamSnapshotRequest__Output as _tsorch_v1_StreamSnapshotRequest__Output } from './tsorch/v1/StreamSnapshotRequest.js';
import type { StreamSnapshotResponse as _tsorch_v1_StreamSnapshotResponse, StreamSnapshotResponse__Output as _tsorch_v1_StreamSnapshotResponse__Output } from './tsorch/v1/StreamSnapshotResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  tsorch: {
    v1: {
      ProcessMessageRequest: MessageTypeDefinition<_tsorch_v1_ProcessMessageRequest, _tsorch_v1_ProcessMessageRequest__Output>
      ProcessMessageResponse: MessageTypeDefinition<_tsorch_v1_ProcessMessageResponse, _tsorch_v1_ProcessMessageResponse__Output>
      Raft: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_RaftClient> & { service: _tsorch_v1_RaftDefinition }
      RaftConfState: MessageTypeDefinition<_tsorch_v1_RaftConfState, _tsorch_v1_RaftConfState__Output>
      RaftEntry: MessageTypeDefinition<_tsorch_v1_RaftEntry, _tsorch_v1_RaftEntry__Output>
      RaftMessage: MessageTypeDefinition<_tsorch_v1_RaftMessage, _tsorch_v1_RaftMessage__Output>
      RaftMessageType: EnumTypeDefinition
      RaftSnapshotMeta: MessageTypeDefinition<_tsorch_v1_RaftSnapshotMeta, _tsorch_v1_RaftSnapshotMeta__Output>
      StreamSnapshotRequest: MessageTypeDefinition<_tsorch_v1_StreamSnapshotRequest, _tsorch_v1_StreamSnapshotRequest__Output>
      StreamSnapshotResponse: MessageTypeDefinition<_tsorch_v1_StreamSnapshotResponse, _tsorch_v1_StreamSnapshotResponse__Output>
    }
  }
}

