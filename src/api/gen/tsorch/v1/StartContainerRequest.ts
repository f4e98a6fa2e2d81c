// Original file: tsorch/v1/containers.proto


export interface StartContainerRequest {
  'container'?: (string);
}

export interface StartContainerRequest__Output {
  'container': (string);
}
