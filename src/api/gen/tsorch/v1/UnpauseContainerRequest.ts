// Original file: tsorch/v1/containers.proto


export interface UnpauseContainerRequest {
  'container'?: (string);
}

export interface UnpauseContainerRequest__Output {
  'container': (string);
}
