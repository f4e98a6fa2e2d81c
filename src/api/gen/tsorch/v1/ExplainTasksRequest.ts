// Original file: tsorch/v1/services.proto


export interface ExplainTasksRequest {
  'service'?: (string);
}

export interface ExplainTasksRequest__Output {
  'service': (string);
}
