// Original file: tsorch/v1/services.proto

import type { ServiceTaskExplanation as _tsorch_v1_ServiceTaskExplanation, ServiceTaskExplanation__Output as _tsorch_v1_ServiceTaskExplanation__Output } from '../../tsorch/v1/ServiceTaskExplanation.js';

export interface ExplainTasksResponse {
  'tasks'?: (_tsorch_v1_ServiceTaskExplanation)[];
}

export interface ExplainTasksResponse__Output {
  'tasks': (_tsorch_v1_ServiceTaskExplanation__Output)[];
}
