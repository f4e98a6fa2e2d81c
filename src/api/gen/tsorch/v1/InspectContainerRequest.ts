// Original file: tsorch/v1/containers.proto


export interface InspectContainerRequest {
  'container'?: (string);
}

export interface InspectContainerRequest__Output {
  'container': (string);
}
