import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AssignmentsMessage as _tsorch_v1_AssignmentsMessage, AssignmentsMessage__Output as _tsorch_v1_AssignmentsMessage__Output } from './tsorch/v1/AssignmentsMessage.js';
import type { AssignmentsRequest as _tsorch_v1_AssignmentsRequest, AssignmentsRequest__Output as _tsorch_v1_AssignmentsRequest__Output } from './tsorch/v1/AssignmentsRequest.js';
import type { DispatcherClient as _tsorch_v1_DispatcherClient, DispatcherDefinition as _tsorch_v1_DispatcherDefinition } from './tsorch/v1/Dispatcher.js';
import type { HeartbeatRequest as _tsorch_v1_HeartbeatRequest, HeartbeatRequest__Output as _tsorch_v1_HeartbeatRequest__Output } from './tsorch/v1/HeartbeatRequest.js';
import type { HeartbeatResponse as _tsorch_v1_HeartbeatResponse, HeartbeatResponse__Output as _tsorch_v1_HeartbeatResponse__Output } from './tsorch/v1/HeartbeatResponse.js';
import type { SessionMessage as _tsorch_v1_SessionMessage, SessionMessage__Output as _tsorch_v1_SessionMessage__Output } from './tsorch/v1/SessionMessage.js';
import type { SessionRequest as _tsorch_v1_SessionRequest, SessionRequest__Output as _tsorch_v1_SessionRequest__Output } from './tsorch/v1/SessionRequest.js';
import type { UpdateTaskStatusRequest as _tsorch_v1_UpdateTaskStatusRequest, UpdateTaskStatusRequest__Output as _tsorch_v1_UpdateTaskStatusRequest__Output } from './tsorch/v1/UpdateTaskStatusRequest.js';
import type { UpdateTaskStatusResponse as _tsorch_v1_UpdateTaskStatusResponse, UpdateTaskStatusResponse__Output as _tsorch_v1_UpdateTaskStatusResponse__Output } from './tsorch/v1/UpdateTaskStatusResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  tsorch: {
    v1: {
      AssignmentsMessage: MessageTypeDefinition<_tsorch_v1_AssignmentsMessage, _tsorch_v1_AssignmentsMessage__Output>
      AssignmentsRequest: MessageTypeDefinition<_tsorch_v1_AssignmentsRequest, _tsorch_v1_AssignmentsRequest__Output>
      Dispatcher: SubtypeConstructor<typeof grpc.Client, _tsorch_v1_DispatcherClient> & { service: _tsorch_v1_DispatcherDefinition }
      HeartbeatRequest: MessageTypeDefinition<_tsorch_v1_HeartbeatRequest, _tsorch_v1_HeartbeatRequest__Output>
      HeartbeatResponse: MessageTypeDefinition<_tsorch_v1_HeartbeatResponse, _tsorch_v1_HeartbeatResponse__Output>
      SessionMessage: MessageTypeDefinition<_tsorch_v1_SessionMessage, _tsorch_v1_SessionMessage__Output>
      SessionRequest: MessageTypeDefinition<_tsorch_v1_SessionRequest, _tsorch_v1_SessionRequest__Output>
      UpdateTaskStatusRequest: MessageTypeDefinition<_tsorch_v1_UpdateTaskStatusRequest, _tsorch_v1_UpdateTaskStatusRequest__Output>
      UpdateTaskStatusResponse: MessageTypeDefinition<_tsorch_v1_UpdateTaskStatusResponse, _tsorch_v1_UpdateTaskStatusResponse__Output>
    }
  }
}

