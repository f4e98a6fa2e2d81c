// Original file: tsorch/v1/containers.proto


export interface StopContainerRequest {
  'container'?: (string);
  'timeoutS'?: (number);
  'signal'?: (string);
}

export interface StopContainerRequest__Output {
  'container': (string);
  'timeoutS': (number);
  'signal': (string);
}
