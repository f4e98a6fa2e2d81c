// Original file: tsorch/v1/containers.proto


export interface WaitContainerRequest {
  'container'?: (string);
}

export interface WaitContainerRequest__Output {
  'container': (string);
}
