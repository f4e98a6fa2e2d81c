// Original file: tsorch/v1/dispatcher.proto


export interface AssignmentsRequest {
  'sessionId'?: (string);
}

export interface AssignmentsRequest__Output {
  'sessionId': (string);
}
