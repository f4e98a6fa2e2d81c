// Original file: tsorch/v1/containers.proto


export interface TopContainerRequest {
  'container'?: (string);
}

export interface TopContainerRequest__Output {
  'container': (string);
}
