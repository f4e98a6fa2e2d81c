// Original file: tsorch/v1/dispatcher.proto

import type { Long } from '@grpc/proto-loader';

export interface _tsorch_v1_UpdateTaskStatusRequest_Update {
  'taskId'?: (string);
  'state'?: (string);
  'timestamp'?: (string);
  'message'?: (string);
  'err'?: (string);
  'containerId'?: (string);
  'pid'?: (number | string | Long);
  'exitCode'?: (number);
  'health'?: (string);
}

export interface _tsorch_v1_UpdateTaskStatusRequest_Update__Output {
  'taskId': (string);
  'state': (string);
  'timestamp': (string);
  'message': (string);
  'err': (string);
  'containerId': (string);
  'pid': (string);
  'exitCode': (number);
  'health': (string);
}

export interface UpdateTaskStatusRequest {
  'sessionId'?: (string);
  'updates'?: (_tsorch_v1_UpdateTaskStatusRequest_Update)[];
}

export interface UpdateTaskStatusRequest__Output {
  'sessionId': (string);
  'updates': (_tsorch_v1_UpdateTaskStatusRequest_Update__Output)[];
}
