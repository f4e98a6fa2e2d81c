// Original file: tsorch/v1/containers.proto


export interface PauseContainerRequest {
  'container'?: (string);
}

export interface PauseContainerRequest__Output {
  'container': (string);
}
