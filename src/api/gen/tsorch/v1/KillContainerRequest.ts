// Original file: tsorch/v1/containers.proto


export interface KillContainerRequest {
  'container'?: (string);
  'signal'?: (string);
}

export interface KillContainerRequest__Output {
  'container': (string);
  'signal': (string);
}
