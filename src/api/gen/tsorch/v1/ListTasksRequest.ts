// Original file: tsorch/v1/services.proto


export interface ListTasksRequest {
  'services'?: (string)[];
  'nodes'?: (string)[];
  'desiredStates'?: (string)[];
  'names'?: (string)[];
}

export interface ListTasksRequest__Output {
  'services': (string)[];
  'nodes': (string)[];
  'desiredStates': (string)[];
  'names': (string)[];
}
