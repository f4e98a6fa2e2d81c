// Original file: tsorch/v1/dispatcher.proto

import type { Long } from '@grpc/proto-loader';

// Original file: tsorch/v1/dispatcher.proto

export const _tsorch_v1_AssignmentsMessage_Change_Action = {
  UPDATE: 'UPDATE',
  REMOVE: 'REMOVE',
} as const;

export type _tsorch_v1_AssignmentsMessage_Change_Action =
  | 'UPDATE'
  | 0
  | 'REMOVE'
  | 1

export type _tsorch_v1_AssignmentsMessage_Change_Action__Output = typeof _tsorch_v1_AssignmentsMessage_Change_Action[keyof typeof _tsorch_v1_AssignmentsMessage_Change_Action]

export interface _tsorch_v1_AssignmentsMessage_Change {
  'action'?: (_tsorch_v1_AssignmentsMessage_Change_Action);
  'kind'?: (string);
  'id'?: (string);
  'objectJson'?: (Buffer | Uint8Array | string);
}

export interface _tsorch_v1_AssignmentsMessage_Change__Output {
  'action': (_tsorch_v1_AssignmentsMessage_Change_Action__Output);
  'kind': (string);
  'id': (string);
  'objectJson': (Buffer);
}

// Original file: tsorch/v1/dispatcher.proto

export const _tsorch_v1_AssignmentsMessage_Type = {
  COMPLETE: 'COMPLETE',
  INCREMENTAL: 'INCREMENTAL',
} as const;

export type _tsorch_v1_AssignmentsMessage_Type =
  | 'COMPLETE'
  | 0
  | 'INCREMENTAL'
  | 1

export type _tsorch_v1_AssignmentsMessage_Type__Output = typeof _tsorch_v1_AssignmentsMessage_Type[keyof typeof _tsorch_v1_AssignmentsMessage_Type]

export interface AssignmentsMessage {
  'type'?: (_tsorch_v1_AssignmentsMessage_Type);
  'changes'?: (_tsorch_v1_AssignmentsMessage_Change)[];
  'version'?: (number | string | Long);
}

export interface AssignmentsMessage__Output {
  'type': (_tsorch_v1_AssignmentsMessage_Type__Output);
  'changes': (_tsorch_v1_AssignmentsMessage_Change__Output)[];
  'version': (string);
}
