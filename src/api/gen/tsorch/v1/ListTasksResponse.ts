// Original file: tsorch/v1/services.proto

import type { ServiceTask as _tsorch_v1_ServiceTask, ServiceTask__Output as _tsorch_v1_ServiceTask__Output } from '../../tsorch/v1/ServiceTask.js';

export interface ListTasksResponse {
  'tasks'?: (_tsorch_v1_ServiceTask)[];
}

export interface ListTasksResponse__Output {
  'tasks': (_tsorch_v1_ServiceTask__Output)[];
}
