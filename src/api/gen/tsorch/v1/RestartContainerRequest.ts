// Original file: tsorch/v1/containers.proto


export interface RestartContainerRequest {
  'container'?: (string);
  'timeoutS'?: (number);
}

export interface RestartContainerRequest__Output {
  'container': (string);
  'timeoutS': (number);
}
