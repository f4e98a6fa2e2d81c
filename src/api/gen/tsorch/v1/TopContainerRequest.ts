// Original file: /work/main/proto/tsorch/v1/containers.proto


export interface TopContainerRequest {
  'container'?: (string);
}

export interface TopContainerRequest__Output {
  'container': (string);
}
