// Original file: /work/main/proto/tsorch/v1/containers.proto


export interface PauseContainerRequest {
  'container'?: (string);
}

export interface PauseContainerRequest__Output {
  'container': (string);
}
