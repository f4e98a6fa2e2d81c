// Original file: tsorch/v1/raft.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ProcessMessageRequest as _tsorch_v1_ProcessMessageRequest, ProcessMessageRequest__Output as _tsorch_v1_ProcessMessageRequest__Output } from '../../tsorch/v1/ProcessMessageRequest.js';
import type { ProcessMessageResponse as _tsorch_v1_ProcessMessageResponse, ProcessMessageResponse__Output as _tsorch_v1_ProcessMessageResponse__Output } from '../../tsorch/v1/ProcessMessageResponse.js';
import type { StreamSnapshotRequest as _tsorch_v1_StreamSnapshotRequest, StreamSnapshotRequest__Output as _tsorch_v1_StreamSnapshotRequest__Output } from '../../tsorch/v1/StreamSnapshotRequest.js';
import type { StreamSnapshotResponse as _tsorch_v1_StreamSnapshotResponse, StreamSnapshotResponse__Output as _tsorch_v1_StreamSnapshotResponse__Output } from '../../tsorch/v1/StreamSnapshotResponse.js';

export interface RaftClient extends grpc.Client {
  ProcessMessage(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ProcessMessageResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ProcessMessageRequest>;
  ProcessMessage(metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ProcessMessageResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ProcessMessageRequest>;
  ProcessMessage(options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ProcessMessageResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ProcessMessageRequest>;
  ProcessMessage(callback: grpc.requestCallback<_tsorch_v1_ProcessMessageResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ProcessMessageRequest>;
  processMessage(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ProcessMessageResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ProcessMessageRequest>;
  processMessage(metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_ProcessMessageResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ProcessMessageRequest>;
  processMessage(options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_ProcessMessageResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ProcessMessageRequest>;
  processMessage(callback: grpc.requestCallback<_tsorch_v1_ProcessMessageResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_ProcessMessageRequest>;
  
  StreamSnapshot(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_StreamSnapshotResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_StreamSnapshotRequest>;
  StreamSnapshot(metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_StreamSnapshotResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_StreamSnapshotRequest>;
  StreamSnapshot(options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_StreamSnapshotResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_StreamSnapshotRequest>;
  StreamSnapshot(callback: grpc.requestCallback<_tsorch_v1_StreamSnapshotResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_StreamSnapshotRequest>;
  streamSnapshot(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_StreamSnapshotResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_StreamSnapshotRequest>;
  streamSnapshot(metadata: grpc.Metadata, callback: grpc.requestCallback<_tsorch_v1_StreamSnapshotResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_StreamSnapshotRequest>;
  streamSnapshot(options: grpc.CallOptions, callback: grpc.requestCallback<_tsorch_v1_StreamSnapshotResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_StreamSnapshotRequest>;
  streamSnapshot(callback: grpc.requestCallback<_tsorch_v1_StreamSnapshotResponse__Output>): grpc.ClientWritableStream<_tsorch_v1_StreamSnapshotRequest>;
  
}

export interface RaftHandlers extends grpc.UntypedServiceImplementation {
  ProcessMessage: grpc.handleClientStreamingCall<_tsorch_v1_ProcessMessageRequest__Output, _tsorch_v1_ProcessMessageResponse>;
  
  StreamSnapshot: grpc.handleClientStreamingCall<_tsorch_v1_StreamSnapshotRequest__Output, _tsorch_v1_StreamSnapshotResponse>;
  
}

export interface RaftDefinition extends grpc.ServiceDefinition {
  ProcessMessage: MethodDefinition<_tsorch_v1_ProcessMessageRequest, _tsorch_v1_ProcessMessageResponse, _tsorch_v1_ProcessMessageRequest__Output, _tsorch_v1_ProcessMessageResponse__Output>
  StreamSnapshot: MethodDefinition<_tsorch_v1_StreamSnapshotRequest, _tsorch_v1_StreamSnapshotResponse, _tsorch_v1_StreamSnapshotRequest__Output, _tsorch_v1_StreamSnapshotResponse__Output>
}
