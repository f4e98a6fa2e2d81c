// Original file: tsorch/v1/dispatcher.proto


export interface UpdateTaskStatusResponse {
  'applied'?: (number);
}

export interface UpdateTaskStatusResponse__Output {
  'applied': (number);
}
